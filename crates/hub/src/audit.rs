//! What desks report upward: efficiency figures and the heads of their
//! local audit chains (checkpoints).

use approval_contract::audit::{Checkpoint, Checkpoints};
use approval_contract::cases::Receipt;
use approval_contract::reports::EfficiencyReport;
use approval_contract::WireError;
use approval_core::access::{Action, Target};
use axum::extract::State;
use axum::Json;
use serde::Deserialize;
use sqlx::Row;
use utoipa::IntoParams;

use crate::auth::Caller;
use crate::db::parse_stamp;
use crate::error::{HubError, HubResult};
use crate::extract::{Body, IdemKey, Query};
use crate::files::new_id;
use crate::idem::{Begun, Push};
use crate::Hub;

/// Upload a department's figures of a day (its officers' casework, so an
/// officer of the department uploads them).
#[utoipa::path(post, path = "/v1/efficiency", tag = "department",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header)),
    request_body = EfficiencyReport,
    responses((status = 200, body = Receipt), (status = 403, body = WireError)))]
pub async fn upload_efficiency(
    State(hub): State<Hub>,
    caller: Caller,
    key: IdemKey,
    body: Body<EfficiencyReport>,
) -> HubResult<Json<Receipt>> {
    let report = body.value;
    caller.check(
        Action::ActOnCase,
        &Target::Department(report.department.clone()),
    )?;
    let push = Push::new(&report.department, key, "efficiency", "", &body.hash);
    let mut write = match push.begin(&hub.pool, 1).await? {
        Begun::Replay(receipt) => return Ok(Json(receipt)),
        Begun::Fresh(write) => write,
    };
    let day = report.day.to_string();
    sqlx::query(
        "INSERT INTO efficiency (department, day, figures, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (department, day) DO UPDATE SET figures = excluded.figures, \
         uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at",
    )
    .bind(&report.department)
    .bind(&day)
    .bind(report.figures.to_string())
    .bind(&caller.account)
    .bind(write.now_text())
    .execute(&mut *write.tx)
    .await?;
    let id = format!("{}/{day}", report.department);
    Ok(Json(push.finish(write, id).await?))
}

fn check_checkpoint(checkpoint: &Checkpoint) -> HubResult<()> {
    if checkpoint.desk.trim().is_empty() || checkpoint.desk.len() > 200 {
        return Err(HubError::invalid(
            "invalid_desk",
            "工作台标识不能为空",
            "the desk id is empty",
        )
        .at_field("desk"));
    }
    let hex = checkpoint.head.len() == 64
        && checkpoint
            .head
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase());
    let empty_chain = checkpoint.length == 0 && checkpoint.head.is_empty();
    if !(hex || empty_chain) {
        return Err(HubError::invalid(
            "invalid_chain_head",
            "审计链链首须为 64 位小写十六进制的 SHA-256",
            "the chain head must be a SHA-256 in 64 lowercase hex digits",
        )
        .at_field("head"));
    }
    Ok(())
}

/// Any signed-in person with a role may push and read a desk's checkpoints:
/// a desk id is an unguessable installation id, and a checkpoint says only
/// how long a chain was and its last hash.
fn require_any_role(caller: &Caller) -> HubResult<()> {
    if caller.grants.is_empty() {
        caller.require_role(Action::ViewCase)?;
    }
    Ok(())
}

/// The department a desk's checkpoints belong to, as the hub recorded it
/// with the desk's first checkpoint (`None`: no checkpoint yet, or one from
/// before departments were recorded).
async fn desk_department(
    conn: &mut sqlx::AnyConnection,
    desk: &str,
) -> HubResult<Option<Option<String>>> {
    let row =
        sqlx::query("SELECT department FROM checkpoints WHERE desk = $1 ORDER BY seq LIMIT 1")
            .bind(desk)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(match row {
        Some(row) => Some(row.try_get::<Option<String>, _>("department")?),
        None => None,
    })
}

/// Whether the caller acts for `department` (an account of all
/// departments does).
fn covers(caller: &Caller, department: &Option<String>) -> bool {
    match (caller.scopes_for(Action::ViewCase), department) {
        (None, _) | (_, None) => true,
        (Some(scopes), Some(department)) => scopes.contains(department),
    }
}

/// Another department's desk does not exist for the caller (404, as
/// everything that is another's).
fn desk_not_found(desk: &str) -> HubError {
    HubError::not_found("工作台的审计存证", "checkpoints of desk", desk).at_field("desk")
}

/// Push the head of a desk's local audit chain.
#[utoipa::path(post, path = "/v1/audit/checkpoints", tag = "audit",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header)),
    request_body = Checkpoint,
    responses((status = 200, body = Receipt), (status = 422, body = WireError)))]
pub async fn push_checkpoint(
    State(hub): State<Hub>,
    caller: Caller,
    key: IdemKey,
    body: Body<Checkpoint>,
) -> HubResult<Json<Receipt>> {
    require_any_role(&caller)?;
    let checkpoint = body.value;
    check_checkpoint(&checkpoint)?;
    // The desk's department: its first checkpoint's, else the caller's
    // (the first of its departments when it has several).
    let mut conn = hub.pool.acquire().await?;
    let department = match desk_department(&mut conn, &checkpoint.desk).await? {
        Some(recorded) => {
            if !covers(&caller, &recorded) {
                return Err(desk_not_found(&checkpoint.desk));
            }
            recorded
        }
        None => caller
            .scopes_for(Action::ViewCase)
            .and_then(|scopes| scopes.into_iter().next()),
    };
    drop(conn);
    let push = Push::new(
        &format!("desk:{}", checkpoint.desk),
        key,
        "checkpoint",
        "",
        &body.hash,
    );
    let mut write = match push.begin(&hub.pool, 1).await? {
        Begun::Replay(receipt) => return Ok(Json(receipt)),
        Begun::Fresh(write) => write,
    };
    // A chain only grows: a shorter one than the hub holds is a rewrite.
    let longest: Option<i64> =
        sqlx::query("SELECT MAX(length) AS l FROM checkpoints WHERE desk = $1")
            .bind(&checkpoint.desk)
            .fetch_one(&mut *write.tx)
            .await?
            .try_get("l")?;
    let length = i64::try_from(checkpoint.length).unwrap_or(i64::MAX);
    if longest.is_some_and(|l| l > length) {
        return Err(HubError::conflict(
            "chain_shorter",
            "审计链比交换平台已记录的更短：本地历史可能被改写",
            "the audit chain is shorter than one the hub holds: local history may have been rewritten",
        )
        .at_field("length"));
    }
    let id = new_id("checkpoint");
    sqlx::query(
        "INSERT INTO checkpoints (id, desk, length, head, at, pushed_by, seq, department) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(&checkpoint.desk)
    .bind(length)
    .bind(&checkpoint.head)
    .bind(checkpoint.at.to_rfc3339())
    .bind(&caller.account)
    .bind(write.first_seq)
    .bind(department)
    .execute(&mut *write.tx)
    .await?;
    Ok(Json(push.finish(write, id).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct CheckpointQuery {
    /// The desk's installation id.
    pub desk: String,
}

/// The checkpoints the hub holds for a desk, oldest first.
#[utoipa::path(get, path = "/v1/audit/checkpoints", tag = "audit",
    security(("bearer" = [])),
    params(CheckpointQuery),
    responses((status = 200, body = Checkpoints), (status = 400, body = WireError)))]
pub async fn list_checkpoints(
    State(hub): State<Hub>,
    caller: Caller,
    Query(query): Query<CheckpointQuery>,
) -> HubResult<Json<Checkpoints>> {
    require_any_role(&caller)?;
    let mut conn = hub.pool.acquire().await?;
    if let Some(recorded) = desk_department(&mut conn, &query.desk).await? {
        if !covers(&caller, &recorded) {
            return Err(desk_not_found(&query.desk));
        }
    }
    let rows =
        sqlx::query("SELECT desk, length, head, at FROM checkpoints WHERE desk = $1 ORDER BY seq")
            .bind(&query.desk)
            .fetch_all(&mut *conn)
            .await?;
    let mut checkpoints = Vec::new();
    for row in rows {
        checkpoints.push(Checkpoint {
            desk: row.try_get("desk")?,
            length: u64::try_from(row.try_get::<i64, _>("length")?).unwrap_or(0),
            head: row.try_get("head")?,
            at: parse_stamp(&row.try_get::<String, _>("at")?)?,
        });
    }
    Ok(Json(Checkpoints { checkpoints }))
}
