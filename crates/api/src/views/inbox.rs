//! The officer's inbox (待办) over IPC: a query with its filters and the
//! keyset cursor, one page of rows with each row's clock and where it
//! stands, and what the filters offer. Instants are RFC 3339 in Beijing
//! time (+08:00); dates `YYYY-MM-DD`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a page starts: strictly after this case in the inbox's order
/// (due ascending, cases without a deadline last, then number). The UI
/// passes back the `next` of the page before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "InboxCursor")]
#[serde(rename_all = "camelCase")]
pub struct InboxCursorView {
    /// The case's current deadline; `null`: it has none.
    pub due: Option<String>,
    pub number: String,
}

/// Which page of which cases: every given filter must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InboxQuery {
    /// A state's word (`inbox_filters().states`).
    pub state: Option<String>,
    pub item_code: Option<String>,
    /// Only the cases the acting officer holds.
    pub assigned_to_me: bool,
    /// Only the cases this officer holds (a section chief's look at one
    /// officer's work); `assignedToMe` wins when both are given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub officer: Option<String>,
    /// Only cases due before this day (`YYYY-MM-DD`, Beijing) begins, or
    /// before this RFC 3339 instant.
    pub due_before: Option<String>,
    /// Only the cases of an instance of this bundle (its code).
    pub bundle: Option<String>,
    /// Only the cases whose deadline has passed.
    pub overdue: bool,
    /// A case number's beginning or a part of the applicant's name.
    pub search: Option<String>,
    /// The page after this cursor; `null`: the first page.
    pub after: Option<InboxCursorView>,
    /// Rows on the page, 1 to 200.
    pub limit: u32,
}

/// One case in the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InboxRowView {
    pub number: String,
    pub item_code: String,
    /// The item's name (its code when the item is not stored).
    pub item_name: String,
    pub applicant: String,
    /// The state's word (see `inbox_filters().states`).
    pub state: String,
    /// The deadline the officer works against now; `null` when none runs
    /// (waiting for corrections, paused, finished).
    pub due: Option<String>,
    /// Which clock `due` is: 受理期限 or 承诺办结时限.
    #[ts(type = "\"acceptance\" | \"processing\" | null")]
    pub clock: Option<&'static str>,
    /// Where the clock stands now (warning: one working day or fewer
    /// left); `null` without a deadline or beyond the calendar's years.
    #[ts(type = "\"on_time\" | \"warning\" | \"overdue\" | null")]
    pub timeliness: Option<&'static str>,
    /// Working days left, today included when it is one; negative: overdue
    /// by as many.
    #[ts(type = "number | null")]
    pub remaining_working_days: Option<i64>,
    /// Who holds the case (承办人); `null`: the department's pool.
    pub officer: Option<String>,
    /// The code of the bundle (套餐) the case belongs to.
    pub bundle: Option<String>,
    /// The window unit's receipt of the submission.
    pub received_at: String,
}

/// One page of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InboxPageView {
    pub rows: Vec<InboxRowView>,
    /// The cursor of the next page; `null`: this is the last.
    pub next: Option<InboxCursorView>,
    /// How many cases the filters let through in all.
    #[ts(type = "number")]
    pub total: u64,
}

/// An item or a bundle a filter may choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InboxChoiceView {
    pub code: String,
    pub name: String,
}

/// What the inbox's filters offer the acting officer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InboxFiltersView {
    /// The items whose cases the officer may see, by code.
    pub items: Vec<InboxChoiceView>,
    /// The bundles with a member the officer may see, by code.
    pub bundles: Vec<InboxChoiceView>,
    /// Every state's word, in the order of a case's life.
    pub states: Vec<String>,
}
