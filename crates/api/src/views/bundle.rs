//! A bundle application as a graph (套餐/并联办件, Art 15, 17): its items
//! with their departments and states, the prerequisite edges, and which
//! results the release gate withholds on what.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BundleView {
    /// The bundle instance (one application under the bundle).
    pub id: String,
    pub code: String,
    pub name: String,
    /// `parallel` (并联服务) or `package` (套餐服务).
    #[ts(type = "\"parallel\" | \"package\"")]
    pub kind: String,
    /// The case the view was opened from.
    pub from_case: String,
    /// In the bundle's order.
    pub nodes: Vec<BundleNodeView>,
    pub edges: Vec<BundleEdgeView>,
}

/// One item of the bundle and its case.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BundleNodeView {
    pub item_code: String,
    /// The item's name where this profile knows the item.
    pub item_name: Option<String>,
    pub department: String,
    /// The case's number; `null` for another department's case (its number
    /// stays within it) or a case not received yet.
    pub case_number: Option<String>,
    /// The case belongs to another department.
    pub other_department: bool,
    /// The member case's state word, where this desk holds the case.
    pub state: Option<String>,
    #[ts(type = "\"approved\" | \"rejected\" | null")]
    pub outcome: Option<String>,
    /// The release gate (Art 17): `not_decided`, `releasable`, `withheld`.
    #[ts(type = "\"not_decided\" | \"releasable\" | \"withheld\"")]
    pub gate: String,
    /// What a withheld result waits on.
    pub waiting_on: Vec<BundleWaitView>,
    /// A prerequisite was rejected: the item needs a new decision.
    pub needs_new_decision: bool,
    /// Depth in the prerequisite graph (0: no prerequisite), for drawing.
    pub layer: u32,
}

#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BundleWaitView {
    pub item_code: String,
    /// `pending` (not decided) or `rejected`.
    #[ts(type = "\"pending\" | \"rejected\"")]
    pub reason: String,
}

/// `dependent` needs `prerequisite`'s result (前置 → 后置).
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BundleEdgeView {
    pub prerequisite: String,
    pub dependent: String,
    /// Runs serially under an approved serial-approval filing (串联审批):
    /// the dependent waits for the prerequisite's result.
    pub serial: bool,
}
