//! A throwaway certificate authority for demos and tests: a root CA and
//! department seal certificates under it. Real seals are issued by the
//! province's CA; this exists so `deskctl pdf demo` and the tests can make
//! signatures that outside verifiers check against a root they are given.

use std::time::Duration;

use chrono::{DateTime, Utc};
use const_oid::db::rfc4519::{COMMON_NAME, COUNTRY_NAME, ORGANIZATION_NAME};
use der::asn1::{Any, GeneralizedTime, SetOfVec};
use der::{Decode, Encode, EncodePem, Tag};
use sha2::Sha256;
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::builder::{Builder, CertificateBuilder, Profile};
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::SubjectPublicKeyInfoOwned;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;

use crate::keys::{KeyKind, PrivateKey};
use crate::pkcs12::Pkcs12Signer;
use crate::signer::SignerError;

/// Why the test CA could not make a certificate.
#[derive(Debug, thiserror::Error)]
pub enum TestCaError {
    #[error("测试 CA 无法生成密钥：{0}")]
    Key(#[from] SignerError),
    #[error("测试 CA 无法生成证书：{0}")]
    Certificate(String),
}

fn cert_error(e: impl std::fmt::Display) -> TestCaError {
    TestCaError::Certificate(e.to_string())
}

/// A root CA held in memory.
pub struct TestCa {
    key: PrivateKey,
    cert_der: Vec<u8>,
    name: Name,
}

impl TestCa {
    /// Makes a root CA named `common_name` (CA:true, keyCertSign), valid
    /// from `not_before` to `not_after`.
    pub fn generate(
        common_name: &str,
        kind: KeyKind,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
    ) -> Result<Self, TestCaError> {
        let key = PrivateKey::generate(kind)?;
        let name = name(&[(COMMON_NAME, common_name), (COUNTRY_NAME, "CN")])?;
        let spki = spki_of(&key)?;
        let validity = validity(not_before, not_after)?;
        let cert = issue(&key, Profile::Root, validity, name.clone(), spki)?;
        Ok(Self {
            key,
            cert_der: cert.to_der().map_err(cert_error)?,
            name,
        })
    }

    /// The root certificate, DER.
    pub fn root_der(&self) -> &[u8] {
        &self.cert_der
    }

    /// The root certificate, PEM (what verifiers are given as trust root).
    pub fn root_pem(&self) -> Result<String, TestCaError> {
        let cert = Certificate::from_der(&self.cert_der).map_err(cert_error)?;
        cert.to_pem(der::pem::LineEnding::LF).map_err(cert_error)
    }

    /// Issues a seal certificate for `department` (subject
    /// `CN=<department> e-seal, O=<department>, C=CN`; keyUsage
    /// digitalSignature and nonRepudiation) with a fresh key of `kind`, and
    /// returns a signer holding the key and the chain (seal, root).
    pub fn issue_seal(
        &self,
        department: &str,
        kind: KeyKind,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
    ) -> Result<Pkcs12Signer, TestCaError> {
        let key = PrivateKey::generate(kind)?;
        let subject = name(&[
            (COUNTRY_NAME, "CN"),
            (ORGANIZATION_NAME, department),
            (COMMON_NAME, &format!("{department} e-seal")),
        ])?;
        let profile = Profile::Leaf {
            issuer: self.name.clone(),
            enable_key_agreement: false,
            enable_key_encipherment: false,
        };
        let cert = issue(
            &self.key,
            profile,
            validity(not_before, not_after)?,
            subject,
            spki_of(&key)?,
        )?;
        let chain = vec![cert.to_der().map_err(cert_error)?, self.cert_der.clone()];
        Ok(Pkcs12Signer::from_key(key, chain)?)
    }
}

/// A name with the attributes in order; text as UTF8String (Chinese names),
/// the country as PrintableString as RFC 5280 requires.
fn name(parts: &[(der::asn1::ObjectIdentifier, &str)]) -> Result<Name, TestCaError> {
    let mut rdns = Vec::new();
    for (oid, value) in parts {
        let tag = if *oid == COUNTRY_NAME {
            Tag::PrintableString
        } else {
            Tag::Utf8String
        };
        let value = Any::new(tag, value.as_bytes()).map_err(cert_error)?;
        let mut set = SetOfVec::new();
        set.insert(AttributeTypeAndValue { oid: *oid, value })
            .map_err(cert_error)?;
        rdns.push(RelativeDistinguishedName::from(set));
    }
    Ok(RdnSequence(rdns))
}

fn spki_of(key: &PrivateKey) -> Result<SubjectPublicKeyInfoOwned, TestCaError> {
    SubjectPublicKeyInfoOwned::from_der(&key.public_key_der()?).map_err(cert_error)
}

fn time(t: DateTime<Utc>) -> Result<Time, TestCaError> {
    let secs = u64::try_from(t.timestamp()).map_err(|_| cert_error("时间早于 1970 年"))?;
    let generalized =
        GeneralizedTime::from_unix_duration(Duration::from_secs(secs)).map_err(cert_error)?;
    // The builder turns times before 2050 into UTCTime, as RFC 5280 wants.
    Ok(Time::GeneralTime(generalized))
}

fn validity(not_before: DateTime<Utc>, not_after: DateTime<Utc>) -> Result<Validity, TestCaError> {
    if not_after <= not_before {
        return Err(cert_error("有效期结束早于开始"));
    }
    Ok(Validity {
        not_before: time(not_before)?,
        not_after: time(not_after)?,
    })
}

fn serial() -> Result<SerialNumber, TestCaError> {
    use rand_core::RngCore;
    let mut bytes = [0u8; 16];
    rand_core::OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(cert_error)?;
    // Positive and without a leading zero byte, as DER INTEGER needs.
    bytes[0] = (bytes[0] & 0x7f) | 0x40;
    SerialNumber::new(&bytes).map_err(cert_error)
}

fn issue(
    issuer_key: &PrivateKey,
    profile: Profile,
    validity: Validity,
    subject: Name,
    spki: SubjectPublicKeyInfoOwned,
) -> Result<Certificate, TestCaError> {
    let serial = serial()?;
    match issuer_key {
        PrivateKey::Rsa(k) => {
            let signer = rsa::pkcs1v15::SigningKey::<Sha256>::new(k.as_ref().clone());
            let builder =
                CertificateBuilder::new(profile, serial, validity, subject, spki, &signer)
                    .map_err(cert_error)?;
            builder
                .build::<rsa::pkcs1v15::Signature>()
                .map_err(cert_error)
        }
        PrivateKey::P256(k) => {
            let builder = CertificateBuilder::new(profile, serial, validity, subject, spki, k)
                .map_err(cert_error)?;
            builder
                .build::<p256::ecdsa::DerSignature>()
                .map_err(cert_error)
        }
    }
}
