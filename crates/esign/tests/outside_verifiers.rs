//! Our signatures held against two independent verifiers, poppler's
//! `pdfsig` and pyHanko, and against our own `verify_pdf`: one and two
//! signatures with RSA and ECDSA keys, inputs with classic and stream
//! cross-references, a copy with one byte flipped inside the signed range
//! and copies with content appended after signing.
//!
//! A missing tool fails the test with the install script that provides it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use approval_esign::pdf::document::Document;
use approval_esign::pdf::incremental;
use approval_esign::pdf::object::{Dictionary, Object, Stream};
use approval_esign::testca::TestCa;
use approval_esign::verify::Coverage;
use approval_esign::{
    sign_pdf, verify_pdf, Appearance, KeyKind, Pkcs12Signer, Placement, SignRequest,
    SignatureStatus,
};
use chrono::{FixedOffset, TimeZone, Utc};

struct Pki {
    ca: TestCa,
    first: Pkcs12Signer,
    second: Pkcs12Signer,
}

/// One CA and two department seals per key kind, made once: RSA key
/// generation is slow in debug builds.
fn pki(kind: KeyKind) -> &'static Pki {
    static RSA: OnceLock<Pki> = OnceLock::new();
    static EC: OnceLock<Pki> = OnceLock::new();
    let cell = match kind {
        KeyKind::Rsa2048 => &RSA,
        KeyKind::P256 => &EC,
    };
    cell.get_or_init(|| {
        let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        let to = Utc.with_ymd_and_hms(2034, 1, 1, 0, 0, 0).unwrap();
        let ca = TestCa::generate("审批工作台测试根 CA", kind, from, to).unwrap();
        let first = ca.issue_seal("市场监督管理局", kind, from, to).unwrap();
        let second = ca.issue_seal("自然资源和规划局", kind, from, to).unwrap();
        Pki { ca, first, second }
    })
}

fn request(field: &str, visible: bool) -> SignRequest {
    let china = FixedOffset::east_opt(8 * 3600).unwrap();
    SignRequest {
        field_name: field.to_string(),
        reason: Some("准予行政许可".to_string()),
        location: Some("浙江省杭州市".to_string()),
        name: Some("市场监督管理局".to_string()),
        signing_time: china.with_ymd_and_hms(2025, 3, 1, 9, 30, 0).unwrap(),
        visible: visible.then(|| {
            (
                Placement {
                    page_index: 0,
                    rect: [400.0, 80.0, 520.0, 200.0],
                },
                Appearance {
                    width: 120.0,
                    height: 120.0,
                    content: b"0.8 0 0 RG 4 w 60 60 50 0 360 re S".to_vec(),
                },
            )
        }),
    }
}

struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    fn new(kind: KeyKind) -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("ca.pem"), pki(kind).ca.root_pem().unwrap()).unwrap();
        Self { dir }
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    fn ca(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }
}

fn run(program: &Path, args: &[&std::ffi::OsStr], install: &str) -> String {
    assert!(
        program.exists(),
        "{} is missing: run {install} to install it",
        program.display()
    );
    let output = Command::new(program).args(args).output().unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// pdfsig's report; its exit code is 0 whatever it finds, so callers read
/// the text.
fn pdfsig(file: &Path) -> String {
    run(
        Path::new("/usr/bin/pdfsig"),
        &[file.as_os_str()],
        "scripts/install-system-packages.sh (poppler-utils)",
    )
}

fn pyhanko(file: &Path, ca: &Path) -> String {
    let tools = std::env::var_os("APPROVAL_DESK_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cache/approval-desk/tools")
        });
    run(
        &tools.join("pyhanko/bin/pyhanko"),
        &[
            "sign".as_ref(),
            "validate".as_ref(),
            "--pretty-print".as_ref(),
            "--trust".as_ref(),
            ca.as_os_str(),
            "--trust-replace".as_ref(),
            "--no-revocation-check".as_ref(),
            file.as_os_str(),
        ],
        "scripts/install-verifiers.sh",
    )
}

/// The per-signature blocks of pdfsig's report, in order.
fn pdfsig_blocks(report: &str) -> Vec<String> {
    report
        .split("Signature #")
        .skip(1)
        .map(str::to_string)
        .collect()
}

/// The per-field blocks of pyHanko's pretty report, in order.
fn pyhanko_blocks(report: &str) -> Vec<String> {
    report
        .split("Bottom line")
        .map(str::to_string)
        .collect::<Vec<_>>()
        .windows(2)
        .map(|w| {
            format!(
                "{}Bottom line{}",
                w[0],
                w[1].lines().take(3).collect::<Vec<_>>().join("\n")
            )
        })
        .collect()
}

const PDFSIG_VALID: &str = "Signature Validation: Signature is Valid.";
const PDFSIG_TOTAL: &str = "- Total document signed";
const PDFSIG_NOT_TOTAL: &str = "- Not total document signed";
const PYHANKO_VALID: &str = "The signature is judged VALID.";
const PYHANKO_TRUSTED: &str = "The signer's certificate is trusted.";
const PYHANKO_WHOLE: &str = "The signature covers the entire file.";
const PYHANKO_NOT_WHOLE: &str = "The signature does not cover the entire file.";

fn one_signature(kind: KeyKind, input: &[u8], label: &str) {
    let work = Workdir::new(kind);
    let signed = sign_pdf(input, &pki(kind).first, &request("审批专用章", true)).unwrap();
    assert!(signed.starts_with(input), "the original bytes are kept");
    let file = work.write(&format!("{label}.pdf"), &signed);

    let report = pdfsig(&file);
    let blocks = pdfsig_blocks(&report);
    assert_eq!(blocks.len(), 1, "{report}");
    assert!(blocks[0].contains(PDFSIG_VALID), "{report}");
    assert!(blocks[0].contains(PDFSIG_TOTAL), "{report}");
    assert!(
        blocks[0].contains("Signature Field Name: 审批专用章"),
        "{report}"
    );
    assert!(
        blocks[0].contains("CN=市场监督管理局 e-seal,O=市场监督管理局,C=CN"),
        "{report}"
    );
    assert!(
        blocks[0].contains("Signature Type: ETSI.CAdES.detached"),
        "{report}"
    );

    let report = pyhanko(&file, &work.ca());
    assert!(report.contains(PYHANKO_VALID), "{report}");
    assert!(report.contains(PYHANKO_TRUSTED), "{report}");
    assert!(report.contains(PYHANKO_WHOLE), "{report}");
    assert!(
        report.contains("Signing time as reported by signer: 2025-03-01T09:30:00+08:00"),
        "{report}"
    );

    let ours = verify_pdf(&signed, &[pki(kind).ca.root_der()]).unwrap();
    assert_eq!(ours.signatures.len(), 1);
    let sig = &ours.signatures[0];
    assert!(sig.is_valid(), "{sig:?}");
    assert_eq!(sig.coverage, Coverage::WholeDocument);
    assert_eq!(sig.field_name, "审批专用章");
    assert_eq!(sig.reason.as_deref(), Some("准予行政许可"));
    assert_eq!(sig.location.as_deref(), Some("浙江省杭州市"));
    assert_eq!(sig.name.as_deref(), Some("市场监督管理局"));
    assert_eq!(
        sig.signing_time.map(|t| t.to_rfc3339()),
        Some("2025-03-01T09:30:00+08:00".to_string())
    );
    assert_eq!(
        sig.signer_subject.as_deref(),
        Some("CN=市场监督管理局 e-seal,O=市场监督管理局,C=CN")
    );
}

fn two_signatures(kind: KeyKind, input: &[u8], label: &str) {
    let work = Workdir::new(kind);
    let once = sign_pdf(input, &pki(kind).first, &request("市场监管局印章", true)).unwrap();
    let mut second_request = request("资源规划局印章", true);
    second_request.name = Some("自然资源和规划局".to_string());
    if let Some((placement, _)) = &mut second_request.visible {
        placement.rect = [250.0, 80.0, 370.0, 200.0];
    }
    let twice = sign_pdf(&once, &pki(kind).second, &second_request).unwrap();
    assert!(twice.starts_with(&once));
    let file = work.write(&format!("{label}.pdf"), &twice);

    let report = pdfsig(&file);
    let blocks = pdfsig_blocks(&report);
    assert_eq!(blocks.len(), 2, "{report}");
    assert!(blocks.iter().all(|b| b.contains(PDFSIG_VALID)), "{report}");
    // The first signature covers its own revision only: expected for a
    // document with two revisions.
    assert!(blocks[0].contains(PDFSIG_NOT_TOTAL), "{report}");
    assert!(blocks[1].contains(PDFSIG_TOTAL), "{report}");

    let report = pyhanko(&file, &work.ca());
    let blocks = pyhanko_blocks(&report);
    assert_eq!(blocks.len(), 2, "{report}");
    assert!(blocks.iter().all(|b| b.contains(PYHANKO_VALID)), "{report}");
    assert!(
        blocks.iter().all(|b| b.contains(PYHANKO_TRUSTED)),
        "{report}"
    );
    assert!(blocks[0].contains(PYHANKO_NOT_WHOLE), "{report}");
    assert!(
        blocks[0].contains("All modifications relate to signing and form filling operations"),
        "{report}"
    );
    assert!(blocks[1].contains(PYHANKO_WHOLE), "{report}");

    let ours = verify_pdf(&twice, &[pki(kind).ca.root_der()]).unwrap();
    assert_eq!(ours.signatures.len(), 2);
    assert!(ours.all_valid(), "{ours:?}");
    assert_eq!(
        ours.signatures[0].coverage,
        Coverage::SignatureUpdatesOnly { later_revisions: 1 }
    );
    assert_eq!(ours.signatures[1].coverage, Coverage::WholeDocument);
    assert_eq!(ours.signatures[1].name.as_deref(), Some("自然资源和规划局"));
}

fn flipped_byte(kind: KeyKind) {
    let work = Workdir::new(kind);
    let signed = sign_pdf(
        &common::classic_pdf(4000),
        &pki(kind).first,
        &request("章", true),
    )
    .unwrap();
    let mut tampered = signed.clone();
    let at = tampered
        .windows(15)
        .position(|w| w == b"decision letter")
        .unwrap();
    tampered[at] = b'D';
    let file = work.write("tampered.pdf", &tampered);

    let report = pdfsig(&file);
    assert!(
        report.contains("Signature Validation: Digest Mismatch."),
        "{report}"
    );
    assert!(!report.contains(PDFSIG_VALID), "{report}");

    let report = pyhanko(&file, &work.ca());
    assert!(
        report.contains("The signature is cryptographically unsound."),
        "{report}"
    );
    assert!(
        report.contains("The signature is judged INVALID."),
        "{report}"
    );
    assert!(!report.contains(PYHANKO_VALID), "{report}");

    let ours = verify_pdf(&tampered, &[pki(kind).ca.root_der()]).unwrap();
    assert_eq!(ours.signatures[0].status, SignatureStatus::DigestMismatch);
    assert!(!ours.all_valid());
}

/// An incremental update after the signature that changes the page's
/// text: the signed revision is intact, but it is not the document shown.
fn content_changed_after_signing(signed: &[u8]) -> Vec<u8> {
    let doc = Document::load(signed).unwrap();
    let (id, Object::Stream(old)) = doc.get(5).unwrap() else {
        panic!("object 5 is the page content");
    };
    let _ = old;
    let mut dict = Dictionary::new();
    dict.set(b"Length", Object::Integer(0));
    let forged = Stream {
        dict,
        data: b"BT /F1 24 Tf 72 700 Td (Application rejected) Tj ET".to_vec(),
    };
    incremental::append(&doc, &[(id, Object::Stream(forged))])
        .unwrap()
        .bytes
}

fn appended_after_signing(kind: KeyKind) {
    let work = Workdir::new(kind);
    let signed = sign_pdf(
        &common::classic_pdf(4000),
        &pki(kind).first,
        &request("章", true),
    )
    .unwrap();

    // Bytes that are no revision at all.
    let mut junk = signed.clone();
    junk.extend_from_slice(b"% appended after signing\n");
    // A revision that changes what the page says.
    let forged = content_changed_after_signing(&signed);

    for (name, bytes) in [("junk.pdf", &junk), ("forged.pdf", &forged)] {
        let file = work.write(name, bytes);
        let report = pdfsig(&file);
        assert!(report.contains(PDFSIG_NOT_TOTAL), "{name}: {report}");
        assert!(!report.contains(PDFSIG_TOTAL), "{name}: {report}");

        let report = pyhanko(&file, &work.ca());
        assert!(report.contains(PYHANKO_NOT_WHOLE), "{name}: {report}");
        assert!(!report.contains(PYHANKO_WHOLE), "{name}: {report}");

        let ours = verify_pdf(bytes, &[pki(kind).ca.root_der()]).unwrap();
        let sig = &ours.signatures[0];
        assert_eq!(sig.status, SignatureStatus::Valid, "{name}");
        assert!(!sig.covers_document(), "{name}: {sig:?}");
        assert!(
            matches!(sig.coverage, Coverage::ModifiedAfterSigning(_)),
            "{name}"
        );
        assert!(!ours.all_valid(), "{name}");
    }
    // The forged revision is one pyHanko's difference analysis rejects.
    let report = pyhanko(&work.write("forged2.pdf", &forged), &work.ca());
    assert!(!report.contains(PYHANKO_VALID), "{report}");
}

#[test]
fn rsa_one_signature_classic_xref() {
    one_signature(KeyKind::Rsa2048, &common::classic_pdf(4000), "rsa-one");
}

#[test]
fn ecdsa_one_signature_classic_xref() {
    one_signature(KeyKind::P256, &common::classic_pdf(4000), "ec-one");
}

#[test]
fn rsa_one_signature_xref_stream() {
    one_signature(
        KeyKind::Rsa2048,
        &common::xref_stream_pdf(4000),
        "rsa-one-xrefstm",
    );
}

#[test]
fn ecdsa_one_signature_xref_stream() {
    one_signature(
        KeyKind::P256,
        &common::xref_stream_pdf(4000),
        "ec-one-xrefstm",
    );
}

#[test]
fn rsa_two_signatures() {
    two_signatures(KeyKind::Rsa2048, &common::classic_pdf(4000), "rsa-two");
}

#[test]
fn ecdsa_two_signatures() {
    two_signatures(KeyKind::P256, &common::classic_pdf(4000), "ec-two");
}

#[test]
fn ecdsa_two_signatures_xref_stream() {
    two_signatures(
        KeyKind::P256,
        &common::xref_stream_pdf(4000),
        "ec-two-xrefstm",
    );
}

#[test]
fn rsa_flipped_byte_is_broken() {
    flipped_byte(KeyKind::Rsa2048);
}

#[test]
fn ecdsa_flipped_byte_is_broken() {
    flipped_byte(KeyKind::P256);
}

#[test]
fn rsa_appended_content_is_not_covered() {
    appended_after_signing(KeyKind::Rsa2048);
}

#[test]
fn ecdsa_appended_content_is_not_covered() {
    appended_after_signing(KeyKind::P256);
}

/// A PAdES B-T seal: both outside verifiers find the signature timestamp
/// and accept it, as we do.
#[test]
fn a_timestamped_seal_is_accepted_with_its_timestamp_here_and_outside() {
    use approval_esign::sign_pdf_with;
    use approval_esign::timestamp::TestTsa;
    let kind = KeyKind::P256;
    let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2034, 1, 1, 0, 0, 0).unwrap();
    let tsa_signer = pki(kind)
        .ca
        .issue_timestamping("测试时间戳服务", kind, from, to)
        .unwrap();
    let stamped_at = Utc.with_ymd_and_hms(2025, 3, 1, 1, 31, 0).unwrap();
    let tsa = TestTsa::new(Box::new(tsa_signer), stamped_at);
    let signed = sign_pdf_with(
        &common::classic_pdf(4000),
        &pki(kind).first,
        &request("审批专用章", true),
        Some(&tsa),
    )
    .unwrap();
    let work = Workdir::new(kind);
    let file = work.write("timestamped.pdf", &signed);

    let ours = verify_pdf(&signed, &[pki(kind).ca.root_der()]).unwrap();
    let seal = &ours.signatures[0];
    assert!(seal.is_valid(), "{seal:?}");
    assert_eq!(
        seal.timestamp.as_ref().and_then(|t| t.time),
        Some(stamped_at.fixed_offset())
    );

    let report = pdfsig(&file);
    assert!(report.contains(PDFSIG_VALID), "{report}");
    assert!(report.contains(PDFSIG_TOTAL), "{report}");

    let report = pyhanko(&file, &work.ca());
    assert!(report.contains(PYHANKO_VALID), "{report}");
    assert!(
        report.contains("2025-03-01T01:31:00"),
        "pyHanko reads the TSA's time: {report}"
    );
}
