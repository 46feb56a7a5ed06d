//! `deskctl pdf demo|sign|verify` in the exact forms other checks rely on:
//! the demo's letter verifies against its own root (here and in pdfsig
//! and pyHanko), a second seal keeps the first valid, and a changed or
//! extended file makes `verify` exit 1.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::verifiers::{demo, pdfsig, pyhanko};
use common::Profile;

use std::path::{Path, PathBuf};
use std::process::Command;

use approval_esign::keys::KeyKind;
use approval_esign::testca::TestCa;
use approval_esign::Signer;
use chrono::{Duration, Utc};

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A second department's seal key, as a PKCS#12 file, and its root (PEM).
fn second_seal(p: &Profile) -> (PathBuf, PathBuf) {
    let from = Utc::now() - Duration::days(1);
    let until = from + Duration::days(365);
    let ca = TestCa::generate("消防测试根证书", KeyKind::P256, from, until).unwrap();
    let seal = ca
        .issue_seal("蓝田县消防救援大队", KeyKind::P256, from, until)
        .unwrap();
    let p12 = p.dir.path().join("fire.p12");
    std::fs::write(&p12, seal.to_pkcs12("测试口令", "fire seal").unwrap()).unwrap();
    let root = p.dir.path().join("fire-ca.pem");
    std::fs::write(&root, ca.root_pem().unwrap()).unwrap();
    (p12, root)
}

/// `pdf verify` trusting `roots`, required to pass; its report.
fn verified(p: &Profile, file: &Path, roots: &[&Path]) -> String {
    let mut args = vec!["pdf", "verify", path(file)];
    for root in roots {
        args.extend(["--trust", path(root)]);
    }
    p.ok(&args)
}

#[test]
fn the_demo_letter_verifies_against_its_root_here_and_in_both_outside_verifiers() {
    let p = Profile::empty();
    for algorithm in ["rsa", "ecdsa"] {
        let (letter, ca) = demo(&p, algorithm);
        let report = p.ok(&["pdf", "verify", path(&letter), "--trust", path(&ca)]);
        assert!(report.contains("whole_document — 签章覆盖全文"), "{report}");
        assert!(report.contains("O=西安市市场监督管理局"), "{report}");

        let json = p.ok(&[
            "pdf",
            "verify",
            path(&letter),
            "--trust",
            path(&ca),
            "--json",
        ]);
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(json["all_valid"], true);
        assert_eq!(json["signatures"][0]["status"], "valid");
        assert_eq!(
            json["signatures"][0]["reason"],
            "准予行政许可决定书电子签章"
        );

        let poppler = pdfsig(&letter);
        assert!(
            poppler.contains("Signature Validation: Signature is Valid."),
            "{poppler}"
        );
        assert!(poppler.contains("- Total document signed"), "{poppler}");
        let hanko = pyhanko(&letter, &ca);
        assert!(hanko.contains("The signature is judged VALID."), "{hanko}");
        assert!(
            hanko.contains("The signature covers the entire file."),
            "{hanko}"
        );

        // The text reads back as rendered: the seal is drawn as outlines
        // and adds no text of its own.
        let text = Command::new("pdftotext")
            .arg(&letter)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("准予行政许可决定书"), "{text}");
    }
}

#[test]
fn without_its_root_the_demo_letter_is_intact_but_not_trusted() {
    let p = Profile::empty();
    let (letter, _) = demo(&p, "rsa");
    let out = p.run(&["pdf", "verify", path(&letter)]);
    assert_eq!(out.status.code(), Some(1));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("integrity:    valid"), "{report}");
    assert!(report.contains("trust:        untrusted"), "{report}");
}

#[test]
fn a_second_seal_keeps_the_first_valid_and_both_roots_are_needed() {
    let p = Profile::empty();
    let (letter, food_ca) = demo(&p, "rsa");
    let (p12, fire_ca) = second_seal(&p);
    let twice = p.dir.path().join("twice.pdf");
    let output = Command::new(env!("CARGO_BIN_EXE_deskctl"))
        .args(["--db", path(&p.db()), "pdf", "sign", "--in", path(&letter)])
        .args(["--out", path(&twice), "--p12", path(&p12)])
        .args(["--password-env", "FIRE_SEAL_PASSWORD", "--at", "60,70"])
        .env("FIRE_SEAL_PASSWORD", "测试口令")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let report = verified(&p, &twice, &[&food_ca, &fire_ca]);
    assert!(report.contains("signature 2 of 2"), "{report}");
    assert!(
        report.contains("signature_updates_only — 签章覆盖全文；其后的1次修订只追加了签章"),
        "{report}"
    );
    // The seal's department defaults to the certificate's organisation.
    assert!(
        report.contains("name:         蓝田县消防救援大队"),
        "{report}"
    );
    let poppler = pdfsig(&twice);
    assert_eq!(
        poppler
            .matches("Signature Validation: Signature is Valid.")
            .count(),
        2,
        "{poppler}"
    );

    // Without the second root the second seal is untrusted; the first still
    // covers what it signed (a second department's seal is a signature
    // update, whatever this desk knows of its root).
    let out = p.run(&["pdf", "verify", path(&twice), "--trust", path(&food_ca)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1 of 2"), "{err}");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("signature_updates_only"), "{report}");
    assert!(report.contains("trust:        untrusted"), "{report}");
}

#[test]
fn a_changed_byte_or_appended_content_makes_verify_fail() {
    let p = Profile::empty();
    let (letter, ca) = demo(&p, "ecdsa");
    let bytes = std::fs::read(&letter).unwrap();

    // One byte inside the first signed range (the page's content stream).
    let mut changed = bytes.clone();
    let at = changed.len() / 4;
    changed[at] ^= 0x01;
    let changed_path = p.write("changed.pdf", "");
    std::fs::write(&changed_path, &changed).unwrap();
    let report = p.run(&["pdf", "verify", &changed_path, "--trust", path(&ca)]);
    assert_eq!(report.status.code(), Some(1));
    let text = String::from_utf8_lossy(&report.stdout);
    assert!(
        text.contains("digest_mismatch — 文件在签章后被篡改"),
        "{text}"
    );

    let mut appended = bytes;
    appended.extend_from_slice(b"\n% appended after signing\n");
    let appended_path = p.write("appended.pdf", "");
    std::fs::write(&appended_path, &appended).unwrap();
    let report = p.run(&["pdf", "verify", &appended_path, "--trust", path(&ca)]);
    assert_eq!(report.status.code(), Some(1));
    let text = String::from_utf8_lossy(&report.stdout);
    assert!(
        text.contains("modified_after_signing — 签章之后文件被改动"),
        "{text}"
    );
}

#[test]
fn bad_input_is_named_and_nothing_is_written() {
    let p = Profile::empty();
    let not_pdf = p.write("not.pdf", "this is not a PDF");
    let err = p.fails(&["pdf", "verify", &not_pdf]);
    assert!(err.contains("not.pdf"), "{err}");

    let (letter, _) = demo(&p, "rsa");
    let (p12, _) = second_seal(&p);
    let out = p.dir.path().join("never.pdf");
    let output = Command::new(env!("CARGO_BIN_EXE_deskctl"))
        .args(["--db", path(&p.db()), "pdf", "sign", "--in", path(&letter)])
        .args(["--out", path(&out), "--p12", path(&p12)])
        .args(["--password-env", "WRONG_PASSWORD"])
        .env("WRONG_PASSWORD", "not the password")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("fire.p12"), "{err}");
    assert!(
        !err.contains("not the password"),
        "the password leaked: {err}"
    );
    assert!(!out.exists());

    let err = p.fails(&[
        "pdf",
        "sign",
        "--in",
        path(&letter),
        "--out",
        path(&out),
        "--p12",
        path(&p12),
    ]);
    assert!(err.contains("--password-env"), "{err}");
}

/// The Secret Service on Linux, as a desktop session has it: a private
/// session bus with GNOME Keyring, its login keyring unlocked.
const IN_KEYRING_SESSION: &str = r#"
set -eu
echo -n unlock | gnome-keyring-daemon --unlock --components=secrets >/dev/null
sign() {
  env -u FIRE_SEAL_PASSWORD "$DESKCTL" --db "$DB" pdf sign --in "$IN" --out "$1" \
    --p12 "$P12" --password-keyring approval-desk-test/fire-seal --at 60,70
}
"$DESKCTL" --db "$DB" pdf remember-password approval-desk-test/fire-seal --password-env FIRE_SEAL_PASSWORD
sign "$OUT"
"$DESKCTL" --db "$DB" pdf forget-password approval-desk-test/fire-seal
if sign "$OUT.again" 2>"$OUT.err"; then echo "signed after the password was forgotten"; exit 1; fi
cat "$OUT.err"
"#;

#[test]
fn the_key_password_is_kept_in_the_os_keyring_and_signing_reads_it_from_there() {
    for program in ["/usr/bin/dbus-run-session", "/usr/bin/gnome-keyring-daemon"] {
        assert!(
            Path::new(program).exists(),
            "{program} is missing: run scripts/install-system-packages.sh"
        );
    }
    let p = Profile::empty();
    let (letter, food_ca) = demo(&p, "rsa");
    let (p12, fire_ca) = second_seal(&p);
    let sealed = p.dir.path().join("sealed.pdf");
    let home = p.dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let output = Command::new("dbus-run-session")
        .args(["--", "bash", "-c", IN_KEYRING_SESSION])
        .env("HOME", &home)
        .env("DESKCTL", env!("CARGO_BIN_EXE_deskctl"))
        .env("DB", p.db())
        .env("IN", &letter)
        .env("OUT", &sealed)
        .env("P12", &p12)
        .env("FIRE_SEAL_PASSWORD", "测试口令")
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{said}");
    assert!(said.contains("remembered in the OS keyring"), "{said}");
    // Forgotten: the next signature is refused, naming the entry.
    assert!(said.contains("approval-desk-test / fire-seal"), "{said}");
    assert!(!said.contains("测试口令"), "the password leaked: {said}");

    verified(&p, &sealed, &[&food_ca, &fire_ca]);
}

/// Runs a set-up program, failing the test with what it said.
fn run_tool(program: &str, args: &[&str], conf: &Path) {
    let output = Command::new(program)
        .args(args)
        .env("SOFTHSM2_CONF", conf)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} cannot run ({e}): run scripts/install-system-packages.sh")
        });
    assert!(
        output.status.success(),
        "{program} {args:?}:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A SoftHSM2 token holding a seal key, and the seal's certificate beside it.
struct Token<'a> {
    profile: &'a Profile,
    conf: PathBuf,
    chain: PathBuf,
}

impl Token<'_> {
    /// `deskctl pdf sign` through the token with `pin`.
    fn sign(&self, input: &Path, output: &Path, pin: &str) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_deskctl"))
            .args(["--db", path(&self.profile.db()), "pdf", "sign"])
            .args(["--in", path(input), "--out", path(output)])
            .args([
                "--pkcs11",
                SOFTHSM2,
                "--token",
                "desk-test",
                "--key-label",
                "seal",
            ])
            .args(["--pin-env", "TOKEN_PIN", "--chain", path(&self.chain)])
            .args(["--at", "60,70"])
            .env("SOFTHSM2_CONF", &self.conf)
            .env("TOKEN_PIN", pin)
            .output()
            .unwrap()
    }
}

const SOFTHSM2: &str = "/usr/lib/softhsm/libsofthsm2.so";

#[test]
fn a_usb_key_seals_through_pkcs11_with_its_chain_given_as_a_file() {
    assert!(
        Path::new(SOFTHSM2).exists(),
        "{SOFTHSM2} is missing: run scripts/install-system-packages.sh (softhsm2)"
    );
    let p = Profile::empty();
    let (letter, food_ca) = demo(&p, "rsa");

    // A token, as a USB key arrives: the key on it, the chain beside it.
    let tokens = p.dir.path().join("tokens");
    std::fs::create_dir_all(&tokens).unwrap();
    let conf = p.dir.path().join("softhsm2.conf");
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
            tokens.display()
        ),
    )
    .unwrap();
    let from = Utc::now() - Duration::days(1);
    let until = from + Duration::days(365);
    let ca = TestCa::generate("消防测试根证书", KeyKind::P256, from, until).unwrap();
    let seal = ca
        .issue_seal("蓝田县消防救援大队", KeyKind::P256, from, until)
        .unwrap();
    let key_der = p.dir.path().join("seal-key.der");
    std::fs::write(&key_der, seal.key().to_pkcs8_der().unwrap().as_bytes()).unwrap();
    let key_pem = p.dir.path().join("seal-key.pem");
    run_tool(
        "openssl",
        &[
            "pkey",
            "-inform",
            "DER",
            "-in",
            path(&key_der),
            "-out",
            path(&key_pem),
        ],
        &conf,
    );
    let chain = p.dir.path().join("seal.der");
    std::fs::write(&chain, &seal.certificate_chain()[0]).unwrap();
    let fire_ca = p.dir.path().join("fire-ca.pem");
    std::fs::write(&fire_ca, ca.root_pem().unwrap()).unwrap();
    run_tool(
        "softhsm2-util",
        &[
            "--init-token",
            "--free",
            "--label",
            "desk-test",
            "--pin",
            "1234",
            "--so-pin",
            "5678",
        ],
        &conf,
    );
    run_tool(
        "softhsm2-util",
        &[
            "--import",
            path(&key_pem),
            "--token",
            "desk-test",
            "--label",
            "seal",
            "--id",
            "01",
            "--pin",
            "1234",
        ],
        &conf,
    );
    let token = Token {
        profile: &p,
        conf,
        chain,
    };

    let sealed = p.dir.path().join("sealed.pdf");
    let output = token.sign(&letter, &sealed, "1234");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report = verified(&p, &sealed, &[&food_ca, &fire_ca]);
    assert!(report.contains("O=蓝田县消防救援大队"), "{report}");

    // A wrong PIN is refused without showing it, and nothing is written.
    let refused = p.dir.path().join("refused.pdf");
    let output = token.sign(&letter, &refused, "9999");
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(!err.contains("9999"), "the PIN leaked: {err}");
    assert!(!refused.exists());
}

/// `pdf test-seal` (demonstrations and tests only): its key file opens with
/// the password from the environment, seals a letter, and the seal verifies
/// against the root written beside it, naming the department.
#[test]
fn a_test_seal_key_file_seals_a_letter_that_verifies_against_its_root() {
    let p = Profile::empty();
    let (letter, demo_ca) = demo(&p, "ecdsa");
    let folder = p.dir.path().join("test-seal");
    let deskctl = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_deskctl"))
            .arg("--db")
            .arg(p.db())
            .args(args)
            .env("TEST_SEAL_PASSWORD", "测试口令 test")
            .output()
            .unwrap()
    };
    let made = deskctl(&[
        "pdf",
        "test-seal",
        "--department",
        "蓝田县市场监督管理局",
        "--out",
        path(&folder),
        "--password-env",
        "TEST_SEAL_PASSWORD",
    ]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let p12 = folder.join("seal.p12");
    let root = folder.join("ca.pem");
    assert!(p12.exists() && root.exists());

    let sealed = p.dir.path().join("sealed.pdf");
    let signed = deskctl(&[
        "pdf",
        "sign",
        "--in",
        path(&letter),
        "--out",
        path(&sealed),
        "--p12",
        path(&p12),
        "--password-env",
        "TEST_SEAL_PASSWORD",
        "--at",
        "60,70",
    ]);
    assert!(
        signed.status.success(),
        "{}",
        String::from_utf8_lossy(&signed.stderr)
    );
    let report = verified(&p, &sealed, &[&demo_ca, &root]);
    assert!(
        report.contains("name:         蓝田县市场监督管理局"),
        "{report}"
    );

    // Without the password in the environment nothing is written.
    let refused = Command::new(env!("CARGO_BIN_EXE_deskctl"))
        .args([
            "--db",
            path(&p.db()),
            "pdf",
            "test-seal",
            "--department",
            "某局",
        ])
        .args(["--out", path(&p.dir.path().join("none"))])
        .args(["--password-env", "SURELY_UNSET_TEST_SEAL_PASSWORD"])
        .env_remove("SURELY_UNSET_TEST_SEAL_PASSWORD")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(!p.dir.path().join("none").exists());
}
