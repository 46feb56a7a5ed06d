//! Special stages (特殊环节, Art 11): site survey, expert review, hearing,
//! public notice … They pause the processing clock only when the guide
//! declares them with legal basis, method and estimated duration, or when a
//! special-stage filing covers a duration that cannot be stated.

use serde::{Deserialize, Serialize};

use super::limit::TimeLimit;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    /// 现场勘察
    SiteSurvey,
    /// 专家论证 / 专家评审
    ExpertReview,
    /// 听证
    Hearing,
    /// 公示
    PublicNotice,
    /// 检验、检测、检疫、鉴定 …
    Other,
}

impl StageKind {
    pub fn name_zh(&self) -> &'static str {
        match self {
            StageKind::SiteSurvey => "现场勘察",
            StageKind::ExpertReview => "专家论证",
            StageKind::Hearing => "听证",
            StageKind::PublicNotice => "公示",
            StageKind::Other => "其他特殊环节",
        }
    }
}

/// How long a stage takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StageDuration {
    /// 预估时限, stated in the guide.
    Estimated { limit: TimeLimit },
    /// Cannot be stated for reasons outside the department (e.g. a national
    /// expert review): covered by a special-stage filing.
    ByFiling { filing: String },
}

/// One special stage a guide declares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SpecialStage {
    /// Stable within the guide; flowchart steps refer to it.
    pub id: String,
    pub kind: StageKind,
    pub name: String,
    /// 法律依据.
    pub legal_basis: String,
    /// 拟采用方式.
    pub method: String,
    pub duration: StageDuration,
}
