//! What the window unit transfers (收件转办).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    pub name: String,
    /// e.g. 统一社会信用代码, 居民身份证.
    pub id_type: String,
    pub id_number: String,
    #[serde(default)]
    pub phone: String,
}

/// How a material arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SubmittedForm {
    /// An electronic file; `sealed` when it carries an e-seal (Art 8).
    Electronic {
        file_name: String,
        sealed: bool,
    },
    Paper,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmittedMaterial {
    pub name: String,
    /// The guide material it answers, when the window unit matched it.
    #[serde(default)]
    pub material_id: Option<String>,
    pub form: SubmittedForm,
}

/// A transferred case as it arrives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transfer {
    pub case_number: String,
    pub item_code: String,
    pub applicant: Applicant,
    pub window_unit: String,
    /// When the window unit received the materials: the acceptance clock
    /// starts here, and a deemed acceptance dates from it (Art 10).
    pub received_at: DateTime<FixedOffset>,
    pub materials: Vec<SubmittedMaterial>,
    /// The bundle instance the case belongs to, if any.
    #[serde(default)]
    pub bundle_instance: Option<String>,
}
