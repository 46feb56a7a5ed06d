//! Audit checkpoints: the head of a desk's local audit chain, pushed with
//! each sync, so that a later rewrite of local history no longer matches
//! what the hub holds.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    /// The desk's installation id (one chain per profile).
    pub desk: String,
    /// How many entries the chain held.
    pub length: u64,
    /// The hash of the last entry, lowercase hex.
    pub head: String,
    pub at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Checkpoints {
    pub checkpoints: Vec<Checkpoint>,
}
