//! Cases: what window units create, transfer, release and review, and what
//! departments push back on them (notices, results, public notices,
//! deliveries). Art 10, 12, 16, 17, 26.

use std::collections::{BTreeMap, BTreeSet};

use approval_contract::cases::{
    Applicant, BundleMembership, BundleRelease, BundleTransfer, CaseHistoryEntry, CaseStatus,
    DeliveryPush, MaterialRef, NewCase, Notice, PublicNoticePush, Receipt, ResultPush, ResultView,
    ReviewPush, TransferRequest, TransferredCase,
};
use approval_contract::codes::{
    ApplicantKind, CaseKind, CertificateType, DecisionOutcome, DeliveryMethod, ExchangeState,
};
use approval_contract::feed::FeedItem;
use approval_contract::WireError;
use approval_core::access::{Action, Authorized, Denied, Target};
use approval_core::bundle::{BundleDefinition, BundleInstance, Outcome, Outcomes};
use approval_core::ids::{
    self, CaseNumber, HandlingItemCode, IdError, ImplementationCode, LicenceId,
};
use axum::extract::State;
use axum::Json;
use chrono::{DateTime, FixedOffset};
use serde_json::json;
use sqlx::{AnyConnection, Row};

use crate::auth::Caller;
use crate::db::{parse_stamp, Write};
use crate::error::{HubError, HubResult};
use crate::extract::{Body, IdemKey, PathParam};
use crate::files::{decode_upload, store_file, FileOwner};
use crate::idem::{Begun, Push};
use crate::units::reported_to;
use crate::Hub;

/// A case as the hub holds it.
#[derive(Debug, Clone)]
pub struct CaseRow {
    pub case_number: String,
    pub implementation_code: String,
    pub handling_item_code: Option<String>,
    pub item_code: String,
    pub kind: CaseKind,
    pub applicant: Applicant,
    pub received_at: DateTime<FixedOffset>,
    pub receiving_window: String,
    pub handling_window: String,
    pub reported_to: Vec<String>,
    pub direct_mailing: bool,
    pub materials: Vec<MaterialRef>,
    pub state: ExchangeState,
    pub department: Option<String>,
    pub bundle_instance: Option<String>,
    pub transferred_at: Option<DateTime<FixedOffset>>,
    pub outcome: Option<DecisionOutcome>,
    pub result: Option<ResultView>,
    pub released: bool,
}

pub async fn load_case(conn: &mut AnyConnection, number: &str) -> HubResult<Option<CaseRow>> {
    let Some(row) = sqlx::query(
        "SELECT case_number, implementation_code, handling_item_code, item_code, kind, applicant, \
         received_at, receiving_window, handling_window, reported_to, direct_mailing, materials, \
         state, department, bundle_instance, transferred_at, outcome, result, released \
         FROM cases WHERE case_number = $1",
    )
    .bind(number)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let code = |text: String| HubError::internal(&format!("stored code {text:?}"));
    let kind: String = row.try_get("kind")?;
    let state: String = row.try_get("state")?;
    let outcome: Option<String> = row.try_get("outcome")?;
    let transferred_at: Option<String> = row.try_get("transferred_at")?;
    let result: Option<String> = row.try_get("result")?;
    Ok(Some(CaseRow {
        case_number: row.try_get("case_number")?,
        implementation_code: row.try_get("implementation_code")?,
        handling_item_code: row.try_get("handling_item_code")?,
        item_code: row.try_get("item_code")?,
        kind: CaseKind::from_code(&kind).ok_or_else(|| code(kind.clone()))?,
        applicant: serde_json::from_str(&row.try_get::<String, _>("applicant")?)?,
        received_at: parse_stamp(&row.try_get::<String, _>("received_at")?)?,
        receiving_window: row.try_get("receiving_window")?,
        handling_window: row.try_get("handling_window")?,
        reported_to: serde_json::from_str(&row.try_get::<String, _>("reported_to")?)?,
        direct_mailing: row.try_get::<i64, _>("direct_mailing")? != 0,
        materials: serde_json::from_str(&row.try_get::<String, _>("materials")?)?,
        state: ExchangeState::from_code(&state).ok_or_else(|| code(state.clone()))?,
        department: row.try_get("department")?,
        bundle_instance: row.try_get("bundle_instance")?,
        transferred_at: transferred_at.as_deref().map(parse_stamp).transpose()?,
        outcome: match outcome {
            Some(o) => Some(DecisionOutcome::from_code(&o).ok_or_else(|| code(o.clone()))?),
            None => None,
        },
        result: result.as_deref().map(serde_json::from_str).transpose()?,
        released: row.try_get::<i64, _>("released")? != 0,
    }))
}

fn case_missing(number: &str) -> HubError {
    HubError::not_found("办件", "case", number)
}

/// Which of a case's window units an action may be done from.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum WindowRelation {
    /// The receiving and handling units (they work the case).
    Working,
    /// Those and the upper units the transfer was reported to (they see it).
    Any,
}

/// The window-side permission on a case: the caller's unit must be one of
/// the case's units; a case of no unit of theirs does not exist for them.
pub fn window_units_check(
    caller: &Caller,
    action: Action,
    case: &CaseRow,
    relation: WindowRelation,
) -> HubResult<Authorized> {
    let mut units = vec![case.receiving_window.clone(), case.handling_window.clone()];
    let mut working = units.clone();
    units.extend(case.reported_to.iter().cloned());
    if relation == WindowRelation::Working {
        units = std::mem::take(&mut working);
    }
    let mut other = None;
    for unit in units {
        match caller.authorize(action, &Target::Department(unit)) {
            Ok(proof) => return Ok(proof),
            Err(Denied::OutOfScope { .. }) | Err(Denied::NoRole { .. }) => {}
            Err(denied) => other = Some(denied),
        }
    }
    match other {
        Some(denied) => Err(HubError::denied(&denied)),
        None => {
            // A reported upper unit may see the case but not work it.
            if relation == WindowRelation::Working
                && case.reported_to.iter().any(|u| {
                    caller
                        .authorize(Action::ViewWindowCase, &Target::Department(u.clone()))
                        .is_ok()
                })
            {
                return Err(HubError::new(
                    axum::http::StatusCode::FORBIDDEN,
                    "access_out_of_scope",
                    format!("本窗口仅受报办件“{}”，不能办理", case.case_number),
                    format!(
                        "case {} was only reported to this unit, which may not work it",
                        case.case_number
                    ),
                ));
            }
            Err(case_missing(&case.case_number))
        }
    }
}

/// The department-side permission on a case transferred to a department.
fn department_check(caller: &Caller, action: Action, case: &CaseRow) -> HubResult<Authorized> {
    let Some(department) = &case.department else {
        return Err(case_missing(&case.case_number));
    };
    caller.check_found(action, &Target::Department(department.clone()), || {
        case_missing(&case.case_number)
    })
}

fn id_error(error: &IdError, field: &str) -> HubError {
    HubError::invalid(
        error.code().as_str(),
        error.message_zh(),
        error.message_en(),
    )
    .at_field(field)
}

/// The catalogue's item for a 实施编码: (item code, department).
async fn catalogue_item(
    conn: &mut AnyConnection,
    code: &str,
) -> HubResult<Option<(String, String)>> {
    let row = sqlx::query(
        "SELECT item_code, department FROM catalogue_guides WHERE implementation_code = $1 \
         ORDER BY version DESC LIMIT 1",
    )
    .bind(code)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match row {
        Some(row) => Some((row.try_get("item_code")?, row.try_get("department")?)),
        None => None,
    })
}

async fn unit_exists(conn: &mut AnyConnection, name: &str) -> HubResult<bool> {
    Ok(sqlx::query("SELECT name FROM window_units WHERE name = $1")
        .bind(name)
        .fetch_optional(&mut *conn)
        .await?
        .is_some())
}

async fn department_exists(conn: &mut AnyConnection, name: &str) -> HubResult<bool> {
    Ok(sqlx::query("SELECT name FROM departments WHERE name = $1")
        .bind(name)
        .fetch_optional(&mut *conn)
        .await?
        .is_some())
}

/// One step of a case's history, and the case's state when it changes.
async fn record(
    write: &mut Write,
    case: &str,
    state: ExchangeState,
    at: DateTime<FixedOffset>,
    by: &str,
    detail: serde_json::Value,
) -> HubResult<()> {
    sqlx::query(
        "INSERT INTO case_history (case_number, seq, state, at, by_unit, detail) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(case)
    .bind(write.first_seq)
    .bind(state.code())
    .bind(at.to_rfc3339())
    .bind(by)
    .bind(detail.to_string())
    .execute(&mut *write.tx)
    .await?;
    sqlx::query("UPDATE cases SET state = $1 WHERE case_number = $2")
        .bind(state.code())
        .bind(case)
        .execute(&mut *write.tx)
        .await?;
    Ok(())
}

pub(crate) async fn feed_entry(
    write: &mut Write,
    seq: i64,
    department: &str,
    item: &FeedItem,
) -> HubResult<()> {
    let kind = match item {
        FeedItem::Transfer(_) => "transfer",
        FeedItem::Review { .. } => "review",
        FeedItem::FilingDecided(_) => "filing_decided",
    };
    sqlx::query("INSERT INTO feed (seq, department, kind, at, item) VALUES ($1, $2, $3, $4, $5)")
        .bind(seq)
        .bind(department)
        .bind(kind)
        .bind(write.now_text())
        .bind(serde_json::to_string(item)?)
        .execute(&mut *write.tx)
        .await?;
    Ok(())
}

fn check_identifiers(new: &NewCase) -> HubResult<()> {
    let implementation = ImplementationCode::parse(&new.implementation_code)
        .map_err(|e| id_error(&e, "implementation_code"))?;
    let number = CaseNumber::parse(&new.case_number).map_err(|e| id_error(&e, "case_number"))?;
    if number.implementation_code() != &implementation {
        return Err(HubError::invalid(
            "case_number_mismatch",
            format!(
                "办件编号“{}”不以实施编码“{}”开头",
                new.case_number, new.implementation_code
            ),
            format!(
                "case number {} does not start with implementation code {}",
                new.case_number, new.implementation_code
            ),
        )
        .at_field("case_number"));
    }
    if let Some(handling) = &new.handling_item_code {
        let code =
            HandlingItemCode::parse(handling).map_err(|e| id_error(&e, "handling_item_code"))?;
        if code.implementation_code() != &implementation {
            return Err(HubError::invalid(
                "handling_item_code_mismatch",
                format!(
                    "业务办理项编码“{handling}”不属于实施编码“{}”",
                    new.implementation_code
                ),
                format!(
                    "handling item code {handling} is not of implementation code {}",
                    new.implementation_code
                ),
            )
            .at_field("handling_item_code"));
        }
    }
    let applicant = &new.applicant;
    if applicant.name.trim().is_empty() {
        return Err(HubError::invalid(
            "applicant_name_missing",
            "申请人姓名或名称不能为空",
            "the applicant's name is empty",
        )
        .at_field("applicant.name"));
    }
    if applicant.kind == ApplicantKind::LegalPerson
        && applicant.certificate_type != CertificateType::UnifiedSocialCreditCode
    {
        return Err(HubError::invalid(
            "certificate_type_mismatch",
            "法人或其他组织须以统一社会信用代码标识",
            "a legal person is identified by its unified social credit code",
        )
        .at_field("applicant.certificate_type"));
    }
    // The two certificate types with a national check character are
    // checked by it; the others (passports, travel permits) have formats of
    // other countries' and regions' and are only required to be given.
    if applicant.certificate_type == CertificateType::UnifiedSocialCreditCode {
        ids::check_credit_code(&applicant.certificate_number)
            .map_err(|e| id_error(&e, "applicant.certificate_number"))?;
    } else if applicant.certificate_type == CertificateType::ResidentIdCard {
        ids::check_resident_id(&applicant.certificate_number)
            .map_err(|e| id_error(&e, "applicant.certificate_number"))?;
    } else if applicant.certificate_number.trim().is_empty() {
        return Err(HubError::invalid(
            "certificate_number_missing",
            "证件号码不能为空",
            "the certificate number is empty",
        )
        .at_field("applicant.certificate_number"));
    }
    if new.direct_mailing
        && applicant
            .address
            .as_deref()
            .is_none_or(|a| a.trim().is_empty())
    {
        return Err(HubError::invalid(
            "address_missing",
            "申请直接邮寄结果的，须填写申请人的邮寄地址",
            "a result mailed directly needs the applicant's address",
        )
        .at_field("applicant.address"));
    }
    Ok(())
}

/// Create a case at a window unit (接件), with its materials.
#[utoipa::path(post, path = "/v1/window/cases", tag = "window",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header)),
    request_body = NewCase,
    responses((status = 200, body = Receipt), (status = 403, body = WireError), (status = 409, body = WireError),
              (status = 413, body = WireError), (status = 422, body = WireError)))]
pub async fn create_case(
    State(hub): State<Hub>,
    caller: Caller,
    key: IdemKey,
    body: Body<NewCase>,
) -> HubResult<Json<Receipt>> {
    let new = body.value;
    caller.check(
        Action::CreateWindowCase,
        &Target::Department(new.receiving_window.clone()),
    )?;
    check_identifiers(&new)?;
    // Decode every file before touching the database: a refused request
    // stores nothing.
    let mut files = Vec::new();
    for (i, material) in new.materials.iter().enumerate() {
        if let Some(file) = &material.file {
            files.push(Some(decode_upload(
                file,
                hub.config.max_file_bytes,
                &format!("materials[{i}].file"),
            )?));
        } else {
            files.push(None);
        }
    }
    let push = Push::new(&new.receiving_window, key, "create_case", "", &body.hash);
    let mut write = match push.begin(&hub.pool, 1).await? {
        Begun::Replay(receipt) => return Ok(Json(receipt)),
        Begun::Fresh(write) => write,
    };
    let handling = new
        .handling_window
        .clone()
        .unwrap_or_else(|| new.receiving_window.clone());
    for (unit, field) in [
        (&new.receiving_window, "receiving_window"),
        (&handling, "handling_window"),
    ] {
        if !unit_exists(&mut write.tx, unit).await? {
            return Err(HubError::invalid(
                "unknown_window_unit",
                format!("没有政务服务窗口“{unit}”"),
                format!("no window unit {unit}"),
            )
            .at_field(field));
        }
    }
    let Some((item_code, _)) = catalogue_item(&mut write.tx, &new.implementation_code).await?
    else {
        return Err(HubError::invalid(
            "unknown_item",
            format!("目录中没有实施编码为“{}”的事项", new.implementation_code),
            format!(
                "the catalogue has no item with implementation code {}",
                new.implementation_code
            ),
        )
        .at_field("implementation_code"));
    };
    if load_case(&mut write.tx, &new.case_number).await?.is_some() {
        return Err(HubError::conflict(
            "case_exists",
            format!("办件编号“{}”已存在", new.case_number),
            format!("case {} exists already", new.case_number),
        )
        .at_field("case_number"));
    }
    let now = write.now_text();
    let mut materials = Vec::new();
    for (material, bytes) in new.materials.iter().zip(files) {
        let file = match (&material.file, bytes) {
            (Some(upload), Some(bytes)) => Some(
                store_file(
                    &mut write.tx,
                    FileOwner::Case(&new.case_number),
                    upload,
                    bytes,
                    &now,
                )
                .await?,
            ),
            _ => None,
        };
        materials.push(MaterialRef {
            name: material.name.clone(),
            material_id: material.material_id.clone(),
            file,
        });
    }
    sqlx::query(
        "INSERT INTO cases (case_number, implementation_code, handling_item_code, item_code, kind, applicant, \
         received_at, receiving_window, handling_window, reported_to, direct_mailing, materials, state, \
         released, created_by, created_seq) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, '[]', $10, $11, $12, 0, $13, $14)",
    )
    .bind(&new.case_number)
    .bind(&new.implementation_code)
    .bind(&new.handling_item_code)
    .bind(&item_code)
    .bind(new.kind.code())
    .bind(serde_json::to_string(&new.applicant)?)
    .bind(new.received_at.to_rfc3339())
    .bind(&new.receiving_window)
    .bind(&handling)
    .bind(i64::from(new.direct_mailing))
    .bind(serde_json::to_string(&materials)?)
    .bind(ExchangeState::Received.code())
    .bind(&caller.account)
    .bind(write.first_seq)
    .execute(&mut *write.tx)
    .await?;
    for (unit, relation) in [
        (&new.receiving_window, "receiving"),
        (&handling, "handling"),
    ] {
        sqlx::query("INSERT INTO case_units (case_number, unit, relation) VALUES ($1, $2, $3)")
            .bind(&new.case_number)
            .bind(unit)
            .bind(relation)
            .execute(&mut *write.tx)
            .await?;
    }
    record(
        &mut write,
        &new.case_number,
        ExchangeState::Received,
        new.received_at,
        &new.receiving_window,
        json!({ "received_by": caller.name, "materials": materials.len() }),
    )
    .await?;
    Ok(Json(push.finish(write, new.case_number.clone()).await?))
}

async fn history(conn: &mut AnyConnection, number: &str) -> HubResult<Vec<CaseHistoryEntry>> {
    let rows = sqlx::query(
        "SELECT state, at, by_unit, detail FROM case_history WHERE case_number = $1 ORDER BY seq",
    )
    .bind(number)
    .fetch_all(&mut *conn)
    .await?;
    let mut entries = Vec::new();
    for row in rows {
        let state: String = row.try_get("state")?;
        entries.push(CaseHistoryEntry {
            state: ExchangeState::from_code(&state)
                .ok_or_else(|| HubError::internal(&format!("stored state {state:?}")))?,
            at: parse_stamp(&row.try_get::<String, _>("at")?)?,
            by: row.try_get("by_unit")?,
            detail: serde_json::from_str(&row.try_get::<String, _>("detail")?)?,
        });
    }
    Ok(entries)
}

async fn status_of(conn: &mut AnyConnection, case: CaseRow) -> HubResult<CaseStatus> {
    let history = history(conn, &case.case_number).await?;
    let rows = sqlx::query("SELECT review FROM reviews WHERE case_number = $1 ORDER BY seq")
        .bind(&case.case_number)
        .fetch_all(&mut *conn)
        .await?;
    let mut reviews = Vec::new();
    for row in rows {
        reviews.push(serde_json::from_str::<ReviewPush>(
            &row.try_get::<String, _>("review")?,
        )?);
    }
    Ok(CaseStatus {
        case_number: case.case_number,
        implementation_code: case.implementation_code,
        kind: case.kind,
        state: case.state,
        receiving_window: case.receiving_window,
        handling_window: case.handling_window,
        reported_to: case.reported_to,
        department: case.department,
        bundle_instance: case.bundle_instance,
        history,
        result: case.result,
        reviews,
        released: case.released,
    })
}

/// A case with its history, as its window units see it.
#[utoipa::path(get, path = "/v1/window/cases/{number}", tag = "window",
    security(("bearer" = [])),
    params(("number" = String, Path, description = "办件编号")),
    responses((status = 200, body = CaseStatus), (status = 404, body = WireError)))]
pub async fn case_status(
    State(hub): State<Hub>,
    caller: Caller,
    PathParam(number): PathParam,
) -> HubResult<Json<CaseStatus>> {
    caller.require_role(Action::ViewWindowCase)?;
    let mut conn = hub.pool.acquire().await?;
    let case = load_case(&mut conn, &number)
        .await?
        .ok_or_else(|| case_missing(&number))?;
    window_units_check(&caller, Action::ViewWindowCase, &case, WindowRelation::Any)?;
    Ok(Json(status_of(&mut conn, case).await?))
}

/// The cases of the caller's window units (received, handled or reported).
#[utoipa::path(get, path = "/v1/window/cases", tag = "window",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<CaseStatus>), (status = 403, body = WireError)))]
pub async fn list_cases(
    State(hub): State<Hub>,
    caller: Caller,
) -> HubResult<Json<Vec<CaseStatus>>> {
    caller.require_role(Action::ViewWindowCase)?;
    let mut conn = hub.pool.acquire().await?;
    let numbers: Vec<String> = match caller.scopes_for(Action::ViewWindowCase) {
        None => sqlx::query("SELECT case_number FROM cases ORDER BY created_seq")
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| r.try_get("case_number"))
            .collect::<Result<_, _>>()?,
        Some(units) => {
            let mut numbers = BTreeSet::new();
            for unit in units {
                for row in sqlx::query("SELECT case_number FROM case_units WHERE unit = $1")
                    .bind(&unit)
                    .fetch_all(&mut *conn)
                    .await?
                {
                    numbers.insert(row.try_get::<String, _>("case_number")?);
                }
            }
            numbers.into_iter().collect()
        }
    };
    let mut cases = Vec::new();
    for number in numbers {
        if let Some(case) = load_case(&mut conn, &number).await? {
            if window_units_check(&caller, Action::ViewWindowCase, &case, WindowRelation::Any)
                .is_ok()
            {
                cases.push(status_of(&mut conn, case).await?);
            }
        }
    }
    Ok(Json(cases))
}

/// Marks a case transferred and puts it in the department's feed.
async fn do_transfer(
    write: &mut Write,
    mut case: CaseRow,
    department: &str,
    instance: Option<&str>,
    bundle: Option<&BundleMembership>,
    seq: i64,
    by: &str,
) -> HubResult<()> {
    let reported =
        reported_to(&mut write.tx, &case.receiving_window, &case.handling_window).await?;
    let at = write.at();
    sqlx::query(
        "UPDATE cases SET department = $1, bundle_instance = $2, transfer_seq = $3, transferred_at = $4, \
         reported_to = $5 WHERE case_number = $6",
    )
    .bind(department)
    .bind(instance)
    .bind(seq)
    .bind(write.now_text())
    .bind(serde_json::to_string(&reported)?)
    .bind(&case.case_number)
    .execute(&mut *write.tx)
    .await?;
    for unit in &reported {
        sqlx::query(
            "INSERT INTO case_units (case_number, unit, relation) VALUES ($1, $2, 'reported') ON CONFLICT DO NOTHING",
        )
        .bind(&case.case_number)
        .bind(unit)
        .execute(&mut *write.tx)
        .await?;
    }
    case.reported_to = reported.clone();
    let transferred = TransferredCase {
        case_number: case.case_number.clone(),
        implementation_code: case.implementation_code.clone(),
        handling_item_code: case.handling_item_code.clone(),
        item_code: case.item_code.clone(),
        kind: case.kind,
        department: department.to_owned(),
        applicant: case.applicant.clone(),
        received_at: case.received_at,
        receiving_window: case.receiving_window.clone(),
        handling_window: case.handling_window.clone(),
        materials: case.materials.clone(),
        bundle_instance: instance.map(str::to_owned),
        bundle: bundle.cloned(),
        direct_mailing: case.direct_mailing,
        transferred_at: at,
    };
    feed_entry(
        write,
        seq,
        department,
        &FeedItem::Transfer(Box::new(transferred)),
    )
    .await?;
    let state = case.state;
    record(
        write,
        &case.case_number,
        state,
        at,
        by,
        json!({ "transferred_to": department, "reported_to": reported, "bundle_instance": instance }),
    )
    .await
}

fn already_transferred(case: &CaseRow) -> HubError {
    HubError::conflict(
        "case_already_transferred",
        format!(
            "办件“{}”已转办至“{}”",
            case.case_number,
            case.department.as_deref().unwrap_or("")
        ),
        format!(
            "case {} was transferred to {} already",
            case.case_number,
            case.department.as_deref().unwrap_or("")
        ),
    )
}

async fn require_department(
    conn: &mut AnyConnection,
    department: &str,
    field: &str,
) -> HubResult<()> {
    if department_exists(conn, department).await? {
        return Ok(());
    }
    Err(HubError::invalid(
        "unknown_department",
        format!("没有部门“{department}”"),
        format!("no department {department}"),
    )
    .at_field(field))
}

/// Transfer a case to the department that implements its item (转办).
#[utoipa::path(post, path = "/v1/window/cases/{number}/transfer", tag = "window",
    security(("bearer" = [])),
    params(("number" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = TransferRequest,
    responses((status = 200, body = Receipt), (status = 404, body = WireError), (status = 409, body = WireError),
              (status = 422, body = WireError)))]
pub async fn transfer(
    State(hub): State<Hub>,
    caller: Caller,
    PathParam(number): PathParam,
    key: IdemKey,
    body: Body<TransferRequest>,
) -> HubResult<Json<Receipt>> {
    let (push, begun) = case_push(
        &hub,
        &caller,
        &number,
        Action::TransferToDepartment,
        Side::Window,
        key,
        "transfer",
        &body.hash,
    )
    .await?;
    let (mut write, case) = match begun {
        Err(receipt) => return Ok(Json(receipt)),
        Ok(open) => open,
    };
    if case.department.is_some() {
        return Err(already_transferred(&case));
    }
    require_department(&mut write.tx, &body.value.department, "department").await?;
    let seq = write.first_seq;
    let by = push.scope().to_owned();
    do_transfer(
        &mut write,
        case,
        &body.value.department,
        None,
        None,
        seq,
        &by,
    )
    .await?;
    Ok(Json(push.finish(write, number).await?))
}

async fn bundle_definition(
    conn: &mut AnyConnection,
    code: &str,
) -> HubResult<Option<BundleDefinition>> {
    let row = sqlx::query("SELECT definition FROM catalogue_bundles WHERE code = $1")
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(row) => Ok(Some(serde_json::from_str(
            &row.try_get::<String, _>("definition")?,
        )?)),
        None => Ok(None),
    }
}

/// Transfer a bundle's cases together (并联办理), each to its department.
#[utoipa::path(post, path = "/v1/window/bundles", tag = "window",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header)),
    request_body = BundleTransfer,
    responses((status = 200, body = Receipt), (status = 404, body = WireError), (status = 409, body = WireError),
              (status = 422, body = WireError)))]
pub async fn bundle_transfer(
    State(hub): State<Hub>,
    caller: Caller,
    key: IdemKey,
    body: Body<BundleTransfer>,
) -> HubResult<Json<Receipt>> {
    caller.require_role(Action::TransferToDepartment)?;
    let request = body.value;
    if request.cases.is_empty() {
        return Err(
            HubError::invalid("bundle_empty", "联办没有办件", "the bundle has no cases")
                .at_field("cases"),
        );
    }
    let mut conn = hub.pool.acquire().await?;
    let mut scope = String::new();
    for (i, member) in request.cases.iter().enumerate() {
        let case = load_case(&mut conn, &member.case_number)
            .await?
            .ok_or_else(|| {
                case_missing(&member.case_number).at_field(format!("cases[{i}].case_number"))
            })?;
        let proof = window_units_check(
            &caller,
            Action::TransferToDepartment,
            &case,
            WindowRelation::Working,
        )?;
        if i == 0 {
            scope = proof.department().unwrap_or("*").to_owned();
        }
    }
    drop(conn);
    let push = Push::new(&scope, key, "bundle_transfer", "", &body.hash);
    let mut write = match push.begin(&hub.pool, request.cases.len() as i64).await? {
        Begun::Replay(receipt) => return Ok(Json(receipt)),
        Begun::Fresh(write) => write,
    };
    let Some(definition) = bundle_definition(&mut write.tx, &request.bundle_code).await? else {
        return Err(HubError::invalid(
            "unknown_bundle",
            format!("目录中没有联办事项“{}”", request.bundle_code),
            format!("the catalogue has no bundle {}", request.bundle_code),
        )
        .at_field("bundle_code"));
    };
    let exists = sqlx::query("SELECT instance FROM bundle_instances WHERE instance = $1")
        .bind(&request.instance)
        .fetch_optional(&mut *write.tx)
        .await?
        .is_some();
    if exists || request.instance.trim().is_empty() {
        return Err(HubError::conflict(
            "bundle_instance_exists",
            format!("联办实例“{}”已存在或为空", request.instance),
            format!(
                "bundle instance {:?} exists already or is empty",
                request.instance
            ),
        )
        .at_field("instance"));
    }
    let mut map = BTreeMap::new();
    let mut cases = Vec::new();
    for (i, member) in request.cases.iter().enumerate() {
        let case = load_case(&mut write.tx, &member.case_number)
            .await?
            .ok_or_else(|| case_missing(&member.case_number))?;
        if case.department.is_some() {
            return Err(already_transferred(&case).at_field(format!("cases[{i}].case_number")));
        }
        if case.item_code != member.item_code {
            return Err(HubError::invalid(
                "item_mismatch",
                format!(
                    "办件“{}”的事项是“{}”，不是“{}”",
                    case.case_number, case.item_code, member.item_code
                ),
                format!(
                    "case {} is of item {}, not {}",
                    case.case_number, case.item_code, member.item_code
                ),
            )
            .at_field(format!("cases[{i}].item_code")));
        }
        require_department(
            &mut write.tx,
            &member.department,
            &format!("cases[{i}].department"),
        )
        .await?;
        if map
            .insert(member.item_code.clone(), member.case_number.clone())
            .is_some()
        {
            return Err(HubError::invalid(
                "bundle_duplicate_item",
                format!("事项“{}”在联办中出现两次", member.item_code),
                format!("item {} appears twice in the bundle", member.item_code),
            )
            .at_field(format!("cases[{i}].item_code")));
        }
        cases.push((case, member.department.clone()));
    }
    if let Err(error) = BundleInstance::new(request.instance.clone(), definition.clone(), map) {
        return Err(HubError::invalid(
            error.code().as_str(),
            error.message_zh(),
            error.to_string(),
        )
        .at_field("cases"));
    }
    sqlx::query(
        "INSERT INTO bundle_instances (instance, bundle_code, definition, created_at, created_by) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&request.instance)
    .bind(&request.bundle_code)
    .bind(serde_json::to_string(&definition)?)
    .bind(write.now_text())
    .bind(&caller.account)
    .execute(&mut *write.tx)
    .await?;
    let membership = BundleMembership {
        bundle_code: request.bundle_code.clone(),
        members: request.cases.clone(),
    };
    let first = write.first_seq;
    for (i, (case, department)) in cases.into_iter().enumerate() {
        do_transfer(
            &mut write,
            case,
            &department,
            Some(&request.instance),
            Some(&membership),
            first + i as i64,
            &scope,
        )
        .await?;
    }
    Ok(Json(push.finish(write, request.instance.clone()).await?))
}

/// The release gate of a bundle instance as it stands (DESIGN.md 3.6).
async fn instance_gate(
    conn: &mut AnyConnection,
    instance: &str,
) -> HubResult<Option<(BundleInstance, Outcomes, Vec<CaseRow>)>> {
    let Some(row) = sqlx::query("SELECT definition FROM bundle_instances WHERE instance = $1")
        .bind(instance)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let definition: BundleDefinition =
        serde_json::from_str(&row.try_get::<String, _>("definition")?)?;
    let numbers: Vec<String> = sqlx::query(
        "SELECT case_number FROM cases WHERE bundle_instance = $1 ORDER BY case_number",
    )
    .bind(instance)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| r.try_get("case_number"))
    .collect::<Result<_, _>>()?;
    let mut cases = Vec::new();
    let mut map = BTreeMap::new();
    let mut outcomes = Outcomes::new();
    for number in numbers {
        if let Some(case) = load_case(conn, &number).await? {
            map.insert(case.item_code.clone(), case.case_number.clone());
            outcomes.insert(
                case.item_code.clone(),
                case.outcome.map(|o| match o {
                    DecisionOutcome::Approved => Outcome::Approved,
                    DecisionOutcome::Rejected => Outcome::Rejected,
                }),
            );
            cases.push(case);
        }
    }
    let gate = BundleInstance::new(instance.to_owned(), definition, map)
        .map_err(|e| HubError::internal(&format!("stored bundle instance {instance}: {e}")))?;
    Ok(Some((gate, outcomes, cases)))
}

fn gate_closed(blocked: &approval_core::bundle::ReleaseBlocked) -> HubError {
    HubError::conflict(
        "release_gate_closed",
        blocked.message_zh(),
        blocked.to_string(),
    )
}

/// Whether the gate lets `case`'s result out (a case of no bundle: once it
/// has a result). `prerequisites_only`: its own decision is not needed yet
/// (a public notice before the decision).
async fn gate_check(
    conn: &mut AnyConnection,
    case: &CaseRow,
    prerequisites_only: bool,
) -> HubResult<()> {
    let Some(instance) = &case.bundle_instance else {
        if !prerequisites_only && case.result.is_none() {
            return Err(result_missing(case));
        }
        let _permit = approval_core::bundle::standalone_permit(&case.case_number);
        return Ok(());
    };
    let Some((gate, mut outcomes, _)) = instance_gate(conn, instance).await? else {
        return Err(HubError::internal(&format!(
            "bundle instance {instance} missing"
        )));
    };
    if prerequisites_only {
        outcomes.entry(case.item_code.clone()).and_modify(|o| {
            o.get_or_insert(Outcome::Approved);
        });
    }
    gate.release_permit(&case.item_code, &outcomes)
        .map(|_permit| ())
        .map_err(|blocked| gate_closed(&blocked))
}

fn result_missing(case: &CaseRow) -> HubError {
    HubError::conflict(
        "result_missing",
        format!("办件“{}”尚无办理结果", case.case_number),
        format!("case {} has no result yet", case.case_number),
    )
}

async fn mark_released(write: &mut Write, case: &CaseRow, by: &str) -> HubResult<()> {
    sqlx::query("UPDATE cases SET released = 1 WHERE case_number = $1")
        .bind(&case.case_number)
        .execute(&mut *write.tx)
        .await?;
    let at = write.at();
    record(
        write,
        &case.case_number,
        case.state,
        at,
        by,
        json!({ "released": true }),
    )
    .await
}

/// Hand a case's result out to the applicant, through the release gate.
#[utoipa::path(post, path = "/v1/window/cases/{number}/release", tag = "window",
    security(("bearer" = [])),
    params(("number" = String, Path), ("Idempotency-Key" = String, Header)),
    responses((status = 200, body = Receipt), (status = 404, body = WireError), (status = 409, body = WireError)))]
pub async fn release_case(
    State(hub): State<Hub>,
    caller: Caller,
    PathParam(number): PathParam,
    key: IdemKey,
) -> HubResult<Json<Receipt>> {
    let (push, begun) = case_push(
        &hub,
        &caller,
        &number,
        Action::ReleaseResult,
        Side::Window,
        key,
        "release_case",
        "",
    )
    .await?;
    let (mut write, case) = match begun {
        Err(receipt) => return Ok(Json(receipt)),
        Ok(open) => open,
    };
    if case.result.is_none() {
        return Err(result_missing(&case));
    }
    gate_check(&mut write.tx, &case, false).await?;
    if !case.released {
        mark_released(&mut write, &case, push.scope()).await?;
    }
    Ok(Json(push.finish(write, number).await?))
}

/// Hand out every result of a bundle instance: refused (409
/// `release_gate_closed`) while any of them is held by the gate.
#[utoipa::path(post, path = "/v1/window/bundles/{instance}/release", tag = "window",
    security(("bearer" = [])),
    params(("instance" = String, Path), ("Idempotency-Key" = String, Header)),
    responses((status = 200, body = BundleRelease), (status = 404, body = WireError), (status = 409, body = WireError)))]
pub async fn release_bundle(
    State(hub): State<Hub>,
    caller: Caller,
    PathParam(instance): PathParam,
    key: IdemKey,
) -> HubResult<Json<BundleRelease>> {
    caller.require_role(Action::ReleaseResult)?;
    let missing = || HubError::not_found("联办实例", "bundle instance", &instance);
    let mut conn = hub.pool.acquire().await?;
    let (_, _, cases) = instance_gate(&mut conn, &instance)
        .await?
        .ok_or_else(missing)?;
    let mut scope = None;
    for case in &cases {
        let proof = window_units_check(
            &caller,
            Action::ReleaseResult,
            case,
            WindowRelation::Working,
        )
        .map_err(|e| {
            if e.status == axum::http::StatusCode::NOT_FOUND {
                missing()
            } else {
                e
            }
        })?;
        scope.get_or_insert_with(|| proof.department().unwrap_or("*").to_owned());
    }
    drop(conn);
    let scope = scope.unwrap_or_else(|| "*".to_owned());
    let push = Push::new(&scope, key, "release_bundle", &instance, "");
    let released = match push.begin(&hub.pool, 1).await? {
        Begun::Replay(_) => {
            let mut conn = hub.pool.acquire().await?;
            let (_, _, cases) = instance_gate(&mut conn, &instance)
                .await?
                .ok_or_else(missing)?;
            cases.into_iter().map(|c| c.case_number).collect()
        }
        Begun::Fresh(mut write) => {
            let (gate, outcomes, cases) = instance_gate(&mut write.tx, &instance)
                .await?
                .ok_or_else(missing)?;
            for case in &cases {
                if let Err(blocked) = gate.release_permit(&case.item_code, &outcomes) {
                    return Err(gate_closed(&blocked));
                }
            }
            for case in &cases {
                if !case.released {
                    mark_released(&mut write, case, &scope).await?;
                }
            }
            push.finish(write, instance.clone()).await?;
            cases.into_iter().map(|c| c.case_number).collect()
        }
    };
    Ok(Json(BundleRelease { instance, released }))
}

/// Record an applicant's review (好差评); it reaches the department's feed.
#[utoipa::path(post, path = "/v1/window/cases/{number}/review", tag = "window",
    security(("bearer" = [])),
    params(("number" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = ReviewPush,
    responses((status = 200, body = Receipt), (status = 404, body = WireError), (status = 409, body = WireError)))]
pub async fn review(
    State(hub): State<Hub>,
    caller: Caller,
    PathParam(number): PathParam,
    key: IdemKey,
    body: Body<ReviewPush>,
) -> HubResult<Json<Receipt>> {
    let (push, begun) = case_push(
        &hub,
        &caller,
        &number,
        Action::RecordReview,
        Side::Window,
        key,
        "review",
        &body.hash,
    )
    .await?;
    let (mut write, case) = match begun {
        Err(receipt) => return Ok(Json(receipt)),
        Ok(open) => open,
    };
    let Some(department) = case.department.clone() else {
        return Err(HubError::conflict(
            "case_not_transferred",
            format!("办件“{number}”尚未转办至部门，无从评价"),
            format!("case {number} has not been transferred to a department yet"),
        ));
    };
    sqlx::query("INSERT INTO reviews (case_number, seq, review) VALUES ($1, $2, $3)")
        .bind(&number)
        .bind(write.first_seq)
        .bind(serde_json::to_string(&body.value)?)
        .execute(&mut *write.tx)
        .await?;
    let seq = write.first_seq;
    feed_entry(
        &mut write,
        seq,
        &department,
        &FeedItem::Review {
            case_number: number.clone(),
            review: body.value.clone(),
        },
    )
    .await?;
    Ok(Json(push.finish(write, format!("review-{seq}")).await?))
}

// ---- the department's side ----

/// Which side works a case through a push: its department, or the window
/// units that received or handle it.
#[derive(Debug, Clone, Copy)]
enum Side {
    Department,
    Window,
}

/// Loads case `number` for a push of `action` by `side`, checks the caller
/// may do it, and opens the push's write with the case read again inside
/// it — or answers the replay of a key used before.
#[allow(clippy::too_many_arguments)]
async fn case_push(
    hub: &Hub,
    caller: &Caller,
    number: &str,
    action: Action,
    side: Side,
    key: IdemKey,
    endpoint: &str,
    hash: &str,
) -> HubResult<(Push, Result<(Write, CaseRow), Receipt>)> {
    caller.require_role(action)?;
    let mut conn = hub.pool.acquire().await?;
    let case = load_case(&mut conn, number)
        .await?
        .ok_or_else(|| case_missing(number))?;
    let proof = match side {
        Side::Department => department_check(caller, action, &case)?,
        Side::Window => window_units_check(caller, action, &case, WindowRelation::Working)?,
    };
    drop(conn);
    let push = Push::new(
        proof.department().unwrap_or("*"),
        key,
        endpoint,
        number,
        hash,
    );
    let begun = push.begin(&hub.pool, 1).await?;
    let outcome = match begun {
        Begun::Replay(receipt) => Err(receipt),
        Begun::Fresh(mut write) => {
            let case = load_case(&mut write.tx, number)
                .await?
                .ok_or_else(|| case_missing(number))?;
            Ok((write, case))
        }
    };
    Ok((push, outcome))
}

/// [`case_push`] of the department's officer work on a case.
async fn department_push(
    hub: &Hub,
    caller: &Caller,
    number: &str,
    key: IdemKey,
    endpoint: &str,
    hash: &str,
) -> HubResult<(Push, Result<(Write, CaseRow), Receipt>)> {
    case_push(
        hub,
        caller,
        number,
        Action::ActOnCase,
        Side::Department,
        key,
        endpoint,
        hash,
    )
    .await
}

fn closed(case: &CaseRow) -> HubError {
    HubError::conflict(
        "case_closed",
        format!(
            "办件“{}”已{}，不再接收通知",
            case.case_number,
            case.state.name_zh()
        ),
        format!(
            "case {} is closed ({}), no more notices",
            case.case_number,
            case.state.code()
        ),
    )
}

/// Push a notice on a case (受理, 补正, 不予受理, 办理中, 特别程序 …).
#[utoipa::path(post, path = "/v1/cases/{number}/notices", tag = "department",
    security(("bearer" = [])),
    params(("number" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = Notice,
    responses((status = 200, body = Receipt), (status = 404, body = WireError), (status = 409, body = WireError)))]
pub async fn push_notice(
    State(hub): State<Hub>,
    caller: Caller,
    PathParam(number): PathParam,
    key: IdemKey,
    body: Body<Notice>,
) -> HubResult<Json<Receipt>> {
    let (push, begun) = department_push(&hub, &caller, &number, key, "notice", &body.hash).await?;
    let (mut write, case) = match begun {
        Err(receipt) => return Ok(Json(receipt)),
        Ok(open) => open,
    };
    if matches!(
        case.state,
        ExchangeState::NotAccepted | ExchangeState::Decided | ExchangeState::Delivered
    ) {
        return Err(closed(&case));
    }
    let notice = body.value;
    if matches!(notice, Notice::Correction { .. }) {
        let earlier =
            sqlx::query("SELECT seq FROM case_history WHERE case_number = $1 AND state = $2")
                .bind(&number)
                .bind(ExchangeState::CorrectionStarted.code())
                .fetch_optional(&mut *write.tx)
                .await?;
        if earlier.is_some() {
            return Err(HubError::conflict(
                "correction_once",
                "补正材料须一次性告知（第十条），本办件已发出过补正通知",
                "the correction list is told once (Art 10): this case had one already",
            ));
        }
    }
    let department = case.department.clone().unwrap_or_default();
    let seq = write.first_seq;
    record(
        &mut write,
        &number,
        notice.state(),
        notice.at(),
        &department,
        serde_json::to_value(&notice)?,
    )
    .await?;
    Ok(Json(push.finish(write, format!("notice-{seq}")).await?))
}

/// Push the result (办结): decision, opinion, the e-sealed PDF, the paper's way.
#[utoipa::path(post, path = "/v1/cases/{number}/result", tag = "department",
    security(("bearer" = [])),
    params(("number" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = ResultPush,
    responses((status = 200, body = Receipt), (status = 404, body = WireError), (status = 409, body = WireError),
              (status = 413, body = WireError), (status = 422, body = WireError)))]
pub async fn push_result(
    State(hub): State<Hub>,
    caller: Caller,
    PathParam(number): PathParam,
    key: IdemKey,
    body: Body<ResultPush>,
) -> HubResult<Json<Receipt>> {
    let result = body.value;
    let document = decode_upload(&result.document, hub.config.max_file_bytes, "document")?;
    if !document.starts_with(b"%PDF-") {
        return Err(HubError::invalid(
            "document_not_pdf",
            "办理结果文书须为（加盖电子印章的）PDF 文件",
            "the result document must be a (sealed) PDF",
        )
        .at_field("document"));
    }
    for (i, licence) in result.licences.iter().enumerate() {
        LicenceId::parse(&licence.identifier)
            .map_err(|e| id_error(&e, &format!("licences[{i}].identifier")))?;
    }
    // The paper way is a plan when the result is pushed: government
    // express gets its tracking number when the paper leaves, and the
    // delivery (送达) must carry it.
    let (push, begun) = department_push(&hub, &caller, &number, key, "result", &body.hash).await?;
    let (mut write, case) = match begun {
        Err(receipt) => return Ok(Json(receipt)),
        Ok(open) => open,
    };
    if case.result.is_some() {
        return Err(HubError::conflict(
            "result_exists",
            format!("办件“{number}”已有办理结果"),
            format!("case {number} has a result already"),
        ));
    }
    if case.state == ExchangeState::NotAccepted {
        return Err(closed(&case));
    }
    // Art 16: an applicant who asked for the result to be mailed gets it so.
    if case.direct_mailing
        && !matches!(
            result.paper.method,
            DeliveryMethod::DirectMail | DeliveryMethod::ElectronicOnly
        )
    {
        return Err(HubError::invalid(
            "direct_mailing_requested",
            "申请人要求直接邮寄办理结果，纸质结果须直接邮寄申请人",
            "the applicant asked for the result to be mailed to them directly",
        )
        .at_field("paper.method"));
    }
    let now = write.now_text();
    let file = store_file(
        &mut write.tx,
        FileOwner::Case(&number),
        &result.document,
        document,
        &now,
    )
    .await?;
    // Art 16: results go to the receiving unit, the upper units the transfer
    // was reported to, and the applicant.
    let mut sent_to = vec![case.receiving_window.clone()];
    sent_to.extend(case.reported_to.iter().cloned());
    sent_to.push(format!("申请人：{}", case.applicant.name));
    let view = ResultView {
        outcome: result.outcome,
        opinion: result.opinion.clone(),
        decided_at: result.decided_at,
        document: file,
        paper: result.paper.clone(),
        licences: result.licences.clone(),
        sent_to,
    };
    sqlx::query("UPDATE cases SET outcome = $1, result = $2 WHERE case_number = $3")
        .bind(result.outcome.code())
        .bind(serde_json::to_string(&view)?)
        .bind(&number)
        .execute(&mut *write.tx)
        .await?;
    let department = case.department.clone().unwrap_or_default();
    let seq = write.first_seq;
    record(
        &mut write,
        &number,
        ExchangeState::Decided,
        result.decided_at,
        &department,
        serde_json::to_value(&view)?,
    )
    .await?;
    Ok(Json(push.finish(write, format!("result-{seq}")).await?))
}

fn tracking_missing(field: &str) -> HubError {
    HubError::invalid(
        "tracking_number_missing",
        "政务专递须填写运单号",
        "government express needs its tracking number",
    )
    .at_field(field)
}

/// Push a public-notice period (公示, Art 12); for a bundle's case only once
/// every prerequisite is approved (the release gate covers public notices).
#[utoipa::path(post, path = "/v1/cases/{number}/public-notice", tag = "department",
    security(("bearer" = [])),
    params(("number" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = PublicNoticePush,
    responses((status = 200, body = Receipt), (status = 404, body = WireError), (status = 409, body = WireError)))]
pub async fn push_public_notice(
    State(hub): State<Hub>,
    caller: Caller,
    PathParam(number): PathParam,
    key: IdemKey,
    body: Body<PublicNoticePush>,
) -> HubResult<Json<Receipt>> {
    let notice = body.value;
    if notice.to < notice.from {
        return Err(HubError::invalid(
            "period_reversed",
            "公示期的结束日早于开始日",
            "the period ends before it starts",
        )
        .at_field("to"));
    }
    let (push, begun) =
        department_push(&hub, &caller, &number, key, "public_notice", &body.hash).await?;
    let (mut write, case) = match begun {
        Err(receipt) => return Ok(Json(receipt)),
        Ok(open) => open,
    };
    gate_check(&mut write.tx, &case, true).await?;
    let department = case.department.clone().unwrap_or_default();
    let seq = write.first_seq;
    let at = write.at();
    record(
        &mut write,
        &number,
        case.state,
        at,
        &department,
        json!({ "public_notice": notice }),
    )
    .await?;
    Ok(Json(
        push.finish(write, format!("public-notice-{seq}")).await?,
    ))
}

/// The result reached the applicant (送达).
#[utoipa::path(post, path = "/v1/cases/{number}/delivery", tag = "department",
    security(("bearer" = [])),
    params(("number" = String, Path), ("Idempotency-Key" = String, Header)),
    request_body = DeliveryPush,
    responses((status = 200, body = Receipt), (status = 404, body = WireError), (status = 409, body = WireError)))]
pub async fn push_delivery(
    State(hub): State<Hub>,
    caller: Caller,
    PathParam(number): PathParam,
    key: IdemKey,
    body: Body<DeliveryPush>,
) -> HubResult<Json<Receipt>> {
    let delivery = body.value;
    if delivery.method == DeliveryMethod::GovernmentExpress
        && delivery
            .tracking_number
            .as_deref()
            .is_none_or(|t| t.trim().is_empty())
    {
        return Err(tracking_missing("tracking_number"));
    }
    let (push, begun) =
        department_push(&hub, &caller, &number, key, "delivery", &body.hash).await?;
    let (mut write, case) = match begun {
        Err(receipt) => return Ok(Json(receipt)),
        Ok(open) => open,
    };
    if case.result.is_none() {
        return Err(result_missing(&case));
    }
    gate_check(&mut write.tx, &case, false).await?;
    let department = case.department.clone().unwrap_or_default();
    let seq = write.first_seq;
    record(
        &mut write,
        &number,
        ExchangeState::Delivered,
        delivery.delivered_at,
        &department,
        serde_json::to_value(&delivery)?,
    )
    .await?;
    Ok(Json(push.finish(write, format!("delivery-{seq}")).await?))
}
