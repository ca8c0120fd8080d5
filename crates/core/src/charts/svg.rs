//! The SVG the charts are written in: a plotters drawing backend that joins
//! marks into paths.
//!
//! plotters draws a series as one element per mark (a `<circle>` per dot, a
//! `<rect>` per bar, a `<line>` per grid line). A viewer pays for every
//! element it parses, lays out and paints, so over years of records that
//! cost grew with the records. This backend writes each run of consecutive
//! shapes drawn in the same opaque paint — lines, polylines, rectangles,
//! circles, polygons — as the subpaths of one `<path>`. Consecutive shapes of
//! one opaque paint look the same whether they are one element or many, so
//! nothing changes on screen; what a chart draws in one `draw_series` call
//! (or any other run of same-paint shapes) becomes one element. Text and
//! translucent shapes are written as elements of their own.
//!
//! Coordinates are whole pixels, as plotters gives them; colours are written
//! as `#rrggbb`. The same drawing gives the same bytes.

use std::fmt::Write as _;

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontStyle,
    FontTransform,
};

/// How a shape is painted: the key under which consecutive shapes join.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Paint {
    /// Filled, no outline.
    Fill((u8, u8, u8)),
    /// Outlined, not filled, with this stroke width.
    Stroke((u8, u8, u8), u32),
}

/// A chart's SVG document, written into a borrowed string.
pub(super) struct Svg<'a> {
    out: &'a mut String,
    size: (u32, u32),
    /// The path being gathered: its paint and its `d` data so far.
    open: Option<(Paint, String)>,
    finished: bool,
}

/// Writing to a `String` cannot fail; this type stands in for the error
/// plotters' backend trait asks for.
#[derive(Debug)]
pub(super) struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("cannot write the chart")
    }
}

impl std::error::Error for Never {}

type Drawn = Result<(), DrawingErrorKind<Never>>;

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Text made safe for an XML attribute or character data.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
}

impl<'a> Svg<'a> {
    /// A document of `size` pixels whose text goes into `out`.
    pub(super) fn new(out: &'a mut String, size: (u32, u32)) -> Self {
        let (w, h) = size;
        let _ = writeln!(
            out,
            "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">"
        );
        Self { out, size, open: None, finished: false }
    }

    /// Writes the gathered path, if any.
    fn flush(&mut self) {
        if let Some((paint, d)) = self.open.take() {
            self.write_path(paint, &d, None);
        }
    }

    /// Writes one `<path>` element; `opacity` for a translucent colour.
    fn write_path(&mut self, paint: Paint, d: &str, opacity: Option<f64>) {
        let d = d.trim_end();
        let _ = match paint {
            Paint::Fill(rgb) => write!(self.out, "<path d=\"{d}\" fill=\"{}\"", hex(rgb)),
            Paint::Stroke(rgb, width) => {
                write!(self.out, "<path d=\"{d}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{width}\"", hex(rgb))
            }
        };
        if let Some(opacity) = opacity {
            let kind = if matches!(paint, Paint::Fill(_)) { "fill" } else { "stroke" };
            let _ = write!(self.out, " {kind}-opacity=\"{opacity}\"");
        }
        self.out.push_str("/>\n");
    }

    /// Adds a subpath to the path of `paint`, starting a new path (after
    /// writing the one gathered) when the paint differs. A translucent
    /// colour gets an element of its own, so that where its shapes overlap
    /// they blend as separate elements would.
    fn add(&mut self, color: BackendColor, paint: Paint, subpath: impl FnOnce(&mut String)) {
        if color.alpha <= 0.0 {
            return;
        }
        if color.alpha < 1.0 {
            self.flush();
            let mut d = String::new();
            subpath(&mut d);
            self.write_path(paint, &d, Some(color.alpha));
            return;
        }
        if self.open.as_ref().is_none_or(|(open, _)| *open != paint) {
            self.flush();
            self.open = Some((paint, String::new()));
        }
        if let Some((_, d)) = self.open.as_mut() {
            subpath(d);
        }
    }
}

fn stroke_of<S: BackendStyle>(style: &S) -> Paint {
    Paint::Stroke(style.color().rgb, style.stroke_width())
}

fn polyline(d: &mut String, points: impl IntoIterator<Item = BackendCoord>, close: bool) {
    for (i, (x, y)) in points.into_iter().enumerate() {
        let _ = write!(d, "{}{x} {y} ", if i == 0 { "M" } else { "L" });
    }
    if close {
        d.push_str("Z ");
    }
}

impl DrawingBackend for Svg<'_> {
    type ErrorType = Never;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Drawn {
        Ok(())
    }

    fn present(&mut self) -> Drawn {
        if !self.finished {
            self.flush();
            self.out.push_str("</svg>\n");
            self.finished = true;
        }
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, color: BackendColor) -> Drawn {
        self.add(color, Paint::Fill(color.rgb), |d| {
            let _ = write!(d, "M{x} {y} h1 v1 h-1 Z ");
        });
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Drawn {
        self.add(style.color(), stroke_of(style), |d| polyline(d, [from, to], false));
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Drawn {
        let paint = if fill { Paint::Fill(style.color().rgb) } else { stroke_of(style) };
        self.add(style.color(), paint, |d| {
            let _ = write!(d, "M{x0} {y0} H{x1} V{y1} H{x0} Z ");
        });
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> Drawn {
        self.add(style.color(), stroke_of(style), |d| polyline(d, path, false));
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(&mut self, (x, y): BackendCoord, r: u32, style: &S, fill: bool) -> Drawn {
        let paint = if fill { Paint::Fill(style.color().rgb) } else { stroke_of(style) };
        self.add(style.color(), paint, |d| {
            // Two half-circle arcs: a whole circle cannot be one arc.
            let _ = write!(d, "M{} {y} a{r} {r} 0 1 0 {} 0 a{r} {r} 0 1 0 -{} 0 Z ", x - r as i32, 2 * r, 2 * r);
        });
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, vert: I, style: &S) -> Drawn {
        self.add(style.color(), Paint::Fill(style.color().rgb), |d| polyline(d, vert, true));
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, (x, y): BackendCoord) -> Drawn {
        let color = style.color();
        if color.alpha <= 0.0 {
            return Ok(());
        }
        self.flush();
        let anchor = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "middle",
        };
        // The same vertical placement plotters' own SVG backend uses.
        let dy = match style.anchor().v_pos {
            VPos::Top => "0.76em",
            VPos::Center => "0.5ex",
            VPos::Bottom => "-0.5ex",
        };
        let out = &mut *self.out;
        let _ = write!(out, "<text x=\"{x}\" y=\"{y}\" dy=\"{dy}\" text-anchor=\"{anchor}\" font-family=\"");
        escape_into(out, style.family().as_str());
        let _ = write!(out, "\" font-size=\"{}\" fill=\"{}\"", style.size() / 1.24, hex(color.rgb));
        if color.alpha < 1.0 {
            let _ = write!(out, " fill-opacity=\"{}\"", color.alpha);
        }
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => out.push_str(" font-weight=\"bold\""),
            other => {
                let _ = write!(out, " font-style=\"{}\"", other.as_str());
            }
        }
        let degrees = match style.transform() {
            FontTransform::Rotate90 => Some(90),
            FontTransform::Rotate180 => Some(180),
            FontTransform::Rotate270 => Some(270),
            FontTransform::None => None,
        };
        if let Some(degrees) = degrees {
            let _ = write!(out, " transform=\"rotate({degrees}, {x}, {y})\"");
        }
        out.push('>');
        escape_into(out, text);
        out.push_str("</text>\n");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use plotters::prelude::*;

    use super::Svg;

    fn drawn(draw: impl FnOnce(&DrawingArea<Svg<'_>, plotters::coord::Shift>)) -> String {
        let mut out = String::new();
        {
            let root = Svg::new(&mut out, (100, 50)).into_drawing_area();
            draw(&root);
            root.present().unwrap();
        }
        out
    }

    #[test]
    fn consecutive_shapes_of_one_paint_become_one_path() {
        let svg = drawn(|root| {
            root.draw(&Circle::new((10, 10), 3, RED.filled())).unwrap();
            root.draw(&Circle::new((20, 10), 3, RED.filled())).unwrap();
            root.draw(&Rectangle::new([(0, 0), (4, 4)], RED.filled())).unwrap();
            root.draw(&PathElement::new(vec![(0, 0), (5, 5)], BLUE.stroke_width(2))).unwrap();
            root.draw(&PathElement::new(vec![(9, 0), (5, 5), (1, 1)], BLUE.stroke_width(2))).unwrap();
            root.draw(&Circle::new((30, 10), 3, RED.filled())).unwrap();
        });
        assert_eq!(
            svg,
            "<svg width=\"100\" height=\"50\" viewBox=\"0 0 100 50\" xmlns=\"http://www.w3.org/2000/svg\">\n\
             <path d=\"M7 10 a3 3 0 1 0 6 0 a3 3 0 1 0 -6 0 Z M17 10 a3 3 0 1 0 6 0 a3 3 0 1 0 -6 0 Z M0 0 H4 V4 H0 Z\" fill=\"#ff0000\"/>\n\
             <path d=\"M0 0 L5 5 M9 0 L5 5 L1 1\" fill=\"none\" stroke=\"#0000ff\" stroke-width=\"2\"/>\n\
             <path d=\"M27 10 a3 3 0 1 0 6 0 a3 3 0 1 0 -6 0 Z\" fill=\"#ff0000\"/>\n\
             </svg>\n"
        );
    }

    #[test]
    fn text_and_translucent_shapes_stand_alone() {
        let svg = drawn(|root| {
            root.draw(&Rectangle::new([(0, 0), (4, 4)], GREEN.filled())).unwrap();
            root.draw(&Text::new("a < b", (5, 6), ("sans-serif", 12.4).into_font())).unwrap();
            root.draw(&Rectangle::new([(0, 0), (4, 4)], GREEN.filled())).unwrap();
            root.draw(&Rectangle::new([(0, 0), (4, 4)], GREEN.mix(0.5).filled())).unwrap();
            root.draw(&Rectangle::new([(0, 0), (4, 4)], GREEN.mix(0.5).filled())).unwrap();
            root.draw(&Rectangle::new([(0, 0), (4, 4)], TRANSPARENT.filled())).unwrap();
        });
        let body: Vec<&str> = svg.lines().skip(1).collect();
        assert_eq!(body.len(), 6, "{svg}");
        assert!(body[1].starts_with("<text x=\"5\" y=\"6\" dy=\"0.76em\" text-anchor=\"start\""), "{}", body[1]);
        assert!(body[1].ends_with(">a &lt; b</text>"), "{}", body[1]);
        // The opaque square stays opaque though a translucent one of its colour follows.
        assert_eq!(body[2], "<path d=\"M0 0 H4 V4 H0 Z\" fill=\"#00ff00\"/>");
        assert_eq!(body[3], "<path d=\"M0 0 H4 V4 H0 Z\" fill=\"#00ff00\" fill-opacity=\"0.5\"/>");
        assert_eq!(body[3], body[4]);
        assert_eq!(body[5], "</svg>");
    }
}
