//! A throwaway certificate authority for demos and tests: a root CA and
//! department seal certificates under it. Real seals are issued by the
//! province's CA; this exists so `deskctl pdf demo` and the tests can make
//! signatures that outside verifiers check against a root they are given.

use std::time::Duration;

use chrono::{DateTime, Datelike, Utc};
use const_oid::db::rfc4519::{COMMON_NAME, COUNTRY_NAME, ORGANIZATION_NAME};
use const_oid::db::rfc5912::{ECDSA_WITH_SHA_256, SHA_256_WITH_RSA_ENCRYPTION};
use const_oid::{AssociatedOid, ObjectIdentifier};
use der::asn1::{Any, BitString, GeneralizedTime, OctetString, SetOfVec, UtcTime};
use der::{Decode, Encode, EncodePem, Tag};
use sha1::{Digest, Sha1};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::ext::pkix::constraints::name::{GeneralSubtree, GeneralSubtrees};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages,
    NameConstraints, SubjectKeyIdentifier,
};
use x509_cert::ext::Extension;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::time::{Time, Validity};
use x509_cert::{Certificate, TbsCertificate, Version};

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

/// A CA held in memory: a root, or an intermediate issued by another
/// `TestCa`.
pub struct TestCa {
    key: PrivateKey,
    cert_der: Vec<u8>,
    name: Name,
    /// The certificates above this one, up to and including the root.
    above: Vec<Vec<u8>>,
}

/// What a test certificate says about itself: each field is one rule of
/// RFC 5280 a test can break.
#[derive(Debug, Clone)]
pub struct CertProfile {
    /// basicConstraints (critical) as (cA, pathLenConstraint); `None`
    /// leaves the extension out.
    pub basic_constraints: Option<(bool, Option<u8>)>,
    /// keyUsage (critical); `None` leaves the extension out.
    pub key_usage: Option<der::flagset::FlagSet<KeyUsages>>,
    /// extendedKeyUsage; `None` leaves it out.
    pub extended_key_usage: Option<Vec<ObjectIdentifier>>,
    /// Whether extendedKeyUsage is marked critical (a TSA's must be).
    pub extended_key_usage_critical: bool,
    /// nameConstraints (critical) with one permitted directoryName subtree
    /// `C=CN, O=<this>`.
    pub permitted_organization: Option<String>,
    /// A critical extension of a private OID no verifier knows.
    pub unknown_critical_extension: bool,
}

impl CertProfile {
    /// A CA: cA=true with `path_len`, keyCertSign and cRLSign.
    pub fn ca(path_len: Option<u8>) -> Self {
        Self {
            basic_constraints: Some((true, path_len)),
            key_usage: Some(KeyUsages::KeyCertSign | KeyUsages::CRLSign),
            extended_key_usage: None,
            extended_key_usage_critical: false,
            permitted_organization: None,
            unknown_critical_extension: false,
        }
    }

    /// A timestamp authority (RFC 3161 section 2.3): cA=false,
    /// digitalSignature, and id-kp-timeStamping alone, critical.
    pub fn timestamping() -> Self {
        Self {
            key_usage: Some(KeyUsages::DigitalSignature.into()),
            extended_key_usage: Some(vec![crate::timestamp::ID_KP_TIME_STAMPING]),
            extended_key_usage_critical: true,
            ..Self::seal()
        }
    }

    /// A seal: cA=false, digitalSignature and nonRepudiation.
    pub fn seal() -> Self {
        Self {
            basic_constraints: Some((false, None)),
            key_usage: Some(KeyUsages::DigitalSignature | KeyUsages::NonRepudiation),
            extended_key_usage: None,
            extended_key_usage_critical: false,
            permitted_organization: None,
            unknown_critical_extension: false,
        }
    }
}

/// An RSA key of `bits` bits, for tests of keys too short to be accepted
/// (the key file reader refuses to load one).
pub fn rsa_key_of_bits(bits: usize) -> Result<PrivateKey, TestCaError> {
    let key = rsa::RsaPrivateKey::new(&mut rand_core::OsRng, bits)
        .map_err(|e| TestCaError::Key(SignerError::Key(e.to_string())))?;
    Ok(PrivateKey::Rsa(Box::new(key)))
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
        let issuer = Issuer {
            key: &key,
            name: &name,
            spki: spki.clone(),
        };
        let cert = issue(
            &issuer,
            &CertProfile::ca(None),
            validity,
            name.clone(),
            &spki,
        )?;
        Ok(Self {
            key,
            cert_der: cert.to_der().map_err(cert_error)?,
            name,
            above: Vec::new(),
        })
    }

    /// Issues an intermediate CA under this one (subject
    /// `C=CN, O=<organization>, CN=<common_name>`) with a fresh key of
    /// `kind` and the extensions of `profile`.
    pub fn issue_intermediate(
        &self,
        organization: &str,
        common_name: &str,
        kind: KeyKind,
        profile: &CertProfile,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
    ) -> Result<TestCa, TestCaError> {
        let key = PrivateKey::generate(kind)?;
        self.issue_intermediate_with(
            organization,
            common_name,
            key,
            profile,
            not_before,
            not_after,
        )
    }

    /// [`TestCa::issue_intermediate`] for a given key (e.g. one too short).
    pub fn issue_intermediate_with(
        &self,
        organization: &str,
        common_name: &str,
        key: PrivateKey,
        profile: &CertProfile,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
    ) -> Result<TestCa, TestCaError> {
        let subject = name(&[
            (COUNTRY_NAME, "CN"),
            (ORGANIZATION_NAME, organization),
            (COMMON_NAME, common_name),
        ])?;
        let cert = issue(
            &self.issuer()?,
            profile,
            validity(not_before, not_after)?,
            subject.clone(),
            &spki_of(&key)?,
        )?;
        let mut above = vec![self.cert_der.clone()];
        above.extend(self.above.iter().cloned());
        Ok(TestCa {
            key,
            cert_der: cert.to_der().map_err(cert_error)?,
            name: subject,
            above,
        })
    }

    /// This CA's own certificate, DER.
    pub fn cert_der(&self) -> &[u8] {
        &self.cert_der
    }

    /// This CA's certificate and those above it, up to the root (DER).
    pub fn chain(&self) -> Vec<Vec<u8>> {
        let mut chain = vec![self.cert_der.clone()];
        chain.extend(self.above.iter().cloned());
        chain
    }

    /// A CRL (version 2) signed by this CA listing `revoked` (certificates,
    /// DER) as revoked at `this_update`, valid until `next_update`.
    pub fn revocation_list(
        &self,
        revoked: &[&[u8]],
        this_update: DateTime<Utc>,
        next_update: DateTime<Utc>,
    ) -> Result<Vec<u8>, TestCaError> {
        let revoked = revoked
            .iter()
            .map(|der| {
                let cert = Certificate::from_der(der).map_err(cert_error)?;
                Ok(RevokedCert {
                    serial_number: cert.tbs_certificate.serial_number,
                    revocation_date: time(this_update)?,
                    crl_entry_extensions: None,
                })
            })
            .collect::<Result<Vec<_>, TestCaError>>()?;
        // cRLNumber 1 (RFC 5280 5.2.3).
        let number = Extension {
            extn_id: ObjectIdentifier::new_unwrap("2.5.29.20"),
            critical: false,
            extn_value: OctetString::new(vec![0x02, 0x01, 0x01]).map_err(cert_error)?,
        };
        let algorithm = signature_algorithm(&self.key)?;
        let tbs = TbsCertList {
            version: Version::V2,
            signature: algorithm.clone(),
            issuer: self.name.clone(),
            this_update: time(this_update)?,
            next_update: Some(time(next_update)?),
            revoked_certificates: (!revoked.is_empty()).then_some(revoked),
            crl_extensions: Some(vec![number]),
        };
        let signature = self.key.sign(&tbs.to_der().map_err(cert_error)?)?;
        CertificateList {
            tbs_cert_list: tbs,
            signature_algorithm: algorithm,
            signature: BitString::from_bytes(&signature).map_err(cert_error)?,
        }
        .to_der()
        .map_err(cert_error)
    }

    fn issuer(&self) -> Result<Issuer<'_>, TestCaError> {
        let cert = Certificate::from_der(&self.cert_der).map_err(cert_error)?;
        Ok(Issuer {
            key: &self.key,
            name: &self.name,
            spki: cert.tbs_certificate.subject_public_key_info,
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
        self.issue_seal_with(department, key, &CertProfile::seal(), not_before, not_after)
    }

    /// Issues a seal certificate for `department` (subject as
    /// [`TestCa::issue_seal`]) for `key` with the extensions of `profile`;
    /// the signer's chain is the seal, this CA and those above it.
    pub fn issue_seal_with(
        &self,
        department: &str,
        key: PrivateKey,
        profile: &CertProfile,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
    ) -> Result<Pkcs12Signer, TestCaError> {
        let subject = name(&[
            (COUNTRY_NAME, "CN"),
            (ORGANIZATION_NAME, department),
            (COMMON_NAME, &format!("{department} e-seal")),
        ])?;
        self.issue_signer(subject, key, profile, not_before, not_after)
    }

    /// A signer for `key` whose certificate, for `subject` with the
    /// extensions of `profile`, this CA issues; its chain runs up to the root.
    fn issue_signer(
        &self,
        subject: Name,
        key: PrivateKey,
        profile: &CertProfile,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
    ) -> Result<Pkcs12Signer, TestCaError> {
        let cert = issue(
            &self.issuer()?,
            profile,
            validity(not_before, not_after)?,
            subject,
            &spki_of(&key)?,
        )?;
        let mut chain = vec![cert.to_der().map_err(cert_error)?];
        chain.extend(self.chain());
        Ok(Pkcs12Signer::from_key(key, chain)?)
    }

    /// Issues a timestamp authority's certificate (subject `C=CN, O=name,
    /// CN=name`) for a fresh key of `kind`, as a signer for
    /// [`crate::timestamp::TestTsa`]; its chain is the TSA, this CA and
    /// those above it.
    pub fn issue_timestamping(
        &self,
        name_of_tsa: &str,
        kind: KeyKind,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
    ) -> Result<Pkcs12Signer, TestCaError> {
        let key = PrivateKey::generate(kind)?;
        let subject = name(&[
            (COUNTRY_NAME, "CN"),
            (ORGANIZATION_NAME, name_of_tsa),
            (COMMON_NAME, name_of_tsa),
        ])?;
        let profile = CertProfile::timestamping();
        self.issue_signer(subject, key, &profile, not_before, not_after)
    }
}

/// The CA that signs a certificate.
struct Issuer<'a> {
    key: &'a PrivateKey,
    name: &'a Name,
    spki: SubjectPublicKeyInfoOwned,
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
    let since = Duration::from_secs(secs);
    // UTCTime through 2049, GeneralizedTime after, as RFC 5280 4.1.2.5 wants.
    if t.year() < 2050 {
        Ok(Time::UtcTime(
            UtcTime::from_unix_duration(since).map_err(cert_error)?,
        ))
    } else {
        Ok(Time::GeneralTime(
            GeneralizedTime::from_unix_duration(since).map_err(cert_error)?,
        ))
    }
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

fn signature_algorithm(key: &PrivateKey) -> Result<AlgorithmIdentifierOwned, TestCaError> {
    Ok(match key {
        PrivateKey::Rsa(_) => AlgorithmIdentifierOwned {
            oid: SHA_256_WITH_RSA_ENCRYPTION,
            parameters: Some(Any::null()),
        },
        PrivateKey::P256(_) => AlgorithmIdentifierOwned {
            oid: ECDSA_WITH_SHA_256,
            parameters: None,
        },
    })
}

/// SHA-1 of the subjectPublicKey bits (RFC 5280 4.2.1.2, method 1).
fn key_identifier(spki: &SubjectPublicKeyInfoOwned) -> Result<OctetString, TestCaError> {
    let bits = spki.subject_public_key.raw_bytes();
    OctetString::new(Sha1::digest(bits).to_vec()).map_err(cert_error)
}

fn extension<T: Encode + AssociatedOid>(
    value: &T,
    critical: bool,
) -> Result<Extension, TestCaError> {
    Ok(Extension {
        extn_id: T::OID,
        critical,
        extn_value: OctetString::new(value.to_der().map_err(cert_error)?).map_err(cert_error)?,
    })
}

/// Makes and signs a certificate by hand (not through x509-cert's builder,
/// whose profiles always add basicConstraints and keyUsage), so a test can
/// leave out or bend any extension. Signed by `PrivateKey::sign`, so an RSA
/// issuer signs with blinding (RUSTSEC-2023-0071).
fn issue(
    issuer: &Issuer<'_>,
    profile: &CertProfile,
    validity: Validity,
    subject: Name,
    spki: &SubjectPublicKeyInfoOwned,
) -> Result<Certificate, TestCaError> {
    let mut extensions = vec![extension(
        &SubjectKeyIdentifier(key_identifier(spki)?),
        false,
    )?];
    if issuer.name != &subject || issuer.spki != *spki {
        extensions.push(extension(
            &AuthorityKeyIdentifier {
                key_identifier: Some(key_identifier(&issuer.spki)?),
                authority_cert_issuer: None,
                authority_cert_serial_number: None,
            },
            false,
        )?);
    }
    if let Some((ca, path_len_constraint)) = profile.basic_constraints {
        extensions.push(extension(
            &BasicConstraints {
                ca,
                path_len_constraint,
            },
            true,
        )?);
    }
    if let Some(usage) = profile.key_usage {
        extensions.push(extension(&KeyUsage(usage), true)?);
    }
    if let Some(purposes) = &profile.extended_key_usage {
        extensions.push(extension(
            &ExtendedKeyUsage(purposes.clone()),
            profile.extended_key_usage_critical,
        )?);
    }
    if let Some(organization) = &profile.permitted_organization {
        let base = name(&[(COUNTRY_NAME, "CN"), (ORGANIZATION_NAME, organization)])?;
        let permitted: GeneralSubtrees = vec![GeneralSubtree {
            base: GeneralName::DirectoryName(base),
            minimum: 0,
            maximum: None,
        }];
        extensions.push(extension(
            &NameConstraints {
                permitted_subtrees: Some(permitted),
                excluded_subtrees: None,
            },
            true,
        )?);
    }
    if profile.unknown_critical_extension {
        extensions.push(Extension {
            // A private-enterprise arc no verifier knows.
            extn_id: ObjectIdentifier::new_unwrap("1.3.6.1.4.1.55555.7.1"),
            critical: true,
            extn_value: OctetString::new(vec![0x05, 0x00]).map_err(cert_error)?,
        });
    }
    let algorithm = signature_algorithm(issuer.key)?;
    let tbs = TbsCertificate {
        version: Version::V3,
        serial_number: serial()?,
        signature: algorithm.clone(),
        issuer: issuer.name.clone(),
        validity,
        subject,
        subject_public_key_info: spki.clone(),
        issuer_unique_id: None,
        subject_unique_id: None,
        extensions: Some(extensions),
    };
    let signature = issuer.key.sign(&tbs.to_der().map_err(cert_error)?)?;
    Ok(Certificate {
        tbs_certificate: tbs,
        signature_algorithm: algorithm,
        signature: BitString::from_bytes(&signature).map_err(cert_error)?,
    })
}

/// A one-page PDF whose page says `text` (ASCII, in Helvetica), with a
/// classic cross-reference table: the least a seal needs, for tests.
pub fn one_page_pdf(text: &str) -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 72 770 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
    ];
    let mut pdf = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(b"xref\n0 6\n0000000000 65535 f\r\n");
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n\r\n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    pdf
}
