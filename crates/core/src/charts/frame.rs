//! What every chart shares: the SVG canvas, the time axis, panels, the
//! legend, session markers, the empty state, and the marks that stand for a
//! week or month when days are too narrow for a mark each.
//!
//! Every panel's plotting area starts [`PLOT_LEFT`] pixels from the chart's
//! left edge and is [`PLOT_WIDTH`] pixels wide, whatever the panel holds:
//! the y labels have a fixed area on the left, and band names and guide
//! labels a fixed gutter on the right. So a day is at the same x in every
//! panel of a chart, and in every chart shown one above another.

use std::ops::Range;

use chrono::{Datelike, Days, Months, NaiveDate, Timelike};
use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::palette::Palette;
use super::periods::{self, Detail, Period};
use super::svg::Svg;
use super::{ChartError, DateRange, format_number};
use crate::fonts;
use crate::time::Timestamp;

/// Width of every chart, CSS pixels.
pub(super) const WIDTH: u32 = 720;
/// Left of the plotting area: the margin, then the y labels and axis title.
const LEFT_MARGIN: u32 = 4;
const Y_LABEL_AREA: u32 = 60;
/// Right of the plotting area, for band names and guide labels; charts with
/// none keep it too, so that every chart's time axis is in the same place.
const RIGHT_GUTTER: u32 = 80;
/// Where every plotting area starts, pixels from the left edge.
pub(super) const PLOT_LEFT: u32 = LEFT_MARGIN + Y_LABEL_AREA;
/// Width of every plotting area.
pub(super) const PLOT_WIDTH: u32 = WIDTH - PLOT_LEFT - RIGHT_GUTTER;
/// Above each panel's plotting area.
const PANEL_TOP: u32 = 8;
/// Below a panel without date labels.
const PANEL_GAP: u32 = 6;
/// Below the bottom panel, for the date labels.
const X_LABEL_AREA: u32 = 24;
/// How far toward the card a period's range is shaded: quiet, yet its own
/// series' line stays at 3:1 on it (`palette` tests).
pub(super) const RANGE_SHADE: f64 = 0.75;

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
pub(super) type Canvas<'b> = DrawingArea<Svg<'b>, Shift>;

/// A time-series panel: days on x, values on y.
pub(super) type Panel<'a, 'b> = ChartContext<'a, Svg<'b>, Cartesian2d<Ticked, Ticked>>;

/// Draws a chart of `height` pixels on a card of the palette and returns the SVG.
pub(super) fn render(
    chart: &'static str,
    height: u32,
    palette: &Palette,
    draw: impl FnOnce(&Canvas<'_>) -> Result<(), Fail>,
) -> Result<String, ChartError> {
    if !fonts::register_with_plotters() {
        return Err(ChartError::Font);
    }
    let mut svg = String::new();
    let result = (|| {
        let root = Svg::new(&mut svg, (WIDTH, height)).into_drawing_area();
        root.fill(&palette.card)?;
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

/// The bundled face at plotters' nominal `size` (`size / 1.24` pixels).
pub(super) fn font(size: f64, color: RGBColor) -> TextStyle<'static> {
    (fonts::FAMILY, size).into_font().color(&color)
}

/// Width in pixels of `text` set at plotters' nominal `size`.
fn text_width(text: &str, size: f64) -> i32 {
    let px = (size / PLOTTERS_SIZE_PER_PIXEL) as f32;
    fonts::regular().map_or(text.chars().count() as f32 * px * 0.6, |m| m.width(text, px)).ceil() as i32
}

/// Days on the x axis: day `n` of the range spans `n..n+1`.
pub(super) struct TimeAxis {
    from: NaiveDate,
    days: f64,
    ticks: Vec<f64>,
    format: &'static str,
    detail: Detail,
    range: DateRange,
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
        Self { from, days: days as f64, ticks, format, detail: Detail::of(range), range }
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

    /// From the start of `first` to the end of `last`.
    pub(super) fn span(&self, first: NaiveDate, last: NaiveDate) -> Range<f64> {
        (first - self.from).num_days() as f64..(last - self.from).num_days() as f64 + 1.0
    }

    /// The weeks or months of the range, as its detail has them, holding
    /// at least one of `values` ([`periods::periods`]).
    pub(super) fn periods(&self, values: impl IntoIterator<Item = (NaiveDate, f64)>) -> Vec<Period> {
        periods::periods(self.detail, self.range, values)
    }

    /// The middle of a period's days.
    pub(super) fn middle(&self, period: &Period) -> f64 {
        let span = self.span(period.first, period.last);
        (span.start + span.end) / 2.0
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

    /// Days one pixel of the plotting area covers.
    pub(super) fn days_per_pixel(&self) -> f64 {
        self.days / f64::from(PLOT_WIDTH)
    }

    /// Whether values get a mark each or a mark per week or month.
    pub(super) fn detail(&self) -> Detail {
        self.detail
    }
}

/// The y axis of a panel.
pub(super) struct YAxis<'s> {
    /// Values shown.
    pub range: Range<f64>,
    /// Where grid lines and labels go.
    pub ticks: Vec<f64>,
    /// Axis title ("score", "mg"); may be empty.
    pub title: &'s str,
    /// Decimals in tick labels.
    pub decimals: usize,
}

impl YAxis<'_> {
    /// Ticks every `step` from the bottom of `range` to its top.
    pub(super) fn stepped(range: Range<f64>, step: f64, title: &str, decimals: usize) -> YAxis<'_> {
        let count = ((range.end - range.start) / step + 1e-9).floor() as usize;
        let ticks = (0..=count).map(|i| range.start + step * i as f64).collect();
        YAxis { range, ticks, title, decimals }
    }
}

/// How a panel is laid out.
#[derive(Clone, Copy)]
pub(super) struct PanelLayout {
    /// Whether the date labels are drawn under this panel.
    pub x_labels: bool,
    /// Text for y tick labels instead of numbers (category rows).
    pub y_names: Option<&'static [&'static str]>,
}

impl PanelLayout {
    pub(super) const BOTTOM: Self = Self { x_labels: true, y_names: None };
    pub(super) const ABOVE: Self = Self { x_labels: false, y_names: None };
}

/// Splits `area` into panels stacked top to bottom, whose plotting areas'
/// heights are in the proportions of `weights`; the last panel is the one
/// to draw with the date labels ([`PanelLayout::BOTTOM`]).
pub(super) fn stack<'b>(area: &Canvas<'b>, weights: &[u32]) -> Vec<Canvas<'b>> {
    let height = i64::from(area.dim_in_pixel().1);
    let above = i64::from(PANEL_TOP + PANEL_GAP);
    let panels = weights.len() as i64;
    let plots = height - above * (panels - 1) - i64::from(PANEL_TOP + X_LABEL_AREA);
    let total = i64::from(weights.iter().sum::<u32>().max(1));
    let mut y = 0;
    let breaks: Vec<i32> = weights[..weights.len().saturating_sub(1)]
        .iter()
        .map(|&w| {
            y += plots * i64::from(w) / total + above;
            y as i32
        })
        .collect();
    area.split_by_breakpoints([] as [i32; 0], breaks)
}

/// A panel with its grid and axes drawn.
pub(super) fn panel<'a, 'b>(
    area: &'a Canvas<'b>,
    axis: &TimeAxis,
    y: &YAxis<'_>,
    layout: PanelLayout,
    palette: &Palette,
) -> Result<Panel<'a, 'b>, Fail> {
    let x = Ticked { range: 0.0..axis.days, ticks: axis.ticks.clone() };
    panel_on(area, x, &|x| axis.label(x), y, layout, palette)
}

/// A panel whose x axis is not a time axis: `x` runs over `range` with grid
/// lines and labels (`label` of the value) at `ticks`. Laid out as every
/// other panel, so its plotting area is in the same place.
pub(super) fn value_panel<'a, 'b>(
    area: &'a Canvas<'b>,
    (range, ticks): (Range<f64>, Vec<f64>),
    label: &dyn Fn(f64) -> String,
    y: &YAxis<'_>,
    palette: &Palette,
) -> Result<Panel<'a, 'b>, Fail> {
    panel_on(area, Ticked { range, ticks }, label, y, PanelLayout::BOTTOM, palette)
}

fn panel_on<'a, 'b>(
    area: &'a Canvas<'b>,
    x: Ticked,
    label: &dyn Fn(f64) -> String,
    y: &YAxis<'_>,
    layout: PanelLayout,
    palette: &Palette,
) -> Result<Panel<'a, 'b>, Fail> {
    let mut chart = ChartBuilder::on(area)
        .margin_top(PANEL_TOP)
        .margin_left(LEFT_MARGIN)
        .margin_right(RIGHT_GUTTER)
        .margin_bottom(if layout.x_labels { 0 } else { PANEL_GAP })
        .x_label_area_size(if layout.x_labels { X_LABEL_AREA } else { 0 })
        .y_label_area_size(Y_LABEL_AREA)
        .build_cartesian_2d(x, Ticked { range: y.range.clone(), ticks: y.ticks.clone() })?;
    let x_label = |x: &f64| label(*x);
    let decimals = y.decimals;
    let y_label = |v: &f64| match layout.y_names {
        Some(names) => names.get(v.round().max(0.0) as usize).copied().unwrap_or("").to_owned(),
        None => format_number(*v, decimals),
    };
    let mut mesh = chart.configure_mesh();
    mesh.x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .bold_line_style(palette.grid.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(palette.axis.stroke_width(1))
        .label_style(font(14.5, palette.muted))
        .axis_desc_style(font(14.5, palette.muted))
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
    /// A short upright bar: a week's or month's tick.
    Tick(RGBColor),
    /// A filled block (a shaded area).
    Block(RGBColor),
    /// A shaded block with a line through it: a week's or month's range and mean.
    Range(RGBColor, RGBColor),
}

const LEGEND_FONT: f64 = 15.5;
const LEGEND_ROW: u32 = 22;

/// Where each legend entry goes: (row, x of the swatch), wrapping to a new
/// row rather than running off the chart.
fn legend_positions(entries: &[(Mark, &str)]) -> Vec<(u32, i32)> {
    let start = PLOT_LEFT as i32;
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
fn legend_height(entries: &[(Mark, &str)]) -> u32 {
    let rows = legend_positions(entries).last().map_or(0, |(row, _)| row + 1);
    rows * LEGEND_ROW + 8
}

/// The entries across the top of the chart, aligned with the plot.
fn legend(area: &Canvas<'_>, entries: &[(Mark, &str)], palette: &Palette) -> Result<(), Fail> {
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
            Mark::Tick(c) => area.draw(&Rectangle::new([(x + 8, y - 7), (x + 11, y + 7)], c.filled()))?,
            Mark::Block(c) => area.draw(&Rectangle::new([(x + 2, y - 6), (x + 16, y + 6)], c.filled()))?,
            Mark::Range(shade, c) => {
                area.draw(&Rectangle::new([(x, y - 7), (x + 18, y + 7)], shade.filled()))?;
                area.draw(&PathElement::new(vec![(x, y), (x + 18, y)], c.stroke_width(2)))?;
            }
        }
        area.draw(&Text::new(
            label.to_owned(),
            (x + 24, y),
            font(LEGEND_FONT, palette.ink).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    Ok(())
}

/// Splits the canvas into the legend strip and the area for panels.
pub(super) fn with_legend<'b>(
    root: &Canvas<'b>,
    entries: &[(Mark, &str)],
    palette: &Palette,
) -> Result<Canvas<'b>, Fail> {
    let (top, rest) = root.split_vertically(legend_height(entries));
    legend(&top, entries, palette)?;
    Ok(rest)
}

/// Writes `text` in the middle of an empty panel.
pub(super) fn empty_note(panel: &Panel<'_, '_>, text: &str, palette: &Palette) -> Result<(), Fail> {
    const SIZE: f64 = 18.0;
    let area = panel.plotting_area().strip_coord_spec();
    let (w, h) = area.dim_in_pixel();
    let (cx, cy) = (w as i32 / 2, h as i32 / 2);
    // A plate of the card's colour keeps the words legible over band
    // shading and grid.
    let half_width = text_width(text, SIZE) / 2 + 10;
    let half_height = (h as i32 / 2).min(13);
    area.draw(&Rectangle::new(
        [(cx - half_width, cy - half_height), (cx + half_width, cy + half_height)],
        palette.card.filled(),
    ))?;
    area.draw(&Text::new(
        text.to_owned(),
        (cx, cy),
        font(SIZE, palette.muted).pos(Pos::new(HPos::Center, VPos::Center)),
    ))?;
    Ok(())
}

/// Marks sessions along the bottom of a panel, at y = `base`: a triangle
/// each, or, when days are too narrow, a tick for each week or month holding one.
pub(super) fn session_marks(
    panel: &mut Panel<'_, '_>,
    axis: &TimeAxis,
    sessions: &[Timestamp],
    base: f64,
    palette: &Palette,
) -> Result<(), Fail> {
    let style = palette.session.filled();
    match axis.detail() {
        Detail::Daily => {
            panel.draw_series(
                sessions
                    .iter()
                    .map(|&at| EmptyElement::at((axis.moment(at), base)) + TriangleMarker::new((0, -5), 5, style)),
            )?;
        }
        Detail::Weekly | Detail::Monthly => {
            let periods = axis.periods(sessions.iter().map(|at| (at.local_day(), 1.0)));
            period_marks(panel, axis, &periods, base, [(-1, -9), (1, -1)], style)?;
        }
    }
    Ok(())
}

/// A mark for each of `periods` at its middle and at y = `at`: a rectangle
/// from `corners[0]` to `corners[1]`, in pixels from that point.
pub(super) fn period_marks(
    panel: &mut Panel<'_, '_>,
    axis: &TimeAxis,
    periods: &[Period],
    at: f64,
    corners: [(i32, i32); 2],
    style: ShapeStyle,
) -> Result<(), Fail> {
    panel.draw_series(
        periods.iter().map(|period| EmptyElement::at((axis.middle(period), at)) + Rectangle::new(corners, style)),
    )?;
    Ok(())
}

/// Nominal size of labels drawn right of the plot ([`right_label`]).
const RIGHT_LABEL_FONT: f64 = 14.5;

/// Draws `label` in the gutter right of the plotting area, level with value
/// `y`; a label too wide for the gutter is broken between words onto lines
/// centred on that level.
pub(super) fn right_label(
    root: &Canvas<'_>,
    panel: &Panel<'_, '_>,
    y: f64,
    label: &str,
    color: RGBColor,
) -> Result<(), Fail> {
    const LINE: i32 = 14;
    let room = RIGHT_GUTTER as i32 - 8;
    let mut lines: Vec<String> = Vec::new();
    for word in label.split(' ') {
        match lines.last_mut() {
            Some(line) if text_width(&format!("{line} {word}"), RIGHT_LABEL_FONT) <= room => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    let (px, py) = panel.backend_coord(&(panel.x_range().end, y));
    let (ox, oy) = root.get_base_pixel();
    let top = py - oy - LINE * (lines.len() as i32 - 1) / 2;
    for (i, line) in lines.into_iter().enumerate() {
        root.draw(&Text::new(
            line,
            (px - ox + 6, top + LINE * i as i32),
            font(RIGHT_LABEL_FONT, color).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
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

/// Lines `width` pixels wide through `runs` (a run of one point, which no
/// line can show, as a dot).
pub(super) fn lines(
    panel: &mut Panel<'_, '_>,
    runs: &[Vec<(f64, f64)>],
    width: u32,
    color: RGBColor,
) -> Result<(), Fail> {
    panel.draw_series(
        runs.iter().filter(|run| run.len() > 1).map(|run| PathElement::new(run.clone(), color.stroke_width(width))),
    )?;
    panel.draw_series(runs.iter().filter(|run| run.len() == 1).map(|run| Circle::new(run[0], 3, color.filled())))?;
    Ok(())
}

/// Circles of `radius` at `points`: filled dots (`color.filled()`) or rings
/// (`color.stroke_width(w)`).
pub(super) fn circles(
    panel: &mut Panel<'_, '_>,
    points: impl IntoIterator<Item = (f64, f64)>,
    radius: i32,
    style: ShapeStyle,
) -> Result<(), Fail> {
    panel.draw_series(points.into_iter().map(|p| Circle::new(p, radius, style)))?;
    Ok(())
}

/// How many units of the panel's y axis one pixel covers.
fn value_per_pixel(panel: &Panel<'_, '_>) -> f64 {
    let (_, ys) = panel.plotting_area().get_pixel_range();
    let span = panel.y_range();
    (span.end - span.start) / f64::from((ys.end - ys.start).max(1))
}

/// Each run of consecutive periods as one shaded band, stepping from period
/// to period between its lowest and highest value.
pub(super) fn period_ranges(
    panel: &mut Panel<'_, '_>,
    axis: &TimeAxis,
    periods: &[Period],
    color: RGBColor,
    palette: &Palette,
) -> Result<(), Fail> {
    let shade = palette.shade(color, RANGE_SHADE);
    panel.draw_series(periods::runs(periods).map(|run| {
        let mut outline = Vec::with_capacity(run.len() * 4);
        for period in run {
            let span = axis.span(period.first, period.last);
            outline.extend([(span.start, period.high), (span.end, period.high)]);
        }
        for period in run.iter().rev() {
            let span = axis.span(period.first, period.last);
            outline.extend([(span.end, period.low), (span.start, period.low)]);
        }
        Polygon::new(outline, shade.filled())
    }))?;
    Ok(())
}

/// The periods' means as a line through the middle of each period, one line
/// per run of consecutive periods; a lone period's mean as a dash across its
/// days.
pub(super) fn period_means(
    panel: &mut Panel<'_, '_>,
    axis: &TimeAxis,
    periods: &[Period],
    color: RGBColor,
) -> Result<(), Fail> {
    panel.draw_series(periods::runs(periods).map(|run| {
        let points = match run {
            [period] => {
                let span = axis.span(period.first, period.last);
                vec![(span.start, period.mean), (span.end, period.mean)]
            }
            _ => run.iter().map(|period| (axis.middle(period), period.mean)).collect(),
        };
        PathElement::new(points, color.stroke_width(2))
    }))?;
    Ok(())
}

/// Each period's values as one upright tick from the lowest to the highest,
/// `width` pixels wide and at least 3 tall, so that a period with one value
/// still shows. A narrower tick drawn over a wider one leaves both seen.
pub(super) fn period_ticks(
    panel: &mut Panel<'_, '_>,
    axis: &TimeAxis,
    periods: &[Period],
    width: u32,
    color: RGBColor,
) -> Result<(), Fail> {
    let per_pixel = value_per_pixel(panel);
    let half_width = axis.days_per_pixel() * f64::from(width) / 2.0;
    panel.draw_series(periods.iter().map(|period| {
        let x = axis.middle(period);
        let middle = (period.low + period.high) / 2.0;
        let half_height = ((period.high - period.low) / 2.0).max(1.5 * per_pixel);
        Rectangle::new([(x - half_width, middle + half_height), (x + half_width, middle - half_height)], color.filled())
    }))?;
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
    fn every_panel_plots_at_the_same_x() {
        assert!(fonts::register_with_plotters());
        let palette = super::super::Theme::Light.palette();
        let axis = TimeAxis::new(range("2026-01-01", "2026-03-31"));
        let mut out = String::new();
        let root = Svg::new(&mut out, (WIDTH, 600)).into_drawing_area();
        let areas = stack(&root, &[3, 1, 2]);
        assert_eq!(areas.len(), 3);
        let score = YAxis::stepped(0.0..27.0, 9.0, "total score", 0);
        let hours = YAxis::stepped(0.0..1000.0, 250.0, "", 0);
        let rows = YAxis { range: 0.3..6.6, ticks: vec![1.0, 2.0], title: "", decimals: 0 };
        let names: &'static [&'static str] = &["", "a long category name", "b"];
        let panels = [
            panel(&areas[0], &axis, &score, PanelLayout::ABOVE, palette).ok().unwrap(),
            panel(&areas[1], &axis, &hours, PanelLayout { y_names: Some(names), ..PanelLayout::ABOVE }, palette)
                .ok()
                .unwrap(),
            panel(&areas[2], &axis, &rows, PanelLayout::BOTTOM, palette).ok().unwrap(),
        ];
        let plot = PLOT_LEFT as i32..(PLOT_LEFT + PLOT_WIDTH) as i32;
        for p in &panels {
            assert_eq!(p.plotting_area().get_pixel_range().0, plot);
            assert_eq!(p.backend_coord(&(0.0, 0.0)).0, plot.start);
            assert_eq!(p.backend_coord(&(axis.days(), 0.0)).0, plot.end - 1);
        }
        // The plotting areas' heights follow the weights 3 : 1 : 2.
        let heights: Vec<i32> = panels
            .iter()
            .map(|p| {
                let ys = p.plotting_area().get_pixel_range().1;
                ys.end - ys.start
            })
            .collect();
        assert!((heights[0] - 3 * heights[1]).abs() <= 2 && (heights[2] - 2 * heights[1]).abs() <= 2, "{heights:?}");
    }

    #[test]
    fn runs_break_at_gaps() {
        let r = runs([Some((0.0, 1.0)), None, None, Some((3.0, 2.0)), Some((4.0, 2.0)), None]);
        assert_eq!(r, vec![vec![(0.0, 1.0)], vec![(3.0, 2.0), (4.0, 2.0)]]);
        assert!(runs([None, None]).is_empty());
    }
}
