//! The one error shape: every refusal is a [`WireError`] with its HTTP status.
//! A caller's fault is a 4xx; only the hub's own trouble is a 5xx.

use approval_contract::WireError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// An answer other than success.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubError {
    pub status: StatusCode,
    pub wire: WireError,
}

pub type HubResult<T> = Result<T, HubError>;

impl HubError {
    pub fn new(
        status: StatusCode,
        code: &str,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        HubError {
            status,
            wire: WireError::new(code, zh, en),
        }
    }

    pub fn at_field(mut self, field: impl Into<String>) -> Self {
        self.wire = self.wire.at_field(field);
        self
    }

    pub fn bad_request(code: &str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, code, zh, en)
    }

    pub fn invalid(code: &str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code, zh, en)
    }

    pub fn conflict(code: &str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, code, zh, en)
    }

    pub fn not_found(what_zh: &str, what_en: &str, id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("没有{what_zh}“{id}”，或无权查看"),
            format!("no {what_en} {id}, or not yours to see"),
        )
    }

    pub fn unauthorized(code: &str, zh: impl Into<String>, en: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, code, zh, en)
    }

    pub fn internal(detail: &str) -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("交换平台内部错误：{detail}"),
            format!("internal hub error: {detail}"),
        )
    }

    pub fn unavailable(detail: &str) -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            format!("交换平台暂不可用，请稍后重试：{detail}"),
            format!("the hub is unavailable, try again later: {detail}"),
        )
    }

    /// A refusal by the access policy: the person has no role for the
    /// action at all (403), or the thing is outside their scope.
    pub fn denied(denied: &approval_core::access::Denied) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            denied.code().as_str(),
            denied.message_zh(),
            denied.to_string(),
        )
    }
}

impl IntoResponse for HubError {
    fn into_response(self) -> Response {
        (self.status, Json(self.wire)).into_response()
    }
}

impl From<sqlx::Error> for HubError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Io(_)
            | sqlx::Error::WorkerCrashed => HubError::unavailable(&error.to_string()),
            // The database is busy (SQLite's lock held past its timeout;
            // PostgreSQL's serialization failure or deadlock): retryable.
            sqlx::Error::Database(db)
                if matches!(
                    db.code().as_deref(),
                    Some("5") | Some("6") | Some("40001") | Some("40P01")
                ) =>
            {
                HubError::unavailable(db.message())
            }
            _ => HubError::internal(&error.to_string()),
        }
    }
}

impl From<serde_json::Error> for HubError {
    fn from(error: serde_json::Error) -> Self {
        HubError::internal(&format!("stored JSON: {error}"))
    }
}
