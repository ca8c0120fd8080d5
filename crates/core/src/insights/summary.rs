//! Summaries of session days by route, medication and dose band.

use std::collections::BTreeMap;

use super::{Censor, Held, MIN_SESSION_DAYS, Measure, SessionDay, TOLERANCE};
use crate::model::{Medication, Route};

/// Width of a dose band in mg/kg.
pub const MG_PER_KG_BAND: f64 = 0.1;
/// Width of a dose band in estimated bioavailable mg.
pub const BIOAVAILABLE_MG_BAND: u32 = 25;

/// What session days are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Group {
    /// Session days with a session by this route.
    Route(Route),
    /// Session days with a session of this medication.
    Medication(Medication),
    /// Session days whose dose was at least `tenths` / 10 mg/kg and below
    /// (`tenths` + 1) / 10.
    MgPerKg {
        /// The band's lower bound in tenths of a mg/kg.
        tenths: u32,
    },
    /// Session days whose estimated bioavailable dose was at least `from` mg
    /// and below `from` + 25 mg.
    BioavailableMg {
        /// The band's lower bound in mg, a multiple of 25.
        from: u32,
    },
}

impl Group {
    /// The band of a day's mg/kg: a dose on a bound belongs to the band it
    /// starts (0.5 mg/kg is in 0.5–0.6).
    pub fn mg_per_kg(mg_per_kg: f64) -> Self {
        Self::MgPerKg { tenths: band_index(mg_per_kg, MG_PER_KG_BAND) }
    }

    /// The band of a day's bioavailable mg: 25 mg is in 25–50.
    pub fn bioavailable_mg(mg: f64) -> Self {
        Self::BioavailableMg { from: band_index(mg, f64::from(BIOAVAILABLE_MG_BAND)) * BIOAVAILABLE_MG_BAND }
    }

    /// For a dose band, its lower bound (included) and upper bound (not).
    pub fn dose_band(self) -> Option<(f64, f64)> {
        match self {
            Self::MgPerKg { tenths } => Some((f64::from(tenths) / 10.0, f64::from(tenths + 1) / 10.0)),
            Self::BioavailableMg { from } => Some((f64::from(from), f64::from(from + BIOAVAILABLE_MG_BAND))),
            Self::Route(_) | Self::Medication(_) => None,
        }
    }

    /// For a dose band, its unit: `mg/kg` or `bioavailable mg`.
    pub fn dose_unit(self) -> Option<&'static str> {
        match self {
            Self::MgPerKg { .. } => Some("mg/kg"),
            Self::BioavailableMg { .. } => Some("bioavailable mg"),
            Self::Route(_) | Self::Medication(_) => None,
        }
    }

    /// Sort key: routes and medications in the order of their variants,
    /// mg/kg bands before bioavailable-mg bands, each ascending.
    fn order(self) -> (u8, u32) {
        match self {
            Self::Route(route) => (0, route_rank(route)),
            Self::Medication(medication) => (1, medication_rank(medication)),
            Self::MgPerKg { tenths } => (2, tenths),
            Self::BioavailableMg { from } => (3, from),
        }
    }
}

fn route_rank(route: Route) -> u32 {
    match route {
        Route::Iv => 0,
        Route::Im => 1,
        Route::Intranasal => 2,
        Route::Sublingual => 3,
        Route::Oral => 4,
        Route::Rectal => 5,
        Route::Other => 6,
    }
}

fn medication_rank(medication: Medication) -> u32 {
    match medication {
        Medication::RacemicKetamine => 0,
        Medication::Esketamine => 1,
        Medication::Other => 2,
    }
}

/// Which band of `width` holds `value`. The tolerance keeps a value on a
/// bound in the band it starts although its arithmetic fell a hair short
/// (49 mg ÷ 70 kg is 0.7 mg/kg, computed as 0.6999…).
fn band_index(value: f64, width: f64) -> u32 {
    let index = (value / width + TOLERANCE).floor();
    // A dose is positive and at most a few hundred mg/kg or mg: far inside u32.
    if index <= 0.0 { 0 } else { index.min(f64::from(u32::MAX)) as u32 }
}

/// The median and quartiles of a list of changes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// First quartile.
    pub q1: f64,
    /// Median.
    pub median: f64,
    /// Third quartile.
    pub q3: f64,
}

impl Spread {
    /// The spread of `values`, or `None` below [`MIN_SESSION_DAYS`] values.
    fn of(values: &mut [f64]) -> Option<Self> {
        if values.len() < MIN_SESSION_DAYS {
            return None;
        }
        values.sort_by(f64::total_cmp);
        Some(Self { q1: quantile(values, 0.25)?, median: quantile(values, 0.5)?, q3: quantile(values, 0.75)? })
    }
}

/// The `p`-quantile (0 ≤ p ≤ 1) of `sorted` (ascending) by linear
/// interpolation between order statistics — Hyndman and Fan's type 7, the
/// default of R, NumPy and spreadsheets' QUARTILE.INC: with n values
/// x₀ ≤ … ≤ xₙ₋₁, h = (n − 1)·p and the quantile is
/// x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋). The median is the middle value, or the
/// mean of the two middle values. `None` for an empty list.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = last as f64 * p.clamp(0.0, 1.0);
    let below = (h.floor() as usize).min(last);
    let above = (below + 1).min(last);
    Some(sorted[below] + (h - below as f64) * (sorted[above] - sorted[below]))
}

/// One measure over a group of session days.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// The measure.
    pub measure: Measure,
    /// Session days with a change (a before and an after).
    pub n: usize,
    /// Median and quartiles of those changes (positive meaning better);
    /// `None` below [`MIN_SESSION_DAYS`].
    pub change: Option<Spread>,
    /// Session days whose change was positive: those with a held-for.
    pub improved: usize,
    /// Of those, the ones whose gain ended within the days observed.
    pub ended: usize,
    /// Median held-for of those; `None` below [`MIN_SESSION_DAYS`].
    pub median_held_days: Option<f64>,
    /// Of the improved, the ones still holding when observation stopped.
    pub censored: usize,
    /// Of the censored, the ones stopped by the next session day (the rest
    /// by the end of the data).
    pub censored_by_next_session: usize,
}

impl Summary {
    fn of<'a>(measure: Measure, days: impl Iterator<Item = &'a SessionDay>) -> Self {
        let mut changes = Vec::new();
        let mut held_days = Vec::new();
        let (mut censored, mut censored_by_next_session) = (0, 0);
        for effect in days.map(|d| d.effect(measure)) {
            changes.extend(effect.change);
            match effect.held {
                Some(Held::Days(days)) => held_days.push(f64::from(days)),
                Some(Held::AtLeast { by, .. }) => {
                    censored += 1;
                    censored_by_next_session += usize::from(by == Censor::NextSession);
                }
                None => {}
            }
        }
        Self {
            measure,
            n: changes.len(),
            change: Spread::of(&mut changes),
            improved: held_days.len() + censored,
            ended: held_days.len(),
            median_held_days: Spread::of(&mut held_days).map(|s| s.median),
            censored,
            censored_by_next_session,
        }
    }
}

/// The summaries of one group, one per measure.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSummary {
    /// The group.
    pub group: Group,
    /// Session days in the group, with a change or not.
    pub session_days: usize,
    /// One summary per measure, in the order of [`Measure::ALL`].
    pub summaries: [Summary; 3],
}

impl GroupSummary {
    /// The summary of `measure`.
    pub fn summary(&self, measure: Measure) -> &Summary {
        &self.summaries[measure as usize]
    }
}

/// The groups a session day belongs to: each of its routes and
/// medications, its mg/kg band when its weight is known, its bioavailable
/// band when every session has an estimate.
fn groups_of(day: &SessionDay) -> impl Iterator<Item = Group> + '_ {
    let routes = day.routes.iter().map(|r| Group::Route(*r));
    let medications = day.medications.iter().map(|m| Group::Medication(*m));
    let doses = day.mg_per_kg.map(Group::mg_per_kg).into_iter().chain(day.bioavailable_mg.map(Group::bioavailable_mg));
    routes.chain(medications).chain(doses)
}

/// The summaries by route, by medication and by dose band.
pub(super) fn by_group(days: &[SessionDay]) -> (Vec<GroupSummary>, Vec<GroupSummary>, Vec<GroupSummary>) {
    let mut members: BTreeMap<(u8, u32), (Group, Vec<&SessionDay>)> = BTreeMap::new();
    for day in days {
        for group in groups_of(day) {
            members.entry(group.order()).or_insert_with(|| (group, Vec::new())).1.push(day);
        }
    }
    let (mut by_route, mut by_medication, mut by_dose) = (Vec::new(), Vec::new(), Vec::new());
    for (group, days) in members.into_values() {
        let summary = GroupSummary {
            group,
            session_days: days.len(),
            summaries: Measure::ALL.map(|m| Summary::of(m, days.iter().copied())),
        };
        match group {
            Group::Route(_) => by_route.push(summary),
            Group::Medication(_) => by_medication.push(summary),
            Group::MgPerKg { .. } | Group::BioavailableMg { .. } => by_dose.push(summary),
        }
    }
    (by_route, by_medication, by_dose)
}
