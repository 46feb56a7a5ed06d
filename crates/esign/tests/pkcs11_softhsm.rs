//! The PKCS#11 signer against a real token: SoftHSM2 stands in for a USB
//! key. The test makes its own token in a temporary directory, generates an
//! RSA-2048 and a P-256 key pair on it, stores a certificate for each (from
//! a throwaway CA made here), then signs through the token and checks the
//! signatures in Rust, in a PDF with the crate's verifier and with pdfsig.
//!
//! Everything is one test: SOFTHSM2_CONF is process-wide and read when the
//! module is initialised.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../../docs/examples/seal/one_page_pdf.rs"]
mod one_page_pdf;

use std::path::Path;
use std::process::Command;
use std::str::FromStr;
use std::time::Duration;

use approval_esign::{
    face_index_by_family, seal_appearance, sign_pdf, verify_pdf, KeyRef, PasswordSource,
    Pkcs11Signer, Placement, SealSpec, SignRequest, SignatureAlgorithm, Signer, SignerError,
};
use cryptoki::context::{CInitializeArgs, CInitializeFlags, Pkcs11};
use cryptoki::error::{Error as CkError, RvError};
use cryptoki::mechanism::Mechanism;
use cryptoki::object::{Attribute, AttributeType, CertificateType, ObjectClass};
use cryptoki::session::{Session, UserType};
use cryptoki::types::AuthPin;
use p256::ecdsa::signature::Verifier as _;
use p256::pkcs8::EncodePublicKey as _;
use rand_core::OsRng;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::der::{Decode, Encode};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::Validity;
use x509_cert::Certificate;
use zeroize::Zeroizing;

const MODULE: &str = "/usr/lib/softhsm/libsofthsm2.so";
const TOKEN: &str = "approval-test";
const SO_PIN: &str = "so-pin-1234";
const USER_PIN: &str = "user-pin-5678";
const P256_PARAMS: [u8; 10] = [0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const MESSAGE: &[u8] = "签章测试：准予行政许可".as_bytes();

#[test]
fn signs_through_a_softhsm_token_with_rsa_and_ecdsa() {
    let module = Path::new(MODULE);
    assert!(
        module.exists(),
        "{MODULE} is missing: SoftHSM2 (Debian package softhsm2) is installed by \
         scripts/install-system-packages.sh"
    );
    let dir = tempfile::tempdir().unwrap();
    let tokens = dir.path().join("tokens");
    std::fs::create_dir(&tokens).unwrap();
    let conf = dir.path().join("softhsm2.conf");
    std::fs::write(
        &conf,
        format!(
            "directories.tokendir = {}\nobjectstore.backend = file\nlog.level = ERROR\n",
            tokens.display()
        ),
    )
    .unwrap();
    // Before the module is first initialised in this process.
    std::env::set_var("SOFTHSM2_CONF", &conf);

    let ca = TestCa::new();
    let (rsa_public, rsa_cert, ec_public, ec_cert) = set_up_token(&ca);

    // RSA, the key found by label, the certificate read from the token.
    let pin = PasswordSource::Given(Zeroizing::new(USER_PIN.to_owned()));
    let rsa = Pkcs11Signer::open(
        module,
        TOKEN,
        &KeyRef::Label("seal-rsa".to_owned()),
        &pin.read().unwrap(),
        None,
    )
    .unwrap();
    assert_eq!(rsa.algorithm(), SignatureAlgorithm::RsaPkcs1Sha256);
    assert_eq!(rsa.certificate_chain(), std::slice::from_ref(&rsa_cert));
    let verifier = rsa::pkcs1v15::VerifyingKey::<sha2::Sha256>::new(rsa_public.clone());
    let signature = rsa.sign(MESSAGE).unwrap();
    assert_eq!(signature.len(), 256);
    verifier
        .verify(
            MESSAGE,
            &rsa::pkcs1v15::Signature::try_from(signature.as_slice()).unwrap(),
        )
        .expect("the token's CKM_SHA256_RSA_PKCS signature verifies");
    assert!(!format!("{rsa:?}").contains(USER_PIN));

    // The same key through CKM_RSA_PKCS over our DigestInfo: the same
    // (deterministic) signature.
    let raw = Pkcs11Signer::open(
        module,
        TOKEN,
        &KeyRef::Id(vec![1]),
        USER_PIN,
        Some(vec![rsa_cert.clone(), ca.der.clone()]),
    )
    .unwrap()
    .with_raw_rsa_pkcs();
    assert_eq!(raw.certificate_chain().len(), 2);
    assert_eq!(raw.sign(MESSAGE).unwrap(), signature);

    // ECDSA P-256, the key found by ID.
    let ec = Pkcs11Signer::open(module, TOKEN, &KeyRef::Id(vec![2]), USER_PIN, None).unwrap();
    assert_eq!(ec.algorithm(), SignatureAlgorithm::EcdsaP256Sha256);
    assert_eq!(ec.certificate_chain(), std::slice::from_ref(&ec_cert));
    let der = ec.sign(MESSAGE).unwrap();
    let signature = p256::ecdsa::Signature::from_der(&der).expect("a DER Ecdsa-Sig-Value");
    p256::ecdsa::VerifyingKey::from(&ec_public)
        .verify(MESSAGE, &signature)
        .expect("the token's ECDSA signature verifies");
    assert!(p256::ecdsa::VerifyingKey::from(&ec_public)
        .verify(b"another message", &signature)
        .is_err());

    refusals(module);
    sign_a_pdf(&rsa, &ec, &ca, dir.path());
}

/// What goes wrong is said, and the PIN never appears.
fn refusals(module: &Path) {
    let message = |result: Result<Pkcs11Signer, SignerError>| match result {
        Ok(_) => panic!("expected an error"),
        Err(e) => {
            let text = e.to_string();
            assert!(!text.contains(USER_PIN) && !text.contains("wrong-pin"));
            text
        }
    };
    let no_token = message(Pkcs11Signer::open(
        module,
        "no-such-token",
        &KeyRef::Id(vec![1]),
        USER_PIN,
        None,
    ));
    assert!(
        no_token.contains("no-such-token") && no_token.contains(TOKEN),
        "{no_token}"
    );
    let no_key = message(Pkcs11Signer::open(
        module,
        TOKEN,
        &KeyRef::Label("no-such-key".to_owned()),
        USER_PIN,
        None,
    ));
    assert!(no_key.contains("no-such-key"), "{no_key}");
    let no_module = message(Pkcs11Signer::open(
        Path::new("/nonexistent/pkcs11.so"),
        TOKEN,
        &KeyRef::Id(vec![1]),
        USER_PIN,
        None,
    ));
    assert!(no_module.contains("/nonexistent/pkcs11.so"), "{no_module}");
}

/// Signs a one-page PDF twice through the token (RSA with the visible
/// seal, then ECDSA), and checks both signatures with the crate's verifier
/// and with poppler's pdfsig.
fn sign_a_pdf(rsa: &Pkcs11Signer, ec: &Pkcs11Signer, ca: &TestCa, dir: &Path) {
    let font = std::fs::read("/usr/share/fonts/truetype/arphic/uming.ttc")
        .expect("AR PL UMing comes from scripts/install-system-packages.sh");
    let face = face_index_by_family(&font, "AR PL UMing CN").unwrap();
    let spec = SealSpec {
        department: "某某市某某区行政审批局".to_owned(),
        purpose: "行政审批专用章".to_owned(),
        code: None,
    };
    let seal = seal_appearance(&spec, &font, face, 119.0).unwrap();
    // A page with a few grey lines standing in for the decision's text.
    let body = approval_esign::Appearance {
        width: 200.0,
        height: 200.0,
        content: b"0.6 g 10 180 180 4 re f 10 165 150 4 re f 10 150 170 4 re f".to_vec(),
    };
    let blank = one_page_pdf::one_page_pdf(&[body], 200.0, 20.0);
    // Now, Beijing time: within the certificates' validity.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let time = chrono::DateTime::from_timestamp(now as i64, 0)
        .unwrap()
        .with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).unwrap());
    let request = SignRequest {
        field_name: "审批专用章".to_owned(),
        reason: Some("准予行政许可".to_owned()),
        location: None,
        name: Some("某某市某某区行政审批局".to_owned()),
        signing_time: time,
        visible: Some((
            Placement {
                page_index: 0,
                rect: [100.0, 30.0, 219.0, 149.0],
            },
            seal,
        )),
    };
    let once = sign_pdf(&blank, rsa, &request).unwrap();
    let second = SignRequest {
        field_name: "second".to_owned(),
        visible: None,
        ..request
    };
    let twice = sign_pdf(&once, ec, &second).unwrap();

    let report = verify_pdf(&twice, &[ca.der.as_slice()]).unwrap();
    assert_eq!(report.signatures.len(), 2, "{report:?}");
    assert!(report.all_valid(), "{report:?}");

    let path = dir.join("signed.pdf");
    std::fs::write(&path, &twice).unwrap();
    let output = Command::new("pdfsig")
        .arg(&path)
        .output()
        .expect("pdfsig (poppler-utils, scripts/install-system-packages.sh)");
    let text = String::from_utf8_lossy(&output.stdout);
    println!("{text}");
    assert_eq!(
        text.matches("Signature Validation: Signature is Valid.")
            .count(),
        2,
        "pdfsig: {text}"
    );
}

/// A root CA held in this test (its key in memory), P-256.
struct TestCa {
    key: p256::ecdsa::SigningKey,
    name: Name,
    der: Vec<u8>,
}

impl TestCa {
    fn new() -> Self {
        let key = p256::ecdsa::SigningKey::random(&mut OsRng);
        let name = Name::from_str("CN=Approval Desk Test Root,C=CN").unwrap();
        let public = p256::PublicKey::from(key.verifying_key());
        let spki = spki(public.to_public_key_der().unwrap().as_bytes());
        let cert = CertificateBuilder::new(
            Profile::Root,
            SerialNumber::from(1u32),
            Validity::from_now(Duration::from_secs(3600 * 24)).unwrap(),
            name.clone(),
            spki,
            &key,
        )
        .unwrap()
        .build::<p256::ecdsa::DerSignature>()
        .unwrap();
        TestCa {
            der: cert.to_der().unwrap(),
            key,
            name,
        }
    }

    fn issue(&self, serial: u32, department: &str, spki_der: &[u8]) -> Certificate {
        let subject =
            Name::from_str(&format!("CN={department} e-seal,O={department},C=CN")).unwrap();
        CertificateBuilder::new(
            Profile::Leaf {
                issuer: self.name.clone(),
                enable_key_agreement: false,
                enable_key_encipherment: false,
            },
            SerialNumber::from(serial),
            Validity::from_now(Duration::from_secs(3600 * 24)).unwrap(),
            subject,
            spki(spki_der),
            &self.key,
        )
        .unwrap()
        .build::<p256::ecdsa::DerSignature>()
        .unwrap()
    }
}

fn spki(der: &[u8]) -> SubjectPublicKeyInfoOwned {
    SubjectPublicKeyInfoOwned::from_der(der).unwrap()
}

/// Initialises the token, generates both key pairs on it and stores their
/// certificates; returns the public keys and certificates (DER).
fn set_up_token(ca: &TestCa) -> (rsa::RsaPublicKey, Vec<u8>, p256::PublicKey, Vec<u8>) {
    let pkcs11 = Pkcs11::new(MODULE).unwrap();
    pkcs11
        .initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK))
        .unwrap();
    let free = pkcs11.get_slots_with_token().unwrap()[0];
    pkcs11
        .init_token(free, &AuthPin::from(SO_PIN.to_owned()), TOKEN)
        .unwrap();
    // SoftHSM moves a freshly initialised token to a new slot.
    let slot = pkcs11
        .get_slots_with_token()
        .unwrap()
        .into_iter()
        .find(|s| pkcs11.get_token_info(*s).unwrap().label() == TOKEN)
        .unwrap();
    let session = pkcs11.open_rw_session(slot).unwrap();
    session
        .login(UserType::So, Some(&AuthPin::from(SO_PIN.to_owned())))
        .unwrap();
    session
        .init_pin(&AuthPin::from(USER_PIN.to_owned()))
        .unwrap();
    session.logout().unwrap();
    session
        .login(UserType::User, Some(&AuthPin::from(USER_PIN.to_owned())))
        .unwrap();

    let private = |label: &str, id: u8| {
        vec![
            Attribute::Token(true),
            Attribute::Private(true),
            Attribute::Sensitive(true),
            Attribute::Sign(true),
            Attribute::Label(label.as_bytes().to_vec()),
            Attribute::Id(vec![id]),
        ]
    };
    let (rsa_pub, _) = session
        .generate_key_pair(
            &Mechanism::RsaPkcsKeyPairGen,
            &[
                Attribute::Token(true),
                Attribute::Verify(true),
                Attribute::ModulusBits(2048.into()),
                Attribute::PublicExponent(vec![1, 0, 1]),
                Attribute::Id(vec![1]),
            ],
            &private("seal-rsa", 1),
        )
        .unwrap();
    let (ec_pub, _) = session
        .generate_key_pair(
            &Mechanism::EccKeyPairGen,
            &[
                Attribute::Token(true),
                Attribute::Verify(true),
                Attribute::EcParams(P256_PARAMS.to_vec()),
                Attribute::Id(vec![2]),
            ],
            &private("seal-ec", 2),
        )
        .unwrap();

    let attributes = session
        .get_attributes(
            rsa_pub,
            &[AttributeType::Modulus, AttributeType::PublicExponent],
        )
        .unwrap();
    let (mut n, mut e) = (Vec::new(), Vec::new());
    for attribute in attributes {
        match attribute {
            Attribute::Modulus(v) => n = v,
            Attribute::PublicExponent(v) => e = v,
            _ => {}
        }
    }
    let rsa_public = rsa::RsaPublicKey::new(
        rsa::BigUint::from_bytes_be(&n),
        rsa::BigUint::from_bytes_be(&e),
    )
    .unwrap();

    let point = match session
        .get_attributes(ec_pub, &[AttributeType::EcPoint])
        .unwrap()
        .pop()
    {
        Some(Attribute::EcPoint(v)) => v,
        other => panic!("no EC point: {other:?}"),
    };
    // CKA_EC_POINT is the DER OCTET STRING around the SEC1 point.
    let point = x509_cert::der::asn1::OctetString::from_der(&point).unwrap();
    let ec_public = p256::PublicKey::from_sec1_bytes(point.as_bytes()).unwrap();

    use rsa::pkcs8::EncodePublicKey as _;
    let rsa_cert = ca.issue(
        2,
        "某某市某某区行政审批局",
        rsa_public.to_public_key_der().unwrap().as_bytes(),
    );
    let ec_cert = ca.issue(
        3,
        "某某县民政局",
        ec_public.to_public_key_der().unwrap().as_bytes(),
    );
    let rsa_der = rsa_cert.to_der().unwrap();
    let ec_der = ec_cert.to_der().unwrap();
    store_certificate(&session, &rsa_cert, &rsa_der, 1);
    store_certificate(&session, &ec_cert, &ec_der, 2);

    // The signers log in themselves; the module stays initialised.
    session.logout().unwrap();
    drop(session);
    match pkcs11.initialize(CInitializeArgs::new(CInitializeFlags::OS_LOCKING_OK)) {
        Err(CkError::Pkcs11(RvError::CryptokiAlreadyInitialized, _)) => {}
        other => panic!("expected the module to stay initialised: {other:?}"),
    }
    (rsa_public, rsa_der, ec_public, ec_der)
}

fn store_certificate(session: &Session, cert: &Certificate, der: &[u8], id: u8) {
    session
        .create_object(&[
            Attribute::Class(ObjectClass::CERTIFICATE),
            Attribute::CertificateType(CertificateType::X_509),
            Attribute::Token(true),
            Attribute::Id(vec![id]),
            Attribute::Subject(cert.tbs_certificate.subject.to_der().unwrap()),
            Attribute::Value(der.to_vec()),
        ])
        .unwrap();
}
