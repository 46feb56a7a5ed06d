//! What a box of the chart says, and so how big it is.

use approval_core::guide::{SpecialStage, StageDuration, Step, StepKind};

use crate::text::{px_width, wrap};

/// The size of a step name (px).
pub(crate) const NAME_SIZE: f64 = 14.0;
/// The size of the role and limit lines (px).
pub(crate) const DETAIL_SIZE: f64 = 12.0;
/// The size of the special-stage label (px).
pub(crate) const TAG_SIZE: f64 = 11.0;
/// Line height as a multiple of the font size.
pub(crate) const LINE_HEIGHT: f64 = 1.45;
/// Names longer than this many em (CJK characters) wrap.
pub(crate) const NAME_WRAP_EM: f64 = 12.0;
const DETAIL_WRAP_EM: f64 = 15.0;
const PAD_X: f64 = 14.0;
const PAD_Y: f64 = 9.0;
const MIN_WIDTH: f64 = 120.0;
/// How far a decision's hexagon points stick out on each side.
pub(crate) const DECISION_INSET: f64 = 16.0;

/// The label of a special-stage box.
pub(crate) const SPECIAL_LABEL: &str = "特殊环节（不计入办理时限）";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineStyle {
    /// The special-stage label above the name.
    Tag,
    /// The step name.
    Name,
    /// Role, limit, stage kind and duration.
    Detail,
}

impl LineStyle {
    pub(crate) fn size(self) -> f64 {
        match self {
            LineStyle::Tag => TAG_SIZE,
            LineStyle::Name => NAME_SIZE,
            LineStyle::Detail => DETAIL_SIZE,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextLine {
    pub text: String,
    pub style: LineStyle,
}

/// The lines of a box and its size.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct BoxContent {
    pub lines: Vec<TextLine>,
    pub width: f64,
    pub height: f64,
    /// Padding above the first line.
    pub pad_top: f64,
}

fn push_wrapped(lines: &mut Vec<TextLine>, text: &str, style: LineStyle, max_em: f64) {
    for text in wrap(text, max_em) {
        lines.push(TextLine { text, style });
    }
}

/// The lines of one step's box: the special-stage label, the name (wrapped,
/// never cut), the stage kind and duration, the role and the step limit.
pub(crate) fn box_content(step: &Step, stages: &[SpecialStage]) -> BoxContent {
    let mut lines = Vec::new();
    let special = step.kind == StepKind::SpecialStage;
    if special {
        lines.push(TextLine {
            text: SPECIAL_LABEL.to_owned(),
            style: LineStyle::Tag,
        });
    }
    push_wrapped(&mut lines, &step.name, LineStyle::Name, NAME_WRAP_EM);
    if special {
        let stage = step
            .stage
            .as_deref()
            .and_then(|id| stages.iter().find(|s| s.id == id));
        if let Some(stage) = stage {
            let duration = match &stage.duration {
                StageDuration::Estimated { limit } => format!("预估{}", limit.to_zh()),
                StageDuration::ByFiling { .. } => "时限经备案".to_owned(),
            };
            let detail = format!("{} · {duration}", stage.kind.name_zh());
            push_wrapped(&mut lines, &detail, LineStyle::Detail, DETAIL_WRAP_EM);
        }
    }
    if let Some(role) = step.role.as_deref().filter(|r| !r.trim().is_empty()) {
        push_wrapped(&mut lines, role, LineStyle::Detail, DETAIL_WRAP_EM);
    }
    if let Some(limit) = step.limit {
        push_wrapped(
            &mut lines,
            &format!("时限≤{}", limit.to_zh()),
            LineStyle::Detail,
            DETAIL_WRAP_EM,
        );
    }
    let text_width = lines
        .iter()
        .map(|l| px_width(&l.text, l.style.size()))
        .fold(0.0, f64::max);
    let text_height: f64 = lines.iter().map(|l| l.style.size() * LINE_HEIGHT).sum();
    let height = (text_height + 2.0 * PAD_Y).max(40.0);
    let extra = match step.kind {
        // The rounded ends of a pill take room from the text.
        StepKind::Start | StepKind::End => pill_radius(height),
        StepKind::Decision => 2.0 * DECISION_INSET,
        StepKind::Step | StepKind::SpecialStage => 0.0,
    };
    let width = (text_width + 2.0 * PAD_X + extra).max(MIN_WIDTH).ceil();
    BoxContent {
        lines,
        width,
        height: height.ceil(),
        pad_top: (height.ceil() - text_height) / 2.0,
    }
}

/// The corner radius of a start or end box.
pub(crate) fn pill_radius(height: f64) -> f64 {
    (height / 2.0).min(22.0)
}
