//! Exemption filings (备案): a department submits, a manager in scope
//! decides (never their own), and the decision travels back in the filing
//! department's feed.

use approval_contract::cases::Receipt;
use approval_contract::feed::FeedItem;
use approval_contract::filings::{
    DecideFiling, FilingDecision, FilingRecord, FilingSubmission, FilingVerdict,
};
use approval_contract::WireError;
use approval_core::access::{Action, Target};
use approval_core::filing::{Filing, FilingState};
use axum::extract::State;
use axum::Json;
use sqlx::{AnyConnection, Row};

use crate::auth::Caller;
use crate::cases::feed_entry;
use crate::db::parse_stamp;
use crate::error::{HubError, HubResult};
use crate::extract::{Body, IdemKey, PathParam};
use crate::files::{decode_upload, store_file, FileOwner};
use crate::idem::{Begun, Push};
use crate::Hub;

/// Submit a filing of the caller's department.
#[utoipa::path(post, path = "/v1/filings", tag = "filings",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header)),
    request_body = FilingSubmission,
    responses((status = 200, body = Receipt), (status = 403, body = WireError), (status = 409, body = WireError),
              (status = 422, body = WireError)))]
pub async fn submit(
    State(hub): State<Hub>,
    caller: Caller,
    key: IdemKey,
    body: Body<FilingSubmission>,
) -> HubResult<Json<Receipt>> {
    let submission = body.value;
    let filing: Filing =
        serde_path_to_error::deserialize(submission.filing.clone()).map_err(|e| {
            let path = format!("filing.{}", e.path());
            let inner = e.into_inner();
            HubError::invalid(
                "invalid_filing",
                format!("备案文件字段“{path}”不正确：{inner}"),
                format!("field {path} of the filing is wrong: {inner}"),
            )
            .at_field(path)
        })?;
    caller.check(
        Action::SubmitFiling,
        &Target::Department(filing.department.clone()),
    )?;
    if !matches!(filing.state, FilingState::Submitted { .. }) {
        return Err(HubError::invalid(
            "filing_not_submitted",
            "只能报送状态为“已提交”的备案",
            "only a filing in the submitted state can be sent",
        )
        .at_field("filing.state"));
    }
    if filing.id.trim().is_empty() {
        return Err(HubError::invalid(
            "filing_id_missing",
            "备案编号不能为空",
            "the filing has no id",
        )
        .at_field("filing.id"));
    }
    let mut files = Vec::new();
    for (i, upload) in submission.attachments.iter().enumerate() {
        files.push(decode_upload(
            upload,
            hub.config.max_file_bytes,
            &format!("attachments[{i}]"),
        )?);
    }
    let push = Push::new(&filing.department, key, "filing", "", &body.hash);
    let mut write = match push.begin(&hub.pool, 1).await? {
        Begun::Replay(receipt) => return Ok(Json(receipt)),
        Begun::Fresh(write) => write,
    };
    let exists = sqlx::query("SELECT id FROM filings WHERE id = $1")
        .bind(&filing.id)
        .fetch_optional(&mut *write.tx)
        .await?
        .is_some();
    if exists {
        return Err(HubError::conflict(
            "filing_exists",
            format!("备案“{}”已报送", filing.id),
            format!("filing {} was submitted already", filing.id),
        )
        .at_field("filing.id"));
    }
    let now = write.now_text();
    let mut attachments = Vec::new();
    for (upload, bytes) in submission.attachments.iter().zip(files) {
        attachments.push(
            store_file(
                &mut write.tx,
                FileOwner::Filing(&filing.id),
                upload,
                bytes,
                &now,
            )
            .await?,
        );
    }
    sqlx::query(
        "INSERT INTO filings (id, department, filed_by, submitted_at, state, filing, attachments, seq) \
         VALUES ($1, $2, $3, $4, 'submitted', $5, $6, $7)",
    )
    .bind(&filing.id)
    .bind(&filing.department)
    .bind(&caller.account)
    .bind(&now)
    .bind(submission.filing.to_string())
    .bind(serde_json::to_string(&attachments)?)
    .bind(write.first_seq)
    .execute(&mut *write.tx)
    .await?;
    Ok(Json(push.finish(write, filing.id.clone()).await?))
}

fn record_of(row: &sqlx::any::AnyRow) -> HubResult<FilingRecord> {
    let decision: Option<String> = row.try_get("decision")?;
    Ok(FilingRecord {
        id: row.try_get("id")?,
        department: row.try_get("department")?,
        filed_by: row.try_get("filed_by")?,
        submitted_at: parse_stamp(&row.try_get::<String, _>("submitted_at")?)?,
        state: row.try_get("state")?,
        filing: serde_json::from_str(&row.try_get::<String, _>("filing")?)?,
        attachments: serde_json::from_str(&row.try_get::<String, _>("attachments")?)?,
        decision: decision.as_deref().map(serde_json::from_str).transpose()?,
    })
}

const COLUMNS: &str =
    "id, department, filed_by, submitted_at, state, filing, attachments, decision";

/// The filings the caller may see: their departments' (a manager of all
/// departments: every one).
#[utoipa::path(get, path = "/v1/filings", tag = "filings",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<FilingRecord>), (status = 403, body = WireError)))]
pub async fn list(State(hub): State<Hub>, caller: Caller) -> HubResult<Json<Vec<FilingRecord>>> {
    caller.require_role(Action::ViewFiling)?;
    let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM filings ORDER BY seq"))
        .fetch_all(&hub.pool)
        .await?;
    let mut records = Vec::new();
    for row in &rows {
        let department: String = row.try_get("department")?;
        if caller
            .authorize(Action::ViewFiling, &Target::Department(department))
            .is_ok()
        {
            records.push(record_of(row)?);
        }
    }
    Ok(Json(records))
}

async fn load(conn: &mut AnyConnection, id: &str) -> HubResult<Option<FilingRecord>> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM filings WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(record_of).transpose()
}

/// Decide a filing (a manager whose scope covers its department, never the
/// one who filed it).
#[utoipa::path(post, path = "/v1/filings/{id}/decision", tag = "filings",
    security(("bearer" = [])),
    params(("id" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = DecideFiling,
    responses((status = 200, body = Receipt), (status = 403, body = WireError), (status = 404, body = WireError),
              (status = 409, body = WireError)))]
pub async fn decide(
    State(hub): State<Hub>,
    caller: Caller,
    PathParam(id): PathParam,
    key: IdemKey,
    body: Body<DecideFiling>,
) -> HubResult<Json<Receipt>> {
    caller.require_role(Action::DecideFiling)?;
    let missing = || HubError::not_found("备案", "filing", &id);
    let mut conn = hub.pool.acquire().await?;
    let record = load(&mut conn, &id).await?.ok_or_else(missing)?;
    drop(conn);
    let target = Target::Filing {
        department: record.department.clone(),
        filed_by: record.filed_by.clone(),
    };
    caller.check_found(Action::DecideFiling, &target, missing)?;
    let push = Push::new(&record.department, key, "filing_decision", &id, &body.hash);
    let mut write = match push.begin(&hub.pool, 1).await? {
        Begun::Replay(receipt) => return Ok(Json(receipt)),
        Begun::Fresh(write) => write,
    };
    let record = load(&mut write.tx, &id).await?.ok_or_else(missing)?;
    if record.state != "submitted" {
        return Err(HubError::conflict(
            "filing_decided",
            format!("备案“{id}”已审核（{}）", record.state),
            format!("filing {id} was decided already ({})", record.state),
        ));
    }
    let decision = FilingDecision {
        filing_id: id.clone(),
        department: record.department.clone(),
        verdict: body.value.verdict,
        comment: body.value.comment.clone(),
        decided_by: caller.name.clone(),
        at: body.value.at,
    };
    let state = match decision.verdict {
        FilingVerdict::Approve => "approved",
        FilingVerdict::Reject => "rejected",
    };
    sqlx::query("UPDATE filings SET state = $1, decision = $2 WHERE id = $3")
        .bind(state)
        .bind(serde_json::to_string(&decision)?)
        .bind(&id)
        .execute(&mut *write.tx)
        .await?;
    let seq = write.first_seq;
    feed_entry(
        &mut write,
        seq,
        &record.department,
        &FeedItem::FilingDecided(decision),
    )
    .await?;
    Ok(Json(push.finish(write, format!("decision-{seq}")).await?))
}
