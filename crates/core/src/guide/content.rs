//! What a guide (办事指南) holds.

use serde::{Deserialize, Serialize};

use super::flowchart::Flowchart;
use super::material::Material;
use super::stage::SpecialStage;

/// A provision the item rests on (法律依据).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// e.g. 《中华人民共和国食品安全法》
    pub title: String,
    /// e.g. 第三十五条
    pub provision: String,
}

/// A fee (收费项目); a guide with none means the item is free.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Fee {
    pub name: String,
    /// As the basis states it, e.g. `每件50元`.
    pub standard: String,
    pub basis: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct Contact {
    /// 咨询电话.
    pub phone: String,
    /// 监督投诉电话.
    pub complaint_phone: String,
}

/// Where applicants go (办理窗口).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ServiceWindow {
    pub name: String,
    pub address: String,
    /// 办公时间, as printed.
    pub hours: String,
}

/// The body of one guide version.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct GuideContent {
    /// 受理条件: what the applicant must meet, nothing more (Art 7).
    pub conditions: Vec<String>,
    pub legal_basis: Vec<LegalBasis>,
    pub materials: Vec<Material>,
    pub fees: Vec<Fee>,
    pub special_stages: Vec<SpecialStage>,
    pub flowchart: Flowchart,
    pub contact: Contact,
    pub windows: Vec<ServiceWindow>,
}

impl GuideContent {
    pub fn material(&self, id: &str) -> Option<&Material> {
        self.materials.iter().find(|m| m.id == id)
    }

    pub fn stage(&self, id: &str) -> Option<&SpecialStage> {
        self.special_stages.iter().find(|s| s.id == id)
    }
}
