//! The layout of an official letter on A4 (after GB/T 9704-2012, 党政机关
//! 公文格式): the department and the document's title centred in large
//! type, the document number, the addressee, body paragraphs with a
//! two-character first-line indent, tables, and at the end the issuing line
//! (the department's name over the date, right-indented four characters)
//! under which the seal goes, with the verification QR code beside it.
//! Every page is numbered 第 n 页 共 m 页.
//!
//! Layout runs in two passes: the content becomes a list of rows (a line, a
//! table row, the issuing band) with their heights, then the rows are
//! paginated and drawn. So a page break can keep a table's header with its
//! first row, repeat the header on the next page, and never leave the
//! issuing line alone on a page without body text above it.

mod draw;
mod paginate;
mod rows;

use super::font::DocumentFont;
use super::page::{Rgb8, MM};
use super::shaper::Shaper;
use super::templates::{DocumentHeader, DocumentKind};
use super::verify::{qr_matrix, qr_payload, verification_code};
use super::{assemble, RenderError, RenderedDocument};

const LEFT: f32 = 28.0 * MM;
const RIGHT: f32 = 26.0 * MM;
const TOP: f32 = 25.0 * MM;
const BOTTOM: f32 = 24.0 * MM;
/// The footer's baseline above the page's lower edge.
const FOOTER_BASELINE: f32 = 11.0 * MM;
/// 小三 (15 pt): a little under the 三号 of GB/T 9704, so that a decision
/// with its remedies fits on one page, as applicants expect.
const BODY: f32 = 15.0;
const BODY_LINE: f32 = 26.0;
const DEPARTMENT_SIZE: f32 = 20.0;
const DEPARTMENT_LINE: f32 = 30.0;
/// 二号 (22 pt), the title size.
const TITLE: f32 = 22.0;
const TITLE_LINE: f32 = 34.0;
const CELL: f32 = 12.0;
const CELL_LINE: f32 = 17.0;
const CELL_PAD_X: f32 = 5.0;
const CELL_PAD_Y: f32 = 4.0;
const FOOTER: f32 = 9.0;
const GREY: Rgb8 = Rgb8(90, 90, 90);
const RULE: Rgb8 = Rgb8(40, 40, 40);
const HEADER_FILL: Rgb8 = Rgb8(236, 236, 236);
/// The seal: 42 mm across.
pub(crate) const SEAL: f32 = 42.0 * MM;
const QR: f32 = 22.0 * MM;
/// The seal's centre below the top of the department line, in lines.
const SEAL_CENTRE: f32 = 0.75;
/// Where a glyph's baseline sits in its line box, as a fraction of the
/// size below the centre of the box (CJK faces put the ideographic centre
/// about 0.38 em above the baseline).
const BASELINE_BELOW_CENTRE: f32 = 0.36;
/// At most this much extra space (em) between two glyphs to justify a line:
/// more opens visible gaps (and text extraction takes them for spaces).
const MAX_JUSTIFY: f32 = 0.08;

fn baseline(top: f32, line: f32, size: f32) -> f32 {
    top + line / 2.0 + size * BASELINE_BELOW_CENTRE
}

/// A table column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Column {
    pub title: String,
    /// A fixed width in em of the cell size; `None`: a share of what is left.
    pub fixed_em: Option<f32>,
    pub weight: f32,
    pub centered: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// `name：`, flush left.
    Addressee(String),
    /// Body text, first line indented two characters, justified.
    Paragraph(String),
    Table(Table),
    /// Vertical space, in body lines.
    Space(f32),
}

/// Everything a letter says.
pub(crate) struct Letter<'a> {
    pub kind: DocumentKind,
    pub header: &'a DocumentHeader,
    /// Enters the verification code (the applicant or holder).
    pub addressee: &'a str,
    pub blocks: Vec<Block>,
}

struct Geometry {
    width: f32,
    height: f32,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
}

impl Geometry {
    fn a4() -> Self {
        let width = super::page::A4_WIDTH;
        let height = super::page::A4_HEIGHT;
        Geometry {
            width,
            height,
            left: LEFT,
            right: width - RIGHT,
            top: TOP,
            bottom: height - BOTTOM,
        }
    }

    fn content_width(&self) -> f32 {
        self.right - self.left
    }
}

/// Lays out and draws a letter: rows, then pages, then the drawing.
pub(crate) fn render_letter(
    font: &DocumentFont,
    letter: &Letter<'_>,
) -> Result<RenderedDocument, RenderError> {
    letter.header.check()?;
    let code = verification_code(letter.kind, letter.header, letter.addressee);
    let qr = qr_matrix(&qr_payload(letter.kind, letter.header, &code))?;
    let mut shaper = Shaper::new(font)?;
    let geo = Geometry::a4();
    let (items, tables) = rows::rows(&shaper, &geo, letter);
    let placed = paginate::paginate(&items, &tables, &geo);
    let (pages, seal_slot) = draw::draw(
        &mut shaper,
        &geo,
        &draw::Content {
            letter,
            items: &items,
            tables: &tables,
            qr: &qr,
            code: &code,
        },
        &placed,
    );
    let used = shaper.finish()?;
    let meta = assemble::Meta {
        title: format!(
            "{}（{}）",
            letter.kind.title_zh(),
            letter.header.document_number.trim()
        ),
        subject: format!("办件编号：{}", letter.header.case_number.trim()),
        author: letter.header.department.trim().to_owned(),
        date: Some(letter.header.issued_on),
        identity: format!("{}\n{}", letter.kind.code(), code),
    };
    let pdf = assemble::assemble(font, &used, pages, &meta)?;
    Ok(RenderedDocument {
        pdf,
        seal_slot,
        verification_code: code,
    })
}
