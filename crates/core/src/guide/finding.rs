//! Validation findings: a stable code, a severity, where, and a zh-CN message.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks publishing or importing.
    Error,
    /// Worth an editor's look; does not block.
    Warning,
}

/// What a finding is about. The snake_case names are stable codes: the UI,
/// scripts and tests branch on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FindingCode {
    ItemFieldEmpty,
    PromisedExceedsStatutory,
    LimitZero,
    DuplicateId,
    MaterialsEmpty,
    ConditionalWithoutCondition,
    PaperWithoutFiling,
    /// A material that accepts no electronic copy (paper only) without an
    /// approved paper-materials filing (Art 8, 9).
    PaperOnlyWithoutFiling,
    NoCopiesOrOriginals,
    /// An instant item still handled by its department: Art 18 says it
    /// should in principle go to the approval bureau.
    InstantNotWithApprovalBureau,
    StageIncomplete,
    StageUnused,
    FlowchartNoStart,
    FlowchartManyStarts,
    FlowchartNoEnd,
    EdgeUnknownStep,
    StepUnreachable,
    StepCannotReachEnd,
    FlowchartCycle,
    StepWithoutLimit,
    StepWithoutRole,
    StageStepUndeclared,
    LongestPathExceedsLimit,
    LimitUnitMismatch,
    StartHasIncoming,
    EndHasOutgoing,
    NoDecisionStep,
    LegalBasisEmpty,
    ConditionsEmpty,
    BundleTooFewItems,
    BundleDuplicateItem,
    BundleEdgeUnknownItem,
    BundleSelfPrerequisite,
    BundleCycle,
    BundleDuplicateEdge,
    BundleGuideMissing,
    Malformed,
}

impl FindingCode {
    pub fn as_str(self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }
}

/// One problem or remark about a guide, a flowchart or a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    /// A JSON path into the exchange format, e.g. `guide.flowchart.steps[3].limit`.
    pub path: String,
    /// For officers and editors, in zh-CN.
    pub message: String,
}

impl Finding {
    pub fn error(code: FindingCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: Severity::Error,
            path: path.into(),
            message: message.into(),
        }
    }

    pub fn warning(code: FindingCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code,
            severity: Severity::Warning,
            path: path.into(),
            message: message.into(),
        }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{severity}[{}] {}: {}",
            self.code.as_str(),
            self.path,
            self.message
        )
    }
}
