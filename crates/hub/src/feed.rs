//! The department's feed and its acknowledgement.

use std::collections::BTreeSet;

use approval_contract::feed::{Ack, FeedEntry, FeedItem, FeedPage};
use approval_contract::WireError;
use approval_core::access::{Action, Target};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::json;
use sqlx::Row;
use utoipa::IntoParams;

use crate::auth::Caller;
use crate::db::{parse_stamp, Write};
use crate::error::{HubError, HubResult};
use crate::extract::{Body, Query};
use crate::Hub;

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct FeedQuery {
    /// The last `seq` the caller stored (0: from the start).
    #[serde(default)]
    pub since: i64,
    /// At most this many entries (1–1000, default 100).
    #[serde(default)]
    pub limit: Option<u32>,
}

const DEFAULT_LIMIT: u32 = 100;
const MAX_LIMIT: u32 = 1000;

/// The action a feed entry of `kind` is read under.
fn action_of(kind: &str) -> Action {
    if kind == "filing_decided" {
        Action::ViewFiling
    } else {
        Action::ReceiveCase
    }
}

/// `(kind IN (…) AND department IN (…))` for one action's scopes, binding
/// from `$next`; `None` when the caller holds no such role.
fn clause(
    kinds: &[&str],
    scopes: Option<BTreeSet<String>>,
    holds: bool,
    binds: &mut Vec<String>,
) -> Option<String> {
    if !holds {
        return None;
    }
    let kinds = kinds
        .iter()
        .map(|k| format!("'{k}'"))
        .collect::<Vec<_>>()
        .join(", ");
    match scopes {
        None => Some(format!("(kind IN ({kinds}))")),
        Some(names) if names.is_empty() => None,
        Some(names) => {
            let mut marks = Vec::new();
            for name in names {
                binds.push(name);
                // $1 is `since`, $2 the limit.
                marks.push(format!("${}", binds.len() + 2));
            }
            Some(format!(
                "(kind IN ({kinds}) AND department IN ({}))",
                marks.join(", ")
            ))
        }
    }
}

/// Everything addressed to the caller's departments since a cursor:
/// transferred cases, reviews, filing decisions.
#[utoipa::path(get, path = "/v1/feed", tag = "department",
    security(("bearer" = [])),
    params(FeedQuery),
    responses((status = 200, body = FeedPage), (status = 403, body = WireError)))]
pub async fn pull(
    State(hub): State<Hub>,
    caller: Caller,
    Query(query): Query<FeedQuery>,
) -> HubResult<Json<FeedPage>> {
    let cases = caller.may_at_all(Action::ReceiveCase);
    let filings = caller.may_at_all(Action::ViewFiling);
    if !cases && !filings {
        caller.require_role(Action::ReceiveCase)?;
    }
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let mut binds = Vec::new();
    let clauses: Vec<String> = [
        clause(
            &["transfer", "review"],
            caller.scopes_for(Action::ReceiveCase),
            cases,
            &mut binds,
        ),
        clause(
            &["filing_decided"],
            caller.scopes_for(Action::ViewFiling),
            filings,
            &mut binds,
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    if clauses.is_empty() {
        return Ok(Json(FeedPage {
            entries: Vec::new(),
            more: false,
        }));
    }
    let sql = format!(
        "SELECT seq, department, kind, at, item FROM feed WHERE seq > $1 AND ({}) ORDER BY seq LIMIT $2",
        clauses.join(" OR ")
    );
    let mut q = sqlx::query(&sql)
        .bind(query.since)
        .bind(i64::from(limit) + 1);
    for bind in &binds {
        q = q.bind(bind);
    }
    let rows = q.fetch_all(&hub.pool).await?;
    let more = rows.len() > limit as usize;
    let mut entries = Vec::new();
    for row in rows.into_iter().take(limit as usize) {
        let department: String = row.try_get("department")?;
        let kind: String = row.try_get("kind")?;
        // The query already chose by scope; the policy has the last word.
        if caller
            .authorize(action_of(&kind), &Target::Department(department))
            .is_err()
        {
            continue;
        }
        let item: FeedItem = serde_json::from_str(&row.try_get::<String, _>("item")?)?;
        entries.push(FeedEntry {
            seq: row.try_get("seq")?,
            at: parse_stamp(&row.try_get::<String, _>("at")?)?,
            item,
        });
    }
    Ok(Json(FeedPage { entries, more }))
}

/// Acknowledge the transferred cases up to a cursor: the window units see
/// them taken by the department.
#[utoipa::path(post, path = "/v1/feed/ack", tag = "department",
    security(("bearer" = [])),
    request_body = Ack,
    responses((status = 204), (status = 403, body = WireError)))]
pub async fn ack(State(hub): State<Hub>, caller: Caller, body: Body<Ack>) -> HubResult<StatusCode> {
    caller.require_role(Action::ReceiveCase)?;
    let up_to = body.value.up_to;
    if up_to < 0 {
        return Err(HubError::invalid(
            "invalid_cursor",
            "游标不能为负数",
            "the cursor cannot be negative",
        )
        .at_field("up_to"));
    }
    let mut write = Write::begin(&hub.pool, 1).await?;
    let rows = sqlx::query(
        "SELECT case_number, department, state FROM cases \
         WHERE acknowledged_at IS NULL AND transfer_seq IS NOT NULL AND transfer_seq <= $1",
    )
    .bind(up_to)
    .fetch_all(&mut *write.tx)
    .await?;
    let now = write.now_text();
    let at = write.at();
    for row in rows {
        let number: String = row.try_get("case_number")?;
        let department: String = row.try_get("department")?;
        let state: String = row.try_get("state")?;
        if caller
            .authorize(Action::ReceiveCase, &Target::Department(department.clone()))
            .is_err()
        {
            continue;
        }
        sqlx::query("UPDATE cases SET acknowledged_at = $1 WHERE case_number = $2")
            .bind(&now)
            .bind(&number)
            .execute(&mut *write.tx)
            .await?;
        sqlx::query(
            "INSERT INTO case_history (case_number, seq, state, at, by_unit, detail) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&number)
        .bind(write.first_seq)
        .bind(&state)
        .bind(at.to_rfc3339())
        .bind(&department)
        .bind(json!({ "acknowledged_by": caller.name }).to_string())
        .execute(&mut *write.tx)
        .await?;
    }
    write.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
