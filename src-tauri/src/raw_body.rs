//! The seal check's transport: the PDF crosses IPC as the raw request
//! body, not as a `Vec<u8>` argument (an argument is JSON, where each byte
//! becomes a number in an array: about four times the file's size, parsed
//! on both sides), and its name rides in a header, percent-encoded because
//! header values must be ASCII and Chinese file names are the rule.

use approval_api::seals::{check_pdf_size, decode_file_name};
use approval_api::ApiError;
use tauri::ipc::InvokeBody;

/// The request header that names the file (`encodeURIComponent` of it).
pub const FILE_NAME_HEADER: &str = "x-file-name";

/// The file's name from its header.
pub fn file_name(headers: &tauri::http::HeaderMap) -> Result<String, ApiError> {
    let value = headers
        .get(FILE_NAME_HEADER)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| {
            ApiError::invalid_input(
                format!("请求缺少 {FILE_NAME_HEADER} 头（文件名）"),
                format!("the request has no {FILE_NAME_HEADER} header (the file name)"),
            )
        })?;
    decode_file_name(value)
}

/// The request header that carries the id the window gave the check, so
/// it can cancel it (`seal_check_cancel`).
pub const CHECK_ID_HEADER: &str = "x-check-id";

/// The check's id from its header (checked by the use case).
pub fn check_id(headers: &tauri::http::HeaderMap) -> Result<String, ApiError> {
    headers
        .get(CHECK_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .ok_or_else(|| {
            ApiError::invalid_input(
                format!("请求缺少 {CHECK_ID_HEADER} 头（验章编号）"),
                format!("the request has no {CHECK_ID_HEADER} header (the check's id)"),
            )
        })
}

/// The PDF's bytes: the raw body, or the JSON array of numbers Tauri sends
/// instead when the webview blocks its custom protocol (postMessage
/// fallback). Refused before any copy when too large.
pub fn pdf_bytes(name: &str, body: &InvokeBody) -> Result<Vec<u8>, ApiError> {
    let not_bytes = || {
        ApiError::invalid_input(
            "请求体应是文件的字节，而不是参数对象",
            "the request body must be the file's bytes, not an argument object",
        )
    };
    match body {
        InvokeBody::Raw(bytes) => {
            check_pdf_size(name, bytes.len())?;
            Ok(bytes.clone())
        }
        InvokeBody::Json(serde_json::Value::Array(items)) => {
            check_pdf_size(name, items.len())?;
            items
                .iter()
                .map(|item| item.as_u64().and_then(|n| u8::try_from(n).ok()))
                .collect::<Option<Vec<u8>>>()
                .ok_or_else(|| {
                    ApiError::invalid_input(
                        "文件内容不是字节序列",
                        "the file's content is not a byte sequence",
                    )
                })
        }
        InvokeBody::Json(_) => Err(not_bytes()),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn the_body_is_the_raw_bytes_or_the_fallback_number_array() {
        let raw = InvokeBody::Raw(b"%PDF-1.7".to_vec());
        assert_eq!(pdf_bytes("a.pdf", &raw).unwrap(), b"%PDF-1.7");
        let numbers = InvokeBody::Json(serde_json::json!([37, 80, 68, 70]));
        assert_eq!(pdf_bytes("a.pdf", &numbers).unwrap(), b"%PDF");
        for bad in [
            serde_json::json!([37, 256]),
            serde_json::json!({ "pdf": [37] }),
        ] {
            let error = pdf_bytes("a.pdf", &InvokeBody::Json(bad)).unwrap_err();
            assert_eq!(error.code, "invalid_input");
        }
        assert_eq!(
            pdf_bytes("a.pdf", &InvokeBody::Raw(Vec::new()))
                .unwrap_err()
                .code,
            "invalid_input"
        );
    }

    #[test]
    fn the_file_name_header_is_percent_decoded() {
        let mut headers = tauri::http::HeaderMap::new();
        assert_eq!(file_name(&headers).unwrap_err().code, "invalid_input");
        // encodeURIComponent("决定书 (1).pdf")
        headers.insert(
            FILE_NAME_HEADER,
            "%E5%86%B3%E5%AE%9A%E4%B9%A6%20(1).pdf".parse().unwrap(),
        );
        assert_eq!(file_name(&headers).unwrap(), "决定书 (1).pdf");
        for bad in ["%E5%86", "%zz.pdf", "a%2", "%20"] {
            headers.insert(FILE_NAME_HEADER, bad.parse().unwrap());
            assert_eq!(
                file_name(&headers).unwrap_err().code,
                "invalid_input",
                "{bad}"
            );
        }
    }
}
