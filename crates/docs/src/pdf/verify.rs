//! The verification code (验证码) and QR code every issued document carries,
//! so a window unit or a third party can check a paper copy against the
//! department's records.
//!
//! The code is the SHA-256 of the document's identifying fields, cut to 50
//! bits and written as 10 base32 characters (`K7QD2-MX4TA`): short enough
//! to type, and anyone holding the fields can recompute it.

use qrcode::{EcLevel, QrCode};
use sha2::{Digest, Sha256};

use super::page::{Page, Rgb8};
use super::templates::{date_zh, DocumentHeader, DocumentKind};
use super::RenderError;

/// RFC 4648 base32: no 0/1/8/9, so no O/0 or I/1 to confuse.
const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// The verification code of a document: over its kind, department,
/// document number, case number, date of issue and addressee (or holder).
/// Formatted `XXXXX-XXXXX`.
pub fn verification_code(kind: DocumentKind, header: &DocumentHeader, addressee: &str) -> String {
    let mut hash = Sha256::new();
    hash.update(b"approval-desk/verification/v1");
    let date = header.issued_on.format("%Y-%m-%d").to_string();
    for field in [
        kind.code(),
        header.department.trim(),
        header.document_number.trim(),
        header.case_number.trim(),
        date.as_str(),
        addressee.trim(),
    ] {
        // Length-prefixed, so moving text from one field to the next
        // changes the code.
        hash.update((field.len() as u64).to_be_bytes());
        hash.update(field.as_bytes());
    }
    let digest = hash.finalize();
    let mut bits: u64 = 0;
    for byte in digest.iter().take(8) {
        bits = (bits << 8) | u64::from(*byte);
    }
    let code: String = (0..10)
        .map(|i| {
            let index = (bits >> (64 - 5 * (i + 1))) & 0x1f;
            char::from(ALPHABET[index as usize])
        })
        .collect();
    format!("{}-{}", &code[..5], &code[5..])
}

/// What the QR code holds: the verification address with the code, or the
/// identifying fields as text a phone shows as they are.
pub(crate) fn qr_payload(kind: DocumentKind, header: &DocumentHeader, code: &str) -> String {
    match header.verification_url.as_deref().map(str::trim) {
        Some(url) if !url.is_empty() => {
            let separator = if url.contains('?') { '&' } else { '?' };
            format!("{url}{separator}code={code}")
        }
        _ => format!(
            "{}\n文号：{}\n办件编号：{}\n发文机关：{}\n日期：{}\n验证码：{}",
            kind.title_zh(),
            header.document_number.trim(),
            header.case_number.trim(),
            header.department.trim(),
            date_zh(header.issued_on),
            code
        ),
    }
}

/// The QR module matrix (true = dark), row by row.
pub(crate) fn qr_matrix(payload: &str) -> Result<Vec<Vec<bool>>, RenderError> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|e| RenderError::QrCode(e.to_string()))?;
    let width = code.width();
    let colors = code.to_colors();
    Ok(colors
        .chunks(width.max(1))
        .map(|row| row.iter().map(|c| *c == qrcode::Color::Dark).collect())
        .collect())
}

/// Draws the QR code with its top left corner at (x, y), `size` points
/// wide (the quiet zone is the caller's blank space around it). Dark
/// modules of a row are merged into bars: fewer, cleaner paths.
pub(crate) fn draw_qr(page: &mut Page, matrix: &[Vec<bool>], x: f32, y: f32, size: f32) {
    let n = matrix.len().max(1) as f32;
    let module = size / n;
    let mut bars = Vec::new();
    for (row, cells) in matrix.iter().enumerate() {
        let mut col = 0;
        while col < cells.len() {
            if !cells[col] {
                col += 1;
                continue;
            }
            let start = col;
            while col < cells.len() && cells[col] {
                col += 1;
            }
            bars.push((
                x + start as f32 * module,
                y + row as f32 * module,
                (col - start) as f32 * module,
                // A hair taller, so rows meet without a seam on screen.
                module + 0.02,
            ));
        }
    }
    page.fill_rects(&bars, Rgb8::BLACK);
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;

    fn header() -> DocumentHeader {
        DocumentHeader {
            department: "西安市市场监督管理局".into(),
            document_number: "市监食许〔2026〕123号".into(),
            case_number: "SX-2026-0305-0001".into(),
            issued_on: NaiveDate::from_ymd_opt(2026, 3, 5).unwrap_or_default(),
            verification_url: None,
        }
    }

    #[test]
    fn the_code_is_short_stable_and_depends_on_every_field() {
        let code = verification_code(DocumentKind::ApprovalDecision, &header(), "某某公司");
        assert_eq!(code.len(), 11);
        assert_eq!(&code[5..6], "-");
        assert!(code
            .chars()
            .filter(|c| *c != '-')
            .all(|c| ALPHABET.contains(&(c as u8))));
        assert_eq!(
            code,
            verification_code(DocumentKind::ApprovalDecision, &header(), "某某公司")
        );
        let mut other = header();
        other.case_number.push('2');
        assert_ne!(
            code,
            verification_code(DocumentKind::ApprovalDecision, &other, "某某公司")
        );
        assert_ne!(
            code,
            verification_code(DocumentKind::RefusalDecision, &header(), "某某公司")
        );
        assert_ne!(
            code,
            verification_code(DocumentKind::ApprovalDecision, &header(), "某某公司2")
        );
        let mut later = header();
        later.issued_on = NaiveDate::from_ymd_opt(2026, 3, 6).unwrap_or_default();
        assert_ne!(
            code,
            verification_code(DocumentKind::ApprovalDecision, &later, "某某公司")
        );
    }

    #[test]
    fn the_qr_code_points_to_the_verification_address() {
        let mut h = header();
        h.verification_url = Some("https://zwfw.example.gov.cn/verify".into());
        assert_eq!(
            qr_payload(DocumentKind::Certificate, &h, "AAAAA-BBBBB"),
            "https://zwfw.example.gov.cn/verify?code=AAAAA-BBBBB"
        );
        h.verification_url = Some("https://x.example/v?t=1".into());
        assert!(qr_payload(DocumentKind::Certificate, &h, "C").ends_with("?t=1&code=C"));
        let text = qr_payload(DocumentKind::Certificate, &header(), "AAAAA-BBBBB");
        assert!(text.contains("文号：市监食许〔2026〕123号"), "{text}");
        assert!(text.contains("验证码：AAAAA-BBBBB"), "{text}");
    }

    #[test]
    fn the_matrix_is_square() {
        let matrix = qr_matrix("验证码：AAAAA-BBBBB").unwrap_or_default();
        assert!(matrix.len() >= 21);
        assert!(matrix.iter().all(|row| row.len() == matrix.len()));
        // The finder pattern's corner.
        assert!(matrix[0][0] && matrix[0][6] && !matrix[1][1]);
    }
}
