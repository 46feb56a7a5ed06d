//! Checking the e-seals (电子签章) of an incoming e-material (Art 8: an
//! electronic material with a verifiable e-seal has the force of paper)
//! against the roots the profile trusts.

use approval_core::error_code::ErrorCode;
use approval_esign::verify::verify_pdf;
use approval_esign::VerifyError;

use crate::views::seal::SealCheckView;
use crate::{ApiError, Desk};

/// Largest file checked: 50 MB. Scanned e-materials run to a few MB; the
/// limit keeps a wrong pick (a video, a disk image) from being parsed.
pub const MAX_PDF_BYTES: usize = 50 * 1024 * 1024;

/// Refuses a file over [`MAX_PDF_BYTES`] or empty, by its size alone (so
/// a front end can refuse before copying the bytes).
pub fn check_pdf_size(name: &str, size: usize) -> Result<(), ApiError> {
    if size > MAX_PDF_BYTES {
        let megabytes = size as f64 / (1024.0 * 1024.0);
        let limit = MAX_PDF_BYTES / (1024 * 1024);
        return Err(ApiError::new(
            ErrorCode::FileTooLarge,
            format!("文件“{name}”过大（{megabytes:.1} MB）：待验章的文件不超过{limit} MB"),
            format!("{name} is too large ({megabytes:.1} MB): a file to check is at most {limit} MB"),
        ));
    }
    if size == 0 {
        return Err(ApiError::invalid_input(
            format!("文件“{name}”是空的"),
            format!("{name} is empty"),
        ));
    }
    Ok(())
}

/// Verifies every signature of `pdf` (named `name` as the officer picked
/// it) against the roots in the profile's trust folder. CPU work of a few
/// milliseconds a MB: call it off the async workers.
pub fn check_incoming_seal(desk: &Desk, name: &str, pdf: &[u8]) -> Result<SealCheckView, ApiError> {
    check_pdf_size(name, pdf.len())?;
    let database = desk.database_path();
    let folder = approval_store::profile::trust_folder(database);
    let roots = approval_store::profile::trusted_root_files(database).map_err(|e| {
        ApiError::new(
            ErrorCode::TrustFolderUnreadable,
            format!("无法读取受信任根证书目录（{}）：{e}", folder.display()),
            format!("cannot read the trust folder ({}): {e}", folder.display()),
        )
    })?;
    let certificates: Vec<&[u8]> = roots.iter().map(|(_, bytes)| bytes.as_slice()).collect();
    let report = verify_pdf(pdf, &certificates).map_err(|error| {
        // The message names what the reader has to look at: the officer's
        // file, or the administrator's file in the trust folder.
        let (message, message_en) = match &error {
            VerifyError::Pdf(e) => (
                format!("文件“{name}”无法作为 PDF 读取：{e}"),
                format!("{name} cannot be read as a PDF: {e}"),
            ),
            VerifyError::TrustRoot { index, reason } => {
                let file = roots.get(*index).map_or("?", |(file, _)| file.as_str());
                (
                    format!(
                        "受信任根证书目录（{}）中的文件“{file}”不是有效的证书：{reason}",
                        folder.display()
                    ),
                    format!(
                        "the file {file} in the trust folder ({}) is not a valid certificate: {reason}",
                        folder.display()
                    ),
                )
            }
        };
        ApiError {
            message,
            message_en,
            ..ApiError::from(error)
        }
    })?;
    Ok(SealCheckView::of(name, &report, roots.len()))
}

/// `encodeURIComponent`'s inverse, for a file name sent in a header (header
/// values must be ASCII; Chinese file names are the rule): %XX escapes to
/// bytes, which must be UTF-8, and the name must not be blank.
pub fn decode_file_name(encoded: &str) -> Result<String, ApiError> {
    percent_decode(encoded)
        .filter(|name| !name.trim().is_empty())
        .ok_or_else(|| {
            ApiError::invalid_input(
                format!("文件名“{encoded}”的编码无效"),
                format!("the file name {encoded:?} is not percent-encoded UTF-8"),
            )
            .at_field("file_name")
        })
}

fn percent_decode(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        if first == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = tail.get(2..)?;
        } else {
            bytes.push(first);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}
