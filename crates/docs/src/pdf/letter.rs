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

use super::font::DocumentFont;
use super::page::{Page, Rgb8, TextStyle, MM};
use super::shaper::Shaper;
use super::templates::{date_zh, DocumentHeader, DocumentKind};
use super::verify::{draw_qr, qr_matrix, qr_payload, verification_code};
use super::wrap::{wrap, Line};
use super::{assemble, RenderError, RenderedDocument, SealSlot};

const LEFT: f32 = 28.0 * MM;
const RIGHT: f32 = 26.0 * MM;
const TOP: f32 = 25.0 * MM;
const BOTTOM: f32 = 24.0 * MM;
/// The footer's baseline above the page's lower edge.
const FOOTER_BASELINE: f32 = 11.0 * MM;
/// 小三 (15 pt): a little under the 三号 of GB/T 9704, so that a decision
/// with its remedies fits on one page, as applicants expect.
pub(crate) const BODY: f32 = 15.0;
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

/// One unit of pagination.
enum Row {
    Title(String),
    Department(String),
    Number(String),
    Left {
        text: String,
    },
    Body {
        text: String,
        indent: f32,
        extra: f32,
    },
    /// A table row; `table` indexes the tables, for repeating the header.
    Cells {
        table: usize,
        cells: Vec<Vec<Line>>,
        header: bool,
    },
    Gap,
    Issuing,
}

/// A row placed on a page at a height.
enum Placed {
    Item(usize, f32),
    /// A table's header again, at the top of a page the table runs onto.
    RepeatedHeader(usize, f32),
}

struct Item {
    row: Row,
    height: f32,
    /// Must stay on one page with the next item.
    keep_with_next: bool,
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

/// A laid-out table: column x positions and widths.
struct TableLayout {
    xs: Vec<f32>,
    widths: Vec<f32>,
    columns: Vec<Column>,
    header: Vec<Vec<Line>>,
    header_height: f32,
}

fn column_widths(columns: &[Column], total: f32) -> Vec<f32> {
    let fixed: f32 = columns
        .iter()
        .filter_map(|c| c.fixed_em.map(|em| em * CELL + 2.0 * CELL_PAD_X))
        .sum();
    let weights: f32 = columns
        .iter()
        .filter(|c| c.fixed_em.is_none())
        .map(|c| c.weight.max(0.01))
        .sum();
    let flexible = (total - fixed).max(0.0);
    columns
        .iter()
        .map(|c| match c.fixed_em {
            Some(em) => em * CELL + 2.0 * CELL_PAD_X,
            None => flexible * c.weight.max(0.01) / weights.max(0.01),
        })
        .collect()
}

fn cell_lines(shaper: &Shaper<'_>, text: &str, width: f32) -> Vec<Line> {
    let inner = (width - 2.0 * CELL_PAD_X).max(CELL);
    let measure = |c: char| shaper.advance(c) * CELL;
    text.split('\n')
        .flat_map(|part| wrap(part, inner, inner, &measure))
        .collect()
}

fn cells_height(cells: &[Vec<Line>]) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    lines as f32 * CELL_LINE + 2.0 * CELL_PAD_Y
}

/// The issuing band: the gap above the department line and the band's
/// height. The seal's centre sits a quarter line above the middle of the
/// two lines (GB/T 9704: the name and date "居印章中心偏下"); the gap lets
/// its top clear the last body line, and the band reaches below its bottom.
fn issuing_band() -> (f32, f32) {
    let centre_below_top = SEAL_CENTRE * BODY_LINE;
    let gap = SEAL / 2.0 - centre_below_top + 2.0;
    // The seal may reach into the bottom margin, down to just above the
    // footer's rule.
    let overhang = BOTTOM - FOOTER_BASELINE - FOOTER - 8.0;
    let lines = 2.0 * BODY_LINE + 4.0;
    let seal = centre_below_top + SEAL / 2.0 - overhang;
    (gap, gap + lines.max(seal))
}

/// Lays out and draws a letter.
pub(crate) fn render_letter(
    font: &DocumentFont,
    letter: &Letter<'_>,
) -> Result<RenderedDocument, RenderError> {
    letter.header.check()?;
    let code = verification_code(letter.kind, letter.header, letter.addressee);
    let qr = qr_matrix(&qr_payload(letter.kind, letter.header, &code))?;
    let mut shaper = Shaper::new(font)?;
    let geo = Geometry::a4();
    let width = geo.content_width();

    // Pass 1: rows.
    let mut items: Vec<Item> = Vec::new();
    let mut tables: Vec<TableLayout> = Vec::new();
    let title_measure = |c: char| shaper.advance(c) * TITLE;
    for line in wrap(letter.header.department.trim(), width, width, &|c| {
        shaper.advance(c) * DEPARTMENT_SIZE
    }) {
        items.push(Item {
            row: Row::Department(line.text),
            height: DEPARTMENT_LINE,
            keep_with_next: true,
        });
    }
    for line in wrap(letter.kind.title_zh(), width, width, &title_measure) {
        items.push(Item {
            row: Row::Title(line.text),
            height: TITLE_LINE + 4.0,
            keep_with_next: true,
        });
    }
    items.push(Item {
        row: Row::Number(letter.header.document_number.trim().to_owned()),
        height: BODY_LINE * 1.3,
        keep_with_next: true,
    });
    let body_measure = |c: char| shaper.advance(c) * BODY;
    for block in &letter.blocks {
        match block {
            Block::Addressee(name) => {
                for line in wrap(&format!("{}：", name.trim()), width, width, &body_measure) {
                    items.push(Item {
                        row: Row::Left { text: line.text },
                        height: BODY_LINE,
                        keep_with_next: true,
                    });
                }
            }
            Block::Paragraph(text) => {
                let indent = 2.0 * BODY;
                let lines = wrap(text.trim(), width - indent, width, &body_measure);
                let count = lines.len();
                for (i, line) in lines.into_iter().enumerate() {
                    let indent = if i == 0 { indent } else { 0.0 };
                    let glyphs = line.text.chars().count();
                    let slack = width - indent - line.width;
                    let extra = if line.last || glyphs < 2 {
                        0.0
                    } else {
                        let per_gap = slack / (glyphs - 1) as f32;
                        if per_gap <= MAX_JUSTIFY * BODY {
                            per_gap.max(0.0)
                        } else {
                            0.0
                        }
                    };
                    items.push(Item {
                        row: Row::Body {
                            text: line.text,
                            indent,
                            extra,
                        },
                        height: BODY_LINE,
                        // No widow or orphan line.
                        keep_with_next: count > 1 && (i == 0 || i + 2 == count),
                    });
                }
            }
            Block::Table(table) => {
                let widths = column_widths(&table.columns, width);
                let mut xs = Vec::with_capacity(widths.len());
                let mut x = geo.left;
                for w in &widths {
                    xs.push(x);
                    x += w;
                }
                let header: Vec<Vec<Line>> = table
                    .columns
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| cell_lines(&shaper, &c.title, *w))
                    .collect();
                let header_height = cells_height(&header);
                let index = tables.len();
                items.push(Item {
                    row: Row::Cells {
                        table: index,
                        cells: header.clone(),
                        header: true,
                    },
                    height: header_height,
                    keep_with_next: true,
                });
                for row in &table.rows {
                    let cells: Vec<Vec<Line>> = widths
                        .iter()
                        .enumerate()
                        .map(|(i, w)| {
                            cell_lines(&shaper, row.get(i).map(String::as_str).unwrap_or(""), *w)
                        })
                        .collect();
                    // A row taller than a page (a problem described at great
                    // length) continues on the next page as rows of its own.
                    let room = geo.bottom - geo.top - header_height - 2.0 * CELL_PAD_Y;
                    let max_lines = ((room / CELL_LINE).floor() as usize).max(1);
                    let lines = cells.iter().map(Vec::len).max().unwrap_or(1);
                    for start in (0..lines.max(1)).step_by(max_lines) {
                        let chunk: Vec<Vec<Line>> = cells
                            .iter()
                            .map(|c| c.iter().skip(start).take(max_lines).cloned().collect())
                            .collect();
                        let height = cells_height(&chunk);
                        items.push(Item {
                            row: Row::Cells {
                                table: index,
                                cells: chunk,
                                header: false,
                            },
                            height,
                            keep_with_next: false,
                        });
                    }
                }
                tables.push(TableLayout {
                    xs,
                    widths,
                    columns: table.columns.clone(),
                    header,
                    header_height,
                });
            }
            Block::Space(lines) => items.push(Item {
                row: Row::Gap,
                height: lines * BODY_LINE,
                keep_with_next: false,
            }),
        }
    }
    // The issuing line never stands alone: the last two rows above it go
    // with it to a new page.
    let n = items.len();
    for item in items.iter_mut().skip(n.saturating_sub(2)) {
        item.keep_with_next = true;
    }
    let (issuing_gap, issuing_height) = issuing_band();
    items.push(Item {
        row: Row::Issuing,
        height: issuing_height,
        keep_with_next: false,
    });

    // Pass 2: pages.
    let mut placed: Vec<Vec<Placed>> = vec![Vec::new()];
    let mut y = geo.top;
    let mut i = 0;
    let mut current_table: Option<usize> = None;
    while i < items.len() {
        // The chain of items that must share a page with this one.
        let mut chain = items[i].height;
        let mut j = i;
        while items[j].keep_with_next && j + 1 < items.len() {
            j += 1;
            chain += items[j].height;
        }
        let available = geo.bottom - geo.top;
        let page_empty = placed.last().is_none_or(Vec::is_empty);
        let needed = if chain <= available {
            chain
        } else {
            items[i].height
        };
        if y + needed > geo.bottom && !page_empty {
            placed.push(Vec::new());
            y = geo.top;
            // A table continues under its header again.
            if let (Some(t), Row::Cells { header: false, .. }) = (current_table, &items[i].row) {
                if let Some(page) = placed.last_mut() {
                    page.push(Placed::RepeatedHeader(t, y));
                }
                y += tables[t].header_height;
            }
        }
        if matches!(items[i].row, Row::Gap) && placed.last().is_none_or(Vec::is_empty) {
            i += 1;
            continue;
        }
        if let Row::Cells { table, .. } = items[i].row {
            current_table = Some(table);
        } else {
            current_table = None;
        }
        if let Some(page) = placed.last_mut() {
            page.push(Placed::Item(i, y));
        }
        y += items[i].height;
        i += 1;
    }

    let total = placed.len();
    let mut pages = Vec::with_capacity(total);
    let mut seal_slot = SealSlot {
        page_index: 0,
        rect: [0.0; 4],
    };
    for (page_index, rows) in placed.iter().enumerate() {
        let mut page = Page::new(geo.width, geo.height);
        for placed_row in rows {
            let (index, top) = match *placed_row {
                Placed::Item(index, top) => (index, top),
                Placed::RepeatedHeader(t, top) => {
                    if let Some(table) = tables.get(t) {
                        let header = &table.header;
                        draw_cells(
                            &mut page,
                            &mut shaper,
                            table,
                            header,
                            top,
                            table.header_height,
                            true,
                        );
                    }
                    continue;
                }
            };
            let Some(item) = items.get(index) else {
                continue;
            };
            match &item.row {
                Row::Department(text) => {
                    let style = TextStyle::bold(DEPARTMENT_SIZE);
                    let center = (geo.left + geo.right) / 2.0;
                    page.text_centered(
                        &mut shaper,
                        center,
                        baseline(top, item.height, DEPARTMENT_SIZE),
                        style,
                        text,
                    );
                }
                Row::Title(text) => {
                    let style = TextStyle::bold(TITLE);
                    let center = (geo.left + geo.right) / 2.0;
                    let spaced = spaced_title(text);
                    page.text_centered(
                        &mut shaper,
                        center,
                        baseline(top, TITLE_LINE, TITLE),
                        style,
                        &spaced,
                    );
                }
                Row::Number(text) => {
                    let line = baseline(top, BODY_LINE, BODY);
                    page.text_right(&mut shaper, geo.right, line, TextStyle::plain(BODY), text);
                }
                Row::Left { text } => {
                    page.text(
                        &mut shaper,
                        geo.left,
                        baseline(top, item.height, BODY),
                        TextStyle::plain(BODY),
                        text,
                    );
                }
                Row::Body {
                    text,
                    indent,
                    extra,
                } => {
                    page.text_spaced(
                        &mut shaper,
                        geo.left + indent,
                        baseline(top, item.height, BODY),
                        TextStyle::plain(BODY),
                        text,
                        *extra,
                    );
                }
                Row::Cells {
                    table,
                    cells,
                    header,
                } => {
                    if let Some(t) = tables.get(*table) {
                        draw_cells(&mut page, &mut shaper, t, cells, top, item.height, *header);
                    }
                }
                Row::Gap => {}
                Row::Issuing => {
                    let rect = draw_issuing(
                        &mut page,
                        &mut shaper,
                        &geo,
                        letter.header,
                        top + issuing_gap,
                        &qr,
                        &code,
                    );
                    seal_slot = SealSlot { page_index, rect };
                }
            }
        }
        draw_footer(
            &mut page,
            &mut shaper,
            &geo,
            letter.header,
            &code,
            page_index,
            total,
        );
        pages.push(page);
    }

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

/// Short titles are spread out, as official documents set them
/// (`受 理 通 知 书` reads as a title, `受理通知书` as a phrase); the spaces
/// are real, so extracted text shows them too.
fn spaced_title(text: &str) -> String {
    let count = text.chars().count();
    if count <= 5 {
        let mut out = String::new();
        for (i, c) in text.chars().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push(c);
        }
        out
    } else {
        text.to_owned()
    }
}

fn draw_cells(
    page: &mut Page,
    shaper: &mut Shaper<'_>,
    table: &TableLayout,
    cells: &[Vec<Line>],
    top: f32,
    height: f32,
    header: bool,
) {
    let left = table.xs.first().copied().unwrap_or(0.0);
    let right = table
        .xs
        .last()
        .copied()
        .zip(table.widths.last().copied())
        .map(|(x, w)| x + w)
        .unwrap_or(left);
    if header {
        page.rect((left, top, right - left, height), Some(HEADER_FILL), None);
    }
    let style = if header {
        TextStyle::bold(CELL)
    } else {
        TextStyle::plain(CELL)
    };
    for (i, lines) in cells.iter().enumerate() {
        let (Some(&x), Some(&w)) = (table.xs.get(i), table.widths.get(i)) else {
            continue;
        };
        let centered = header || table.columns.get(i).is_some_and(|c| c.centered);
        // Short cells sit in the middle of a tall row.
        let block = lines.len() as f32 * CELL_LINE;
        let mut line_top = top + (height - block) / 2.0;
        for line in lines {
            let base = baseline(line_top, CELL_LINE, CELL);
            if centered {
                page.text_centered(shaper, x + w / 2.0, base, style, &line.text);
            } else {
                page.text(shaper, x + CELL_PAD_X, base, style, &line.text);
            }
            line_top += CELL_LINE;
        }
    }
    // Borders: the row's box and the column rules.
    page.rect((left, top, right - left, height), None, Some((RULE, 0.6)));
    for &x in table.xs.iter().skip(1) {
        page.polyline(&[(x, top), (x, top + height)], RULE, 0.6, None);
    }
}

/// The department's name over the date, the date right-indented four
/// characters and the name centred over it; the QR code and verification
/// code on the left. Returns the seal slot in PDF space.
fn draw_issuing(
    page: &mut Page,
    shaper: &mut Shaper<'_>,
    geo: &Geometry,
    header: &DocumentHeader,
    top: f32,
    qr: &[Vec<bool>],
    code: &str,
) -> [f32; 4] {
    let style = TextStyle::plain(BODY);
    let date = date_zh(header.issued_on);
    let date_width = shaper.width(&date, BODY);
    let date_right = geo.right - 4.0 * BODY;
    let center = date_right - date_width / 2.0;
    let department = header.department.trim();
    let department_width = shaper.width(department, BODY);
    // Centred over the date, unless that would run past the margin.
    let department_x = (center - department_width / 2.0)
        .min(geo.right - department_width)
        .max(geo.left);
    page.text(
        shaper,
        department_x,
        baseline(top, BODY_LINE, BODY),
        style,
        department,
    );
    page.text(
        shaper,
        date_right - date_width,
        baseline(top + BODY_LINE, BODY_LINE, BODY),
        style,
        &date,
    );

    // The verification block, level with the issuing line.
    let qr_top = top - 0.25 * BODY_LINE;
    draw_qr(page, qr, geo.left, qr_top, QR);
    let text_x = geo.left + QR + 8.0;
    let small = TextStyle::plain(10.5).with_color(GREY);
    page.text(shaper, text_x, qr_top + 14.0, small, "验证码");
    page.text(shaper, text_x, qr_top + 32.0, TextStyle::plain(13.0), code);
    page.text(shaper, text_x, qr_top + 50.0, small, "扫码或凭验证码核验");

    let seal_center_y = top + SEAL_CENTRE * BODY_LINE;
    let half = SEAL / 2.0;
    [
        center - half,
        geo.height - (seal_center_y + half),
        center + half,
        geo.height - (seal_center_y - half),
    ]
}

fn draw_footer(
    page: &mut Page,
    shaper: &mut Shaper<'_>,
    geo: &Geometry,
    header: &DocumentHeader,
    code: &str,
    index: usize,
    total: usize,
) {
    let base = geo.height - FOOTER_BASELINE;
    let style = TextStyle::plain(FOOTER).with_color(GREY);
    page.hline(
        geo.left,
        geo.right,
        base - FOOTER - 4.0,
        Rgb8(190, 190, 190),
        0.4,
    );
    page.text(
        shaper,
        geo.left,
        base,
        style,
        &format!("办件编号：{}", header.case_number.trim()),
    );
    page.text_centered(
        shaper,
        (geo.left + geo.right) / 2.0,
        base,
        TextStyle::plain(10.5),
        &format!("第 {} 页 共 {} 页", index + 1, total),
    );
    page.text_right(shaper, geo.right, base, style, &format!("验证码：{code}"));
}
