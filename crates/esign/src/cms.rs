//! The CMS SignedData of a PAdES baseline B-B signature (ETSI EN 319 142-1,
//! 319 122-1): detached, SHA-256, with exactly the signed attributes
//! content-type, message-digest and signing-certificate-v2. No signing-time
//! attribute: PAdES takes the time from the signature dictionary's /M, the
//! signer's claim; a trusted time comes only from an RFC 3161 signature
//! timestamp (B-T), an unsigned attribute over the signature value.
//!
//! The structure is assembled by hand so that the signer is given
//! DER(signedAttrs) itself and hashes it exactly once.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    EncapsulatedContentInfo, SignedAttributes, SignedData, SignerIdentifier, SignerInfo,
};
use const_oid::db::rfc5911::{ID_AA_SIGNING_CERTIFICATE_V_2, ID_DATA, ID_SIGNED_DATA};
use const_oid::db::rfc5912::{
    ECDSA_WITH_SHA_256, ID_SHA_256, RSA_ENCRYPTION, SHA_256_WITH_RSA_ENCRYPTION,
};
use const_oid::db::rfc6268::{ID_CONTENT_TYPE, ID_MESSAGE_DIGEST};
use const_oid::ObjectIdentifier;
use der::asn1::{Any, OctetString, SetOfVec};
use der::{Decode, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;

use crate::signer::{SignatureAlgorithm, Signer, SignerError};
use crate::timestamp::{TimestampAuthority, TimestampError, ID_AA_SIGNATURE_TIME_STAMP_TOKEN};

/// Why the CMS structure could not be built.
#[derive(Debug, thiserror::Error)]
pub enum CmsError {
    #[error("签章证书链为空")]
    NoCertificate,
    #[error("证书或签名结构编码错误：{0}")]
    Encoding(String),
    #[error(transparent)]
    Signer(#[from] SignerError),
    #[error(transparent)]
    Timestamp(#[from] TimestampError),
}

impl From<der::Error> for CmsError {
    fn from(e: der::Error) -> Self {
        CmsError::Encoding(e.to_string())
    }
}

/// `ESSCertIDv2` (RFC 5035). `hash_algorithm` DEFAULTs to SHA-256, so DER
/// leaves it out for SHA-256.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct EssCertIdV2 {
    #[asn1(optional = "true")]
    pub hash_algorithm: Option<AlgorithmIdentifierOwned>,
    pub cert_hash: OctetString,
    #[asn1(optional = "true")]
    pub issuer_serial: Option<IssuerSerial>,
}

/// `IssuerSerial` (RFC 5035).
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct IssuerSerial {
    pub issuer: Vec<GeneralName>,
    pub serial_number: SerialNumber,
}

/// `SigningCertificateV2` (RFC 5035), without policies.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
pub struct SigningCertificateV2 {
    pub certs: Vec<EssCertIdV2>,
    #[asn1(optional = "true")]
    pub policies: Option<Vec<Any>>,
}

fn sha256_algorithm() -> AlgorithmIdentifierOwned {
    // Parameters absent, as RFC 5754 prefers.
    AlgorithmIdentifierOwned {
        oid: ID_SHA_256,
        parameters: None,
    }
}

fn attribute(oid: ObjectIdentifier, value: Any) -> Result<Attribute, CmsError> {
    let mut values = SetOfVec::new();
    values.insert(value)?;
    Ok(Attribute { oid, values })
}

/// The signing-certificate-v2 value for `cert`.
pub fn signing_certificate_v2(
    cert_der: &[u8],
    cert: &Certificate,
) -> Result<SigningCertificateV2, der::Error> {
    Ok(SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            hash_algorithm: None,
            cert_hash: OctetString::new(Sha256::digest(cert_der).to_vec())?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(
                    cert.tbs_certificate.issuer.clone(),
                )],
                serial_number: cert.tbs_certificate.serial_number.clone(),
            }),
        }],
        policies: None,
    })
}

/// The DER-encoded ContentInfo(SignedData) over content whose SHA-256 is
/// `content_digest` (PAdES B-B).
pub fn build_signed_data(
    signer: &dyn Signer,
    content_digest: &[u8; 32],
) -> Result<Vec<u8>, CmsError> {
    build_signed_data_over(signer, &Content::Detached, content_digest, None)
}

/// [`build_signed_data`] with a signature timestamp from `tsa` over the
/// signature value, as the unsigned attribute signature-time-stamp-token
/// (RFC 3161 appendix A; PAdES B-T).
pub fn build_timestamped_signed_data(
    signer: &dyn Signer,
    content_digest: &[u8; 32],
    tsa: &dyn TimestampAuthority,
) -> Result<Vec<u8>, CmsError> {
    build_signed_data_over(signer, &Content::Detached, content_digest, Some(tsa))
}

/// What a SignedData signs: detached data (a PDF's byte ranges), or
/// content it carries of a given type (a timestamp's TSTInfo).
pub enum Content<'a> {
    Detached,
    Encapsulated {
        content_type: ObjectIdentifier,
        der: &'a [u8],
    },
}

/// The ContentInfo(SignedData) over `content`, whose SHA-256 is
/// `content_digest`, with signing-certificate-v2, and with a signature
/// timestamp when `tsa` is given.
pub fn build_signed_data_over(
    signer: &dyn Signer,
    content: &Content<'_>,
    content_digest: &[u8; 32],
    tsa: Option<&dyn TimestampAuthority>,
) -> Result<Vec<u8>, CmsError> {
    let chain = signer.certificate_chain();
    let leaf_der = chain.first().ok_or(CmsError::NoCertificate)?;
    let leaf = Certificate::from_der(leaf_der)?;
    let (content_type, econtent) = match content {
        Content::Detached => (ID_DATA, None),
        Content::Encapsulated { content_type, der } => (
            *content_type,
            Some(Any::encode_from(&OctetString::new(der.to_vec())?)?),
        ),
    };

    let mut signed_attrs: SignedAttributes = SetOfVec::new();
    signed_attrs.insert(attribute(
        ID_CONTENT_TYPE,
        Any::encode_from(&content_type)?,
    )?)?;
    signed_attrs.insert(attribute(
        ID_MESSAGE_DIGEST,
        Any::encode_from(&OctetString::new(content_digest.to_vec())?)?,
    )?)?;
    signed_attrs.insert(attribute(
        ID_AA_SIGNING_CERTIFICATE_V_2,
        Any::encode_from(&signing_certificate_v2(leaf_der, &leaf)?)?,
    )?)?;

    // The signature covers the attributes with their SET OF tag (RFC 5652
    // 5.4), not the [0] IMPLICIT tag they carry inside SignerInfo.
    let to_sign = signed_attrs.to_der()?;
    let signature = signer.sign(&to_sign)?;

    let signature_algorithm = match signer.algorithm() {
        SignatureAlgorithm::RsaPkcs1Sha256 => AlgorithmIdentifierOwned {
            oid: SHA_256_WITH_RSA_ENCRYPTION,
            parameters: Some(Any::null()),
        },
        SignatureAlgorithm::EcdsaP256Sha256 => AlgorithmIdentifierOwned {
            oid: ECDSA_WITH_SHA_256,
            parameters: None,
        },
    };

    let unsigned_attrs = match tsa {
        Some(tsa) => {
            let imprint: [u8; 32] = Sha256::digest(&signature).into();
            let token = tsa.timestamp(&imprint)?;
            let mut attrs = SetOfVec::new();
            attrs.insert(attribute(
                ID_AA_SIGNATURE_TIME_STAMP_TOKEN,
                Any::from_der(&token)?,
            )?)?;
            Some(attrs)
        }
        None => None,
    };

    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: leaf.tbs_certificate.issuer.clone(),
            serial_number: leaf.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: sha256_algorithm(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm,
        signature: OctetString::new(signature)?,
        unsigned_attrs,
    };

    let mut certificates = SetOfVec::new();
    for der in chain {
        certificates.insert(CertificateChoices::Certificate(Certificate::from_der(der)?))?;
    }
    let mut digest_algorithms = SetOfVec::new();
    digest_algorithms.insert(sha256_algorithm())?;
    let mut signer_infos = SetOfVec::new();
    signer_infos.insert(signer_info)?;

    let signed_data = SignedData {
        // RFC 5652 5.1: version 3 when the content is not id-data.
        version: if content_type == ID_DATA {
            CmsVersion::V1
        } else {
            CmsVersion::V3
        },
        digest_algorithms,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: content_type,
            econtent,
        },
        certificates: Some(certificates.into()),
        crls: None,
        signer_infos: signer_infos.into(),
    };
    let content_info = ContentInfo {
        content_type: ID_SIGNED_DATA,
        content: Any::encode_from(&signed_data)?,
    };
    Ok(content_info.to_der()?)
}

/// Whether `oid` names RSA PKCS#1 v1.5 in a SignerInfo (either spelling).
pub fn is_rsa_signature(oid: &ObjectIdentifier) -> bool {
    *oid == RSA_ENCRYPTION || *oid == SHA_256_WITH_RSA_ENCRYPTION
}
