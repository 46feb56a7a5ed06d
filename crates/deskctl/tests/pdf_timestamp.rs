//! `deskctl pdf sign --tsa URL`: the seal carries an RFC 3161 timestamp
//! from the timestamp authority (here one on loopback), and `pdf verify`
//! shows it beside the signer's own claim; an authority that cannot be
//! reached stops the signing and writes nothing.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::Profile;

use std::path::{Path, PathBuf};
use std::process::Command;

use approval_esign::keys::KeyKind;
use approval_esign::testca::TestCa;
use approval_esign::timestamp::{LoopbackTsa, TestTsa};
use chrono::{Duration, Utc};

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A CA, a seal key file under it (password 测试口令) and a TSA under it.
struct Pki {
    p12: PathBuf,
    root: PathBuf,
    tsa: TestTsa,
}

fn pki(p: &Profile) -> Pki {
    let from = Utc::now() - Duration::days(1);
    let to = from + Duration::days(365);
    let ca = TestCa::generate("时间戳测试根 CA", KeyKind::P256, from, to).unwrap();
    let seal = ca
        .issue_seal("蓝田县市场监督管理局", KeyKind::P256, from, to)
        .unwrap();
    let tsa = ca
        .issue_timestamping("陕西省时间戳服务", KeyKind::P256, from, to)
        .unwrap();
    let p12 = p.dir.path().join("seal.p12");
    std::fs::write(&p12, seal.to_pkcs12("测试口令", "seal").unwrap()).unwrap();
    let root = p.dir.path().join("root.pem");
    std::fs::write(&root, ca.root_pem().unwrap()).unwrap();
    Pki {
        p12,
        root,
        tsa: TestTsa::new(Box::new(tsa), Utc::now()),
    }
}

fn sign(
    p: &Profile,
    p12: &Path,
    input: &Path,
    output: &Path,
    tsa_url: &str,
) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_deskctl"))
        .args(["--db", path(&p.db()), "pdf", "sign", "--in", path(input)])
        .args(["--out", path(output), "--p12", path(p12)])
        .args(["--password-env", "SEAL_PASSWORD", "--invisible"])
        .args(["--tsa", tsa_url])
        .env("SEAL_PASSWORD", "测试口令")
        .output()
        .unwrap()
}

fn demo_letter(p: &Profile) -> PathBuf {
    let out = p.dir.path().join("demo");
    p.ok(&["pdf", "demo", "--out", path(&out), "--algorithm", "ecdsa"]);
    out.join("decision.pdf")
}

#[test]
fn a_seal_signed_with_a_tsa_carries_its_timestamp_and_verify_shows_it() {
    let p = Profile::empty();
    let pki = pki(&p);
    let letter = demo_letter(&p);
    let server = LoopbackTsa::serving(pki.tsa, 1).unwrap();
    let stamped = p.dir.path().join("stamped.pdf");
    let out = sign(&p, &pki.p12, &letter, &stamped, server.url());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(server.finish().unwrap().len(), 1, "one request to the TSA");

    let json = p.run(&[
        "pdf",
        "verify",
        path(&stamped),
        "--trust",
        path(&pki.root),
        "--json",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    // The demo's own seal has no timestamp; ours has one, judged valid.
    let seals = json["signatures"].as_array().unwrap();
    assert_eq!(seals.len(), 2);
    assert!(seals[0]["timestamp"].is_null(), "{json}");
    let timestamp = &seals[1]["timestamp"];
    assert_eq!(timestamp["status"], "valid", "{json}");
    assert_eq!(timestamp["trust"], "trusted", "{json}");
    assert_eq!(
        timestamp["tsa"],
        "CN=陕西省时间戳服务,O=陕西省时间戳服务,C=CN"
    );
    assert_eq!(
        seals[1]["judged_at"], timestamp["time"],
        "judged at the TSA's time"
    );

    let text = String::from_utf8_lossy(
        &p.run(&["pdf", "verify", path(&stamped), "--trust", path(&pki.root)])
            .stdout,
    )
    .into_owned();
    assert!(text.contains("(claimed by the signer, /M)"), "{text}");
    assert!(
        text.contains("timestamp:    valid — 时间戳服务“CN=陕西省时间戳服务"),
        "{text}"
    );
    assert!(text.contains("timestamp:    none (PAdES B-B"), "{text}");
}

#[test]
fn an_unreachable_tsa_stops_the_signing_and_nothing_is_written() {
    let p = Profile::empty();
    let pki = pki(&p);
    let letter = demo_letter(&p);
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/tsa", listener.local_addr().unwrap())
    };
    let never = p.dir.path().join("never.pdf");
    let out = sign(&p, &pki.p12, &letter, &never, &closed);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("timestamp_failed"), "{stderr}");
    assert!(stderr.contains(&closed), "{stderr}");
    assert!(!never.exists());

    let out = sign(&p, &pki.p12, &letter, &never, "ftp://tsa.example/");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("http://"));
    assert!(!never.exists());
}
