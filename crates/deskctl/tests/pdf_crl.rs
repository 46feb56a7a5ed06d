//! `deskctl pdf verify --crl FILE`: a seal whose certificate a given CRL
//! revokes is untrusted and verify exits 1 naming the revocation; a CRL
//! that revokes someone else changes nothing; a file that is not a CRL is
//! an error naming it.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::Profile;

use std::path::{Path, PathBuf};

use approval_esign::keys::KeyKind;
use approval_esign::testca::TestCa;
use approval_esign::{sign_pdf, SignRequest, Signer};
use chrono::{FixedOffset, TimeZone, Utc};

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

struct Sealed {
    letter: PathBuf,
    demo_ca: PathBuf,
    ca: PathBuf,
    revoking: PathBuf,
    revoking_someone_else: PathBuf,
}

/// The demo letter sealed a second time by a seal of our own CA, that CA
/// as PEM, and two CRLs of that CA: one listing the seal, one another.
fn sealed(p: &Profile) -> Sealed {
    let out = p.dir.path().join("demo");
    p.ok(&["pdf", "demo", "--out", path(&out), "--algorithm", "ecdsa"]);
    let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2099, 1, 1, 0, 0, 0).unwrap();
    let ca = TestCa::generate("吊销测试根 CA", KeyKind::P256, from, to).unwrap();
    let seal = ca
        .issue_seal("自然资源和规划局", KeyKind::P256, from, to)
        .unwrap();
    let other = ca.issue_seal("别的单位", KeyKind::P256, from, to).unwrap();
    let request = SignRequest {
        field_name: "电子印章2".to_string(),
        reason: Some("核验".to_string()),
        location: None,
        name: None,
        signing_time: FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .from_utc_datetime(&Utc::now().naive_utc()),
        visible: None,
    };
    let letter = std::fs::read(out.join("decision.pdf")).unwrap();
    let twice = sign_pdf(&letter, &seal, &request).unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let file = p.dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        file
    };
    Sealed {
        letter: write("twice.pdf", &twice),
        demo_ca: out.join("ca.pem"),
        ca: write("ca.pem", ca.root_pem().unwrap().as_bytes()),
        revoking: write(
            "revoking.crl",
            &ca.revocation_list(&[&seal.certificate_chain()[0]], from, to)
                .unwrap(),
        ),
        revoking_someone_else: write(
            "other.crl",
            &ca.revocation_list(&[&other.certificate_chain()[0]], from, to)
                .unwrap(),
        ),
    }
}

#[test]
fn a_revoked_seal_is_untrusted_and_another_s_revocation_changes_nothing() {
    let p = Profile::empty();
    let s = sealed(&p);
    let base = [
        "pdf",
        "verify",
        path(&s.letter),
        "--trust",
        path(&s.demo_ca),
        "--trust",
        path(&s.ca),
    ];
    p.ok(&base);

    let mut with_other = base.to_vec();
    with_other.extend(["--crl", path(&s.revoking_someone_else)]);
    p.ok(&with_other);

    let mut revoked = base.to_vec();
    revoked.extend([
        "--crl",
        path(&s.revoking_someone_else),
        "--crl",
        path(&s.revoking),
    ]);
    let out = p.run(&revoked);
    let report = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{report}");
    assert!(report.contains("已被吊销"), "{report}");
    assert!(report.contains("自然资源和规划局"), "{report}");
    // The demo's own seal is untouched.
    assert!(report.contains("trust:        trusted"), "{report}");
}

#[test]
fn a_file_that_is_not_a_crl_is_an_error_naming_it() {
    let p = Profile::empty();
    let s = sealed(&p);
    let err = p.fails(&[
        "pdf",
        "verify",
        path(&s.letter),
        "--trust",
        path(&s.ca),
        "--crl",
        path(&s.ca),
    ]);
    assert!(err.contains("ca.pem"), "{err}");
    assert!(err.contains("吊销列表"), "{err}");
}
