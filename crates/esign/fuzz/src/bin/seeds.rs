//! Writes the fuzzers' seed files under `seeds/` (next to Cargo.toml):
//! `root.der`, the trust root the sealed seeds chain to; `pdf/`, unsigned,
//! sealed and double-sealed PDFs (classic tables and cross-reference
//! streams) and small hostile ones; `pkcs12/`, key files with the password
//! `fuzz` as we write them and, when `openssl` is on the PATH, as OpenSSL
//! writes them (legacy SHA-1/3DES/RC2, and without MAC or encryption so
//! mutations reach the bags' parsers).
//!
//! Run by scripts/fuzz.sh when `seeds/` is missing; the files are
//! committed, so every run starts from the same corpus.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../../tests/common/mod.rs"]
mod common;
#[path = "../../../tests/common/hostile.rs"]
mod hostile;

use std::path::{Path, PathBuf};
use std::process::Command;

use approval_esign::testca::TestCa;
use approval_esign::{sign_pdf, Appearance, KeyKind, Placement, SignRequest};
use chrono::{FixedOffset, TimeZone, Utc};

fn request(field: &str, visible: bool) -> SignRequest {
    SignRequest {
        field_name: field.into(),
        reason: Some("准予".into()),
        location: Some("窗口".into()),
        name: None,
        signing_time: FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2025, 3, 1, 9, 0, 0)
            .unwrap(),
        visible: visible.then(|| {
            (
                Placement {
                    page_index: 0,
                    rect: [400.0, 80.0, 500.0, 180.0],
                },
                Appearance {
                    width: 100.0,
                    height: 100.0,
                    content: b"q 0.8 0 0 RG 3 w 50 50 45 0 360 re S Q".to_vec(),
                },
            )
        }),
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
    println!("{:>8} {}", bytes.len(), dir.join(name).display());
}

fn main() {
    let out = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"));
    let pdf_dir = out.join("pdf");
    let p12_dir = out.join("pkcs12");
    std::fs::create_dir_all(&pdf_dir).unwrap();
    std::fs::create_dir_all(&p12_dir).unwrap();

    let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2034, 1, 1, 0, 0, 0).unwrap();
    let ca = TestCa::generate("Fuzz Root", KeyKind::P256, from, to).unwrap();
    let seal = ca.issue_seal("审批局", KeyKind::P256, from, to).unwrap();
    let other = ca
        .issue_seal("市场监管局", KeyKind::P256, from, to)
        .unwrap();
    write(&out, "root.der", ca.root_der());

    // PDFs: small contents keep the fuzzer fast.
    let classic = common::classic_pdf(200);
    let compressed = common::xref_stream_pdf(200);
    write(&pdf_dir, "unsigned-classic.pdf", &classic);
    write(&pdf_dir, "unsigned-xref-stream.pdf", &compressed);
    let sealed = sign_pdf(&classic, &seal, &request("seal", false)).unwrap();
    write(&pdf_dir, "sealed-classic.pdf", &sealed);
    let visible = sign_pdf(&compressed, &seal, &request("seal", true)).unwrap();
    write(&pdf_dir, "sealed-visible-xref-stream.pdf", &visible);
    let twice = sign_pdf(&sealed, &other, &request("second", true)).unwrap();
    write(&pdf_dir, "sealed-twice.pdf", &twice);
    write(&pdf_dir, "prev-chain.pdf", &hostile::prev_chain(3));
    write(
        &pdf_dir,
        "object-stream.pdf",
        &hostile::object_stream_claiming(1),
    );
    write(&pdf_dir, "nested.pdf", &hostile::nested_arrays(8, false));
    write(&pdf_dir, "fields.pdf", &hostile::huge_fields_array(3));

    // Key files.
    let ours = seal.to_pkcs12("fuzz", "审批局").unwrap();
    write(&p12_dir, "ours-p256.p12", &ours);
    let rsa_seal = ca.issue_seal("审批局", KeyKind::Rsa2048, from, to).unwrap();
    write(
        &p12_dir,
        "ours-rsa.p12",
        &rsa_seal.to_pkcs12("fuzz", "rsa").unwrap(),
    );
    openssl_variants(&p12_dir, &ours);
}

/// The same key file re-exported by OpenSSL, if it is installed.
fn openssl_variants(dir: &Path, ours: &[u8]) {
    let work = std::env::temp_dir().join(format!("esign-fuzz-seeds-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap();
    let p12 = work.join("ours.p12");
    let pem = work.join("ours.pem");
    std::fs::write(&p12, ours).unwrap();
    let to_pem = Command::new("openssl")
        .args(["pkcs12", "-in"])
        .arg(&p12)
        .args(["-passin", "pass:fuzz", "-nodes", "-out"])
        .arg(&pem)
        .status();
    if !matches!(to_pem, Ok(s) if s.success()) {
        eprintln!("openssl not available: only our own key files are seeds");
        return;
    }
    let variants: [(&str, &[&str]); 3] = [
        ("openssl-legacy.p12", &["-legacy"]),
        (
            "openssl-plain-no-mac.p12",
            &["-nomac", "-keypbe", "NONE", "-certpbe", "NONE"],
        ),
        ("openssl-plain-certs.p12", &["-certpbe", "NONE"]),
    ];
    for (name, extra) in variants {
        let target = dir.join(name);
        let status = Command::new("openssl")
            .args(["pkcs12", "-export", "-in"])
            .arg(&pem)
            .args(["-passout", "pass:fuzz"])
            .args(extra)
            .arg("-out")
            .arg(&target)
            .status();
        match status {
            Ok(s) if s.success() => println!("{}", target.display()),
            _ => eprintln!("openssl could not write {name}"),
        }
    }
    let _ = std::fs::remove_dir_all(&work);
}
