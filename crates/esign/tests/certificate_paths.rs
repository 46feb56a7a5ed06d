//! Certificate paths by RFC 5280: a chain that breaks each rule is
//! untrusted with the rule and the certificate named, and a good
//! three-level chain is trusted. Most cases judge the path directly
//! (`judge_certificate_path`, what the PDF check does for each signature);
//! the good chain, a revoked signer and a wrong EKU also go through a
//! signed PDF and `verify_pdf_with`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use approval_esign::keys::PrivateKey;
use approval_esign::testca::{rsa_key_of_bits, CertProfile, TestCa};
use approval_esign::verify::{
    judge_certificate_path, verify_pdf, verify_pdf_with, Crl, Trust, VerifyOptions,
};
use approval_esign::{sign_pdf, KeyKind, Pkcs12Signer, SignRequest, Signer};
use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use const_oid::ObjectIdentifier;
use x509_cert::ext::pkix::KeyUsages;

const DEPARTMENT: &str = "西安市行政审批服务局";
const KIND: KeyKind = KeyKind::P256;

fn from() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap()
}

fn to() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2034, 1, 1, 0, 0, 0).unwrap()
}

/// The signing time of every test signature.
fn signing_time() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(2025, 3, 1, 9, 30, 0)
        .unwrap()
}

fn root() -> TestCa {
    TestCa::generate("审批工作台测试根 CA", KIND, from(), to()).unwrap()
}

fn intermediate(root: &TestCa, profile: &CertProfile) -> TestCa {
    root.issue_intermediate(
        "西安市数字证书中心",
        "西安市电子印章 CA",
        KIND,
        profile,
        from(),
        to(),
    )
    .unwrap()
}

fn seal(ca: &TestCa, profile: &CertProfile) -> Pkcs12Signer {
    let key = PrivateKey::generate(KIND).unwrap();
    ca.issue_seal_with(DEPARTMENT, key, profile, from(), to())
        .unwrap()
}

fn options(root: &TestCa, crls: Vec<Vec<u8>>) -> VerifyOptions {
    VerifyOptions {
        trust_roots: vec![root.root_der().to_vec()],
        crls: crls.iter().map(|c| Crl::from_bytes(c).unwrap()).collect(),
    }
}

/// The signer's path judged at the signing time, as the PDF check judges it.
fn judge(signer: &Pkcs12Signer, options: &VerifyOptions) -> Trust {
    let chain = signer.certificate_chain();
    judge_certificate_path(&chain[0], &chain[1..], options, &signing_time()).unwrap()
}

#[track_caller]
fn assert_untrusted(trust: &Trust, needles: &[&str]) {
    let Trust::Untrusted(why) = trust else {
        panic!("expected untrusted, got {trust:?}");
    };
    for needle in needles {
        assert!(why.contains(needle), "“{why}” should name “{needle}”");
    }
}

fn sign(signer: &Pkcs12Signer) -> Vec<u8> {
    let request = SignRequest {
        field_name: "电子印章1".to_string(),
        reason: Some("准予行政许可".to_string()),
        location: Some("陕西省西安市".to_string()),
        name: Some(DEPARTMENT.to_string()),
        signing_time: signing_time(),
        visible: None,
    };
    sign_pdf(&common::classic_pdf(2000), signer, &request).unwrap()
}

#[test]
fn a_good_three_level_chain_is_trusted() {
    for kind in [KeyKind::P256, KeyKind::Rsa2048] {
        let root = TestCa::generate("审批工作台测试根 CA", kind, from(), to()).unwrap();
        let ca = root
            .issue_intermediate(
                "西安市数字证书中心",
                "西安市电子印章 CA",
                kind,
                &CertProfile::ca(Some(0)),
                from(),
                to(),
            )
            .unwrap();
        let signer = ca.issue_seal(DEPARTMENT, kind, from(), to()).unwrap();
        assert_eq!(signer.certificate_chain().len(), 3);
        let trust = judge(&signer, &options(&root, vec![]));
        assert!(
            matches!(&trust, Trust::Trusted { root } if root.contains("审批工作台测试根 CA")),
            "{trust:?}"
        );
        // The same through a signed PDF, with a CRL of the intermediate
        // that lists someone else.
        let other = ca.issue_seal("别的单位", kind, from(), to()).unwrap();
        let crl = ca
            .revocation_list(&[&other.certificate_chain()[0]], from(), to())
            .unwrap();
        let report = verify_pdf_with(&sign(&signer), &options(&root, vec![crl])).unwrap();
        assert!(report.all_valid(), "{kind:?}: {report:?}");
        // verify_pdf (no CRLs) is unchanged.
        let report = verify_pdf(&sign(&signer), &[root.root_pem().unwrap()]).unwrap();
        assert!(report.all_valid(), "{kind:?}: {report:?}");
    }
}

#[test]
fn a_signer_whose_eku_allows_document_signing_is_trusted() {
    let root = root();
    let ca = intermediate(&root, &CertProfile::ca(None));
    for oid in [
        "1.3.6.1.5.5.7.3.36",   // id-kp-documentSigning
        "1.2.840.113583.1.1.5", // Adobe Authentic Documents Trust
        "1.3.6.1.5.5.7.3.4",    // emailProtection
        "2.5.29.37.0",          // anyExtendedKeyUsage
    ] {
        let mut profile = CertProfile::seal();
        profile.extended_key_usage = Some(vec![
            ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.1"),
            ObjectIdentifier::new_unwrap(oid),
        ]);
        let trust = judge(&seal(&ca, &profile), &options(&root, vec![]));
        assert!(matches!(trust, Trust::Trusted { .. }), "{oid}: {trust:?}");
    }
}

#[test]
fn an_intermediate_without_basic_constraints_ca_is_untrusted() {
    let root = root();
    let mut profile = CertProfile::ca(None);
    profile.basic_constraints = None;
    let ca = intermediate(&root, &profile);
    let trust = judge(&seal(&ca, &CertProfile::seal()), &options(&root, vec![]));
    assert_untrusted(
        &trust,
        &["西安市电子印章 CA", "不是 CA 证书", "basicConstraints"],
    );

    // cA=false is no better.
    profile.basic_constraints = Some((false, None));
    let ca = intermediate(&root, &profile);
    let trust = judge(&seal(&ca, &CertProfile::seal()), &options(&root, vec![]));
    assert_untrusted(&trust, &["西安市电子印章 CA", "不是 CA 证书"]);
}

#[test]
fn a_path_longer_than_an_intermediate_s_path_len_constraint_is_untrusted() {
    let root = root();
    let upper = root
        .issue_intermediate(
            "陕西省数字证书中心",
            "陕西省电子印章 CA",
            KIND,
            &CertProfile::ca(Some(0)),
            from(),
            to(),
        )
        .unwrap();
    let lower = intermediate(&upper, &CertProfile::ca(None));
    let trust = judge(&seal(&lower, &CertProfile::seal()), &options(&root, vec![]));
    assert_untrusted(&trust, &["陕西省电子印章 CA", "pathLenConstraint", "为 0"]);
}

#[test]
fn a_ca_without_key_cert_sign_is_untrusted() {
    let root = root();
    let mut profile = CertProfile::ca(None);
    profile.key_usage = Some(KeyUsages::DigitalSignature | KeyUsages::CRLSign);
    let ca = intermediate(&root, &profile);
    let trust = judge(&seal(&ca, &CertProfile::seal()), &options(&root, vec![]));
    assert_untrusted(&trust, &["西安市电子印章 CA", "keyCertSign"]);
}

#[test]
fn a_signer_without_digital_signature_or_non_repudiation_is_untrusted() {
    let root = root();
    let ca = intermediate(&root, &CertProfile::ca(None));
    let mut profile = CertProfile::seal();
    profile.key_usage = Some(KeyUsages::KeyEncipherment | KeyUsages::KeyAgreement);
    let trust = judge(&seal(&ca, &profile), &options(&root, vec![]));
    assert_untrusted(&trust, &[DEPARTMENT, "digitalSignature", "nonRepudiation"]);

    // nonRepudiation alone is enough.
    profile.key_usage = Some(KeyUsages::NonRepudiation.into());
    let trust = judge(&seal(&ca, &profile), &options(&root, vec![]));
    assert!(matches!(trust, Trust::Trusted { .. }), "{trust:?}");
}

#[test]
fn a_signer_whose_eku_is_server_auth_only_is_untrusted() {
    let root = root();
    let ca = intermediate(&root, &CertProfile::ca(None));
    let mut profile = CertProfile::seal();
    profile.extended_key_usage = Some(vec![ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.1")]);
    let signer = seal(&ca, &profile);
    let trust = judge(&signer, &options(&root, vec![]));
    assert_untrusted(&trust, &[DEPARTMENT, "extendedKeyUsage", "serverAuth"]);

    // Through a PDF: intact, but not trusted.
    let report = verify_pdf_with(&sign(&signer), &options(&root, vec![])).unwrap();
    let signature = &report.signatures[0];
    assert_eq!(signature.status.code(), "valid");
    assert_untrusted(&signature.trust, &["serverAuth"]);
    assert!(!report.all_valid());
}

#[test]
fn an_unknown_critical_extension_is_untrusted() {
    let root = root();
    let ca = intermediate(&root, &CertProfile::ca(None));
    let mut profile = CertProfile::seal();
    profile.unknown_critical_extension = true;
    let trust = judge(&seal(&ca, &profile), &options(&root, vec![]));
    assert_untrusted(&trust, &[DEPARTMENT, "关键扩展", "1.3.6.1.4.1.55555.7.1"]);

    // On an intermediate as well.
    let mut profile = CertProfile::ca(None);
    profile.unknown_critical_extension = true;
    let ca = intermediate(&root, &profile);
    let trust = judge(&seal(&ca, &CertProfile::seal()), &options(&root, vec![]));
    assert_untrusted(&trust, &["西安市电子印章 CA", "关键扩展"]);
}

#[test]
fn a_signer_outside_the_name_constraints_is_untrusted() {
    let root = root();
    let mut profile = CertProfile::ca(None);
    profile.permitted_organization = Some(DEPARTMENT.to_string());
    let ca = intermediate(&root, &profile);
    let key = PrivateKey::generate(KIND).unwrap();
    let outsider = ca
        .issue_seal_with("别的单位", key, &CertProfile::seal(), from(), to())
        .unwrap();
    let trust = judge(&outsider, &options(&root, vec![]));
    assert_untrusted(&trust, &["别的单位", "西安市电子印章 CA", "名称约束"]);

    // webpki does not process directoryName constraints and refuses every
    // path under them (RFC 5280 allows rejecting what is not processed):
    // a signer inside the subtree is refused too, and the reason says so.
    let insider = seal(&ca, &CertProfile::seal());
    let trust = judge(&insider, &options(&root, vec![]));
    assert_untrusted(&trust, &["西安市电子印章 CA", "directoryName", "一律拒绝"]);
}

#[test]
fn an_rsa_1024_signer_is_untrusted() {
    let root = root();
    let ca = intermediate(&root, &CertProfile::ca(None));
    let key = rsa_key_of_bits(1024).unwrap();
    let signer = ca
        .issue_seal_with(DEPARTMENT, key, &CertProfile::seal(), from(), to())
        .unwrap();
    let trust = judge(&signer, &options(&root, vec![]));
    assert_untrusted(&trust, &[DEPARTMENT, "1024 位", "2048"]);
}

#[test]
fn an_rsa_1024_intermediate_is_untrusted() {
    let root = root();
    let weak = root
        .issue_intermediate_with(
            "西安市数字证书中心",
            "西安市弱密钥 CA",
            rsa_key_of_bits(1024).unwrap(),
            &CertProfile::ca(None),
            from(),
            to(),
        )
        .unwrap();
    let trust = judge(&seal(&weak, &CertProfile::seal()), &options(&root, vec![]));
    assert_untrusted(&trust, &["西安市弱密钥 CA", "1024 位", "2048"]);
}

#[test]
fn an_intermediate_expired_at_the_signing_time_is_untrusted() {
    let root = root();
    let ca = root
        .issue_intermediate(
            "西安市数字证书中心",
            "西安市电子印章 CA",
            KIND,
            &CertProfile::ca(None),
            from(),
            Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).unwrap(),
        )
        .unwrap();
    let trust = judge(&seal(&ca, &CertProfile::seal()), &options(&root, vec![]));
    assert_untrusted(&trust, &["西安市电子印章 CA", "不在有效期内", "2025-01-01"]);
}

#[test]
fn a_signer_revoked_in_a_crl_is_untrusted() {
    let root = root();
    let ca = intermediate(&root, &CertProfile::ca(None));
    let signer = seal(&ca, &CertProfile::seal());
    let revoked_at = Utc.with_ymd_and_hms(2025, 2, 1, 0, 0, 0).unwrap();
    let crl = ca
        .revocation_list(&[&signer.certificate_chain()[0]], revoked_at, to())
        .unwrap();
    let trust = judge(&signer, &options(&root, vec![crl.clone()]));
    assert_untrusted(&trust, &[DEPARTMENT, "已被吊销", "西安市电子印章 CA"]);

    // Behind another CRL of the same issuer that does not list it: every
    // CRL counts, not only the first of an issuer.
    let empty = ca.revocation_list(&[], from(), to()).unwrap();
    let trust = judge(&signer, &options(&root, vec![empty, crl.clone()]));
    assert_untrusted(&trust, &[DEPARTMENT, "已被吊销"]);

    // Through a PDF: the same verdict; without the CRL it was trusted.
    let pdf = sign(&signer);
    let report = verify_pdf_with(&pdf, &options(&root, vec![crl])).unwrap();
    assert_untrusted(&report.signatures[0].trust, &["已被吊销"]);
    assert!(verify_pdf_with(&pdf, &options(&root, vec![]))
        .unwrap()
        .all_valid());
}

#[test]
fn a_revoked_intermediate_is_untrusted() {
    let root = root();
    let ca = intermediate(&root, &CertProfile::ca(None));
    let crl = root
        .revocation_list(&[ca.cert_der()], from(), to())
        .unwrap();
    let trust = judge(&seal(&ca, &CertProfile::seal()), &options(&root, vec![crl]));
    assert_untrusted(&trust, &["西安市电子印章 CA", "已被吊销"]);
}

#[test]
fn an_expired_crl_is_reported_not_ignored() {
    let root = root();
    let ca = intermediate(&root, &CertProfile::ca(None));
    let crl = ca
        .revocation_list(
            &[],
            Utc.with_ymd_and_hms(2024, 6, 1, 0, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2024, 7, 1, 0, 0, 0).unwrap(),
        )
        .unwrap();
    let trust = judge(&seal(&ca, &CertProfile::seal()), &options(&root, vec![crl]));
    assert_untrusted(&trust, &["吊销列表", "西安市电子印章 CA", "已过期"]);
}

#[test]
fn a_crl_that_does_not_verify_is_reported_not_ignored() {
    let root = root();
    let ca = intermediate(&root, &CertProfile::ca(None));
    let signer = seal(&ca, &CertProfile::seal());
    // Same name as the real intermediate, another key: its CRL names the
    // right issuer but its signature does not verify with the real key.
    let impostor = root
        .issue_intermediate(
            "西安市数字证书中心",
            "西安市电子印章 CA",
            KIND,
            &CertProfile::ca(None),
            from(),
            to(),
        )
        .unwrap();
    let crl = impostor.revocation_list(&[], from(), to()).unwrap();
    let trust = judge(&signer, &options(&root, vec![crl]));
    assert_untrusted(&trust, &["吊销列表", "西安市电子印章 CA", "签名无法"]);
}

#[test]
fn a_file_that_is_not_a_crl_is_an_error() {
    let error = Crl::from_bytes(b"not a CRL").unwrap_err();
    assert!(error.to_string().contains("吊销列表"), "{error}");
    let root = root();
    // A certificate is not a CRL either.
    assert!(Crl::from_bytes(root.root_der()).is_err());
    let pem = root.revocation_list(&[], from(), to()).unwrap();
    assert!(Crl::from_bytes(&pem).is_ok());
}
