//! Signing in: an account's password for an expiring bearer token.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    pub account: String,
    pub password: String,
}

/// A role the hub grants an account, in the scope of one department or
/// window unit (`scope`), or of all of them (`scope` absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WireGrant {
    /// `window_clerk`, `officer`, `guide_editor`, `manager`,
    /// `department_admin`, `classified_clearance`.
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// A signed-in session. The token goes in `Authorization: Bearer …`; the
/// desk keeps it in the OS keyring only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Session {
    pub token: String,
    pub expires_at: DateTime<FixedOffset>,
    pub account: String,
    /// The person's name, as actions are recorded under it.
    pub name: String,
    pub grants: Vec<WireGrant>,
}

/// Who the token belongs to (`GET /v1/session`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Whoami {
    pub account: String,
    pub name: String,
    pub grants: Vec<WireGrant>,
    pub expires_at: DateTime<FixedOffset>,
}
