//! Pass 3: the placed rows drawn on pages, the issuing line with the
//! verification QR code, and the footer of every page.

use super::paginate::Placed;
use super::rows::{issuing_band, Item, Row, TableLayout};
use super::{
    baseline, Geometry, Letter, BODY, BODY_LINE, CELL, CELL_LINE, CELL_PAD_X, DEPARTMENT_SIZE,
    FOOTER, FOOTER_BASELINE, GREY, HEADER_FILL, QR, RULE, SEAL, SEAL_CENTRE, TITLE, TITLE_LINE,
};
use crate::pdf::page::{Page, Rgb8, TextStyle};
use crate::pdf::shaper::Shaper;
use crate::pdf::templates::{date_zh, DocumentHeader};
use crate::pdf::verify::draw_qr;
use crate::pdf::wrap::Line;
use crate::pdf::SealSlot;

/// What the pages show.
pub(super) struct Content<'a> {
    pub letter: &'a Letter<'a>,
    pub items: &'a [Item],
    pub tables: &'a [TableLayout],
    pub qr: &'a [Vec<bool>],
    pub code: &'a str,
}

/// The pages, and where the seal goes.
pub(super) fn draw(
    shaper: &mut Shaper<'_>,
    geo: &Geometry,
    content: &Content<'_>,
    placed: &[Vec<Placed>],
) -> (Vec<Page>, SealSlot) {
    let Content {
        letter,
        items,
        tables,
        qr,
        code,
    } = *content;
    let (issuing_gap, _) = issuing_band();
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
                            shaper,
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
                        shaper,
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
                    page.text_centered_as(
                        shaper,
                        center,
                        baseline(top, TITLE_LINE, TITLE),
                        style,
                        &spaced,
                        text,
                    );
                }
                Row::Number(text) => {
                    let line = baseline(top, BODY_LINE, BODY);
                    page.text_right(shaper, geo.right, line, TextStyle::plain(BODY), text);
                }
                Row::Left { text } => {
                    page.text(
                        shaper,
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
                        shaper,
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
                        draw_cells(&mut page, shaper, t, cells, top, item.height, *header);
                    }
                }
                Row::Gap => {}
                Row::Issuing => {
                    let rect = draw_issuing(
                        &mut page,
                        shaper,
                        geo,
                        letter.header,
                        top + issuing_gap,
                        qr,
                        code,
                    );
                    seal_slot = SealSlot { page_index, rect };
                }
            }
        }
        draw_footer(
            &mut page,
            shaper,
            geo,
            letter.header,
            code,
            page_index,
            total,
        );
        pages.push(page);
    }

    (pages, seal_slot)
}

/// Short titles are spread out, as official documents set them
/// (`受 理 通 知 书` reads as a title, `受理通知书` as a phrase). The title
/// is marked to be read without the spaces.
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

/// The page number's size in the footer.
const PAGE_NUMBER: f32 = 10.5;

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
    let case = format!("办件编号：{}", header.case_number.trim());
    let code = format!("验证码：{code}");
    page.text(shaper, geo.left, base, style, &case);
    // Centred on the page, unless a long case number (办件编号 is 37
    // characters) would run into it: then centred in the gap between the
    // case number and the code.
    let case_end = geo.left + shaper.width(&case, FOOTER);
    let code_start = geo.right - shaper.width(&code, FOOTER);
    let number = format!("第 {} 页 共 {} 页", index + 1, total);
    let half = shaper.width(&number, PAGE_NUMBER) / 2.0 + FOOTER;
    let middle = (geo.left + geo.right) / 2.0;
    let centre = if middle - half < case_end || middle + half > code_start {
        (case_end + code_start) / 2.0
    } else {
        middle
    };
    page.text_centered(shaper, centre, base, TextStyle::plain(PAGE_NUMBER), &number);
    page.text_right(shaper, geo.right, base, style, &code);
}
