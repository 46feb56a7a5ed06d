//! The public flowchart (办事流程图) as PDF, drawn from the same layout as
//! the SVG: boxes, orthogonal arrows, the legend and the notes.
//!
//! The chart is scaled to the page width (never enlarged). When it would
//! come out too small to read on one page, it runs over several portrait
//! pages instead, cut in the gaps between layers so no box is split; each
//! page repeats the title and says where the chart continues. Landscape is
//! chosen when a wide, short chart is bigger that way.

mod cuts;
mod shapes;

use approval_core::guide::{Flowchart, SpecialStage};

use super::assemble::{self, Meta};
use super::font::DocumentFont;
use super::page::{Page, Rgb8, TextStyle, MM};
use super::shaper::Shaper;
use super::wrap::wrap;
use super::RenderError;
use crate::layout::layout_with_stages;
use crate::ChartText;
use cuts::cuts;
use shapes::{draw_box, draw_edges, draw_legend, legend_rows, LEGEND_ROW};

const MARGIN: f32 = 15.0 * MM;
const TITLE: f32 = 17.0;
const SUBTITLE: f32 = 10.5;
const NOTE: f32 = 9.5;
/// Below this scale box text gets hard to read: split into pages instead.
const MIN_SCALE: f32 = 0.62;
/// The scale of a chart that runs over several pages.
const MULTI_PAGE_SCALE: f32 = 0.8;
const GREY: Rgb8 = Rgb8(68, 68, 68);

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
