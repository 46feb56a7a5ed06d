//! The guide editor (办事指南编辑): the items an editor may work on, a
//! draft with its published version, and what checking a draft found (its
//! findings and the layout its flowchart gets in the public chart, so the
//! editor's canvas and the published chart agree).
//! The guide file itself crosses IPC in the exchange format
//! (docs/formats.md, snake_case), as `GuideFile`.

use approval_core::exchange::GuideFile;
use approval_core::guide::Finding;
use serde::Serialize;
use ts_rs::TS;

use super::case::FlowEdgeView;

/// One item the editor may edit.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GuideEditorItemView {
    pub code: String,
    pub name: String,
    pub department: String,
    /// The item's status: in force, a change awaiting its filing, or
    /// cancelled.
    #[ts(type = "\"active\" | \"change_pending\" | \"cancelled\"")]
    pub status: String,
    /// A draft is being edited.
    pub has_draft: bool,
    /// The latest published version's number, if any.
    pub published_number: Option<u32>,
    /// When that version took or takes effect (RFC 3339, +08:00).
    pub published_effective_from: Option<String>,
}

/// One step's box as the public chart places it (px, top left corner).
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GuideLayoutNodeView {
    /// The step's id (`guide.flowchart.steps[stepIndex].id`).
    pub id: String,
    /// The index of the step in `guide.flowchart.steps`.
    pub step_index: u32,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// 0 for the start, growing downward.
    pub layer: u32,
}

/// A draft's flowchart laid out as the public chart is.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GuideLayoutView {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<GuideLayoutNodeView>,
    pub edges: Vec<FlowEdgeView>,
}

/// What checking a draft found. Never an error: a draft whose shape is
/// wrong gives `malformed` findings with the path of the wrong field.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GuideCheckView {
    /// Every finding, errors first, each with its JSON path
    /// (`guide.flowchart.steps[3].limit`) and a zh-CN message.
    pub findings: Vec<Finding>,
    pub errors: u32,
    pub warnings: u32,
    /// Whether the draft could be published as it is (no error).
    pub publishable: bool,
    /// The flowchart's layout; `null` when the flowchart's shape is wrong.
    pub layout: Option<GuideLayoutView>,
}

/// An item's guide in the editor.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GuideEditorView {
    pub code: String,
    pub name: String,
    pub department: String,
    /// The stored draft's number; `null` when there is no draft and
    /// `draft` is the version in force, the starting point of a new one.
    pub draft_number: Option<u32>,
    /// `draft` is a copy of the published version (no draft is stored).
    pub from_published: bool,
    /// What the editor edits.
    pub draft: GuideFile,
    /// The latest published version, if any.
    pub published: Option<GuideFile>,
    pub published_number: Option<u32>,
    /// The findings and layout of `draft`.
    pub check: GuideCheckView,
}

/// A saved draft: its number and what checking it found (a draft with
/// errors is saved too; publishing refuses it).
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GuideDraftSavedView {
    pub draft_number: u32,
    pub check: GuideCheckView,
}

/// A published draft.
#[derive(Debug, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GuidePublishedView {
    pub code: String,
    pub number: u32,
    /// RFC 3339, +08:00.
    pub effective_from: String,
}

/// One changed field: where, its zh-CN name, and its values as text
/// (`null`: absent).
#[derive(Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GuideChangeRowView {
    /// The field's path in the draft (`guide.materials[2].name`).
    pub path: String,
    pub label: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// An entry of a list added, removed or changed.
#[derive(Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GuideEntryChangeView {
    #[ts(
        type = "\"conditions\" | \"legal_basis\" | \"materials\" | \"fees\" | \"special_stages\" | \"windows\" | \"steps\" | \"edges\""
    )]
    pub section: String,
    pub section_label: String,
    /// What names the entry: a material's, stage's or step's id, a fee's
    /// or window's name, a condition's text, an edge `from→to`.
    pub key: String,
    #[ts(type = "\"added\" | \"removed\" | \"changed\"")]
    pub change: String,
    /// The entry's path: in the draft, or for a removed one in the
    /// published version.
    pub path: String,
    /// The names of the fields that changed.
    pub fields: Vec<String>,
    pub rows: Vec<GuideChangeRowView>,
}

/// A draft against the published version.
#[derive(Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GuideDiffView {
    pub code: String,
    pub draft_number: u32,
    pub published_number: Option<u32>,
    /// The item's fields and the contact.
    pub fields: Vec<GuideChangeRowView>,
    pub entries: Vec<GuideEntryChangeView>,
}
