//! The department's feed: everything addressed to it since a cursor —
//! transferred cases, applicants' reviews and the decisions on its filings.
//! The cursor is the hub's sequence number, given in commit order, so a
//! client that pulls `since` the last entry it stored misses nothing.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::cases::{ReviewPush, TransferredCase};
use crate::filings::FilingDecision;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FeedEntry {
    /// Position in the feed; the next pull asks `since` the last one.
    pub seq: i64,
    pub at: DateTime<FixedOffset>,
    pub item: FeedItem,
}

/// Tagged by `type`, not `kind`: a transferred case has a `kind` field of
/// its own (the case kind), and an internal tag of the same name would be
/// written twice and never read back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FeedItem {
    Transfer(Box<TransferredCase>),
    Review {
        case_number: String,
        review: ReviewPush,
    },
    FilingDecided(FilingDecision),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct FeedPage {
    pub entries: Vec<FeedEntry>,
    /// Whether more entries follow the last one.
    pub more: bool,
}

/// Acknowledge every entry up to and including `up_to`: the hub records
/// that the department has it (the window unit sees the case as taken).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Ack {
    pub up_to: i64,
}
