//! The chart's pieces in PDF: box outlines in the SVG's colours, the text
//! of a box, orthogonal edges with arrowheads, and the legend.

use approval_core::guide::{Flowchart, SpecialStage, StepKind};

use crate::content::{box_content, pill_radius, LineStyle, DECISION_INSET, LINE_HEIGHT};
use crate::layout::{Layout, PlacedBox};
use crate::pdf::page::{Page, Rgb8, TextStyle};
use crate::pdf::shaper::Shaper;

const LEGEND: f32 = 9.5;
const EDGE: Rgb8 = Rgb8(74, 74, 74);
const GREY: Rgb8 = Rgb8(68, 68, 68);
const PAD_X: f32 = 14.0;

struct Look {
    fill: Rgb8,
    stroke: Rgb8,
    dashed: bool,
}

/// The colours of the SVG (svg.rs), so both read the same.
fn look(kind: StepKind) -> Look {
    match kind {
        StepKind::Start | StepKind::End => Look {
            fill: Rgb8(0xe7, 0xf3, 0xe8),
            stroke: Rgb8(0x2e, 0x7d, 0x32),
            dashed: false,
        },
        StepKind::Step => Look {
            fill: Rgb8(0xea, 0xf2, 0xfb),
            stroke: Rgb8(0x1f, 0x5f, 0xa8),
            dashed: false,
        },
        StepKind::Decision => Look {
            fill: Rgb8(0xff, 0xf3, 0xdc),
            stroke: Rgb8(0xc2, 0x5e, 0x00),
            dashed: false,
        },
        StepKind::SpecialStage => Look {
            fill: Rgb8(0xf5, 0xed, 0xf9),
            stroke: Rgb8(0x7b, 0x3f, 0xa0),
            dashed: true,
        },
    }
}

type Ring = Vec<((f32, f32), bool)>;

/// A rectangle with rounded corners (radius `r`) as Bézier curves.
fn rounded(x: f32, y: f32, w: f32, h: f32, r: f32) -> Ring {
    let r = r.min(w / 2.0).min(h / 2.0);
    // The control point distance that makes a quarter circle.
    let k = r * 0.552_284_8;
    vec![
        ((x + r, y), false),
        ((x + w - r, y), false),
        ((x + w - r + k, y), true),
        ((x + w, y + r - k), true),
        ((x + w, y + r), false),
        ((x + w, y + h - r), false),
        ((x + w, y + h - r + k), true),
        ((x + w - r + k, y + h), true),
        ((x + w - r, y + h), false),
        ((x + r, y + h), false),
        ((x + r - k, y + h), true),
        ((x, y + h - r + k), true),
        ((x, y + h - r), false),
        ((x, y + r), false),
        ((x, y + r - k), true),
        ((x + r - k, y), true),
        ((x + r, y), false),
    ]
}

fn outline(kind: StepKind, x: f32, y: f32, w: f32, h: f32) -> Ring {
    match kind {
        StepKind::Decision => {
            let k = (DECISION_INSET as f32).min(w / 4.0);
            vec![
                ((x + k, y), false),
                ((x + w - k, y), false),
                ((x + w, y + h / 2.0), false),
                ((x + w - k, y + h), false),
                ((x + k, y + h), false),
                ((x, y + h / 2.0), false),
            ]
        }
        StepKind::Start | StepKind::End => rounded(x, y, w, h, pill_radius(f64::from(h)) as f32),
        StepKind::Step | StepKind::SpecialStage => rounded(x, y, w, h, 4.0),
    }
}

fn draw_shape(
    page: &mut Page,
    kind: StepKind,
    (x, y, w, h): (f32, f32, f32, f32),
    stroke_width: f32,
) {
    let look = look(kind);
    let dash: Option<&[f32]> = if look.dashed { Some(&[6.0, 4.0]) } else { None };
    page.shape(
        &[outline(kind, x, y, w, h)],
        Some(look.fill),
        Some((look.stroke, stroke_width)),
        dash,
    );
}

pub(super) fn draw_box(
    page: &mut Page,
    shaper: &mut Shaper<'_>,
    chart: &Flowchart,
    stages: &[SpecialStage],
    placed: &PlacedBox,
) {
    let Some(step) = chart.steps.get(placed.step_index) else {
        return;
    };
    let (x, y, w, h) = (
        placed.x as f32,
        placed.y as f32,
        placed.width as f32,
        placed.height as f32,
    );
    draw_shape(page, step.kind, (x, y, w, h), 1.5);
    let content = box_content(step, stages);
    let inset = match step.kind {
        StepKind::Decision => DECISION_INSET as f32,
        StepKind::Start | StepKind::End => pill_radius(placed.height) as f32 / 2.0,
        _ => 0.0,
    };
    let room = (w - 2.0 * (PAD_X + inset) + 8.0).max(20.0);
    let mut top = y + content.pad_top as f32;
    let center = x + w / 2.0;
    for line in &content.lines {
        let size = line.style.size() as f32;
        let line_height = size * LINE_HEIGHT as f32;
        // The box was sized from estimated widths: shrink a line that the
        // real face sets wider, rather than let it cross the border.
        let natural = shaper.width(&line.text, size);
        let size = if natural > room {
            size * room / natural
        } else {
            size
        };
        let style = match line.style {
            LineStyle::Name => TextStyle::bold(size).with_color(Rgb8(0x1a, 0x1a, 0x1a)),
            LineStyle::Tag => TextStyle::plain(size).with_color(Rgb8(0x7b, 0x3f, 0xa0)),
            LineStyle::Detail => TextStyle::plain(size).with_color(GREY),
        };
        let baseline = top + line_height / 2.0 + size * 0.36;
        page.text_centered(shaper, center, baseline, style, &line.text);
        top += line_height;
    }
}

pub(super) fn draw_edges(page: &mut Page, layout: &Layout) {
    const ARROW: f32 = 9.0;
    for edge in &layout.edges {
        let mut points: Vec<(f32, f32)> = edge
            .points
            .iter()
            .map(|&(x, y)| (x as f32, y as f32))
            .collect();
        let n = points.len();
        if n < 2 {
            continue;
        }
        let (tx, ty) = points[n - 1];
        let (px, py) = points[n - 2];
        let length = ((tx - px).powi(2) + (ty - py).powi(2)).sqrt().max(0.001);
        let (ux, uy) = ((tx - px) / length, (ty - py) / length);
        // The line stops where the arrowhead starts.
        points[n - 1] = (tx - ux * ARROW * 0.8, ty - uy * ARROW * 0.8);
        page.polyline(&points, EDGE, 1.5, None);
        let (bx, by) = (tx - ux * ARROW, ty - uy * ARROW);
        let (nx, ny) = (-uy * ARROW / 2.0, ux * ARROW / 2.0);
        page.shape(
            &[vec![
                ((tx, ty), false),
                ((bx + nx, by + ny), false),
                ((bx - nx, by - ny), false),
            ]],
            Some(EDGE),
            None,
            None,
        );
    }
}

const LEGEND_ITEMS: [(Option<StepKind>, &str); 5] = [
    (Some(StepKind::Start), "开始/结束"),
    (Some(StepKind::Step), "办理环节"),
    (Some(StepKind::Decision), "审批决定"),
    (Some(StepKind::SpecialStage), "特殊环节（不计入办理时限）"),
    (None, "流转方向"),
];
const SAMPLE_W: f32 = 24.0;
const SAMPLE_H: f32 = 14.0;
const LEGEND_GAP: f32 = 14.0;
pub(super) const LEGEND_ROW: f32 = 20.0;

pub(super) fn legend_rows(shaper: &Shaper<'_>, width: f32) -> Vec<Vec<usize>> {
    let widths = LEGEND_ITEMS
        .iter()
        .map(|(_, label)| f64::from(SAMPLE_W + 6.0 + shaper.width(label, LEGEND)));
    crate::rows::flow_into_rows(widths, f64::from(LEGEND_GAP), f64::from(width))
}

pub(super) fn draw_legend(
    page: &mut Page,
    shaper: &mut Shaper<'_>,
    rows: &[Vec<usize>],
    center: f32,
    top: f32,
) {
    for (r, row) in rows.iter().enumerate() {
        let widths: Vec<f32> = row
            .iter()
            .map(|&i| SAMPLE_W + 6.0 + shaper.width(LEGEND_ITEMS[i].1, LEGEND))
            .collect();
        let total = widths.iter().sum::<f32>() + LEGEND_GAP * row.len().saturating_sub(1) as f32;
        let mut x = center - total / 2.0;
        let mid = top + LEGEND_ROW * r as f32 + LEGEND_ROW / 2.0;
        for (&i, w) in row.iter().zip(&widths) {
            let (kind, label) = LEGEND_ITEMS[i];
            match kind {
                Some(kind) => draw_shape(
                    page,
                    kind,
                    (x, mid - SAMPLE_H / 2.0, SAMPLE_W, SAMPLE_H),
                    1.0,
                ),
                None => {
                    page.polyline(&[(x, mid), (x + SAMPLE_W - 6.0, mid)], EDGE, 1.2, None);
                    page.shape(
                        &[vec![
                            ((x + SAMPLE_W, mid), false),
                            ((x + SAMPLE_W - 7.0, mid - 3.5), false),
                            ((x + SAMPLE_W - 7.0, mid + 3.5), false),
                        ]],
                        Some(EDGE),
                        None,
                        None,
                    );
                }
            }
            page.text(
                shaper,
                x + SAMPLE_W + 6.0,
                mid + LEGEND * 0.36,
                TextStyle::plain(LEGEND).with_color(Rgb8(0x33, 0x33, 0x33)),
                label,
            );
            x += w + LEGEND_GAP;
        }
    }
}
