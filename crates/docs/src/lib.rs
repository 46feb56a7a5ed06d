//! Documents of Approval Desk (部门审批工作台) for the public and for
//! applicants.
//!
//! - The process flowchart (面向企业和群众的办事流程图, Art 6, 11), laid out
//!   automatically, as a standalone SVG document and as PDF.
//! - The result documents as PDF (DESIGN.md 3.4): acceptance notice
//!   (受理通知书), one-time correction notice (一次性告知书), refusal of
//!   acceptance (不予受理决定书), approval and refusal decisions
//!   (准予/不予行政许可决定书) and certificates (证照), in Chinese, each with
//!   a verification code and a slot for the seal that the signature
//!   (crates/esign) adds.
//!
//! Layer: depends on `approval-core` only. Rendering is a pure function
//! from the model to bytes (the caller writes them where it wants); the one
//! exception is [`font::DocumentFont::discover`], which reads a font file.

mod content;
mod layout;
mod pdf;
mod rows;
pub mod sample_documents;
mod svg;
mod text;

use approval_core::guide::{GuideContent, ItemDefinition, SpecialStage, StageDuration, StepKind};

pub use approval_core::guide::Flowchart;
pub use layout::{layout, layout_with_stages, Layout, PlacedBox, RoutedEdge};
pub use pdf::flowchart::render_flowchart_pdf;
pub use pdf::templates::{
    date_zh, legal_basis_zh, AcceptanceNotice, ApprovalDecision, Certificate, CertificateField,
    CorrectionEntry, CorrectionNotice, CorrectionNoticeError, DecisionFromCaseError,
    DocumentHeader, DocumentKind, Orientation, RefusalDecision, RefusalOfAcceptance, Remedies,
    ResultDocument,
};
pub use pdf::{font, verification_code, RenderError, RenderedDocument, SealSlot};
pub use svg::FONT_FAMILY;

/// Text around the chart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChartText {
    pub title: String,
    pub subtitle: Option<String>,
    pub footer: Vec<String>,
}

/// The chart as a standalone SVG document (UTF-8, with width/height and viewBox).
///
/// `stages` are the special stages the chart's special-stage steps refer to
/// (by `Step::stage`); their kind and duration are shown in the boxes.
/// Never panics: edges to unknown steps are left out, and so are the edges
/// that would close a cycle.
pub fn render_flowchart_svg(
    chart: &Flowchart,
    stages: &[SpecialStage],
    text: &ChartText,
) -> String {
    svg::render(chart, stages, text)
}

/// The note printed under every chart with special stages (Art 11).
pub const SPECIAL_STAGE_NOTE: &str =
    "注：特殊环节（现场勘察、专家论证、听证、公示等）时间不计入办理时限（《陕西省政务服务效能管理暂行办法》第十一条）。";

/// The text around a guide's chart: the title (item name + 办事流程图), the
/// implementing department with the promised (承诺时限) and statutory (法定时限)
/// limits, and in the footer every special stage with its legal basis,
/// method and estimated duration (or 时限经备案), then the Art 11 note.
pub fn guide_chart_text(item: &ItemDefinition, content: &GuideContent) -> ChartText {
    let subtitle = format!(
        "实施主体：{}　　承诺时限：{}　　法定时限：{}",
        item.department,
        item.promised_limit.to_zh(),
        item.statutory_limit.to_zh()
    );
    let mut footer: Vec<String> = content
        .special_stages
        .iter()
        .map(|stage| {
            let duration = match &stage.duration {
                StageDuration::Estimated { limit } => format!("预估时限：{}", limit.to_zh()),
                StageDuration::ByFiling { .. } => "时限经备案".to_owned(),
            };
            format!(
                "特殊环节：{}（{}）。法律依据：{}；拟采用方式：{}；{}。",
                stage.name,
                stage.kind.name_zh(),
                stage.legal_basis,
                stage.method,
                duration
            )
        })
        .collect();
    let special_steps = content
        .flowchart
        .steps
        .iter()
        .any(|s| s.kind == StepKind::SpecialStage);
    if !content.special_stages.is_empty() || special_steps {
        footer.push(SPECIAL_STAGE_NOTE.to_owned());
    }
    ChartText {
        title: format!("{}办事流程图", item.name),
        subtitle: Some(subtitle),
        footer,
    }
}

/// The chart of a guide: title = item name + "办事流程图", subtitle with the
/// promised limit (承诺时限) and statutory limit, footer lines: the special
/// stages with legal basis, method and estimated duration (or "时限经备案")
/// and the note that special stages are not counted in the time limit
/// (第十一条).
pub fn guide_flowchart_svg(item: &ItemDefinition, content: &GuideContent) -> String {
    render_flowchart_svg(
        &content.flowchart,
        &content.special_stages,
        &guide_chart_text(item, content),
    )
}

/// The chart of a guide as PDF, with the same title, subtitle and notes as
/// [`guide_flowchart_svg`].
pub fn guide_flowchart_pdf(
    item: &ItemDefinition,
    content: &GuideContent,
    font: &font::DocumentFont,
) -> Result<Vec<u8>, RenderError> {
    render_flowchart_pdf(
        &content.flowchart,
        &content.special_stages,
        &guide_chart_text(item, content),
        font,
    )
}

#[cfg(test)]
mod samples;
