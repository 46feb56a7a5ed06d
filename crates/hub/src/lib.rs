//! The reference exchange hub (交换平台): window units create and transfer
//! cases, departments pull them and push notices and results back, guide
//! editors publish the catalogue, managers decide filings. It serves the
//! contract of `approval-contract` over HTTP (axum), on SQLite or
//! PostgreSQL (sqlx's Any driver, one set of migrations), and keeps no
//! state between requests, so several processes can serve one PostgreSQL.
//!
//! Every request is re-authorized with `approval_core::access::authorize`
//! against the account's grants; every push is exactly-once through its
//! idempotency key (`idem`); every refusal is one JSON shape (`WireError`).

pub mod admin;
pub mod audit;
pub mod auth;
pub mod cases;
pub mod catalogue;
pub mod db;
pub mod demo;
pub mod error;
pub mod extract;
pub mod feed;
pub mod files;
pub mod filings;
pub mod idem;
pub mod openapi;
pub mod units;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use approval_contract::paths;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use sqlx::AnyPool;

use crate::error::{HubError, HubResult};

/// Limits and lifetimes.
#[derive(Debug, Clone)]
pub struct HubConfig {
    /// The largest request body (a case with its materials, base64).
    pub max_body_bytes: usize,
    /// The largest single file (a material, a result document, an
    /// attachment), decoded.
    pub max_file_bytes: usize,
    /// How long a session token lives.
    pub session_ttl: Duration,
}

impl Default for HubConfig {
    fn default() -> Self {
        HubConfig {
            max_body_bytes: 64 * 1024 * 1024,
            max_file_bytes: 20 * 1024 * 1024,
            session_ttl: Duration::from_secs(12 * 3600),
        }
    }
}

/// The state every handler shares: the pool and the limits. Nothing else:
/// whatever a request needs from an earlier one is in the database.
#[derive(Clone)]
pub struct Hub {
    pub pool: AnyPool,
    pub config: Arc<HubConfig>,
}

impl Hub {
    /// Opens (and migrates) the database at `url`.
    pub async fn open(url: &str, config: HubConfig) -> Result<Hub, db::OpenError> {
        Ok(Hub {
            pool: db::open(url).await?,
            config: Arc::new(config),
        })
    }
}

#[utoipa::path(get, path = "/health", tag = "meta",
    responses((status = 200, description = "The hub and its database answer"), (status = 503, body = approval_contract::WireError)))]
pub async fn health(
    axum::extract::State(hub): axum::extract::State<Hub>,
) -> HubResult<Json<serde_json::Value>> {
    sqlx::query("SELECT 1").execute(&hub.pool).await?;
    Ok(Json(
        serde_json::json!({ "status": "ok", "contract": approval_contract::CONTRACT_VERSION }),
    ))
}

async fn no_route() -> HubError {
    HubError::new(
        StatusCode::NOT_FOUND,
        "no_such_path",
        "没有此接口",
        "no such path",
    )
}

async fn wrong_method() -> HubError {
    HubError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "此接口不支持该请求方法",
        "this path does not take that method",
    )
}

async fn openapi_json() -> Json<serde_json::Value> {
    Json(serde_json::to_value(openapi::document()).unwrap_or_default())
}

/// The hub's routes: every path of `approval_contract::paths`.
pub fn router(hub: Hub) -> Router {
    let limit = hub.config.max_body_bytes;
    Router::new()
        .route(paths::HEALTH, get(health))
        .route(paths::OPENAPI, get(openapi_json))
        .route(
            paths::SESSION,
            post(auth::sign_in).get(auth::whoami).delete(auth::sign_out),
        )
        .route(paths::FEED, get(feed::pull))
        .route(paths::FEED_ACK, post(feed::ack))
        .route(paths::FILE, get(files::download))
        .route(paths::CASE_NOTICES, post(cases::push_notice))
        .route(paths::CASE_RESULT, post(cases::push_result))
        .route(paths::CASE_PUBLIC_NOTICE, post(cases::push_public_notice))
        .route(paths::CASE_DELIVERY, post(cases::push_delivery))
        .route(paths::FILINGS, post(filings::submit).get(filings::list))
        .route(paths::FILING_DECISION, post(filings::decide))
        .route(paths::CALENDAR, get(catalogue::calendar))
        .route(
            paths::CATALOGUE_GUIDES,
            post(catalogue::publish_guide).get(catalogue::list_guides),
        )
        .route(
            paths::CATALOGUE_BUNDLES,
            post(catalogue::publish_bundle).get(catalogue::list_bundles),
        )
        .route(paths::EFFICIENCY, post(audit::upload_efficiency))
        .route(
            paths::CHECKPOINTS,
            post(audit::push_checkpoint).get(audit::list_checkpoints),
        )
        .route(
            paths::WINDOW_CASES,
            post(cases::create_case).get(cases::list_cases),
        )
        .route(paths::WINDOW_CASE, get(cases::case_status))
        .route(paths::WINDOW_TRANSFER, post(cases::transfer))
        .route(paths::WINDOW_REVIEW, post(cases::review))
        .route(paths::WINDOW_BUNDLES, post(cases::bundle_transfer))
        .route(paths::WINDOW_BUNDLE_RELEASE, post(cases::release_bundle))
        .route(paths::WINDOW_CASE_RELEASE, post(cases::release_case))
        .fallback(no_route)
        .method_not_allowed_fallback(wrong_method)
        .layer(DefaultBodyLimit::max(limit))
        .with_state(hub)
}

/// Serves `hub` on `listener` until `shutdown` resolves, then lets the
/// requests in flight finish.
pub async fn serve(
    listener: tokio::net::TcpListener,
    hub: Hub,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(hub))
        .with_graceful_shutdown(shutdown)
        .await
}
