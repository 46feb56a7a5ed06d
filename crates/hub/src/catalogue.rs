//! The catalogue window units and departments read: guide versions and
//! bundle definitions in the desk's file formats, checked by the same core
//! readers the desk imports with; and the shared working-day calendar.

use std::collections::HashMap;

use approval_contract::cases::Receipt;
use approval_contract::catalogue::{
    BundleEntry, BundlePublication, CalendarYears, CatalogueEntry, GuidePublication,
};
use approval_contract::WireError;
use approval_core::access::{Action, Target};
use approval_core::exchange::{read_bundle_file, read_guide_file, GuideFile};
use approval_core::guide::{Finding, GuideVersion, VersionState};
use approval_core::ids::ImplementationCode;
use axum::extract::State;
use axum::Json;
use sqlx::{AnyConnection, Row};

use crate::auth::Caller;
use crate::db::parse_stamp;
use crate::error::{HubError, HubResult};
use crate::extract::{Body, IdemKey};
use crate::idem::{Begun, Push};
use crate::units::upsert_department;
use crate::Hub;

fn findings_error(
    code: &str,
    what_zh: &str,
    what_en: &str,
    findings: &[Finding],
    prefix: &str,
) -> HubError {
    let errors: Vec<&Finding> = findings.iter().filter(|f| f.is_error()).collect();
    let first = errors.first().map(|f| f.path.clone()).unwrap_or_default();
    let zh: Vec<String> = errors
        .iter()
        .map(|f| format!("{}：{}", f.path, f.message))
        .collect();
    let en: Vec<String> = errors.iter().map(|f| f.to_string()).collect();
    let error = HubError::invalid(
        code,
        format!("{what_zh}未通过检查：{}", zh.join("；")),
        format!("the {what_en} does not pass the checks: {}", en.join("; ")),
    );
    if first.is_empty() {
        error
    } else {
        error.at_field(format!("{prefix}.{first}"))
    }
}

/// Publish a guide version to the catalogue (a guide editor of its department).
#[utoipa::path(post, path = "/v1/catalogue/guides", tag = "catalogue",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header)),
    request_body = GuidePublication,
    responses((status = 200, body = Receipt), (status = 403, body = WireError), (status = 409, body = WireError),
              (status = 422, body = WireError)))]
pub async fn publish_guide(
    State(hub): State<Hub>,
    caller: Caller,
    key: IdemKey,
    body: Body<GuidePublication>,
) -> HubResult<Json<Receipt>> {
    let publication = body.value;
    ImplementationCode::parse(&publication.implementation_code).map_err(|e| {
        HubError::invalid(e.code().as_str(), e.message_zh(), e.message_en())
            .at_field("implementation_code")
    })?;
    if publication.version == 0 {
        return Err(
            HubError::invalid("invalid_version", "版本号从 1 开始", "versions start at 1")
                .at_field("version"),
        );
    }
    let file = read_guide_file(&publication.guide.to_string())
        .accepted()
        .map_err(|findings| {
            findings_error("invalid_guide", "办事指南", "guide", &findings, "guide")
        })?;
    caller.check(Action::PublishGuide, &Target::of_item(&file.item))?;
    let push = Push::new(&file.item.department, key, "publish_guide", "", &body.hash);
    let mut write = match push.begin(&hub.pool, 1).await? {
        Begun::Replay(receipt) => return Ok(Json(receipt)),
        Begun::Fresh(write) => write,
    };
    let latest: Option<i64> = sqlx::query(
        "SELECT MAX(version) AS v FROM catalogue_guides WHERE implementation_code = $1",
    )
    .bind(&publication.implementation_code)
    .fetch_one(&mut *write.tx)
    .await?
    .try_get("v")?;
    if latest.is_some_and(|v| v >= i64::from(publication.version)) {
        return Err(HubError::conflict(
            "guide_version_exists",
            format!(
                "实施编码“{}”已发布第 {} 版，新版本号须更大",
                publication.implementation_code,
                latest.unwrap_or(0)
            ),
            format!(
                "version {} of {} is published already; a new version must be higher",
                latest.unwrap_or(0),
                publication.implementation_code
            ),
        )
        .at_field("version"));
    }
    let other_item: Option<String> = sqlx::query(
        "SELECT item_code FROM catalogue_guides WHERE implementation_code = $1 AND item_code <> $2 LIMIT 1",
    )
    .bind(&publication.implementation_code)
    .bind(&file.item.code)
    .fetch_optional(&mut *write.tx)
    .await?
    .map(|r| r.try_get("item_code"))
    .transpose()?;
    if let Some(other) = other_item {
        return Err(HubError::conflict(
            "implementation_code_taken",
            format!(
                "实施编码“{}”已属于事项“{other}”",
                publication.implementation_code
            ),
            format!(
                "implementation code {} belongs to item {other}",
                publication.implementation_code
            ),
        )
        .at_field("implementation_code"));
    }
    upsert_department(&mut write.tx, &file.item.department).await?;
    sqlx::query(
        "INSERT INTO catalogue_guides (implementation_code, version, item_code, name, department, guide, published_at, published_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&publication.implementation_code)
    .bind(i64::from(publication.version))
    .bind(&file.item.code)
    .bind(&file.item.name)
    .bind(&file.item.department)
    .bind(publication.guide.to_string())
    .bind(write.now_text())
    .bind(&caller.account)
    .execute(&mut *write.tx)
    .await?;
    let id = format!(
        "{}@{}",
        publication.implementation_code, publication.version
    );
    Ok(Json(push.finish(write, id).await?))
}

/// The guides in force (the latest version of each item), by item code.
async fn guides_in_force(conn: &mut AnyConnection) -> HubResult<HashMap<String, GuideVersion>> {
    let rows = sqlx::query(
        "SELECT version, guide, published_at, published_by FROM catalogue_guides ORDER BY version",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut guides = HashMap::new();
    for row in rows {
        let guide: String = row.try_get("guide")?;
        let Ok(file) = serde_json::from_str::<GuideFile>(&guide) else {
            continue;
        };
        let published_at = parse_stamp(&row.try_get::<String, _>("published_at")?)?;
        let version = GuideVersion {
            number: u32::try_from(row.try_get::<i64, _>("version")?).unwrap_or(0),
            state: VersionState::Published {
                effective_from: file.effective_from.unwrap_or(published_at),
                published_at,
                published_by: row.try_get("published_by")?,
            },
            item: file.item,
            content: file.guide,
        };
        guides.insert(version.item.code.clone(), version);
    }
    Ok(guides)
}

/// Publish a bundle definition (a guide editor whose scope covers every
/// department of its items).
#[utoipa::path(post, path = "/v1/catalogue/bundles", tag = "catalogue",
    security(("bearer" = [])),
    params(("Idempotency-Key" = String, Header)),
    request_body = BundlePublication,
    responses((status = 200, body = Receipt), (status = 403, body = WireError), (status = 422, body = WireError)))]
pub async fn publish_bundle(
    State(hub): State<Hub>,
    caller: Caller,
    key: IdemKey,
    body: Body<BundlePublication>,
) -> HubResult<Json<Receipt>> {
    caller.require_role(Action::EditBundle)?;
    let publication = body.value;
    let mut conn = hub.pool.acquire().await?;
    let guides = guides_in_force(&mut conn).await?;
    drop(conn);
    let file = read_bundle_file(&publication.bundle.to_string(), &guides)
        .accepted()
        .map_err(|findings| {
            findings_error("invalid_bundle", "联办事项", "bundle", &findings, "bundle")
        })?;
    let mut scope = String::new();
    for member in &file.bundle.members {
        let proof = caller.check(
            Action::EditBundle,
            &Target::Department(member.department.clone()),
        )?;
        if scope.is_empty() {
            scope = proof.department().unwrap_or("*").to_owned();
        }
    }
    let push = Push::new(&scope, key, "publish_bundle", "", &body.hash);
    let mut write = match push.begin(&hub.pool, 1).await? {
        Begun::Replay(receipt) => return Ok(Json(receipt)),
        Begun::Fresh(write) => write,
    };
    for member in &file.bundle.members {
        upsert_department(&mut write.tx, &member.department).await?;
    }
    sqlx::query(
        "INSERT INTO catalogue_bundles (code, name, definition, published_at, published_by) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, definition = excluded.definition, \
         published_at = excluded.published_at, published_by = excluded.published_by",
    )
    .bind(&file.bundle.code)
    .bind(&file.bundle.name)
    .bind(serde_json::to_string(&file.bundle)?)
    .bind(write.now_text())
    .bind(&caller.account)
    .execute(&mut *write.tx)
    .await?;
    let id = file.bundle.code.clone();
    Ok(Json(push.finish(write, id).await?))
}

/// The catalogue: every published guide version.
#[utoipa::path(get, path = "/v1/catalogue/guides", tag = "catalogue",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<CatalogueEntry>), (status = 401, body = WireError)))]
pub async fn list_guides(
    State(hub): State<Hub>,
    _caller: Caller,
) -> HubResult<Json<Vec<CatalogueEntry>>> {
    let rows = sqlx::query(
        "SELECT implementation_code, version, item_code, name, department, published_at FROM catalogue_guides \
         ORDER BY item_code, version",
    )
    .fetch_all(&hub.pool)
    .await?;
    let mut entries = Vec::new();
    for row in rows {
        entries.push(CatalogueEntry {
            item_code: row.try_get("item_code")?,
            implementation_code: row.try_get("implementation_code")?,
            name: row.try_get("name")?,
            department: row.try_get("department")?,
            version: u32::try_from(row.try_get::<i64, _>("version")?).unwrap_or(0),
            published_at: parse_stamp(&row.try_get::<String, _>("published_at")?)?,
        });
    }
    Ok(Json(entries))
}

/// The bundle definitions.
#[utoipa::path(get, path = "/v1/catalogue/bundles", tag = "catalogue",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<BundleEntry>), (status = 401, body = WireError)))]
pub async fn list_bundles(
    State(hub): State<Hub>,
    _caller: Caller,
) -> HubResult<Json<Vec<BundleEntry>>> {
    let rows = sqlx::query(
        "SELECT code, name, definition, published_at FROM catalogue_bundles ORDER BY code",
    )
    .fetch_all(&hub.pool)
    .await?;
    let mut entries = Vec::new();
    for row in rows {
        let definition: approval_core::bundle::BundleDefinition =
            serde_json::from_str(&row.try_get::<String, _>("definition")?)?;
        entries.push(BundleEntry {
            code: row.try_get("code")?,
            name: row.try_get("name")?,
            items: definition
                .members
                .iter()
                .map(|m| m.item_code.clone())
                .collect(),
            published_at: parse_stamp(&row.try_get::<String, _>("published_at")?)?,
        });
    }
    Ok(Json(entries))
}

/// The shared working-day calendar (the official arrangements).
#[utoipa::path(get, path = "/v1/calendar", tag = "department",
    security(("bearer" = [])),
    responses((status = 200, body = CalendarYears), (status = 401, body = WireError)))]
pub async fn calendar(_caller: Caller) -> HubResult<Json<CalendarYears>> {
    let years = approval_core::calendar::official::shipped_arrangements()
        .map_err(|e| HubError::internal(&e.to_string()))?;
    let years = years
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(CalendarYears { years }))
}
