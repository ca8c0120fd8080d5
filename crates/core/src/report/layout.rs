//! Page layout for the PDF summary: text measured in the bundled face,
//! wrapped into lines, flowed down pages; tables that continue on the next
//! page with their header repeated.
//!
//! Layout produces plain drawing items per page (in points, y downwards from
//! the top of the page), so the page count is known before anything is
//! written and every page can say "page 2 of 5".

use crate::fonts;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Rgb(pub u8, pub u8, pub u8);

pub(super) const INK: Rgb = Rgb(0x1f, 0x23, 0x28);
pub(super) const MUTED: Rgb = Rgb(0x5f, 0x63, 0x68);
pub(super) const ACCENT: Rgb = Rgb(0x1f, 0x4f, 0x8a);
pub(super) const RULE: Rgb = Rgb(0xc9, 0xcd, 0xd2);
pub(super) const STRIPE: Rgb = Rgb(0xf3, 0xf5, 0xf7);
pub(super) const PANEL: Rgb = Rgb(0xee, 0xf3, 0xf9);

/// How a run of text looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Style {
    pub size: f32,
    pub bold: bool,
    pub color: Rgb,
}

impl Style {
    pub(super) const BODY: Self = Self { size: 9.5, bold: false, color: INK };
    pub(super) const SMALL: Self = Self { size: 8.0, bold: false, color: INK };
    pub(super) const CAPTION: Self = Self { size: 8.0, bold: false, color: MUTED };
    pub(super) const HEADING: Self = Self { size: 13.0, bold: true, color: ACCENT };
    pub(super) const SUBHEADING: Self = Self { size: 10.5, bold: true, color: INK };
    pub(super) const TITLE: Self = Self { size: 18.0, bold: true, color: INK };

    pub(super) fn bold(self) -> Self {
        Self { bold: true, ..self }
    }

    pub(super) fn color(self, color: Rgb) -> Self {
        Self { color, ..self }
    }

    /// Baseline-to-baseline distance.
    pub(super) fn line_height(self) -> f32 {
        self.size * 1.3
    }

    /// Width of `text` on one line, each run in the face that draws it.
    pub(super) fn width(self, text: &str) -> f32 {
        fonts::text_width(text, self.bold, self.size)
    }
}

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Item {
    /// One line of text; `y` is the baseline.
    Text { x: f32, y: f32, style: Style, text: String, part: Part },
    /// A filled rectangle (decoration).
    Rect { x: f32, y: f32, w: f32, h: f32, color: Rgb },
    /// A straight line (decoration).
    Line { x1: f32, y1: f32, x2: f32, y2: f32, width: f32, color: Rgb },
    /// Chart number `index`, scaled into the box; the figure block `block`.
    Chart { index: usize, x: f32, y: f32, w: f32, h: f32, block: usize },
}

/// A block of the report's logical structure, in reading order: what the
/// PDF's tags say, so that a screen reader reads headings, paragraphs,
/// tables and figures rather than loose lines.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Block {
    /// A heading of this level (1: the title, 2: sections, 3: within one).
    Heading(u8),
    /// A paragraph (also a caption).
    Paragraph,
    /// A chart, with its text alternative.
    Figure { alt: String },
    /// A table; `header` when its row 0 holds the column headings.
    Table { header: bool },
}

/// Where a line of text belongs in the logical structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    /// Page furniture, not read as content: footers, and a table's header
    /// repeated on a new page.
    Artifact,
    /// The block with this index.
    Block(usize),
    /// A cell of the table block `table`.
    Cell { table: usize, row: usize, col: usize },
}

/// Page size and margins, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct PageFrame {
    pub width: f32,
    pub height: f32,
    pub margin_x: f32,
    pub margin_top: f32,
    /// Space kept free at the bottom for the footer.
    pub margin_bottom: f32,
}

impl PageFrame {
    pub(super) fn content_width(&self) -> f32 {
        self.width - 2.0 * self.margin_x
    }
}

/// Breaks `text` into lines no wider than `width`; words wider than a line
/// are broken between characters. Line breaks in the text are kept.
pub(super) fn wrap(text: &str, style: Style, width: f32) -> Vec<String> {
    let space = style.width(" ");
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_width = 0.0;
        for word in paragraph.split_whitespace() {
            let word_width = style.width(word);
            if !line.is_empty() && line_width + space + word_width <= width {
                line.push(' ');
                line.push_str(word);
                line_width += space + word_width;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if word_width <= width {
                line.push_str(word);
                line_width = word_width;
            } else {
                // Break an over-long word (a URL, a long number) by characters.
                line_width = 0.0;
                for ch in word.chars() {
                    let w = style.width(ch.encode_utf8(&mut [0; 4]));
                    if line_width + w > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_width = 0.0;
                    }
                    line.push(ch);
                    line_width += w;
                }
            }
        }
        lines.push(line);
    }
    while lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// A table to lay out.
pub(super) struct TableSpec<'a> {
    pub columns: &'a [String],
    pub rows: &'a [Vec<String>],
    pub style: Style,
    /// Height of what follows the table and must share a page with its last
    /// row (a caption), in points.
    pub keep_after: f32,
}

const CELL_PAD_X: f32 = 4.0;
/// Slack, in points, when deciding whether something fits.
const FIT_TOLERANCE: f32 = 0.05;
/// Space between a heading and what follows it.
const HEADING_GAP: f32 = 2.0;
/// The smallest a chart is drawn to fit the rest of a page.
pub(super) const MIN_CHART_SCALE: f32 = 0.8;
/// Cells at most this wide (points) keep to one line.
const SHORT_CELL_PT: f32 = 60.0;
const CELL_PAD_Y: f32 = 3.0;

/// An entry of the PDF's outline (bookmarks): a heading and where it is.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Bookmark {
    pub title: String,
    /// 0 for a section, 1 for something inside the last section.
    pub level: u8,
    pub page: usize,
    pub y: f32,
}

/// Content flowing down pages.
pub(super) struct Flow {
    pub frame: PageFrame,
    pages: Vec<Vec<Item>>,
    bookmarks: Vec<Bookmark>,
    blocks: Vec<Block>,
    /// Top of the free space on the current page.
    y: f32,
}

impl Flow {
    pub(super) fn new(frame: PageFrame) -> Self {
        Self { frame, pages: vec![Vec::new()], bookmarks: Vec::new(), blocks: Vec::new(), y: frame.margin_top }
    }

    fn bottom(&self) -> f32 {
        self.frame.height - self.frame.margin_bottom
    }

    fn left(&self) -> f32 {
        self.frame.margin_x
    }

    /// Starts a block of the logical structure; returns its index.
    fn open(&mut self, block: Block) -> usize {
        self.blocks.push(block);
        self.blocks.len() - 1
    }

    fn push(&mut self, item: Item) {
        if let Some(page) = self.pages.last_mut() {
            page.push(item);
        }
    }

    /// Starts a new page unless the current one is still empty.
    pub(super) fn new_page(&mut self) {
        if self.pages.last().is_some_and(|p| !p.is_empty()) {
            self.pages.push(Vec::new());
        }
        self.y = self.frame.margin_top;
    }

    /// Makes sure `height` points fit below the current position.
    pub(super) fn ensure(&mut self, height: f32) {
        // The tolerance absorbs float rounding, so that what one `ensure`
        // promised, the lines it was for still find.
        if self.y + height > self.bottom() + FIT_TOLERANCE {
            self.new_page();
        }
    }

    /// Vertical space (dropped at the top of a page).
    pub(super) fn space(&mut self, height: f32) {
        if self.y > self.frame.margin_top {
            self.y = (self.y + height).min(self.bottom());
        }
    }

    /// One line of text at `x` (relative to the left margin), without wrapping.
    fn line_at(&mut self, x: f32, text: &str, style: Style, part: Part) {
        self.ensure(style.line_height());
        let baseline = self.y + style.size;
        self.push(Item::Text { x: self.left() + x, y: baseline, style, text: text.to_owned(), part });
        self.y += style.line_height();
    }

    /// Wrapped text making up one block, indented by `indent`; `kept`: never
    /// split across pages.
    fn text_block(&mut self, block: Block, text: &str, style: Style, indent: f32, kept: bool) {
        let lines = wrap(text, style, self.frame.content_width() - indent);
        if kept {
            self.ensure(style.line_height() * lines.len() as f32);
        }
        let part = Part::Block(self.open(block));
        for line in lines {
            self.line_at(indent, &line, style, part);
        }
    }

    /// The document's title (a level-1 heading), wrapped.
    pub(super) fn title(&mut self, text: &str, style: Style) {
        self.text_block(Block::Heading(1), text, style, 0.0, false);
    }

    /// A wrapped paragraph, indented by `indent`.
    pub(super) fn paragraph(&mut self, text: &str, style: Style, indent: f32) {
        self.text_block(Block::Paragraph, text, style, indent, false);
    }

    /// Height of `text` as a wrapped paragraph.
    pub(super) fn paragraph_height(&self, text: &str, style: Style) -> f32 {
        wrap(text, style, self.frame.content_width()).len() as f32 * style.line_height()
    }

    /// A wrapped paragraph that is never split across pages (a caption).
    pub(super) fn paragraph_kept(&mut self, text: &str, style: Style, indent: f32) {
        self.text_block(Block::Paragraph, text, style, indent, true);
    }

    /// A heading of `level` (2 for a section, 3 within one), kept on the
    /// page with at least `keep` points of what follows.
    pub(super) fn heading(&mut self, text: &str, style: Style, keep: f32, level: u8) {
        self.space(style.size * 0.9);
        self.ensure(style.line_height() + HEADING_GAP + keep);
        let part = Part::Block(self.open(Block::Heading(level)));
        self.line_at(0.0, text, style, part);
        self.space(HEADING_GAP);
    }

    /// A section heading (level 2) that also goes into the PDF's outline at
    /// `outline_level`.
    pub(super) fn section(&mut self, text: &str, style: Style, keep: f32, outline_level: u8) {
        self.heading(text, style, keep, outline_level + 2);
        self.mark(text, outline_level, style.line_height() + 2.0);
    }

    /// Records an outline entry for what was just placed `above` points up.
    fn mark(&mut self, title: &str, level: u8, above: f32) {
        let page = self.pages.len().saturating_sub(1);
        self.bookmarks.push(Bookmark { title: title.to_owned(), level, page, y: (self.y - above).max(0.0) });
    }

    /// A horizontal rule across the content width.
    pub(super) fn rule(&mut self, color: Rgb, width: f32) {
        let y = self.y + 2.0;
        let (x1, x2) = (self.left(), self.left() + self.frame.content_width());
        self.push(Item::Line { x1, y1: y, x2, y2: y, width, color });
        self.y += 6.0;
    }

    /// Label and value pairs in two columns, the labels muted; a value wraps
    /// within its column.
    pub(super) fn key_values(&mut self, pairs: &[(String, String)], style: Style) {
        let label_width = pairs.iter().map(|(k, _)| style.width(k)).fold(0.0, f32::max) + 12.0;
        let value_width = self.frame.content_width() - label_width;
        // A two-column table without headings, to a screen reader.
        let table = self.open(Block::Table { header: false });
        for (row, (key, value)) in pairs.iter().enumerate() {
            let lines = wrap(value, style, value_width);
            self.ensure(style.line_height() * lines.len() as f32);
            let top = self.y;
            self.push(Item::Text {
                x: self.left(),
                y: top + style.size,
                style: style.color(MUTED),
                text: key.clone(),
                part: Part::Cell { table, row, col: 0 },
            });
            for (i, line) in lines.iter().enumerate() {
                self.push(Item::Text {
                    x: self.left() + label_width,
                    y: top + style.size + i as f32 * style.line_height(),
                    style,
                    text: line.clone(),
                    part: Part::Cell { table, row, col: 1 },
                });
            }
            self.y = top + style.line_height() * lines.len() as f32 + 1.5;
        }
    }

    /// A chart scaled to the content width, with its title above and its
    /// text alternative below; all three stay on one page. A chart that
    /// almost fits the rest of a page is drawn a little smaller (down to
    /// [`MIN_CHART_SCALE`]) rather than leaving that space empty.
    pub(super) fn chart(&mut self, index: usize, title: &str, caption: &str, aspect: f32) {
        let width = self.frame.content_width();
        let caption_lines = wrap(caption, Style::CAPTION, width);
        let fixed = Style::SUBHEADING.line_height() + 8.0 + caption_lines.len() as f32 * Style::CAPTION.line_height();
        self.space(8.0);
        let room = self.bottom() - self.y;
        let full = width * aspect;
        let scale = if fixed + full <= room {
            1.0
        } else if fixed + full * MIN_CHART_SCALE <= room {
            (room - fixed) / full
        } else {
            self.new_page();
            1.0
        };
        let heading = Part::Block(self.open(Block::Heading(3)));
        self.line_at(0.0, title, Style::SUBHEADING, heading);
        self.mark(title, 1, Style::SUBHEADING.line_height());
        self.y += 2.0;
        self.push(Item::Line {
            x1: self.left(),
            y1: self.y,
            x2: self.left() + width,
            y2: self.y,
            width: 0.5,
            color: RULE,
        });
        self.y += 2.0;
        let (w, h) = (width * scale, full * scale);
        let block = self.open(Block::Figure { alt: caption.to_owned() });
        self.push(Item::Chart { index, x: self.left() + (width - w) / 2.0, y: self.y, w, h, block });
        self.y += h + 4.0;
        let part = Part::Block(self.open(Block::Paragraph));
        for line in caption_lines {
            self.line_at(0.0, &line, Style::CAPTION, part);
        }
    }

    /// A table across the content width. Columns take their natural width
    /// when they fit, else shrink (never below their longest word) in
    /// proportion to how much they would wrap. Rows never split; a table
    /// that runs past the page continues with its header repeated.
    pub(super) fn table(&mut self, spec: &TableSpec<'_>) {
        let style = spec.style;
        let header = style.bold();
        let count = spec.columns.len();
        if count == 0 {
            return;
        }
        let total = self.frame.content_width();
        let mut natural = vec![0.0f32; count];
        let mut minimum = vec![0.0f32; count];
        let mut numeric = vec![true; count];
        for (i, title) in spec.columns.iter().enumerate() {
            natural[i] = header.width(title);
            minimum[i] = title.split_whitespace().map(|w| header.width(w)).fold(0.0, f32::max);
        }
        for row in spec.rows {
            for (i, cell) in row.iter().enumerate().take(count) {
                let width = style.width(cell);
                natural[i] = natural[i].max(width);
                // Short cells (dates, readings) are never broken.
                let unbreakable = if width <= SHORT_CELL_PT {
                    width
                } else {
                    cell.split_whitespace().map(|w| style.width(w)).fold(0.0, f32::max)
                };
                minimum[i] = minimum[i].max(unbreakable);
                numeric[i] &= cell.is_empty() || looks_numeric(cell);
            }
        }
        let pad = 2.0 * CELL_PAD_X;
        let natural: Vec<f32> = natural.iter().map(|w| w + pad).collect();
        let minimum: Vec<f32> = minimum.iter().map(|w| (w + pad).min(total / count as f32 * 2.0)).collect();
        let widths = fit_columns(&natural, &minimum, total);

        let header_lines: Vec<Vec<String>> =
            spec.columns.iter().zip(&widths).map(|(t, w)| wrap(t, header, w - pad)).collect();
        let header_height = row_height(&header_lines, header);
        let table = self.open(Block::Table { header: true });
        // The header read once; where it repeats on a new page, it is furniture.
        let draw_header = |flow: &mut Flow, first: bool| {
            let top = flow.y;
            flow.push(Item::Rect { x: flow.left(), y: top, w: total, h: header_height, color: PANEL });
            flow.cells(&header_lines, &widths, &numeric, header, first.then_some((table, 0)));
            flow.push(Item::Line {
                x1: flow.left(),
                y1: flow.y,
                x2: flow.left() + total,
                y2: flow.y,
                width: 0.6,
                color: RULE,
            });
        };
        let first_row_height = spec.rows.first().map_or(0.0, |row| {
            row_height(&row.iter().zip(&widths).map(|(c, w)| wrap(c, style, w - pad)).collect::<Vec<_>>(), style)
        });
        self.ensure(header_height + first_row_height);
        draw_header(self, true);
        let fresh_page_room = self.bottom() - self.frame.margin_top - header_height;
        for (n, row) in spec.rows.iter().enumerate() {
            let mut lines: Vec<Vec<String>> = row.iter().zip(&widths).map(|(c, w)| wrap(c, style, w - pad)).collect();
            loop {
                let height = row_height(&lines, style);
                let room = self.bottom() - self.y;
                let last = n + 1 == spec.rows.len();
                let kept = if last && height + spec.keep_after <= fresh_page_room { spec.keep_after } else { 0.0 };
                if height + kept <= room + FIT_TOLERANCE {
                    if n % 2 == 1 {
                        self.push(Item::Rect { x: self.left(), y: self.y, w: total, h: height, color: STRIPE });
                    }
                    self.cells(&lines, &widths, &numeric, style, Some((table, n + 1)));
                    break;
                }
                // A row taller than a whole page is split between pages; any
                // other row moves to the next page whole.
                let fitting_lines =
                    ((room - row_height(&[], style) + style.line_height()) / style.line_height()).floor();
                if height > fresh_page_room && fitting_lines >= 1.0 {
                    let head: Vec<Vec<String>> = lines
                        .iter_mut()
                        .map(|cell| cell.drain(..cell.len().min(fitting_lines as usize)).collect())
                        .collect();
                    if n % 2 == 1 {
                        let h = row_height(&head, style);
                        self.push(Item::Rect { x: self.left(), y: self.y, w: total, h, color: STRIPE });
                    }
                    self.cells(&head, &widths, &numeric, style, Some((table, n + 1)));
                }
                self.new_page();
                draw_header(self, false);
            }
        }
        self.push(Item::Line {
            x1: self.left(),
            y1: self.y,
            x2: self.left() + total,
            y2: self.y,
            width: 0.6,
            color: RULE,
        });
        self.y += 4.0;
    }

    /// One table row at the current position; numbers are right-aligned.
    /// `row`: the table block and row the cells belong to (`None`: furniture).
    fn cells(
        &mut self,
        lines: &[Vec<String>],
        widths: &[f32],
        right: &[bool],
        style: Style,
        row: Option<(usize, usize)>,
    ) {
        let top = self.y;
        let mut x = self.left();
        for (col, ((cell, &width), &right)) in lines.iter().zip(widths).zip(right).enumerate() {
            let part = row.map_or(Part::Artifact, |(table, row)| Part::Cell { table, row, col });
            for (i, line) in cell.iter().enumerate() {
                let text_x = if right { x + width - CELL_PAD_X - style.width(line) } else { x + CELL_PAD_X };
                self.push(Item::Text {
                    x: text_x,
                    y: top + CELL_PAD_Y + style.size + i as f32 * style.line_height(),
                    style,
                    text: line.clone(),
                    part,
                });
            }
            x += width;
        }
        self.y = top + row_height(lines, style);
    }

    /// The pages laid out so far, the outline entries and the blocks.
    pub(super) fn finish(self) -> (Vec<Vec<Item>>, Vec<Bookmark>, Vec<Block>) {
        (self.pages, self.bookmarks, self.blocks)
    }
}

fn row_height(lines: &[Vec<String>], style: Style) -> f32 {
    let most = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    2.0 * CELL_PAD_Y + style.size * 0.25 + most as f32 * style.line_height()
}

/// Numbers, signed changes and readings ("12", "-3.5", "+8/+4", "118/76").
fn looks_numeric(cell: &str) -> bool {
    cell.chars().any(|c| c.is_ascii_digit()) && cell.chars().all(|c| c.is_ascii_digit() || "+-−./ ".contains(c))
}

/// Column widths that fill `total`: natural widths plus an equal share of
/// what is left when they fit; otherwise minimums plus what is left, shared
/// in proportion to how much each column would still like.
fn fit_columns(natural: &[f32], minimum: &[f32], total: f32) -> Vec<f32> {
    let sum: f32 = natural.iter().sum();
    if sum <= total {
        let extra = (total - sum) / natural.len() as f32;
        return natural.iter().map(|w| w + extra).collect();
    }
    let floor: f32 = minimum.iter().sum();
    if floor >= total {
        return minimum.iter().map(|w| w * total / floor).collect();
    }
    let wants: Vec<f32> = natural.iter().zip(minimum).map(|(n, m)| (n - m).max(0.0)).collect();
    let want: f32 = wants.iter().sum();
    let left = total - floor;
    minimum.iter().zip(&wants).map(|(m, w)| m + if want > 0.0 { left * w / want } else { 0.0 }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_lines_within_the_width_and_words_whole() {
        let text = "Felt lighter on the drive home. Noticed colours more.\nSecond paragraph.";
        let lines = wrap(text, Style::BODY, 120.0);
        assert!(lines.len() >= 4);
        assert!(lines.iter().all(|l| Style::BODY.width(l) <= 120.0), "{lines:?}");
        assert_eq!(lines.join(" ").split_whitespace().collect::<Vec<_>>(), text.split_whitespace().collect::<Vec<_>>());
        assert_eq!(lines.last().unwrap(), "Second paragraph.");
        let long = wrap(&"x".repeat(200), Style::BODY, 50.0);
        assert!(long.len() > 3 && long.iter().all(|l| Style::BODY.width(l) <= 50.0));
        assert_eq!(wrap("", Style::BODY, 50.0), [""]);
    }

    #[test]
    fn columns_fill_the_width() {
        let w = fit_columns(&[50.0, 50.0], &[20.0, 20.0], 200.0);
        assert_eq!(w, [100.0, 100.0]);
        let w = fit_columns(&[300.0, 60.0], &[40.0, 60.0], 200.0);
        assert!((w.iter().sum::<f32>() - 200.0).abs() < 1e-3);
        assert_eq!(w[1], 60.0);
    }

    #[test]
    fn a_row_taller_than_a_page_is_split_and_nothing_is_lost() {
        let frame = PageFrame { width: 300.0, height: 300.0, margin_x: 20.0, margin_top: 20.0, margin_bottom: 30.0 };
        let mut flow = Flow::new(frame);
        let columns = vec!["Date".to_owned(), "Note".to_owned()];
        let long: String = (0..400).map(|i| format!("w{i} ")).collect();
        let rows = vec![vec!["1 Mar".to_owned(), "short".to_owned()], vec!["2 Mar".to_owned(), long.clone()]];
        flow.table(&TableSpec { columns: &columns, rows: &rows, style: Style::SMALL, keep_after: 0.0 });
        let (pages, _, _) = flow.finish();
        assert!(pages.len() >= 3);
        let words: Vec<String> = pages
            .iter()
            .flatten()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .flat_map(|t| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>())
            .filter(|w| w.starts_with('w'))
            .collect();
        assert_eq!(words, long.split_whitespace().collect::<Vec<_>>());
        for item in pages.iter().flatten() {
            if let Item::Text { y, .. } = item {
                assert!(*y <= 300.0 - 30.0);
            }
        }
    }

    #[test]
    fn a_caption_stays_with_the_last_row() {
        let frame = PageFrame { width: 300.0, height: 300.0, margin_x: 20.0, margin_top: 20.0, margin_bottom: 30.0 };
        let columns = vec!["Date".to_owned(), "Total".to_owned()];
        let caption = "A caption of two lines that explains the table above it, which must not be left alone.";
        for count in 1..40 {
            let mut flow = Flow::new(frame);
            let rows: Vec<Vec<String>> = (0..count).map(|i| vec![format!("day {i}"), i.to_string()]).collect();
            let keep_after = flow.paragraph_height(caption, Style::CAPTION);
            flow.table(&TableSpec { columns: &columns, rows: &rows, style: Style::SMALL, keep_after });
            flow.paragraph_kept(caption, Style::CAPTION, 0.0);
            let (pages, _, _) = flow.finish();
            let page_of = |wanted: &str| {
                pages
                    .iter()
                    .position(|p| p.iter().any(|i| matches!(i, Item::Text { text, .. } if text.starts_with(wanted))))
            };
            assert_eq!(page_of(&format!("day {}", count - 1)), page_of("A caption"), "{count} rows");
        }
    }

    #[test]
    fn long_tables_continue_with_their_header() {
        let frame = PageFrame { width: 300.0, height: 300.0, margin_x: 20.0, margin_top: 20.0, margin_bottom: 30.0 };
        let mut flow = Flow::new(frame);
        let columns = vec!["Date".to_owned(), "Total".to_owned()];
        let rows: Vec<Vec<String>> = (0..60).map(|i| vec![format!("day {i}"), i.to_string()]).collect();
        flow.table(&TableSpec { columns: &columns, rows: &rows, style: Style::SMALL, keep_after: 0.0 });
        let (pages, _, _) = flow.finish();
        assert!(pages.len() >= 3);
        for page in &pages {
            let texts: Vec<&str> = page
                .iter()
                .filter_map(|i| match i {
                    Item::Text { text, .. } => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            assert_eq!(&texts[..2], ["Date", "Total"]);
            for item in page {
                if let Item::Text { y, .. } = item {
                    assert!(*y <= 300.0 - 30.0);
                }
            }
        }
        let all: Vec<String> = pages
            .iter()
            .flatten()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect();
        for i in 0..60 {
            assert_eq!(all.iter().filter(|t| **t == format!("day {i}")).count(), 1);
        }
    }
}
