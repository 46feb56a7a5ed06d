//! Files travel base64-encoded with their SHA-256 and are stored as blobs;
//! a file is fetched by whoever may see the case or filing it belongs to.

use approval_contract::cases::{FileRef, FileUpload};
use approval_core::access::{Action, Target};
use axum::body::Body as HttpBody;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::Response;
use base64::Engine as _;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

use crate::auth::Caller;
use crate::cases::{load_case, window_units_check, WindowRelation};
use crate::error::{HubError, HubResult};
use crate::extract::PathParam;
use crate::Hub;

/// A fresh random id (128 bits, hex) with a readable prefix.
pub fn new_id(prefix: &str) -> String {
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    format!("{prefix}-{}", hex::encode(bytes))
}

/// The bytes of an uploaded file, checked: base64, size, SHA-256.
pub fn decode_upload(upload: &FileUpload, max_file: usize, field: &str) -> HubResult<Vec<u8>> {
    // Refuse by the encoded length first: decoding a huge string is work.
    if upload.content_base64.len() / 4 * 3 > max_file + 3 {
        return Err(file_too_large(max_file, field));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(upload.content_base64.as_bytes())
        .map_err(|e| {
            HubError::invalid(
                "invalid_base64",
                format!("文件内容不是有效的 base64：{e}"),
                format!("the file's content is not valid base64: {e}"),
            )
            .at_field(format!("{field}.content_base64"))
        })?;
    if bytes.len() > max_file {
        return Err(file_too_large(max_file, field));
    }
    let digest = hex::encode(Sha256::digest(&bytes));
    if !digest.eq_ignore_ascii_case(upload.sha256.trim()) {
        return Err(HubError::invalid(
            "sha256_mismatch",
            format!(
                "文件“{}”的 SHA-256 与内容不符（内容为 {digest}）",
                upload.file_name
            ),
            format!(
                "the SHA-256 of file {} does not match its content ({digest})",
                upload.file_name
            ),
        )
        .at_field(format!("{field}.sha256")));
    }
    if upload.file_name.trim().is_empty() {
        return Err(HubError::invalid(
            "file_name_missing",
            "文件名不能为空",
            "the file name is empty",
        )
        .at_field(format!("{field}.file_name")));
    }
    Ok(bytes)
}

fn file_too_large(max_file: usize, field: &str) -> HubError {
    HubError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "file_too_large",
        format!("单个文件不得超过 {max_file} 字节"),
        format!("a file may not exceed {max_file} bytes"),
    )
    .at_field(field.to_owned())
}

/// Stores checked bytes; the reference a reader fetches them by.
pub async fn store_file(
    conn: &mut AnyConnection,
    owner: FileOwner<'_>,
    upload: &FileUpload,
    bytes: Vec<u8>,
    now: &str,
) -> HubResult<FileRef> {
    let id = new_id("file");
    let sha256 = hex::encode(Sha256::digest(&bytes));
    let size = bytes.len() as u64;
    let (case_number, filing_id) = match owner {
        FileOwner::Case(number) => (Some(number), None),
        FileOwner::Filing(id) => (None, Some(id)),
    };
    sqlx::query(
        "INSERT INTO files (id, case_number, filing_id, file_name, media_type, size, sha256, content, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(case_number)
    .bind(filing_id)
    .bind(&upload.file_name)
    .bind(&upload.media_type)
    .bind(size as i64)
    .bind(&sha256)
    .bind(bytes)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(FileRef {
        id,
        file_name: upload.file_name.clone(),
        media_type: upload.media_type.clone(),
        size,
        sha256,
    })
}

pub enum FileOwner<'a> {
    Case(&'a str),
    Filing(&'a str),
}

/// A file of a case's materials or result, or of a filing.
#[utoipa::path(get, path = "/v1/files/{id}", tag = "department",
    security(("bearer" = [])),
    params(("id" = String, Path, description = "The file's id (FileRef.id)")),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>,
               headers(("X-Content-SHA256" = String, description = "SHA-256 of the bytes"))),
              (status = 404, body = approval_contract::WireError)))]
pub async fn download(
    State(hub): State<Hub>,
    caller: Caller,
    PathParam(id): PathParam,
) -> HubResult<Response> {
    let mut conn = hub.pool.acquire().await?;
    let missing = || HubError::not_found("文件", "file", &id);
    let row = sqlx::query(
        "SELECT case_number, filing_id, file_name, media_type, sha256, content FROM files WHERE id = $1",
    )
    .bind(&id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(missing)?;
    let case_number: Option<String> = row.try_get("case_number")?;
    let filing_id: Option<String> = row.try_get("filing_id")?;
    let allowed = if let Some(number) = case_number {
        let case = load_case(&mut conn, &number).await?.ok_or_else(missing)?;
        // The department the case went to, or a window unit of the case.
        let department = case.department.as_deref().is_some_and(|d| {
            caller
                .authorize(Action::ViewCase, &Target::Department(d.to_owned()))
                .is_ok()
        });
        department
            || window_units_check(&caller, Action::ViewWindowCase, &case, WindowRelation::Any)
                .is_ok()
    } else if let Some(filing) = filing_id {
        let department: Option<String> =
            sqlx::query("SELECT department FROM filings WHERE id = $1")
                .bind(&filing)
                .fetch_optional(&mut *conn)
                .await?
                .map(|r| r.try_get("department"))
                .transpose()?;
        department.is_some_and(|d| {
            caller
                .authorize(Action::ViewFiling, &Target::Department(d))
                .is_ok()
        })
    } else {
        false
    };
    if !allowed {
        return Err(missing());
    }
    let media_type: String = row.try_get("media_type")?;
    let sha256: String = row.try_get("sha256")?;
    let content: Vec<u8> = row.try_get("content")?;
    let mut response = Response::new(HttpBody::from(content));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(&media_type)
            .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream")),
    );
    if let Ok(value) = HeaderValue::from_str(&sha256) {
        headers.insert("x-content-sha256", value);
    }
    Ok(response)
}
