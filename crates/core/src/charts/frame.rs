//! What every chart shares: the SVG canvas, the time axis, panels, the
//! legend, session markers, the empty state and the colours.

use std::ops::Range;

use chrono::{Datelike, Days, Months, NaiveDate, Timelike};
use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{ChartError, DateRange, format_number};
use crate::fonts;
use crate::time::Timestamp;

/// Width of every chart, CSS pixels.
pub(super) const WIDTH: u32 = 720;
/// Left edge of the plotting area: the y label area plus the margin.
const Y_LABEL_AREA: u32 = 60;
const LEFT_MARGIN: u32 = 4;

// Colours chosen to stay apart for the common colour-vision deficiencies and
// to read on the white card the chart always has.
pub(super) const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
pub(super) const MUTED: RGBColor = RGBColor(0x5f, 0x63, 0x68);
pub(super) const GRID: RGBColor = RGBColor(0xe3, 0xe5, 0xe8);
pub(super) const AXIS: RGBColor = RGBColor(0x8a, 0x8f, 0x96);
pub(super) const BLUE: RGBColor = RGBColor(0x1f, 0x5f, 0xa8);
pub(super) const ORANGE: RGBColor = RGBColor(0xc8, 0x59, 0x0a);
pub(super) const GREEN: RGBColor = RGBColor(0x2e, 0x7d, 0x32);
pub(super) const PURPLE: RGBColor = RGBColor(0x6a, 0x3d, 0x9a);
pub(super) const RED: RGBColor = RGBColor(0xb7, 0x1c, 0x1c);
pub(super) const WARNING_TINT: RGBColor = RGBColor(0xfb, 0xe3, 0xe1);
pub(super) const SESSION: RGBColor = RGBColor(0x45, 0x4b, 0x55);

/// A failure inside a drawing closure, carried out as text.
pub(super) struct Fail(String);

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for Fail {
    fn from(err: DrawingAreaErrorKind<E>) -> Self {
        Self(err.to_string())
    }
}

/// A linear axis whose grid lines and labels sit exactly at chosen values
/// (month starts, band boundaries) rather than at plotters' round numbers.
#[derive(Clone)]
pub(super) struct Ticked {
    range: Range<f64>,
    ticks: Vec<f64>,
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.range.end - self.range.start;
        if span <= 0.0 {
            return (limit.0 + limit.1) / 2;
        }
        let share = (value - self.range.start) / span;
        let pixels = f64::from(limit.1 - limit.0);
        if pixels >= 0.0 {
            limit.0 + (pixels * share + 1e-3).floor() as i32
        } else {
            limit.0 + (pixels * share - 1e-3).ceil() as i32
        }
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.max_num_points() == 0 { Vec::new() } else { self.ticks.clone() }
    }

    fn range(&self) -> Range<f64> {
        self.range.clone()
    }
}

/// The root drawing area of a chart.
pub(super) type Canvas<'b> = DrawingArea<SVGBackend<'b>, Shift>;

/// A time-series panel: days on x, values on y.
pub(super) type Panel<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<Ticked, Ticked>>;

/// Draws a chart of `height` pixels on a white card and returns the SVG.
pub(super) fn render(
    chart: &'static str,
    height: u32,
    draw: impl FnOnce(&Canvas<'_>) -> Result<(), Fail>,
) -> Result<String, ChartError> {
    if !fonts::register_with_plotters() {
        return Err(ChartError::Font);
    }
    let mut svg = String::new();
    let result = (|| {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&WHITE)?;
        draw(&root)?;
        root.present()?;
        Ok::<(), Fail>(())
    })();
    result.map_err(|Fail(reason)| ChartError::Draw { chart, reason })?;
    Ok(svg)
}

/// plotters divides a font's nominal size by this to get its size in
/// pixels (`font-size` in the SVG).
const PLOTTERS_SIZE_PER_PIXEL: f64 = 1.24;

/// The bundled face at plotters' nominal `size` (`size / 1.24` pixels), in ink.
pub(super) fn font(size: f64) -> TextStyle<'static> {
    (fonts::FAMILY, size).into_font().color(&INK)
}

/// Width in pixels of `text` set at plotters' nominal `size`.
pub(super) fn text_width(text: &str, size: f64) -> i32 {
    let px = (size / PLOTTERS_SIZE_PER_PIXEL) as f32;
    fonts::regular().map_or(text.chars().count() as f32 * px * 0.6, |m| m.width(text, px)).ceil() as i32
}

/// `color` mixed with white: an opaque light shade. Opaque, unlike an
/// alpha mix, so that a PDF viewer does not composite a transparency group
/// per mark.
pub(super) fn lighten(color: RGBColor, amount: f64) -> RGBColor {
    let mix = |c: u8| (f64::from(c) + (255.0 - f64::from(c)) * amount).round() as u8;
    RGBColor(mix(color.0), mix(color.1), mix(color.2))
}

/// Days on the x axis: day `n` of the range spans `n..n+1`.
pub(super) struct TimeAxis {
    from: NaiveDate,
    days: f64,
    ticks: Vec<f64>,
    format: &'static str,
}

impl TimeAxis {
    /// An axis for `range` with about eight labelled ticks at most: days,
    /// Mondays, or the first of a month, whichever reads best for the span.
    /// Ticks sit at the middle of their day, where that day's values are drawn.
    pub(super) fn new(range: DateRange) -> Self {
        let from = range.from();
        let days = range.days();
        let offset = |day: NaiveDate| (day - from).num_days() as f64;
        let (ticks, format) = if days <= 14 {
            let step = ((days + 7) / 8).max(1);
            ((0..days).step_by(step as usize).map(|d| d as f64 + 0.5).collect(), "%-d %b")
        } else if days <= 92 {
            let weeks = (days + 6) / 7;
            let step = ((weeks + 7) / 8).max(1) as usize;
            let first_monday = (0..7).find(|&d| (from + Days::new(d)).weekday() == chrono::Weekday::Mon).unwrap_or(0);
            let ticks = (first_monday..days as u64).step_by(7 * step).map(|d| d as f64 + 0.5).collect();
            (ticks, "%-d %b")
        } else {
            let months = days / 30 + 1;
            let step = [1, 2, 3, 4, 6, 12, 24, 36, 60, 120].into_iter().find(|s| months / s <= 8).unwrap_or(240);
            let mut first = from.with_day(1).unwrap_or(from);
            if first < from {
                first = first + Months::new(1);
            }
            // Align yearly and longer steps to January, and others to a
            // month whose number is a multiple of the step.
            while (first.month0() as i64) % step.min(12) != 0 {
                first = first + Months::new(1);
            }
            let mut ticks = Vec::new();
            let mut tick = first;
            while tick <= range.to() {
                ticks.push(offset(tick) + 0.5);
                tick = tick + Months::new(step as u32);
            }
            (ticks, if step >= 12 { "%Y" } else { "%b %Y" })
        };
        Self { from, days: days as f64, ticks, format }
    }

    /// The middle of a local day.
    pub(super) fn day(&self, day: NaiveDate) -> f64 {
        (day - self.from).num_days() as f64 + 0.5
    }

    /// A moment, placed by its local day and time of day.
    pub(super) fn moment(&self, at: Timestamp) -> f64 {
        let local = at.datetime();
        (at.local_day() - self.from).num_days() as f64 + f64::from(local.num_seconds_from_midnight()) / 86_400.0
    }

    /// The label of a tick.
    fn label(&self, x: f64) -> String {
        let day = self.from + Days::new(x.max(0.0).floor() as u64);
        day.format(self.format).to_string()
    }

    /// Number of days shown.
    pub(super) fn days(&self) -> f64 {
        self.days
    }
}

/// The y axis of a panel.
pub(super) struct YAxis<'s> {
    /// Values shown.
    pub range: Range<f64>,
    /// Where grid lines and labels go.
    pub ticks: Vec<f64>,
    /// Axis title ("score", "mg").
    pub title: &'s str,
    /// Decimals in tick labels.
    pub decimals: usize,
}

impl YAxis<'_> {
    /// Ticks every `step` from the bottom of `range` to its top.
    pub(super) fn stepped(range: Range<f64>, step: f64, title: &str, decimals: usize) -> YAxis<'_> {
        let count = ((range.end - range.start) / step).floor() as usize;
        let ticks = (0..=count).map(|i| range.start + step * i as f64).collect();
        YAxis { range, ticks, title, decimals }
    }
}

/// How a panel is laid out.
#[derive(Clone, Copy)]
pub(super) struct PanelLayout {
    /// Whether the date labels are drawn under this panel.
    pub x_labels: bool,
    /// Space to the right of the plotting area, for band names.
    pub right: u32,
    /// Text for y tick labels instead of numbers (category rows).
    pub y_names: Option<&'static [&'static str]>,
}

impl PanelLayout {
    pub(super) const BOTTOM: Self = Self { x_labels: true, right: 24, y_names: None };
    pub(super) const ABOVE: Self = Self { x_labels: false, right: 24, y_names: None };
}

/// A panel with its grid and axes drawn.
pub(super) fn panel<'a, 'b>(
    area: &'a Canvas<'b>,
    axis: &TimeAxis,
    y: &YAxis<'_>,
    layout: PanelLayout,
) -> Result<Panel<'a, 'b>, Fail> {
    let mut chart = ChartBuilder::on(area)
        .margin_top(8)
        .margin_left(LEFT_MARGIN)
        .margin_right(layout.right)
        .margin_bottom(if layout.x_labels { 0 } else { 6 })
        .x_label_area_size(if layout.x_labels { 24 } else { 0 })
        .y_label_area_size(Y_LABEL_AREA)
        .build_cartesian_2d(
            Ticked { range: 0.0..axis.days, ticks: axis.ticks.clone() },
            Ticked { range: y.range.clone(), ticks: y.ticks.clone() },
        )?;
    let x_label = |x: &f64| axis.label(*x);
    let decimals = y.decimals;
    let y_label = |v: &f64| match layout.y_names {
        Some(names) => names.get(v.round().max(0.0) as usize).copied().unwrap_or("").to_owned(),
        None => format_number(*v, decimals),
    };
    let mut mesh = chart.configure_mesh();
    mesh.x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .bold_line_style(GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(AXIS.stroke_width(1))
        .label_style(font(14.5).color(&MUTED))
        .axis_desc_style(font(14.5).color(&MUTED))
        .y_desc(y.title);
    if !layout.x_labels {
        mesh.x_labels(0);
    }
    mesh.draw()?;
    Ok(chart)
}

/// How a legend entry is drawn.
#[derive(Clone, Copy)]
pub(super) enum Mark {
    /// A solid line.
    Line(RGBColor),
    /// A dashed line.
    Dashed(RGBColor),
    /// A filled dot.
    Dot(RGBColor),
    /// A hollow circle.
    Ring(RGBColor),
    /// A session marker (a triangle).
    Triangle(RGBColor),
    /// A filled block (a shaded area).
    Block(RGBColor),
}

const LEGEND_FONT: f64 = 15.5;
const LEGEND_ROW: u32 = 22;

/// Where each legend entry goes: (row, x of the swatch), wrapping to a new
/// row rather than running off the chart.
fn legend_positions(entries: &[(Mark, &str)]) -> Vec<(u32, i32)> {
    let start = (LEFT_MARGIN + Y_LABEL_AREA) as i32;
    let limit = WIDTH as i32 - 8;
    let mut row = 0;
    let mut x = start;
    entries
        .iter()
        .map(|(_, label)| {
            let width = 24 + text_width(label, LEGEND_FONT);
            if x > start && x + width > limit {
                row += 1;
                x = start;
            }
            let at = (row, x);
            x += width + 20;
            at
        })
        .collect()
}

/// Height of the legend strip for `entries`.
pub(super) fn legend_height(entries: &[(Mark, &str)]) -> u32 {
    let rows = legend_positions(entries).last().map_or(0, |(row, _)| row + 1);
    rows * LEGEND_ROW + 8
}

/// The entries across the top of the chart, aligned with the plot.
fn legend(area: &Canvas<'_>, entries: &[(Mark, &str)]) -> Result<(), Fail> {
    for (&(mark, label), (row, x)) in entries.iter().zip(legend_positions(entries)) {
        let y = (row * LEGEND_ROW + LEGEND_ROW / 2 + 4) as i32;
        match mark {
            Mark::Line(c) => area.draw(&PathElement::new(vec![(x, y), (x + 18, y)], c.stroke_width(2)))?,
            Mark::Dashed(c) => {
                for start in [x, x + 7, x + 14] {
                    area.draw(&PathElement::new(vec![(start, y), (start + 4, y)], c.stroke_width(2)))?;
                }
            }
            Mark::Dot(c) => area.draw(&Circle::new((x + 9, y), 4, c.filled()))?,
            Mark::Ring(c) => area.draw(&Circle::new((x + 9, y), 4, c.stroke_width(2)))?,
            Mark::Triangle(c) => area.draw(&TriangleMarker::new((x + 9, y), 5, c.filled()))?,
            Mark::Block(c) => area.draw(&Rectangle::new([(x + 2, y - 6), (x + 16, y + 6)], c.filled()))?,
        }
        area.draw(&Text::new(
            label.to_owned(),
            (x + 24, y),
            font(LEGEND_FONT).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    Ok(())
}

/// Splits the canvas into the legend strip and the area for panels.
pub(super) fn with_legend<'b>(root: &Canvas<'b>, entries: &[(Mark, &str)]) -> Result<Canvas<'b>, Fail> {
    let (top, rest) = root.split_vertically(legend_height(entries));
    legend(&top, entries)?;
    Ok(rest)
}

/// Writes `text` in the middle of an empty panel.
pub(super) fn empty_note(panel: &Panel<'_, '_>, text: &str) -> Result<(), Fail> {
    const SIZE: f64 = 18.0;
    let area = panel.plotting_area().strip_coord_spec();
    let (w, h) = area.dim_in_pixel();
    let (cx, cy) = (w as i32 / 2, h as i32 / 2);
    // A white plate keeps the words legible over band shading and grid.
    let half_width = text_width(text, SIZE) / 2 + 10;
    area.draw(&Rectangle::new([(cx - half_width, cy - 13), (cx + half_width, cy + 13)], WHITE.filled()))?;
    area.draw(&Text::new(
        text.to_owned(),
        (cx, cy),
        font(SIZE).color(&MUTED).pos(Pos::new(HPos::Center, VPos::Center)),
    ))?;
    Ok(())
}

/// Marks sessions along the bottom of a panel, at y = `base`.
pub(super) fn session_marks(panel: &mut Panel<'_, '_>, xs: &[f64], base: f64) -> Result<(), Fail> {
    panel.draw_series(
        xs.iter().map(|&x| EmptyElement::at((x, base)) + TriangleMarker::new((0, -5), 5, SESSION.filled())),
    )?;
    Ok(())
}

/// Nominal size of labels drawn right of the plot ([`right_label`]).
pub(super) const RIGHT_LABEL_FONT: f64 = 14.5;

/// Draws `label` just right of the plotting area, level with value `y`.
pub(super) fn right_label(
    root: &Canvas<'_>,
    panel: &Panel<'_, '_>,
    y: f64,
    label: &str,
    color: RGBColor,
) -> Result<(), Fail> {
    let (px, py) = panel.backend_coord(&(panel.x_range().end, y));
    let (ox, oy) = root.get_base_pixel();
    root.draw(&Text::new(
        label.to_owned(),
        (px - ox + 6, py - oy),
        font(RIGHT_LABEL_FONT).color(&color).pos(Pos::new(HPos::Left, VPos::Center)),
    ))?;
    Ok(())
}

/// Splits a series with gaps into runs to draw as separate lines.
pub(super) fn runs(points: impl IntoIterator<Item = Option<(f64, f64)>>) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for point in points {
        match (point, out.last_mut()) {
            (Some(p), Some(run)) => run.push(p),
            (None, Some(run)) if !run.is_empty() => out.push(Vec::new()),
            _ => {}
        }
    }
    out.retain(|run| !run.is_empty());
    out
}

/// Draws a series as lines (where it is continuous) and dots (always, so a
/// lone point still shows).
pub(super) fn line_with_dots(
    panel: &mut Panel<'_, '_>,
    points: &[(f64, f64)],
    color: RGBColor,
    dot: i32,
) -> Result<(), Fail> {
    panel.draw_series(LineSeries::new(points.iter().copied(), color.stroke_width(2)))?;
    panel.draw_series(points.iter().map(|&p| Circle::new(p, dot, color.filled())))?;
    Ok(())
}

/// Rounds `value` up to the next multiple of `step` (at least `step`).
pub(super) fn ceil_to(value: f64, step: f64) -> f64 {
    ((value / step).ceil() * step).max(step)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(a: &str, b: &str) -> DateRange {
        DateRange::new(crate::time::parse_day(a).unwrap(), crate::time::parse_day(b).unwrap()).unwrap()
    }

    #[test]
    fn ticks_suit_the_span() {
        let week = TimeAxis::new(range("2026-03-01", "2026-03-07"));
        assert_eq!(week.ticks.len(), 7);
        assert_eq!(week.ticks[0], 0.5);
        assert_eq!(week.label(week.ticks[0]), "1 Mar");
        let quarter = TimeAxis::new(range("2026-01-01", "2026-03-31"));
        assert!(quarter.ticks.iter().all(|&t| quarter.label(t).len() <= 6));
        assert!(quarter.ticks.len() <= 13);
        let year = TimeAxis::new(range("2025-11-22", "2026-11-21"));
        assert!(year.ticks.len() <= 8, "{:?}", year.ticks);
        assert_eq!(year.label(year.ticks[0]), "Jan 2026");
        let decade = TimeAxis::new(range("2016-11-22", "2026-11-21"));
        assert!(decade.ticks.len() <= 10);
        assert_eq!(decade.label(decade.ticks[0]), "2017");
    }

    #[test]
    fn a_long_legend_wraps_inside_the_chart() {
        assert!(fonts::register_with_plotters());
        let long = [(Mark::Dot(RED), "a rather long legend label"); 5];
        let positions = legend_positions(&long);
        assert!(positions.iter().any(|(row, _)| *row > 0));
        for ((_, label), (_, x)) in long.iter().zip(&positions) {
            assert!(x + 24 + text_width(label, LEGEND_FONT) <= WIDTH as i32);
        }
        assert_eq!(legend_height(&long[..1]), LEGEND_ROW + 8);
    }

    #[test]
    fn runs_break_at_gaps() {
        let r = runs([Some((0.0, 1.0)), None, None, Some((3.0, 2.0)), Some((4.0, 2.0)), None]);
        assert_eq!(r, vec![vec![(0.0, 1.0)], vec![(3.0, 2.0), (4.0, 2.0)]]);
        assert!(runs([None, None]).is_empty());
    }
}
