//! Efficiency data a department uploads (效能数据, Art 23, 24).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One day's figures of a department. The figures are the desk's report
/// (its shape grows with supervision); the hub stores them as given and
/// aggregates the departments it serves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EfficiencyReport {
    pub department: String,
    pub day: NaiveDate,
    #[schema(value_type = Object)]
    pub figures: serde_json::Value,
}
