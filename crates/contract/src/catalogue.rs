//! The guide catalogue window units and other departments read: published
//! guide versions and bundle definitions, in the desk's documented file
//! formats (`approval-desk.guide/1`, `approval-desk.bundle/1`).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GuidePublication {
    /// The 实施编码 of the item the guide is for.
    pub implementation_code: String,
    pub version: u32,
    /// A guide file (`approval-desk.guide/1`).
    #[schema(value_type = Object)]
    pub guide: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BundlePublication {
    /// A bundle file (`approval-desk.bundle/1`).
    #[schema(value_type = Object)]
    pub bundle: serde_json::Value,
}

/// One line of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct CatalogueEntry {
    pub item_code: String,
    pub implementation_code: String,
    pub name: String,
    pub department: String,
    pub version: u32,
    pub published_at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct BundleEntry {
    pub code: String,
    pub name: String,
    pub items: Vec<String>,
    pub published_at: DateTime<FixedOffset>,
}

/// The shared working-day calendar: one arrangement file per year
/// (`approval-desk.calendar/1`, docs/formats.md).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct CalendarYears {
    #[schema(value_type = Vec<Object>)]
    pub years: Vec<serde_json::Value>,
}
