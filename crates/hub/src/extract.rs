//! Request extractors whose every refusal is the one error shape: a JSON
//! body (malformed, wrong content type, wrong shape, too large), the
//! idempotency key of a push, a query string and a path parameter.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};

use crate::error::HubError;

/// A JSON body, with the SHA-256 of its canonical form (keys sorted, no
/// whitespace) that idempotency compares.
pub struct Body<T> {
    pub value: T,
    pub hash: String,
}

fn too_large(limit_hint: &str) -> HubError {
    HubError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "body_too_large",
        format!("请求体超过交换平台的上限{limit_hint}"),
        format!("the request body exceeds the hub's limit{limit_hint}"),
    )
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Body<T> {
    type Rejection = HubError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                let essence = v
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                essence == "application/json" || essence.ends_with("+json")
            })
            .unwrap_or(false);
        if !json {
            return Err(HubError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "请求体须为 JSON（Content-Type: application/json）",
                "the body must be JSON (Content-Type: application/json)",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                too_large("")
            } else {
                HubError::bad_request(
                    "body_unreadable",
                    format!("无法读取请求体：{}", rejection.body_text()),
                    format!("cannot read the body: {}", rejection.body_text()),
                )
            }
        })?;
        let raw: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
            HubError::bad_request(
                "malformed_json",
                format!(
                    "请求体不是有效的 JSON：第{}行第{}列，{e}",
                    e.line(),
                    e.column()
                ),
                format!("the body is not valid JSON: {e}"),
            )
        })?;
        let canonical = serde_json::to_vec(&raw)
            .map_err(|e| HubError::internal(&format!("canonical JSON: {e}")))?;
        let hash = hex::encode(Sha256::digest(&canonical));
        let value = serde_path_to_error::deserialize::<_, T>(raw).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            HubError::invalid(
                "invalid_body",
                format!("请求体字段“{path}”不正确：{inner}"),
                format!("field {path} of the body is wrong: {inner}"),
            )
            .at_field(path)
        })?;
        Ok(Body { value, hash })
    }
}

/// The `Idempotency-Key` a push must carry.
pub struct IdemKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdemKey {
    type Rejection = HubError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(approval_contract::IDEMPOTENCY_KEY_HEADER) else {
            return Err(HubError::bad_request(
                "idempotency_key_missing",
                "推送须带 Idempotency-Key 请求头",
                "a push must carry an Idempotency-Key header",
            )
            .at_field(approval_contract::IDEMPOTENCY_KEY_HEADER));
        };
        let key = value.to_str().unwrap_or("");
        let fine = !key.is_empty() && key.len() <= 200 && key.bytes().all(|b| b.is_ascii_graphic());
        if !fine {
            return Err(HubError::bad_request(
                "idempotency_key_invalid",
                "Idempotency-Key 须为 1 至 200 个可见 ASCII 字符",
                "the Idempotency-Key must be 1 to 200 visible ASCII characters",
            )
            .at_field(approval_contract::IDEMPOTENCY_KEY_HEADER));
        }
        Ok(IdemKey(key.to_owned()))
    }
}

/// A query string, refused in the one error shape.
pub struct Query<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Query<T> {
    type Rejection = HubError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Query(q.0))
            .map_err(|rejection| {
                HubError::bad_request(
                    "invalid_query",
                    format!("查询参数不正确：{}", rejection.body_text()),
                    format!("the query string is wrong: {}", rejection.body_text()),
                )
            })
    }
}

/// One path parameter, refused in the one error shape.
pub struct PathParam(pub String);

impl<S: Send + Sync> FromRequestParts<S> for PathParam {
    type Rejection = HubError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<String>::from_request_parts(parts, state)
            .await
            .map(|p| PathParam(p.0))
            .map_err(|rejection| {
                HubError::bad_request(
                    "invalid_path",
                    format!("路径参数不正确：{}", rejection.body_text()),
                    format!("the path parameter is wrong: {}", rejection.body_text()),
                )
            })
    }
}

/// The message a JSON too large for the hub gets (the body-limit layer's
/// own rejection, before any extractor ran).
pub fn body_too_large() -> HubError {
    too_large("")
}
