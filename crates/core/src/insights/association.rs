//! How two daily series move together: Spearman's rank correlation over the
//! days both have a value, for "plot any series against any other".
//!
//! A correlation is an association: it says the two went together in this
//! journal, never that one caused the other.

use chrono::NaiveDate;

use super::DailySeries;

/// Fewest paired days a correlation is given for.
pub const MIN_PAIRED_DAYS: usize = 3;

/// Which day of the second series goes with a day of the first.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lag {
    /// The same local day.
    SameDay,
    /// The next local day (the first series on day t, the second on t + 1).
    NextDay,
}

/// Spearman's rho between two series, with the days it rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Association {
    /// Days paired: the first series has a value on the day and the second
    /// on the same or the next day, as asked.
    pub n: usize,
    /// Spearman's rho, −1 to 1; `None` below [`MIN_PAIRED_DAYS`] or when
    /// either series is the same on every paired day (rho is undefined).
    pub rho: Option<f64>,
}

/// The days paired by `lag`: each day of `x` with a value whose partner day
/// (the same, or the next) has a value of `y`, oldest first, with both values.
pub fn paired_days(x: &DailySeries, y: &DailySeries, lag: Lag) -> Vec<(NaiveDate, f64, f64)> {
    x.iter()
        .filter_map(|(day, a)| {
            let other: Option<NaiveDate> = match lag {
                Lag::SameDay => Some(day),
                Lag::NextDay => day.succ_opt(),
            };
            other.and_then(|d| y.get(d)).map(|b| (day, a, b))
        })
        .collect()
}

/// Spearman's rho between `x` and `y` paired by `lag`.
pub fn spearman(x: &DailySeries, y: &DailySeries, lag: Lag) -> Association {
    let pairs: Vec<(f64, f64)> = paired_days(x, y, lag).into_iter().map(|(_, a, b)| (a, b)).collect();
    let rho = if pairs.len() >= MIN_PAIRED_DAYS { rank_correlation(&pairs) } else { None };
    Association { n: pairs.len(), rho }
}

/// Spearman's rho of the pairs: the Pearson correlation of their ranks, tied
/// values sharing the mean of the ranks they span (so it stays exact with
/// ties, where 1 − 6Σd²/(n(n²−1)) would not). `None` when either side is
/// constant or there are fewer than 2 pairs.
pub fn rank_correlation(pairs: &[(f64, f64)]) -> Option<f64> {
    let x = ranks(pairs.iter().map(|p| p.0));
    let y = ranks(pairs.iter().map(|p| p.1));
    let n = x.len() as f64;
    if x.len() < 2 {
        return None;
    }
    // The ranks of either side have the same mean, (n + 1) / 2.
    let mean = (n + 1.0) / 2.0;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(&y) {
        sxy += (a - mean) * (b - mean);
        sxx += (a - mean) * (a - mean);
        syy += (b - mean) * (b - mean);
    }
    (sxx > 0.0 && syy > 0.0).then(|| (sxy / (sxx * syy).sqrt()).clamp(-1.0, 1.0))
}

/// Ranks from 1, ties given the mean of the ranks they span.
fn ranks(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let values: Vec<f64> = values.collect();
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && values[order[end]] == values[order[start]] {
            end += 1;
        }
        // Positions start..end hold ranks start + 1 ..= end.
        let shared = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = shared;
        }
        start = end;
    }
    ranks
}
