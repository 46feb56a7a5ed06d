//! PKCS#12 files: ours open with OpenSSL and with our reader, and files
//! OpenSSL writes (its modern default and the legacy 3DES and RC2 kinds)
//! open with our reader and sign.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::Command;

use approval_esign::testca::TestCa;
use approval_esign::{
    sign_pdf, verify_pdf, KeyKind, Pkcs12Signer, SignRequest, Signer, SignerError,
};
use chrono::{FixedOffset, TimeZone, Utc};

fn openssl(args: &[&str]) -> String {
    assert!(
        Path::new("/usr/bin/openssl").exists(),
        "/usr/bin/openssl is missing: run scripts/install-system-packages.sh (openssl)"
    );
    let out = Command::new("/usr/bin/openssl")
        .args(args)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "openssl {args:?} failed: {text}");
    text
}

fn seal(kind: KeyKind) -> (TestCa, Pkcs12Signer) {
    let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2034, 1, 1, 0, 0, 0).unwrap();
    let ca = TestCa::generate("Test Root", kind, from, to).unwrap();
    let seal = ca.issue_seal("市场监督管理局", kind, from, to).unwrap();
    (ca, seal)
}

fn signs_and_verifies(signer: &Pkcs12Signer, ca: &TestCa) {
    let request = SignRequest {
        field_name: "seal".into(),
        reason: None,
        location: None,
        name: None,
        signing_time: FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2025, 3, 1, 9, 0, 0)
            .unwrap(),
        visible: None,
    };
    let signed = sign_pdf(&common::classic_pdf(1000), signer, &request).unwrap();
    let report = verify_pdf(&signed, &[ca.root_der()]).unwrap();
    assert!(report.all_valid(), "{report:?}");
}

fn round_trip(kind: KeyKind) {
    let (ca, seal) = seal(kind);
    let dir = tempfile::tempdir().unwrap();
    let p12 = seal.to_pkcs12("口令 secret", "市场监督管理局").unwrap();
    let file = dir.path().join("seal.p12");
    std::fs::write(&file, &p12).unwrap();
    let file = file.to_str().unwrap();

    // OpenSSL reads our file: MAC, both encrypted safes, the key.
    let info = openssl(&[
        "pkcs12",
        "-info",
        "-in",
        file,
        "-passin",
        "pass:口令 secret",
        "-noout",
    ]);
    assert!(info.contains("MAC: sha256"), "{info}");
    assert!(info.contains("PBES2, PBKDF2, AES-256-CBC"), "{info}");
    assert!(info.contains("Shrouded Keybag"), "{info}");
    let pem = openssl(&[
        "pkcs12",
        "-in",
        file,
        "-passin",
        "pass:口令 secret",
        "-nodes",
    ]);
    assert!(pem.contains("PRIVATE KEY"), "{pem}");
    assert_eq!(pem.matches("BEGIN CERTIFICATE").count(), 2, "{pem}");

    // Our reader reads it back, chain in order.
    let opened = Pkcs12Signer::open(&p12, "口令 secret").unwrap();
    assert_eq!(opened.certificate_chain(), seal.certificate_chain());
    assert_eq!(opened.algorithm(), seal.algorithm());
    signs_and_verifies(&opened, &ca);

    // A wrong password is a key error, not a panic or garbage key.
    let wrong = Pkcs12Signer::open(&p12, "wrong");
    assert!(matches!(wrong, Err(SignerError::Key(_))), "{wrong:?}");

    // Files OpenSSL writes: modern default, legacy 3DES, legacy RC2-40.
    let pem_file = dir.path().join("all.pem");
    std::fs::write(&pem_file, &pem).unwrap();
    let pem_file = pem_file.to_str().unwrap();
    let variants: [(&str, &[&str]); 3] = [
        ("modern.p12", &[]),
        (
            "3des.p12",
            &[
                "-certpbe",
                "PBE-SHA1-3DES",
                "-keypbe",
                "PBE-SHA1-3DES",
                "-macalg",
                "sha1",
            ],
        ),
        ("rc2.p12", &["-legacy"]),
    ];
    for (name, extra) in variants {
        let out = dir.path().join(name);
        let out = out.to_str().unwrap();
        let mut args = vec![
            "pkcs12",
            "-export",
            "-in",
            pem_file,
            "-out",
            out,
            "-passout",
            "pass:old-tool",
        ];
        args.extend_from_slice(extra);
        openssl(&args);
        let bytes = std::fs::read(out).unwrap();
        let opened =
            Pkcs12Signer::open(&bytes, "old-tool").unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            opened.certificate_chain(),
            seal.certificate_chain(),
            "{name}"
        );
        signs_and_verifies(&opened, &ca);
    }
}

#[test]
fn rsa_pkcs12_round_trips_with_openssl() {
    round_trip(KeyKind::Rsa2048);
}

#[test]
fn ecdsa_pkcs12_round_trips_with_openssl() {
    round_trip(KeyKind::P256);
}

#[test]
fn garbage_is_not_a_key_file() {
    for bytes in [&b""[..], b"not a pfx", &[0x30, 0x82, 0xff, 0xff]] {
        assert!(matches!(
            Pkcs12Signer::open(bytes, "x"),
            Err(SignerError::Key(_))
        ));
    }
}
