//! Verifying every signature of a PDF: integrity (byte ranges, digest,
//! signature, signing-certificate-v2), coverage (see [`coverage`]), the
//! signature timestamp when there is one, and trust (a path to a configured
//! root, judged at the timestamp's time, else at the claimed signing time).

mod chain;
mod cms_check;
pub mod coverage;
mod crypto;
mod options;
mod timestamp;

use chrono::{DateTime, FixedOffset};
use sha2::{Digest, Sha256};

use crate::pdf::document::Document;
use crate::pdf::object::{Dictionary, Object};
use crate::pdf::parse::hex_value;
use crate::pdf::{date, text_string, PdfError};

pub use chain::Trust;
pub use coverage::Coverage;
pub use options::{judge_certificate_path, Crl, CrlError, VerifyOptions};
pub use timestamp::SignatureTimestamp;

/// Why verification could not run at all (as opposed to a signature that
/// is bad, which the report says).
#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    #[error("无法读取 PDF：{0}")]
    Pdf(#[from] PdfError),
    #[error("受信任根证书 #{index} 无法读取：{reason}")]
    TrustRoot { index: usize, reason: String },
}

/// The integrity verdict of one signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureStatus {
    /// Digest, signature and signing certificate all check out.
    Valid,
    /// /ByteRange or /Contents is not what a signature needs.
    MalformedByteRange(String),
    /// The CMS structure is broken or not a detached SignedData.
    MalformedCms(String),
    /// The signed bytes changed: their digest is not the signed one.
    DigestMismatch,
    /// The signature does not verify with the signer's public key.
    BadSignature,
    /// signing-certificate-v2 is missing (PAdES) or names another cert.
    SigningCertificateMismatch,
    /// The CMS does not carry the signer's certificate.
    SignerCertificateMissing,
    /// An algorithm we do not check.
    Unsupported(String),
}

impl SignatureStatus {
    /// A stable code, for the UI and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            SignatureStatus::Valid => "valid",
            SignatureStatus::MalformedByteRange(_) => "malformed_byte_range",
            SignatureStatus::MalformedCms(_) => "malformed_cms",
            SignatureStatus::DigestMismatch => "digest_mismatch",
            SignatureStatus::BadSignature => "bad_signature",
            SignatureStatus::SigningCertificateMismatch => "signing_certificate_mismatch",
            SignatureStatus::SignerCertificateMissing => "signer_certificate_missing",
            SignatureStatus::Unsupported(_) => "unsupported",
        }
    }

    /// What it means, for an officer.
    pub fn message_zh(&self) -> String {
        match self {
            SignatureStatus::Valid => "签章完好：签章所保护的内容在签章后没有被改动".to_owned(),
            SignatureStatus::MalformedByteRange(why) => format!("签章结构损坏（签名范围）：{why}"),
            SignatureStatus::MalformedCms(why) => format!("签章结构损坏（签名数据）：{why}"),
            SignatureStatus::DigestMismatch => {
                "文件在签章后被篡改：签章所保护的内容与签章时不一致".to_owned()
            }
            SignatureStatus::BadSignature => {
                "签名值与签章人的证书不符，签章可能是伪造的".to_owned()
            }
            SignatureStatus::SigningCertificateMismatch => {
                "签名没有正确绑定签章人证书（signing-certificate-v2 缺失或不符）".to_owned()
            }
            SignatureStatus::SignerCertificateMissing => {
                "签章中没有签章人的证书，无法核验".to_owned()
            }
            SignatureStatus::Unsupported(what) => {
                format!("签章使用了本系统不能核验的算法：{what}")
            }
        }
    }
}

/// One signature's verdict and what it says about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureReport {
    /// The field's fully qualified name.
    pub field_name: String,
    /// /SubFilter, e.g. `ETSI.CAdES.detached`.
    pub sub_filter: String,
    pub status: SignatureStatus,
    pub coverage: Coverage,
    pub trust: Trust,
    /// The signer certificate's subject, e.g. `CN=… e-seal,O=…,C=CN`.
    pub signer_subject: Option<String>,
    /// /M, the signing time the signer claims (nothing vouches for it).
    pub signing_time: Option<DateTime<FixedOffset>>,
    /// The RFC 3161 signature timestamp (PAdES B-T), when the seal has one:
    /// a time a TSA vouches for, at which the signer's path is judged.
    pub timestamp: Option<SignatureTimestamp>,
    pub reason: Option<String>,
    pub location: Option<String>,
    pub name: Option<String>,
    pub byte_range: Vec<i64>,
}

impl SignatureReport {
    /// The signature is intact, covers the document (up to later
    /// signatures), chains to a trusted root, and its timestamp, if it has
    /// one, holds.
    pub fn is_valid(&self) -> bool {
        self.status == SignatureStatus::Valid
            && self.coverage.covers_document()
            && matches!(self.trust, Trust::Trusted { .. })
            && self
                .timestamp
                .as_ref()
                .is_none_or(SignatureTimestamp::is_valid)
    }

    /// The time the signer's path was judged at: the timestamp's when it
    /// holds, else the claimed /M.
    pub fn judged_at(&self) -> Option<DateTime<FixedOffset>> {
        match &self.timestamp {
            Some(t) if t.is_valid() => t.time,
            _ => self.signing_time,
        }
    }

    pub fn covers_document(&self) -> bool {
        self.coverage.covers_document()
    }

    pub fn trusted(&self) -> bool {
        matches!(self.trust, Trust::Trusted { .. })
    }
}

/// Every signature of a document, in form-field order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub signatures: Vec<SignatureReport>,
}

impl Report {
    /// At least one signature, and every one valid.
    pub fn all_valid(&self) -> bool {
        !self.signatures.is_empty() && self.signatures.iter().all(SignatureReport::is_valid)
    }
}

/// Verifies every signature field of `pdf` that holds a signature.
/// `trust_roots` are certificates, DER or PEM. A PDF without signatures
/// gives an empty report. No CRL is checked: see [`verify_pdf_with`].
pub fn verify_pdf<R: AsRef<[u8]>>(pdf: &[u8], trust_roots: &[R]) -> Result<Report, VerifyError> {
    verify_pdf_with(pdf, &VerifyOptions::with_roots(trust_roots))
}

/// Verifies every signature field of `pdf` that holds a signature, against
/// the roots and CRLs of `options`.
pub fn verify_pdf_with(pdf: &[u8], options: &VerifyOptions) -> Result<Report, VerifyError> {
    let roots = options.prepare()?;
    let doc = Document::load(pdf)?;
    let checked: Vec<Checked> = signature_fields(&doc)?
        .into_iter()
        .map(|(field_name, (sig, number))| verify_one(&doc, field_name, &sig, number, &roots))
        .collect();
    // A signature's coverage depends on the others: a later one may add its
    // own field and appearance only if it verifies itself.
    let verified: Vec<coverage::VerifiedSignature> = checked
        .iter()
        .filter(|c| c.report.status == SignatureStatus::Valid)
        .filter_map(|c| {
            Some(coverage::VerifiedSignature {
                value: c.value?,
                signed_end: c.signed_end?,
                trusted: c.report.trusted(),
            })
        })
        .collect();
    let mut report = Report::default();
    for mut one in checked {
        if let Some(signed_end) = one.signed_end {
            let allowance = coverage::Allowance {
                verified: &verified,
                no_changes: one.docmdp == Some(1),
                certified: one.docmdp.is_some(),
            };
            one.report.coverage = coverage::evaluate(&doc, signed_end, allowance);
        }
        report.signatures.push(one.report);
    }
    Ok(report)
}

/// One signature checked on its own, before its coverage is judged.
struct Checked {
    report: SignatureReport,
    /// The signature dictionary's object number.
    value: Option<u32>,
    /// The end of the signed bytes, when /ByteRange is sound.
    signed_end: Option<usize>,
    /// Its DocMDP permission when it certifies the document.
    docmdp: Option<i64>,
}

/// The DocMDP permission (1, 2 or 3; 2 when unstated) of `sig` if it
/// certifies the document, `None` for an approval signature.
fn docmdp_permission(doc: &Document<'_>, sig: &Dictionary) -> Option<i64> {
    let references = sig
        .get(b"Reference")
        .and_then(|r| doc.resolve(r).ok())
        .and_then(|r| r.as_array().map(<[Object]>::to_vec))
        .unwrap_or_default();
    references.iter().find_map(|reference| {
        let reference = doc.resolve_dict(reference).ok()?;
        if !reference.has_name(b"TransformMethod", b"DocMDP") {
            return None;
        }
        let params = reference
            .get(b"TransformParams")
            .and_then(|p| doc.resolve_dict(p).ok());
        Some(
            params
                .and_then(|p| p.get(b"P").and_then(Object::as_i64))
                .unwrap_or(2),
        )
    })
}

/// Signature fields with a value: (full name, (signature dictionary, its
/// object number if indirect)).
#[allow(clippy::type_complexity)]
pub(crate) fn signature_fields(
    doc: &Document<'_>,
) -> Result<Vec<(String, (Dictionary, Option<u32>))>, PdfError> {
    let (_, catalog) = doc.catalog()?;
    let Some(form) = catalog.get(b"AcroForm") else {
        return Ok(Vec::new());
    };
    let form = doc.resolve_dict(form)?;
    let fields = doc.resolve(form.get(b"Fields").unwrap_or(&Object::Null))?;
    let mut found = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for field in fields.as_array().unwrap_or(&[]) {
        walk(doc, field, "", None, 0, &mut seen, &mut found);
    }
    Ok(found)
}

#[allow(clippy::type_complexity)]
fn walk(
    doc: &Document<'_>,
    field: &Object,
    prefix: &str,
    inherited_ft: Option<&[u8]>,
    depth: usize,
    seen: &mut std::collections::HashSet<u32>,
    found: &mut Vec<(String, (Dictionary, Option<u32>))>,
) {
    if depth > 32 {
        return;
    }
    if let Some((num, _)) = field.as_reference() {
        if !seen.insert(num) {
            return;
        }
    }
    let Ok(dict) = doc.resolve_dict(field) else {
        return;
    };
    let partial = dict
        .get(b"T")
        .and_then(Object::as_string)
        .map(text_string::decode);
    let name = match (&partial, prefix.is_empty()) {
        (Some(p), true) => p.clone(),
        (Some(p), false) => format!("{prefix}.{p}"),
        (None, _) => prefix.to_string(),
    };
    let ft = dict.name(b"FT").or(inherited_ft);
    if let Some(kids) = dict.get(b"Kids") {
        if let Ok(Object::Array(kids)) = doc.resolve(kids) {
            for kid in &kids {
                walk(doc, kid, &name, ft, depth + 1, seen, found);
            }
        }
    }
    if ft != Some(b"Sig") {
        return;
    }
    let Some(value) = dict.get(b"V") else {
        return;
    };
    let number = value.as_reference().map(|(n, _)| n);
    match doc.resolve_dict(value) {
        Ok(sig) => found.push((name, (sig, number))),
        // A value that is there but is no signature dictionary (replaced by
        // null, or by another object) is a broken signature, not none: it
        // is reported with an empty dictionary, which fails every check.
        Err(_) if number.is_some() || !matches!(value, Object::Null) => {
            found.push((name, (Dictionary::new(), number)));
        }
        Err(_) => {}
    }
}

fn verify_one(
    doc: &Document<'_>,
    field_name: String,
    sig: &Dictionary,
    sig_number: Option<u32>,
    roots: &chain::TrustSet,
) -> Checked {
    let mut checked = Checked {
        report: integrity(doc, field_name, sig, sig_number, roots),
        value: sig_number,
        signed_end: None,
        docmdp: docmdp_permission(doc, sig),
    };
    if let Ok(ranges) = check_byte_range(doc, sig, sig_number, &checked.report.byte_range) {
        checked.signed_end = Some(ranges[2] + ranges[3]);
    }
    checked
}

/// Digest, signature, signing certificate and trust of one signature; its
/// coverage is judged afterwards, with the other signatures known.
fn integrity(
    doc: &Document<'_>,
    field_name: String,
    sig: &Dictionary,
    sig_number: Option<u32>,
    roots: &chain::TrustSet,
) -> SignatureReport {
    let text = |key: &[u8]| {
        sig.get(key)
            .and_then(Object::as_string)
            .map(text_string::decode)
    };
    let signing_time = text(b"M").and_then(|m| date::parse(&m));
    let sub_filter = sig
        .name(b"SubFilter")
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .unwrap_or_default();
    let byte_range: Vec<i64> = sig
        .get(b"ByteRange")
        .and_then(Object::as_array)
        .map(|a| a.iter().filter_map(Object::as_i64).collect())
        .unwrap_or_default();
    let mut report = SignatureReport {
        field_name,
        sub_filter,
        status: SignatureStatus::Valid,
        coverage: Coverage::ModifiedAfterSigning("未检查".into()),
        trust: Trust::Untrusted("签名无效，未检查信任".into()),
        signer_subject: None,
        signing_time,
        timestamp: None,
        reason: text(b"Reason"),
        location: text(b"Location"),
        name: text(b"Name"),
        byte_range: byte_range.clone(),
    };

    let ranges = match check_byte_range(doc, sig, sig_number, &byte_range) {
        Ok(r) => r,
        Err(why) => {
            report.status = SignatureStatus::MalformedByteRange(why);
            return report;
        }
    };
    let data = doc.data();
    let mut hasher = Sha256::new();
    hasher.update(&data[ranges[0]..ranges[0] + ranges[1]]);
    hasher.update(&data[ranges[2]..ranges[2] + ranges[3]]);
    let digest = hasher.finalize();

    let contents = sig
        .get(b"Contents")
        .and_then(Object::as_string)
        .unwrap_or(&[]);
    let outcome = cms_check::check(
        contents,
        &digest,
        report.sub_filter == "ETSI.CAdES.detached",
    );
    report.status = outcome.status;
    if let Some(checked) = outcome.checked {
        report.signer_subject = Some(checked.signer.tbs_certificate.subject.to_string());
        report.timestamp = timestamp::report(&checked.signer_info, roots);
        if report.status == SignatureStatus::Valid {
            // Judged at the time a trusted timestamp vouches for, else at
            // the signer's claimed time (/M).
            report.trust = match &report.judged_at() {
                Some(at) => {
                    chain::evaluate(&checked.signer_der, &checked.certificates_der, roots, at)
                }
                None => Trust::Untrusted("没有签署时间（/M），无法核对证书有效期".into()),
            };
        }
    }
    report
}

/// Checks /ByteRange is `[0 a b c]` with the gap `[a, b)` exactly this
/// signature's /Contents hex string; returns the four numbers.
fn check_byte_range(
    doc: &Document<'_>,
    sig: &Dictionary,
    sig_number: Option<u32>,
    byte_range: &[i64],
) -> Result<[usize; 4], String> {
    let data = doc.data();
    // Name what a forged dictionary lacks (universal signature forgery).
    if sig.is_empty() {
        return Err("签名域的值不是签名字典（可能已被替换）".into());
    }
    if !matches!(sig.get(b"ByteRange"), Some(Object::Array(_))) {
        return Err("签名字典缺少 /ByteRange 数组".into());
    }
    if !matches!(sig.get(b"Contents"), Some(Object::String(s)) if !s.is_empty()) {
        return Err("签名字典缺少 /Contents 签名数据".into());
    }
    let [start, a, b, c] = byte_range else {
        return Err("/ByteRange 应有 4 个整数".into());
    };
    let to_usize = |v: &i64| usize::try_from(*v).map_err(|_| "/ByteRange 含负数".to_string());
    let (start, a, b, c) = (to_usize(start)?, to_usize(a)?, to_usize(b)?, to_usize(c)?);
    if start != 0 {
        return Err("/ByteRange 不从文件开头开始".into());
    }
    let end = b.checked_add(c).ok_or("/ByteRange 越界")?;
    if a + 2 > b || end > data.len() {
        return Err("/ByteRange 越界".into());
    }
    let gap = &data[a..b];
    let inner = &gap[1..gap.len() - 1];
    if gap[0] != b'<'
        || gap[gap.len() - 1] != b'>'
        || !inner.iter().all(|&h| hex_value(h).is_some())
    {
        return Err("/ByteRange 的空隙不恰是 /Contents 十六进制串".into());
    }
    let contents = sig
        .get(b"Contents")
        .and_then(Object::as_string)
        .unwrap_or(&[]);
    let decoded: Vec<u8> = inner
        .chunks(2)
        .map(|p| {
            let hi = hex_value(p[0]).unwrap_or(0);
            let lo = p.get(1).and_then(|&l| hex_value(l)).unwrap_or(0);
            hi << 4 | lo
        })
        .collect();
    if decoded != contents {
        return Err("/ByteRange 的空隙不是本签名的 /Contents".into());
    }
    // The gap lies inside this signature dictionary's own object.
    if let Some(span) = sig_number.and_then(|n| doc.object_span(n)) {
        if !(span.0 < a && b < span.1) {
            return Err("/Contents 不在本签名字典之内".into());
        }
    } else {
        return Err("签名字典不是文件中的间接对象".into());
    }
    Ok([start, a, b, c])
}
