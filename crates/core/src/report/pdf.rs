//! Writes laid-out pages as PDF with krilla: text in the embedded, subset
//! bundled face; charts as vector graphics through krilla-svg; and the tags
//! that give the document its logical structure (headings, paragraphs,
//! tables with header cells, figures with their text alternative), with page
//! furniture marked as artifacts, so that assistive technology can read it.

use std::collections::BTreeMap;
use std::num::NonZeroU16;
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, TableHeaderScope, Tag, TagGroup, TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::{Data, Document};
use krilla_svg::{SurfaceExt, SvgSettings};

use super::ReportError;
use super::layout::{Block, Bookmark, Item, PageFrame, Part, Rgb};
use crate::fonts;

/// What the PDF's document information says.
pub(super) struct Info {
    pub title: String,
    pub author: Option<String>,
    pub created_on: NaiveDate,
}

/// Parses chart SVGs, resolving their text against the bundled face only.
pub(super) fn parse_svgs(svgs: &[&str]) -> Result<Vec<usvg::Tree>, ReportError> {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(fonts::REGULAR)));
    db.load_font_source(usvg::fontdb::Source::Binary(Arc::new(fonts::BOLD)));
    let options =
        usvg::Options { font_family: fonts::FAMILY.to_owned(), fontdb: Arc::new(db), ..usvg::Options::default() };
    svgs.iter().map(|svg| usvg::Tree::from_str(svg, &options).map_err(|e| ReportError::Svg(e.to_string()))).collect()
}

fn color(c: Rgb) -> rgb::Color {
    rgb::Color::new(c.0, c.1, c.2)
}

fn fill(c: Rgb) -> Fill {
    Fill { paint: color(c).into(), opacity: NormalizedF32::ONE, rule: Default::default() }
}

/// The marked content of each block, gathered while drawing.
#[derive(Default)]
struct Marked {
    /// By block index.
    blocks: BTreeMap<usize, Vec<Identifier>>,
    /// By (table block, row, column).
    cells: BTreeMap<(usize, usize, usize), Vec<Identifier>>,
}

impl Marked {
    fn add(&mut self, part: Part, id: Identifier) {
        match part {
            Part::Artifact => {}
            Part::Block(block) => self.blocks.entry(block).or_default().push(id),
            Part::Cell { table, row, col } => self.cells.entry((table, row, col)).or_default().push(id),
        }
    }

    /// The tag tree: the blocks in reading order.
    fn tree(mut self, blocks: &[Block]) -> TagTree {
        let mut tree = TagTree::new().with_lang(Some("en".to_owned()));
        for (index, block) in blocks.iter().enumerate() {
            let ids = self.blocks.remove(&index).unwrap_or_default();
            let mut group = match block {
                Block::Heading(level) => {
                    TagGroup::new(Tag::Hn(NonZeroU16::new(u16::from(*level)).unwrap_or(NonZeroU16::MIN), None))
                }
                Block::Paragraph => TagGroup::new(Tag::P),
                Block::Figure { alt } => TagGroup::new(Tag::Figure(Some(alt.clone()))),
                Block::Table { header } => self.table(index, *header),
            };
            for id in ids {
                group.push(id);
            }
            tree.push(group);
        }
        tree
    }

    /// A table's rows and cells; row 0 holds column headings when `header`.
    fn table(&mut self, table: usize, header: bool) -> TagGroup {
        let keys: Vec<(usize, usize, usize)> =
            self.cells.range((table, 0, 0)..(table + 1, 0, 0)).map(|(key, _)| *key).collect();
        let mut rows: BTreeMap<usize, TagGroup> = BTreeMap::new();
        for key @ (_, row, _) in keys {
            let mut cell = if header && row == 0 {
                TagGroup::new(Tag::TH(TableHeaderScope::Column))
            } else {
                TagGroup::new(Tag::TD)
            };
            for id in self.cells.remove(&key).unwrap_or_default() {
                cell.push(id);
            }
            rows.entry(row).or_insert_with(|| TagGroup::new(Tag::TR)).push(cell);
        }
        let mut group = TagGroup::new(Tag::Table);
        for (_, row) in rows {
            group.push(row);
        }
        group
    }
}

/// Writes `pages` (already laid out) into a PDF, tagged by `blocks`.
pub(super) fn write(
    pages: &[Vec<Item>],
    bookmarks: &[Bookmark],
    blocks: &[Block],
    frame: PageFrame,
    charts: &[usvg::Tree],
    info: Info,
) -> Result<Vec<u8>, ReportError> {
    let faces = Faces {
        regular: Font::new(Data::from(fonts::REGULAR), 0).ok_or(ReportError::Font)?,
        bold: Font::new(Data::from(fonts::BOLD), 0).ok_or(ReportError::Font)?,
        fallback: Font::new(Data::from(fonts::FALLBACK), 0).ok_or(ReportError::Font)?,
    };
    let mut document = Document::new();
    let created = DateTime::new(u16::try_from(info.created_on.year()).unwrap_or(2000))
        .month(info.created_on.month() as u8)
        .day(info.created_on.day() as u8);
    let mut metadata = Metadata::new()
        .title(info.title)
        .creator("Ketalog".to_owned())
        .producer("Ketalog".to_owned())
        .language("en".to_owned())
        .creation_date(created);
    if let Some(author) = info.author {
        metadata = metadata.authors(vec![author]);
    }
    document.set_metadata(metadata);

    let settings =
        PageSettings::from_wh(frame.width, frame.height).ok_or_else(|| ReportError::Pdf("bad page size".into()))?;
    let mut marked = Marked::default();
    for items in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for item in items {
            let (tag, part) = match item {
                Item::Text { part: Part::Artifact, .. } => {
                    (ContentTag::Artifact(Artifact::with_kind(ArtifactType::PaginationOther)), Part::Artifact)
                }
                Item::Text { part, .. } => (ContentTag::Span(SpanTag::empty()), *part),
                Item::Rect { .. } | Item::Line { .. } => {
                    (ContentTag::Artifact(Artifact::with_kind(ArtifactType::Layout)), Part::Artifact)
                }
                Item::Chart { block, .. } => (ContentTag::Other, Part::Block(*block)),
            };
            let id = surface.start_tagged(tag);
            let drawn = draw(&mut surface, item, &faces, charts);
            surface.end_tagged();
            drawn?;
            marked.add(part, id);
        }
        surface.finish();
        page.finish();
    }
    document.set_tag_tree(marked.tree(blocks));
    document.set_outline(outline(bookmarks));
    document.finish().map_err(|e| ReportError::Pdf(format!("{e:?}")))
}

/// The outline: sections at the top level, charts under theirs.
fn outline(bookmarks: &[Bookmark]) -> Outline {
    let mut outline = Outline::new();
    let mut section: Option<OutlineNode> = None;
    let node = |b: &Bookmark| OutlineNode::new(b.title.clone(), XyzDestination::new(b.page, Point::from_xy(0.0, b.y)));
    for bookmark in bookmarks {
        match (bookmark.level, section.as_mut()) {
            (0, _) => {
                if let Some(done) = section.replace(node(bookmark)) {
                    outline.push_child(done);
                }
            }
            (_, Some(parent)) => parent.push_child(node(bookmark)),
            (_, None) => outline.push_child(node(bookmark)),
        }
    }
    if let Some(done) = section {
        outline.push_child(done);
    }
    outline
}

/// The bundled faces, loaded for krilla.
struct Faces {
    regular: Font,
    bold: Font,
    fallback: Font,
}

fn draw(surface: &mut Surface<'_>, item: &Item, faces: &Faces, charts: &[usvg::Tree]) -> Result<(), ReportError> {
    match item {
        Item::Text { x, y, style, text, .. } => {
            surface.set_fill(Some(fill(style.color)));
            surface.set_stroke(None);
            // Each run in the face that has its glyphs, placed where the
            // layout measured it.
            let mut at = *x;
            for (face, run) in fonts::runs(text, style.bold) {
                let font = match face {
                    fonts::Face::Regular => &faces.regular,
                    fonts::Face::Bold => &faces.bold,
                    fonts::Face::Fallback => &faces.fallback,
                };
                surface.draw_text(Point::from_xy(at, *y), font.clone(), style.size, run, false, TextDirection::Auto);
                at += face.width(run, style.size);
            }
        }
        Item::Rect { x, y, w, h, color: c } => {
            if let Some(rect) = Rect::from_xywh(*x, *y, *w, *h) {
                let mut path = PathBuilder::new();
                path.push_rect(rect);
                if let Some(path) = path.finish() {
                    surface.set_fill(Some(fill(*c)));
                    surface.set_stroke(None);
                    surface.draw_path(&path);
                }
            }
        }
        Item::Line { x1, y1, x2, y2, width, color: c } => {
            let mut path = PathBuilder::new();
            path.move_to(*x1, *y1);
            path.line_to(*x2, *y2);
            if let Some(path) = path.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke { paint: color(*c).into(), width: *width, ..Stroke::default() }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
        Item::Chart { index, x, y, w, h, .. } => {
            let tree = charts.get(*index).ok_or_else(|| ReportError::Pdf(format!("no chart {index}")))?;
            let size = Size::from_wh(*w, *h).ok_or_else(|| ReportError::Pdf("empty chart box".into()))?;
            surface.push_transform(&Transform::from_translate(*x, *y));
            surface.draw_svg(tree, size, SvgSettings { embed_text: true, ..SvgSettings::default() });
            surface.pop();
        }
    }
    Ok(())
}
