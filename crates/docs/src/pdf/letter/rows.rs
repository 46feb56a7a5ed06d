//! Pass 1: the letter's content as rows with their heights (a line of
//! text, a table row, the issuing band), each saying whether it must stay
//! on a page with the next.

use super::{
    Block, Column, Geometry, Letter, BODY, BODY_LINE, BOTTOM, CELL, CELL_LINE, CELL_PAD_X,
    CELL_PAD_Y, DEPARTMENT_LINE, DEPARTMENT_SIZE, FOOTER, FOOTER_BASELINE, MAX_JUSTIFY, SEAL,
    SEAL_CENTRE, TITLE, TITLE_LINE,
};
use crate::pdf::shaper::Shaper;
use crate::pdf::wrap::{wrap, Line};

/// One unit of pagination.
pub(super) enum Row {
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

pub(super) struct Item {
    pub row: Row,
    pub height: f32,
    /// Must stay on one page with the next item.
    pub keep_with_next: bool,
}

/// A laid-out table: column x positions and widths.
pub(super) struct TableLayout {
    pub xs: Vec<f32>,
    pub widths: Vec<f32>,
    pub columns: Vec<Column>,
    pub header: Vec<Vec<Line>>,
    pub header_height: f32,
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
pub(super) fn issuing_band() -> (f32, f32) {
    let centre_below_top = SEAL_CENTRE * BODY_LINE;
    let gap = SEAL / 2.0 - centre_below_top + 2.0;
    // The seal may reach into the bottom margin, down to just above the
    // footer's rule.
    let overhang = BOTTOM - FOOTER_BASELINE - FOOTER - 8.0;
    let lines = 2.0 * BODY_LINE + 4.0;
    let seal = centre_below_top + SEAL / 2.0 - overhang;
    (gap, gap + lines.max(seal))
}

/// The rows of a letter, and the layouts of its tables (which the rows of
/// a table refer to by index).
pub(super) fn rows(
    shaper: &Shaper<'_>,
    geo: &Geometry,
    letter: &Letter<'_>,
) -> (Vec<Item>, Vec<TableLayout>) {
    let width = geo.content_width();
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
                    .map(|(c, w)| cell_lines(shaper, &c.title, *w))
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
                            cell_lines(shaper, row.get(i).map(String::as_str).unwrap_or(""), *w)
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
    let (_, issuing_height) = issuing_band();
    items.push(Item {
        row: Row::Issuing,
        height: issuing_height,
        keep_with_next: false,
    });

    (items, tables)
}
