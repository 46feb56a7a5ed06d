//! The SVG writer.

use std::fmt::Write as _;

use approval_core::guide::{Flowchart, SpecialStage, StepKind};

use crate::content::{box_content, pill_radius, LineStyle, DECISION_INSET, LINE_HEIGHT};
use crate::layout::{layout_with_stages, Layout, PlacedBox};
use crate::text::{escape, px_width, wrap_paragraph};
use crate::ChartText;

/// The fonts of every text: the CJK fonts of Windows first, then the free ones.
pub const FONT_FAMILY: &str =
    "Microsoft YaHei, SimSun, Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif";

const MARGIN: f64 = 32.0;
const MIN_CONTENT_WIDTH: f64 = 560.0;
const TITLE_SIZE: f64 = 22.0;
const SUBTITLE_SIZE: f64 = 14.0;
const LEGEND_SIZE: f64 = 12.0;
const FOOTER_SIZE: f64 = 12.0;
const EDGE_COLOUR: &str = "#4a4a4a";

/// Fill and stroke of each kind of box.
struct Look {
    fill: &'static str,
    stroke: &'static str,
    dash: Option<&'static str>,
}

fn look(kind: StepKind) -> Look {
    match kind {
        StepKind::Start | StepKind::End => Look {
            fill: "#e7f3e8",
            stroke: "#2e7d32",
            dash: None,
        },
        StepKind::Step => Look {
            fill: "#eaf2fb",
            stroke: "#1f5fa8",
            dash: None,
        },
        StepKind::Decision => Look {
            fill: "#fff3dc",
            stroke: "#c25e00",
            dash: None,
        },
        StepKind::SpecialStage => Look {
            fill: "#f5edf9",
            stroke: "#7b3fa0",
            dash: Some("6 4"),
        },
    }
}

fn n(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

/// The outline of a box of `kind` at (x, y) with size (w, h).
fn shape(out: &mut String, kind: StepKind, x: f64, y: f64, w: f64, h: f64) {
    let look = look(kind);
    let dash = look
        .dash
        .map(|d| format!(" stroke-dasharray=\"{d}\""))
        .unwrap_or_default();
    let paint = format!(
        "fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"{dash}",
        look.fill, look.stroke
    );
    match kind {
        StepKind::Decision => {
            let k = DECISION_INSET.min(w / 4.0);
            let points = [
                (x + k, y),
                (x + w - k, y),
                (x + w, y + h / 2.0),
                (x + w - k, y + h),
                (x + k, y + h),
                (x, y + h / 2.0),
            ]
            .iter()
            .map(|(px, py)| format!("{},{}", n(*px), n(*py)))
            .collect::<Vec<_>>()
            .join(" ");
            let _ = writeln!(out, "<polygon points=\"{points}\" {paint}/>");
        }
        _ => {
            let r = match kind {
                StepKind::Start | StepKind::End => pill_radius(h),
                _ => 4.0,
            };
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" {paint}/>",
                n(x),
                n(y),
                n(w),
                n(h),
                n(r)
            );
        }
    }
}

fn kind_class(kind: StepKind) -> &'static str {
    match kind {
        StepKind::Start => "start",
        StepKind::Step => "step",
        StepKind::SpecialStage => "special",
        StepKind::Decision => "decision",
        StepKind::End => "end",
    }
}

fn draw_box(out: &mut String, chart: &Flowchart, stages: &[SpecialStage], placed: &PlacedBox) {
    let Some(step) = chart.steps.get(placed.step_index) else {
        return;
    };
    let content = box_content(step, stages);
    let _ = writeln!(
        out,
        "<g class=\"box {}\" data-step=\"{}\">",
        kind_class(step.kind),
        escape(&step.id)
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&step.name));
    shape(
        out,
        step.kind,
        placed.x,
        placed.y,
        placed.width,
        placed.height,
    );
    let cx = n(placed.center_x());
    let mut y = placed.y + content.pad_top;
    let mut name_lines = Vec::new();
    for line in &content.lines {
        let size = line.style.size();
        let line_height = size * LINE_HEIGHT;
        // The baseline sits where the glyphs come out centred in the line.
        let baseline = y + (line_height - size) / 2.0 + size * 0.86;
        y += line_height;
        match line.style {
            LineStyle::Name => name_lines.push((baseline, &line.text)),
            LineStyle::Tag => {
                let _ = writeln!(
                    out,
                    "<text class=\"tag\" x=\"{cx}\" y=\"{}\" font-size=\"{}\" fill=\"#7b3fa0\" text-anchor=\"middle\">{}</text>",
                    n(baseline),
                    n(size),
                    escape(&line.text)
                );
            }
            LineStyle::Detail => {
                let _ = writeln!(
                    out,
                    "<text class=\"detail\" x=\"{cx}\" y=\"{}\" font-size=\"{}\" fill=\"#444444\" text-anchor=\"middle\">{}</text>",
                    n(baseline),
                    n(size),
                    escape(&line.text)
                );
            }
        }
    }
    if !name_lines.is_empty() {
        let _ = write!(
            out,
            "<text class=\"name\" font-size=\"{}\" font-weight=\"bold\" fill=\"#1a1a1a\" text-anchor=\"middle\">",
            n(LineStyle::Name.size())
        );
        for (baseline, text) in name_lines {
            let _ = write!(
                out,
                "<tspan x=\"{cx}\" y=\"{}\">{}</tspan>",
                n(baseline),
                escape(text)
            );
        }
        let _ = writeln!(out, "</text>");
    }
    let _ = writeln!(out, "</g>");
}

/// One legend entry: a small sample of a shape and its meaning.
struct LegendEntry {
    kind: Option<StepKind>,
    label: &'static str,
}

const LEGEND: [LegendEntry; 5] = [
    LegendEntry {
        kind: Some(StepKind::Start),
        label: "开始/结束",
    },
    LegendEntry {
        kind: Some(StepKind::Step),
        label: "办理环节",
    },
    LegendEntry {
        kind: Some(StepKind::Decision),
        label: "审批决定",
    },
    LegendEntry {
        kind: Some(StepKind::SpecialStage),
        label: "特殊环节（不计入办理时限）",
    },
    LegendEntry {
        kind: None,
        label: "流转方向",
    },
];
const SAMPLE_W: f64 = 30.0;
const SAMPLE_H: f64 = 18.0;
const LEGEND_GAP: f64 = 18.0;
const LEGEND_ROW: f64 = 28.0;

fn legend_entry_width(entry: &LegendEntry) -> f64 {
    SAMPLE_W + 8.0 + px_width(entry.label, LEGEND_SIZE)
}

/// The legend's rows (entry indices), flowed into `width`.
fn legend_rows(width: f64) -> Vec<Vec<usize>> {
    crate::rows::flow_into_rows(LEGEND.iter().map(legend_entry_width), LEGEND_GAP, width)
}

fn row_width(row: &[usize]) -> f64 {
    let entries: f64 = row.iter().map(|&i| legend_entry_width(&LEGEND[i])).sum();
    entries + LEGEND_GAP * row.len().saturating_sub(1) as f64
}

fn draw_legend(out: &mut String, rows: &[Vec<usize>], center: f64, top: f64) {
    let _ = writeln!(out, "<g class=\"legend\">");
    for (r, row) in rows.iter().enumerate() {
        let mut x = center - row_width(row) / 2.0;
        let mid = top + LEGEND_ROW * r as f64 + LEGEND_ROW / 2.0;
        for &i in row {
            let entry = &LEGEND[i];
            match entry.kind {
                Some(kind) => shape(out, kind, x, mid - SAMPLE_H / 2.0, SAMPLE_W, SAMPLE_H),
                None => {
                    let _ = writeln!(
                        out,
                        "<path d=\"M{},{} H{}\" fill=\"none\" stroke=\"{EDGE_COLOUR}\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>",
                        n(x),
                        n(mid),
                        n(x + SAMPLE_W)
                    );
                }
            }
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"#333333\">{}</text>",
                n(x + SAMPLE_W + 8.0),
                n(mid + LEGEND_SIZE * 0.36),
                n(LEGEND_SIZE),
                escape(entry.label)
            );
            x += legend_entry_width(entry) + LEGEND_GAP;
        }
    }
    let _ = writeln!(out, "</g>");
}

fn draw_edges(out: &mut String, layout: &Layout, dx: f64, dy: f64) {
    let _ = writeln!(
        out,
        "<g class=\"edges\" fill=\"none\" stroke=\"{EDGE_COLOUR}\" stroke-width=\"1.5\" stroke-linejoin=\"round\">"
    );
    for edge in &layout.edges {
        if edge.points.len() < 2 {
            continue;
        }
        let points = edge
            .points
            .iter()
            .map(|(x, y)| format!("{},{}", n(x + dx), n(y + dy)))
            .collect::<Vec<_>>()
            .join(" ");
        let _ = writeln!(
            out,
            "<polyline points=\"{points}\" marker-end=\"url(#arrow)\"/>"
        );
    }
    let _ = writeln!(out, "</g>");
}

/// The whole document: title, subtitle, chart, legend, footer.
pub(crate) fn render(chart: &Flowchart, stages: &[SpecialStage], text: &ChartText) -> String {
    let layout = layout_with_stages(chart, stages);
    // The widest of the chart, the title and the legend sets the width; the
    // footer wraps into it.
    let wrap_width = layout.width.max(640.0);
    let title_lines = wrap_paragraph(&text.title, wrap_width / TITLE_SIZE);
    let subtitle_lines = text
        .subtitle
        .as_deref()
        .map(|s| wrap_paragraph(s, wrap_width / SUBTITLE_SIZE))
        .unwrap_or_default();
    let widest =
        |lines: &[String], size: f64| lines.iter().map(|l| px_width(l, size)).fold(0.0, f64::max);
    let legend_single = row_width(&[0, 1, 2, 3, 4]);
    let content_width = layout
        .width
        .max(MIN_CONTENT_WIDTH)
        .max(widest(&title_lines, TITLE_SIZE))
        .max(widest(&subtitle_lines, SUBTITLE_SIZE))
        .ceil();
    let legend = legend_rows(content_width.max(legend_single.min(wrap_width)));
    let content_width = content_width
        .max(legend.iter().map(|r| row_width(r)).fold(0.0, f64::max))
        .ceil();
    let footer_lines: Vec<String> = text
        .footer
        .iter()
        .flat_map(|line| wrap_paragraph(line, content_width / FOOTER_SIZE))
        .collect();
    let page_width = content_width + 2.0 * MARGIN;
    let center = page_width / 2.0;

    let mut body = String::new();
    let mut y = MARGIN;
    for line in &title_lines {
        let _ = writeln!(
            body,
            "<text class=\"title\" x=\"{}\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" fill=\"#111111\" text-anchor=\"middle\">{}</text>",
            n(center),
            n(y + TITLE_SIZE * 0.9),
            n(TITLE_SIZE),
            escape(line)
        );
        y += TITLE_SIZE * 1.4;
    }
    for line in &subtitle_lines {
        let _ = writeln!(
            body,
            "<text class=\"subtitle\" x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"#444444\" text-anchor=\"middle\">{}</text>",
            n(center),
            n(y + SUBTITLE_SIZE * 0.9 + 2.0),
            n(SUBTITLE_SIZE),
            escape(line)
        );
        y += SUBTITLE_SIZE * 1.5;
    }
    y += 20.0;
    let dx = (MARGIN + (content_width - layout.width) / 2.0).round();
    let dy = y.round();
    let _ = writeln!(body, "<g class=\"chart\">");
    for placed in &layout.boxes {
        let mut shifted = placed.clone();
        shifted.x += dx;
        shifted.y += dy;
        draw_box(&mut body, chart, stages, &shifted);
    }
    // Edges after the boxes, so no arrowhead hides under a box.
    draw_edges(&mut body, &layout, dx, dy);
    let _ = writeln!(body, "</g>");
    y = dy + layout.height + 28.0;
    draw_legend(&mut body, &legend, center, y);
    y += LEGEND_ROW * legend.len() as f64 + 12.0;
    if !footer_lines.is_empty() {
        let _ = writeln!(
            body,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#cccccc\" stroke-width=\"1\"/>",
            n(MARGIN),
            n(y),
            n(page_width - MARGIN),
            n(y)
        );
        y += 8.0;
        for line in &footer_lines {
            let _ = writeln!(
                body,
                "<text class=\"footer\" x=\"{}\" y=\"{}\" font-size=\"{}\" fill=\"#333333\">{}</text>",
                n(MARGIN),
                n(y + FOOTER_SIZE * 1.2),
                n(FOOTER_SIZE),
                escape(line)
            );
            y += FOOTER_SIZE * 1.7;
        }
    }
    let page_height = (y + MARGIN).ceil();

    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{}\">",
        escape(FONT_FAMILY),
        w = n(page_width),
        h = n(page_height),
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&text.title));
    let _ = writeln!(
        out,
        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"10\" markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{EDGE_COLOUR}\"/></marker></defs>"
    );
    let _ = writeln!(
        out,
        "<rect x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>",
        n(page_width),
        n(page_height)
    );
    out.push_str(&body);
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use approval_core::guide::{StageDuration, StepKind};

    use crate::samples::{chart, construction_permit, special, step, three_lane_bundle};
    use crate::{guide_flowchart_svg, render_flowchart_svg, ChartText, SPECIAL_STAGE_NOTE};

    fn parse(svg: &str) -> roxmltree::Document<'_> {
        match roxmltree::Document::parse(svg) {
            Ok(doc) => doc,
            Err(e) => panic!("not well-formed XML: {e}\n{svg}"),
        }
    }

    /// The text of every step name, its wrapped lines joined.
    fn names(doc: &roxmltree::Document<'_>) -> Vec<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name("text") && n.attribute("class") == Some("name"))
            .map(|n| {
                n.descendants()
                    .filter(|d| d.is_text())
                    .filter_map(|d| d.text())
                    .collect::<String>()
            })
            .collect()
    }

    fn all_text(doc: &roxmltree::Document<'_>, class: &str) -> Vec<String> {
        doc.descendants()
            .filter(|n| n.has_tag_name("text") && n.attribute("class") == Some(class))
            .map(|n| {
                n.descendants()
                    .filter(|d| d.is_text())
                    .filter_map(|d| d.text())
                    .collect::<String>()
            })
            .collect()
    }

    fn without_blanks(text: &str) -> String {
        text.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn a_guide_chart_is_a_complete_svg_document() {
        let (item, content) = construction_permit();
        let svg = guide_flowchart_svg(&item, &content);
        let doc = parse(&svg);
        let root = doc.root_element();
        assert!(root.has_tag_name(("http://www.w3.org/2000/svg", "svg")));
        let width: f64 = root
            .attribute("width")
            .and_then(|w| w.parse().ok())
            .unwrap_or(0.0);
        let height: f64 = root
            .attribute("height")
            .and_then(|h| h.parse().ok())
            .unwrap_or(0.0);
        assert!(width > 0.0 && height > 0.0);
        assert_eq!(
            root.attribute("viewBox"),
            Some(format!("0 0 {width} {height}").as_str())
        );
        assert!(root
            .attribute("font-family")
            .unwrap_or("")
            .contains("Microsoft YaHei"));

        // Title, subtitle with both limits, footer with the stage and the note.
        assert_eq!(
            all_text(&doc, "title"),
            vec!["建筑工程施工许可证核发办事流程图"]
        );
        let subtitle = all_text(&doc, "subtitle").concat();
        assert!(subtitle.contains("承诺时限：7个工作日"), "{subtitle}");
        assert!(subtitle.contains("法定时限：15个工作日"), "{subtitle}");
        let footer = all_text(&doc, "footer").concat();
        assert!(
            footer.contains("法律依据：《建筑工程施工许可管理办法》第四条"),
            "{footer}"
        );
        assert!(
            footer.contains("拟采用方式：两名以上工作人员到施工现场核查施工条件"),
            "{footer}"
        );
        assert!(footer.contains("预估时限：5个工作日"), "{footer}");
        assert!(footer.contains(SPECIAL_STAGE_NOTE), "{footer}");

        // Every step name, the roles, the limits and the special-stage marks.
        let mut expected: Vec<String> = content
            .flowchart
            .steps
            .iter()
            .map(|s| s.name.clone())
            .collect();
        let mut shown = names(&doc);
        expected.sort();
        shown.sort();
        assert_eq!(shown, expected);
        let details = all_text(&doc, "detail");
        assert!(details.contains(&"承办人".to_owned()));
        assert!(details.contains(&"时限≤3个工作日".to_owned()));
        assert!(
            details.contains(&"现场勘察 · 预估5个工作日".to_owned()),
            "{details:?}"
        );
        assert_eq!(all_text(&doc, "tag"), vec!["特殊环节（不计入办理时限）"]);
        let special = doc
            .descendants()
            .find(|n| n.attribute("class") == Some("box special"));
        let dashed = special
            .and_then(|g| g.children().find(|c| c.has_tag_name("rect")))
            .and_then(|r| r.attribute("stroke-dasharray"));
        assert!(dashed.is_some(), "a special stage has a dashed border");
        assert!(doc
            .descendants()
            .any(|n| n.attribute("class") == Some("box decision")
                && n.children().any(|c| c.has_tag_name("polygon"))));
        // One arrow per edge, and a legend.
        let arrows = doc
            .descendants()
            .filter(|n| {
                n.has_tag_name("polyline") && n.attribute("marker-end") == Some("url(#arrow)")
            })
            .count();
        assert_eq!(arrows, content.flowchart.edges.len());
        assert!(doc
            .descendants()
            .any(|n| n.attribute("class") == Some("legend")));
    }

    #[test]
    fn a_stage_without_a_stated_duration_says_so() {
        let (item, mut content) = construction_permit();
        content.special_stages[0].duration = StageDuration::ByFiling {
            filing: "F-2025-001".into(),
        };
        let svg = guide_flowchart_svg(&item, &content);
        let doc = parse(&svg);
        assert!(all_text(&doc, "footer").concat().contains("时限经备案"));
        assert!(all_text(&doc, "detail").contains(&"现场勘察 · 时限经备案".to_owned()));
    }

    #[test]
    fn wrapped_names_join_back_to_the_name() {
        let chart = three_lane_bundle();
        let svg = render_flowchart_svg(&chart, &[], &ChartText::default());
        let doc = parse(&svg);
        let shown = names(&doc);
        for step in &chart.steps {
            assert!(
                shown.contains(&step.name),
                "{} missing from {shown:?}",
                step.name
            );
        }
        // The long names really were wrapped.
        let wrapped = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("name"))
            .filter(|n| n.children().filter(|c| c.has_tag_name("tspan")).count() > 1)
            .count();
        assert!(wrapped >= 4);
    }

    #[test]
    fn xml_special_characters_are_escaped() {
        let nasty = "A&B <审查> \"引号\" '单引号' ]]> &amp;";
        let chart = chart(
            vec![
                step(
                    "a&<",
                    "收件 & <登记>",
                    StepKind::Start,
                    Some("窗口\"甲\""),
                    None,
                ),
                step("b", nasty, StepKind::Step, Some("承办人 <A&B>"), Some(2)),
                special("c", "现场'勘察'", "no-such-stage"),
                step("d", "办结\u{1}", StepKind::End, None, None),
            ],
            &[("a&<", "b"), ("b", "c"), ("c", "d")],
        );
        let text = ChartText {
            title: "<script>alert('x')</script> & 流程图".into(),
            subtitle: Some("\"时限\" & <法定>".into()),
            footer: vec!["注 <1> & '2'".into()],
        };
        let svg = render_flowchart_svg(&chart, &[], &text);
        assert!(!svg.contains("<script>"));
        assert!(!svg.contains("<审查>"));
        let doc = parse(&svg);
        let shown: Vec<String> = names(&doc).iter().map(|n| without_blanks(n)).collect();
        for name in ["收件 & <登记>", nasty, "现场'勘察'", "办结"] {
            assert!(
                shown.contains(&without_blanks(name)),
                "{name} missing from {shown:?}"
            );
        }
        assert_eq!(all_text(&doc, "title").concat(), text.title);
        assert!(all_text(&doc, "detail").contains(&"承办人 <A&B>".to_owned()));
        assert!(doc
            .descendants()
            .any(|n| n.attribute("data-step") == Some("a&<")));
    }

    #[test]
    fn broken_charts_still_render() {
        let chart = chart(
            vec![
                step("a", "收件", StepKind::Start, None, None),
                step("b", "审查", StepKind::Step, None, None),
                step("c", "补正", StepKind::Step, None, None),
            ],
            &[
                ("a", "b"),
                ("b", "c"),
                ("c", "b"),
                ("b", "ghost"),
                ("ghost", "a"),
                ("c", "c"),
            ],
        );
        let svg = render_flowchart_svg(&chart, &[], &ChartText::default());
        let doc = parse(&svg);
        assert_eq!(names(&doc).len(), 3);
        let empty = render_flowchart_svg(&Default::default(), &[], &ChartText::default());
        parse(&empty);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        #[test]
        fn random_charts_render_well_formed_svg(chart in crate::layout::tests::arbitrary_dag()) {
            let svg = render_flowchart_svg(&chart, &[], &ChartText {
                title: "随机流程图".into(),
                subtitle: None,
                footer: vec![],
            });
            let doc = roxmltree::Document::parse(&svg);
            proptest::prop_assert!(doc.is_ok(), "{:?}", doc.err());
            if let Ok(doc) = doc {
                let shown: Vec<String> = names(&doc).iter().map(|n| without_blanks(n)).collect();
                for step in &chart.steps {
                    proptest::prop_assert!(shown.contains(&without_blanks(&step.name)), "{} missing", step.name);
                }
            }
        }
    }
}
