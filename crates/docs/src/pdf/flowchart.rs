//! The public flowchart (办事流程图) as PDF, drawn from the same layout as
//! the SVG: boxes, orthogonal arrows, the legend and the notes.
//!
//! The chart is scaled to the page width (never enlarged). When it would
//! come out too small to read on one page, it runs over several portrait
//! pages instead, cut in the gaps between layers so no box is split; each
//! page repeats the title and says where the chart continues. Landscape is
//! chosen when a wide, short chart is bigger that way.

use approval_core::guide::{Flowchart, SpecialStage, StepKind};

use super::assemble::{self, Meta};
use super::font::DocumentFont;
use super::page::{Page, Rgb8, TextStyle, MM};
use super::shaper::Shaper;
use super::wrap::wrap;
use super::RenderError;
use crate::content::{box_content, pill_radius, LineStyle, DECISION_INSET, LINE_HEIGHT};
use crate::layout::{layout_with_stages, Layout, PlacedBox};
use crate::ChartText;

const MARGIN: f32 = 15.0 * MM;
const TITLE: f32 = 17.0;
const SUBTITLE: f32 = 10.5;
const NOTE: f32 = 9.5;
const LEGEND: f32 = 9.5;
/// Below this scale box text gets hard to read: split into pages instead.
const MIN_SCALE: f32 = 0.62;
/// The scale of a chart that runs over several pages.
const MULTI_PAGE_SCALE: f32 = 0.8;
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

fn draw_box(
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

fn draw_edges(page: &mut Page, layout: &Layout) {
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
const LEGEND_ROW: f32 = 20.0;

fn legend_rows(shaper: &Shaper<'_>, width: f32) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut used = 0.0;
    for (i, (_, label)) in LEGEND_ITEMS.iter().enumerate() {
        let w = SAMPLE_W + 6.0 + shaper.width(label, LEGEND);
        let needed = if used > 0.0 { used + LEGEND_GAP + w } else { w };
        if needed > width && used > 0.0 {
            rows.push(vec![i]);
            used = w;
        } else if let Some(row) = rows.last_mut() {
            row.push(i);
            used = needed;
        }
    }
    rows
}

fn draw_legend(
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

/// The y ranges (chart units) of the layers, top down.
fn layer_bands(layout: &Layout) -> Vec<(f32, f32)> {
    let mut bands: Vec<(usize, f32, f32)> = Vec::new();
    for b in &layout.boxes {
        let (top, bottom) = (b.y as f32, b.bottom() as f32);
        match bands.iter_mut().find(|(l, _, _)| *l == b.layer) {
            Some(band) => {
                band.1 = band.1.min(top);
                band.2 = band.2.max(bottom);
            }
            None => bands.push((b.layer, top, bottom)),
        }
    }
    bands.sort_by(|a, b| a.1.total_cmp(&b.1));
    bands.into_iter().map(|(_, t, b)| (t, b)).collect()
}

/// Where to cut the chart (chart units): in the middle of a gap between
/// layers, each piece at most `limit` tall and the last at most
/// `last_limit` (it shares its page with the legend and notes). The second
/// value is true when the legend and notes need a page of their own.
fn cuts(layout: &Layout, limit: f32, last_limit: f32) -> (Vec<f32>, bool) {
    let bands = layer_bands(layout);
    let total = layout.height as f32;
    let mut cuts = vec![0.0];
    let mut start = 0.0;
    let mut own_page = false;
    while total - start > last_limit {
        let gap = bands
            .windows(2)
            .map(|pair| (pair[0].1 + pair[1].0) / 2.0)
            .rfind(|&mid| mid > start + 1.0 && mid - start <= limit);
        match gap {
            Some(cut) => {
                cuts.push(cut);
                start = cut;
            }
            None if total - start <= limit => {
                own_page = true;
                break;
            }
            // A single layer taller than a page: cut through it.
            None => {
                start += limit;
                cuts.push(start);
            }
        }
    }
    cuts.push(total);
    (cuts, own_page)
}

struct Texts {
    title: Vec<String>,
    subtitle: Vec<String>,
    notes: Vec<String>,
}

fn texts(shaper: &Shaper<'_>, text: &ChartText, width: f32) -> Texts {
    let lines = |s: &str, size: f32| -> Vec<String> {
        wrap(s, width, width, &|c| shaper.advance(c) * size)
            .into_iter()
            .map(|l| l.text)
            .collect()
    };
    Texts {
        title: if text.title.trim().is_empty() {
            Vec::new()
        } else {
            lines(text.title.trim(), TITLE)
        },
        subtitle: text
            .subtitle
            .as_deref()
            .map(|s| lines(s.trim(), SUBTITLE))
            .unwrap_or_default(),
        notes: text
            .footer
            .iter()
            .flat_map(|f| lines(f.trim(), NOTE))
            .collect(),
    }
}

impl Texts {
    fn header_height(&self) -> f32 {
        self.title.len() as f32 * TITLE * 1.45 + self.subtitle.len() as f32 * SUBTITLE * 1.6 + 12.0
    }

    fn footer_height(&self, legend_rows: usize) -> f32 {
        let notes = if self.notes.is_empty() {
            0.0
        } else {
            10.0 + self.notes.len() as f32 * NOTE * 1.6
        };
        16.0 + legend_rows as f32 * LEGEND_ROW + notes
    }
}

/// The legend, then the notes under a rule.
fn draw_footer(
    page: &mut Page,
    shaper: &mut Shaper<'_>,
    t: &Texts,
    legend: &[Vec<usize>],
    top: f32,
) {
    let page_w = page.width;
    let mut y = top;
    draw_legend(page, shaper, legend, page_w / 2.0, y);
    y += legend.len() as f32 * LEGEND_ROW;
    if !t.notes.is_empty() {
        y += 6.0;
        page.hline(MARGIN, page_w - MARGIN, y, Rgb8(0xcc, 0xcc, 0xcc), 0.6);
        y += 4.0;
        for note in &t.notes {
            let style = TextStyle::plain(NOTE).with_color(Rgb8(0x33, 0x33, 0x33));
            page.text(shaper, MARGIN, y + NOTE * 1.2, style, note);
            y += NOTE * 1.6;
        }
    }
}

/// The chart as a PDF document (A4, portrait or landscape, one or more
/// pages). Edges to unknown steps and those closing a cycle are left out,
/// as in the SVG.
pub fn render_flowchart_pdf(
    chart: &Flowchart,
    stages: &[SpecialStage],
    text: &ChartText,
    font: &DocumentFont,
) -> Result<Vec<u8>, RenderError> {
    let layout = layout_with_stages(chart, stages);
    let mut shaper = Shaper::new(font)?;
    let chart_w = (layout.width as f32).max(1.0);
    let chart_h = (layout.height as f32).max(1.0);

    // Pick the orientation that shows the chart biggest on one page.
    let fit = |page_w: f32, page_h: f32| {
        let width = page_w - 2.0 * MARGIN;
        let t = texts(&shaper, text, width);
        let rows = legend_rows(&shaper, width).len();
        let room = page_h - 2.0 * MARGIN - t.header_height() - t.footer_height(rows);
        let scale = (width / chart_w).min(room / chart_h).min(1.0);
        (scale, (width / chart_w).min(1.0))
    };
    let (portrait_one, portrait_wide) = fit(super::page::A4_WIDTH, super::page::A4_HEIGHT);
    let (landscape_one, _) = fit(super::page::A4_HEIGHT, super::page::A4_WIDTH);
    let (landscape, scale) = if portrait_one >= MIN_SCALE && portrait_one >= landscape_one {
        (false, portrait_one)
    } else if landscape_one >= MIN_SCALE {
        (true, landscape_one)
    } else {
        // Several portrait pages, a little smaller than life so that fewer
        // are needed, and narrower still if the chart is wide.
        (false, portrait_wide.min(MULTI_PAGE_SCALE).max(portrait_one))
    };
    let new_page = || {
        if landscape {
            Page::a4_landscape()
        } else {
            Page::a4_portrait()
        }
    };
    let probe = new_page();
    let (page_w, page_h) = (probe.width, probe.height);
    let width = page_w - 2.0 * MARGIN;
    let t = texts(&shaper, text, width);
    let legend = legend_rows(&shaper, width);
    let header_h = t.header_height();
    let footer_h = t.footer_height(legend.len());
    // A page's room for the chart; the last also holds legend and notes.
    let room = page_h - 2.0 * MARGIN - header_h;
    let (pieces, footer_page) = if chart_h * scale <= room - footer_h {
        (vec![0.0, chart_h], false)
    } else {
        cuts(&layout, (room - 24.0) / scale, (room - footer_h) / scale)
    };
    let piece_count = pieces.len().saturating_sub(1).max(1);
    let page_count = piece_count + usize::from(footer_page);

    let mut pages: Vec<Page> = Vec::new();
    for (index, piece) in pieces.windows(2).enumerate() {
        let (start, end) = (piece[0], piece[1]);
        let mut page = new_page();
        let center = page_w / 2.0;
        let mut y = MARGIN;
        for (i, line) in t.title.iter().enumerate() {
            let title = if index > 0 && i + 1 == t.title.len() {
                format!("{line}（续）")
            } else {
                line.clone()
            };
            page.text_centered(
                &mut shaper,
                center,
                y + TITLE,
                TextStyle::bold(TITLE),
                &title,
            );
            y += TITLE * 1.45;
        }
        if index == 0 {
            for line in &t.subtitle {
                page.text_centered(
                    &mut shaper,
                    center,
                    y + SUBTITLE + 2.0,
                    TextStyle::plain(SUBTITLE).with_color(GREY),
                    line,
                );
                y += SUBTITLE * 1.6;
            }
        } else {
            y += t.subtitle.len() as f32 * SUBTITLE * 1.6;
        }
        y += 12.0;
        if index > 0 {
            page.text_centered(
                &mut shaper,
                center,
                y - 2.0,
                TextStyle::plain(NOTE).with_color(GREY),
                "（接上页）",
            );
        }
        let dx = MARGIN + (width - chart_w * scale) / 2.0;
        let dy = y - start * scale;
        // A margin above and below the piece, so strokes at its edges and
        // arrowheads just below a cut are not shaved off.
        let clip = (MARGIN, y - 4.0, width, (end - start) * scale + 8.0);
        page.begin_clip(clip);
        page.begin_transform(scale, dx, dy);
        for placed in &layout.boxes {
            let (top, bottom) = (placed.y as f32, placed.bottom() as f32);
            if top >= start - 0.5 && bottom <= end + 0.5 {
                draw_box(&mut page, &mut shaper, chart, stages, placed);
            }
        }
        draw_edges(&mut page, &layout);
        page.end_transform();
        page.end_clip();
        y += (end - start) * scale;
        if index + 1 < piece_count {
            page.text_centered(
                &mut shaper,
                center,
                y + 14.0,
                TextStyle::plain(NOTE).with_color(GREY),
                "（接下页）",
            );
        } else if !footer_page {
            draw_footer(&mut page, &mut shaper, &t, &legend, y + 16.0);
        }
        pages.push(page);
    }
    if footer_page {
        let mut page = new_page();
        draw_footer(&mut page, &mut shaper, &t, &legend, MARGIN);
        pages.push(page);
    }
    if page_count > 1 {
        for (index, page) in pages.iter_mut().enumerate() {
            page.text_centered(
                &mut shaper,
                page_w / 2.0,
                page_h - 11.5 * MM,
                TextStyle::plain(9.0).with_color(GREY),
                &format!("第 {} 页 共 {} 页", index + 1, page_count),
            );
        }
    }

    let used = shaper.finish()?;
    let meta = Meta {
        title: if text.title.trim().is_empty() {
            "办事流程图".to_owned()
        } else {
            text.title.trim().to_owned()
        },
        subject: text.subtitle.clone().unwrap_or_default(),
        author: String::new(),
        date: None,
        identity: format!("flowchart\n{}\n{:?}", text.title, chart),
    };
    assemble::assemble(font, &used, pages, &meta)
}
