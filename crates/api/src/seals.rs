//! Checking the e-seals (电子签章) of an incoming e-material (Art 8: an
//! electronic material with a verifiable e-seal has the force of paper)
//! against the roots the profile trusts.

use approval_core::error_code::ErrorCode;
use approval_esign::limits::{within, Limits};
use approval_esign::pdf::PdfError;
use approval_esign::verify::{verify_pdf_with, VerifyOptions};
use approval_esign::VerifyError;

use crate::results::{read_crls, read_trust_folder};
use crate::seal_checks::CancelFlag;
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
            format!(
                "{name} is too large ({megabytes:.1} MB): a file to check is at most {limit} MB"
            ),
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
/// it) against the roots and the CRLs (`*.crl`) in the profile's trust
/// folder, within the verifier's limits for files from outside. CPU work of a few
/// milliseconds a MB: call it off the async workers.
pub fn check_incoming_seal(desk: &Desk, name: &str, pdf: &[u8]) -> Result<SealCheckView, ApiError> {
    check_incoming_seal_until(desk, name, pdf, &CancelFlag::default())
}

/// [`check_incoming_seal`] that stops early, with `seal_check_cancelled`,
/// once `cancel` is raised (the window's time limit or the officer).
pub fn check_incoming_seal_until(
    desk: &Desk,
    name: &str,
    pdf: &[u8],
    cancel: &CancelFlag,
) -> Result<SealCheckView, ApiError> {
    check_pdf_size(name, pdf.len())?;
    let database = desk.database_path();
    let folder = approval_store::profile::trust_folder(database);
    let trust = read_trust_folder(database)?;
    let options = VerifyOptions {
        trust_roots: trust.roots.iter().map(|(_, bytes)| bytes.clone()).collect(),
        crls: read_crls(&trust.crls).map_err(|e| in_trust_folder(e, &folder))?,
    };
    let limits = Limits {
        cancel: Some(cancel.shared()),
        ..Limits::default()
    };
    let report = within(&limits, || verify_pdf_with(pdf, &options)).map_err(|error| {
        // The message names what the reader has to look at: the officer's
        // file, or the administrator's file in the trust folder.
        let (message, message_en) = match &error {
            VerifyError::Pdf(PdfError::Cancelled) => (
                format!("已取消对文件“{name}”的验章"),
                format!("the seal check of {name} was cancelled"),
            ),
            VerifyError::Pdf(e @ PdfError::OverBudget { .. }) => (
                format!("文件“{name}”超出验章的处理限度，未能验章（可能是被刻意构造的文件）：{e}"),
                format!("{name} exceeds what a seal check may take and was not checked (it may be crafted): {e}"),
            ),
            VerifyError::Pdf(e) => (
                format!("文件“{name}”无法作为 PDF 读取：{e}"),
                format!("{name} cannot be read as a PDF: {e}"),
            ),
            VerifyError::TrustRoot { index, reason } => {
                let file = trust.roots.get(*index).map_or("?", |(file, _)| file.as_str());
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
    Ok(SealCheckView::of(name, &report, trust.roots.len()))
}

/// An error about a file of the trust folder, saying where that folder is.
fn in_trust_folder(error: ApiError, folder: &std::path::Path) -> ApiError {
    ApiError {
        message: format!(
            "受信任根证书目录（{}）中{}",
            folder.display(),
            error.message
        ),
        message_en: format!(
            "in the trust folder ({}): {}",
            folder.display(),
            error.message_en
        ),
        ..error
    }
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::path::PathBuf;
    use std::sync::OnceLock;

    use approval_esign::testca::TestCa;
    use approval_esign::{sign_pdf, KeyKind, Pkcs12Signer, SignRequest};
    use chrono::{FixedOffset, TimeZone, Utc};

    use super::*;
    use crate::testing::one_page_letter;
    use crate::views::seal::SealVerdict;

    /// The use case over the profile whose database is `database`.
    fn check_file(
        name: &str,
        pdf: &[u8],
        database: &std::path::Path,
    ) -> Result<SealCheckView, ApiError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let desk = runtime.block_on(Desk::open(database)).unwrap();
        check_incoming_seal(&desk, name, pdf)
    }

    /// A test root and a seal under it, made once (P-256: fast to generate).
    fn pki() -> &'static (TestCa, Pkcs12Signer) {
        static PKI: OnceLock<(TestCa, Pkcs12Signer)> = OnceLock::new();
        PKI.get_or_init(|| {
            let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
            let to = Utc.with_ymd_and_hms(2034, 1, 1, 0, 0, 0).unwrap();
            let ca = TestCa::generate("审批测试根 CA", KeyKind::P256, from, to).unwrap();
            let seal = ca
                .issue_seal("蓝田县市场监督管理局", KeyKind::P256, from, to)
                .unwrap();
            (ca, seal)
        })
    }

    fn sign(pdf: &[u8], field: &str) -> Vec<u8> {
        let request = SignRequest {
            field_name: field.into(),
            reason: Some("准予行政许可".into()),
            location: Some("蓝田县".into()),
            name: Some("蓝田县市场监督管理局".into()),
            signing_time: FixedOffset::east_opt(8 * 3600)
                .unwrap()
                .with_ymd_and_hms(2025, 3, 1, 9, 30, 0)
                .unwrap(),
            visible: None,
        };
        sign_pdf(pdf, &pki().1, &request).unwrap()
    }

    /// A profile database path whose trust folder holds `roots`.
    fn profile(roots: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("desk.sqlite3");
        if !roots.is_empty() {
            let folder = approval_store::profile::trust_folder(&database);
            std::fs::create_dir_all(&folder).unwrap();
            for (file, bytes) in roots {
                std::fs::write(folder.join(file), bytes).unwrap();
            }
        }
        (dir, database)
    }

    fn trusting_the_test_root() -> (tempfile::TempDir, PathBuf) {
        let pem = pki().0.root_pem().unwrap();
        profile(&[("省电子印章根证书.pem", pem.as_bytes())])
    }

    #[test]
    fn a_sealed_letter_under_a_trusted_root_is_all_valid() {
        let (_dir, database) = trusting_the_test_root();
        let view = check_file("决定书.pdf", &sign(&one_page_letter(), "seal"), &database).unwrap();
        assert_eq!(view.verdict, SealVerdict::AllValid);
        assert_eq!(view.file_name, "决定书.pdf");
        assert_eq!(view.trust_root_count, 1);
        let [signature] = view.signatures.as_slice() else {
            panic!("one signature expected: {view:?}");
        };
        assert_eq!(signature.field_name, "seal");
        assert_eq!(signature.status, "valid");
        assert!(
            signature.message.contains("签章完好"),
            "{}",
            signature.message
        );
        assert!(signature.covers_document);
        assert_eq!(signature.coverage, "whole_document");
        assert!(signature.trusted);
        assert_eq!(signature.trust, "trusted");
        assert!(
            signature.trust_message.contains("审批测试根 CA"),
            "{}",
            signature.trust_message
        );
        let subject = signature.signer_subject.as_deref().unwrap();
        assert!(
            subject.contains("CN=蓝田县市场监督管理局 e-seal"),
            "{subject}"
        );
        assert_eq!(
            signature.signing_time.as_deref(),
            Some("2025-03-01T09:30:00+08:00")
        );
        assert_eq!(signature.reason.as_deref(), Some("准予行政许可"));
        assert_eq!(signature.location.as_deref(), Some("蓝田县"));
        assert_eq!(signature.name.as_deref(), Some("蓝田县市场监督管理局"));

        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["verdict"], "all_valid");
        assert_eq!(
            json["signatures"][0]["signing_time"],
            "2025-03-01T09:30:00+08:00"
        );
    }

    #[test]
    fn without_trusted_roots_an_intact_seal_is_untrusted() {
        let (_dir, database) = profile(&[]);
        let view = check_file("决定书.pdf", &sign(&one_page_letter(), "seal"), &database).unwrap();
        assert_eq!(view.verdict, SealVerdict::Untrusted);
        assert_eq!(view.trust_root_count, 0);
        let signature = &view.signatures[0];
        assert_eq!(signature.status, "valid");
        assert!(signature.covers_document);
        assert!(!signature.trusted);
        assert_eq!(signature.trust, "untrusted");
        assert!(
            signature
                .trust_message
                .contains("本机尚未配置受信任的根证书"),
            "{}",
            signature.trust_message
        );
    }

    #[test]
    fn one_flipped_byte_makes_the_file_invalid() {
        let (_dir, database) = trusting_the_test_root();
        let mut pdf = sign(&one_page_letter(), "seal");
        let at = pdf.windows(8).position(|w| w == b"Decision").unwrap();
        pdf[at] = b'd';
        let view = check_file("决定书.pdf", &pdf, &database).unwrap();
        assert_eq!(view.verdict, SealVerdict::Invalid);
        let signature = &view.signatures[0];
        assert_eq!(signature.status, "digest_mismatch");
        assert!(signature.message.contains("篡改"), "{}", signature.message);
        assert!(!signature.trusted);
        // Trust means nothing for a broken signature: not checked, not "untrusted".
        assert_eq!(signature.trust, "not_checked");
    }

    #[test]
    fn content_appended_after_signing_is_not_covered() {
        let (_dir, database) = trusting_the_test_root();
        let mut pdf = sign(&one_page_letter(), "seal");
        pdf.extend_from_slice(b"% a line added after the seal\n");
        let view = check_file("决定书.pdf", &pdf, &database).unwrap();
        assert_eq!(view.verdict, SealVerdict::Invalid);
        let signature = &view.signatures[0];
        assert_eq!(signature.status, "valid");
        assert!(!signature.covers_document);
        assert_eq!(signature.coverage, "modified_after_signing");
        assert!(
            signature.coverage_message.starts_with("签章之后文件被改动"),
            "{}",
            signature.coverage_message
        );
    }

    #[test]
    fn a_second_seal_keeps_the_first_one_covering_the_document() {
        let (_dir, database) = trusting_the_test_root();
        let twice = sign(&sign(&one_page_letter(), "window"), "department");
        let view = check_file("联办结果.pdf", &twice, &database).unwrap();
        assert_eq!(view.verdict, SealVerdict::AllValid);
        let fields: Vec<_> = view
            .signatures
            .iter()
            .map(|s| (s.field_name.as_str(), s.coverage, s.later_revisions))
            .collect();
        assert_eq!(
            fields,
            [
                ("window", "signature_updates_only", 1),
                ("department", "whole_document", 0)
            ]
        );
    }

    #[test]
    fn a_pdf_without_signatures_is_unsigned() {
        let (_dir, database) = trusting_the_test_root();
        let view = check_file("申请表.pdf", &one_page_letter(), &database).unwrap();
        assert_eq!(view.verdict, SealVerdict::Unsigned);
        assert!(view.signatures.is_empty());
        assert_eq!(serde_json::to_value(&view).unwrap()["verdict"], "unsigned");
    }

    #[test]
    fn a_file_that_is_not_a_pdf_is_pdf_unreadable() {
        let (_dir, database) = profile(&[]);
        let error = check_file("照片.jpg", b"\xff\xd8\xff\xe0 JFIF", &database).unwrap_err();
        assert_eq!(error.code, "pdf_unreadable");
        assert!(
            error.message.starts_with("文件“照片.jpg”无法作为 PDF 读取"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_broken_file_in_the_trust_folder_is_named() {
        let pem = pki().0.root_pem().unwrap();
        let (_dir, database) = profile(&[
            ("a-root.pem", pem.as_bytes()),
            ("b-readme.txt", b"not a certificate"),
        ]);
        let error = check_file("决定书.pdf", &one_page_letter(), &database).unwrap_err();
        assert_eq!(error.code, "trust_root_unreadable");
        assert!(
            error.message.contains("“b-readme.txt”"),
            "{}",
            error.message
        );
        assert!(error.message.contains("desk-trust"), "{}", error.message);
    }

    #[test]
    fn a_crl_in_the_trust_folder_is_checked_and_a_revoked_seal_is_untrusted() {
        let pem = pki().0.root_pem().unwrap();
        let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        let to = Utc.with_ymd_and_hms(2034, 1, 1, 0, 0, 0).unwrap();
        let revoked = approval_esign::Signer::certificate_chain(&pki().1)[0].clone();
        let crl = pki().0.revocation_list(&[&revoked], from, to).unwrap();
        let (_dir, database) = profile(&[
            ("省电子印章根证书.pem", pem.as_bytes()),
            ("省电子印章根证书.CRL", &crl),
        ]);
        let view = check_file("决定书.pdf", &sign(&one_page_letter(), "seal"), &database).unwrap();
        assert_eq!(view.trust_root_count, 1, "a CRL is not a root");
        assert_eq!(view.verdict, SealVerdict::Untrusted);
        assert!(
            view.signatures[0].trust_message.contains("吊销"),
            "{}",
            view.signatures[0].trust_message
        );

        let (_dir, database) = profile(&[
            ("省电子印章根证书.pem", pem.as_bytes()),
            ("坏的.crl", b"not a CRL"),
        ]);
        let error = check_file("决定书.pdf", &one_page_letter(), &database).unwrap_err();
        assert_eq!(error.code, "crl_unreadable");
        assert!(error.message.contains("坏的.crl"), "{}", error.message);
        assert!(error.message.contains("desk-trust"), "{}", error.message);
    }

    #[test]
    fn a_file_over_the_verifiers_budget_is_refused_as_such_and_a_raised_flag_cancels() {
        let (_dir, database) = trusting_the_test_root();
        // A cross-reference stream that claims two billion entries.
        let mut hostile = b"%PDF-1.7\n1 0 obj\n<< /Type /XRef /Size 2147483647 /W [1 4 2] /Root 2 0 R /Length 0 >>\nstream\n\nendstream\nendobj\n".to_vec();
        let at = 9;
        hostile.extend_from_slice(format!("startxref\n{at}\n%%EOF\n").as_bytes());
        let error = check_file("炸弹.pdf", &hostile, &database).unwrap_err();
        assert_eq!(error.code, "pdf_over_budget", "{error:?}");
        assert!(error.message.contains("炸弹.pdf"), "{}", error.message);

        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let desk = runtime.block_on(Desk::open(&database)).unwrap();
        let cancel = CancelFlag::default();
        cancel.raise();
        let letter = sign(&one_page_letter(), "seal");
        let error = check_incoming_seal_until(&desk, "决定书.pdf", &letter, &cancel).unwrap_err();
        assert_eq!(error.code, "seal_check_cancelled", "{error:?}");
    }

    #[test]
    fn files_over_50_mb_are_refused_with_their_size() {
        assert!(check_pdf_size("扫描件.pdf", MAX_PDF_BYTES).is_ok());
        let error = check_pdf_size("扫描件.pdf", MAX_PDF_BYTES + 6 * 1024 * 1024).unwrap_err();
        assert_eq!(error.code, "file_too_large");
        assert_eq!(
            error.message,
            "文件“扫描件.pdf”过大（56.0 MB）：待验章的文件不超过50 MB"
        );
    }
}
