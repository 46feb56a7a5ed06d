//! Checks the CMS SignedData of one signature: its structure, the
//! message-digest against the signed byte ranges, the signature over the
//! signed attributes, and signing-certificate-v2 against the signer's
//! certificate.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use const_oid::db::rfc5911::{ID_AA_SIGNING_CERTIFICATE_V_2, ID_DATA, ID_SIGNED_DATA};
use const_oid::db::rfc5912::ID_SHA_256;
use const_oid::db::rfc6268::{ID_CONTENT_TYPE, ID_MESSAGE_DIGEST};
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::SubjectKeyIdentifier;
use x509_cert::Certificate;

use super::crypto::{self, CheckError};
use super::SignatureStatus;
use crate::cms::SigningCertificateV2;

/// What a sound CMS yields for the rest of the checks.
pub struct Checked {
    pub signer: Certificate,
    /// The signer's certificate exactly as the CMS carries it: the path is
    /// checked over these bytes (the original TBS), never a re-encoding.
    pub signer_der: Vec<u8>,
    /// Every certificate the CMS carries, exactly as it carries them.
    pub certificates_der: Vec<Vec<u8>>,
    /// The one SignerInfo, for what lies outside its signature (a
    /// signature timestamp in its unsigned attributes).
    pub signer_info: SignerInfo,
}

/// The parsed CMS and the status; `signer` is set whenever it was found, so
/// a report can name who signed even a broken signature.
pub struct Outcome {
    pub status: SignatureStatus,
    pub checked: Option<Checked>,
}

fn malformed(what: impl std::fmt::Display) -> Outcome {
    Outcome {
        status: SignatureStatus::MalformedCms(what.to_string()),
        checked: None,
    }
}

/// `contents` is the /Contents value (DER, maybe zero-padded);
/// `content_digest` the SHA-256 of the signed byte ranges.
pub fn check(contents: &[u8], content_digest: &[u8], require_ess: bool) -> Outcome {
    let der = match der_prefix(contents) {
        Some(der) => der,
        None => return malformed("不是 DER 编码"),
    };
    let info = match ContentInfo::from_der(der) {
        Ok(info) => info,
        Err(e) => return malformed(e),
    };
    if info.content_type != ID_SIGNED_DATA {
        return malformed("不是 SignedData");
    }
    let signed = match info.content.decode_as::<SignedData>() {
        Ok(s) => s,
        Err(e) => return malformed(e),
    };
    let signer_infos = signed.signer_infos.0.as_slice();
    let [signer_info] = signer_infos else {
        return malformed(format!("应有 1 个签名者，实有 {}", signer_infos.len()));
    };
    if signed.encap_content_info.econtent_type != ID_DATA
        || signed.encap_content_info.econtent.is_some()
    {
        return malformed("不是分离式（detached）签名");
    }
    let certificates: Vec<Certificate> = signed
        .certificates
        .as_ref()
        .map(|set| {
            set.0
                .iter()
                .filter_map(|c| match c {
                    CertificateChoices::Certificate(c) => Some(c.clone()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let Some(certificates_der) = raw_certificates(info.content.value()) else {
        return malformed("证书集合无法读取");
    };
    // Both lists hold the same certificates in the same order; pair the
    // decoded view with the bytes it came from.
    if certificates_der.len() != certificates.len() {
        return malformed("证书集合无法读取");
    }
    let Some((signer, signer_der)) = certificates
        .iter()
        .zip(&certificates_der)
        .find(|(c, _)| identifies(&signer_info.sid, c))
        .map(|(c, d)| (c.clone(), d.clone()))
    else {
        return Outcome {
            status: SignatureStatus::SignerCertificateMissing,
            checked: None,
        };
    };
    let status = check_signer_info(signer_info, &signer, content_digest, require_ess);
    Outcome {
        status,
        checked: Some(Checked {
            signer,
            signer_der,
            certificates_der,
            signer_info: signer_info.clone(),
        }),
    }
}

fn check_signer_info(
    info: &SignerInfo,
    signer: &Certificate,
    content_digest: &[u8],
    require_ess: bool,
) -> SignatureStatus {
    if info.digest_alg.oid != ID_SHA_256 {
        return SignatureStatus::Unsupported(format!("摘要算法 {}", info.digest_alg.oid));
    }
    let Some(attrs) = &info.signed_attrs else {
        return SignatureStatus::MalformedCms("没有签名属性".into());
    };
    let single = |oid: ObjectIdentifier| {
        let found: Vec<_> = attrs.iter().filter(|a| a.oid == oid).collect();
        match found.as_slice() {
            [one] if one.values.len() == 1 => one.values.get(0).cloned(),
            _ => None,
        }
    };
    let content_type = single(ID_CONTENT_TYPE).and_then(|v| v.decode_as::<ObjectIdentifier>().ok());
    if content_type != Some(ID_DATA) {
        return SignatureStatus::MalformedCms("content-type 属性缺失或不是 id-data".into());
    }
    let Some(digest) = single(ID_MESSAGE_DIGEST).and_then(|v| v.decode_as::<OctetString>().ok())
    else {
        return SignatureStatus::MalformedCms("message-digest 属性缺失".into());
    };
    if digest.as_bytes() != content_digest {
        return SignatureStatus::DigestMismatch;
    }
    let Ok(signed_attrs_der) = attrs.to_der() else {
        return SignatureStatus::MalformedCms("签名属性无法编码".into());
    };
    match crypto::verify(
        &signer.tbs_certificate.subject_public_key_info,
        &info.signature_algorithm.oid,
        &signed_attrs_der,
        info.signature.as_bytes(),
    ) {
        Ok(()) => {}
        Err(CheckError::Invalid) => return SignatureStatus::BadSignature,
        Err(CheckError::Unsupported(what)) => return SignatureStatus::Unsupported(what),
    }
    match single(ID_AA_SIGNING_CERTIFICATE_V_2) {
        Some(value) => match value.decode_as::<SigningCertificateV2>() {
            Ok(ess) if ess_matches(&ess, signer) => SignatureStatus::Valid,
            _ => SignatureStatus::SigningCertificateMismatch,
        },
        None if require_ess => SignatureStatus::SigningCertificateMismatch,
        None => SignatureStatus::Valid,
    }
}

/// The first ESSCertIDv2 names the signer's certificate (RFC 5035 5.4).
fn ess_matches(ess: &SigningCertificateV2, signer: &Certificate) -> bool {
    let Some(first) = ess.certs.first() else {
        return false;
    };
    let hash_ok = match &first.hash_algorithm {
        None => true,
        Some(a) => a.oid == ID_SHA_256,
    };
    let Ok(der) = signer.to_der() else {
        return false;
    };
    if !hash_ok || first.cert_hash.as_bytes() != Sha256::digest(&der).as_slice() {
        return false;
    }
    match &first.issuer_serial {
        None => true,
        Some(is) => {
            is.serial_number == signer.tbs_certificate.serial_number
                && is.issuer.iter().any(|g| {
                    matches!(g, GeneralName::DirectoryName(n) if *n == signer.tbs_certificate.issuer)
                })
        }
    }
}

/// Whether `cert` is the one `sid` names (by issuer and serial, or by
/// subject key identifier).
pub(super) fn identifies(sid: &SignerIdentifier, cert: &Certificate) -> bool {
    match sid {
        SignerIdentifier::IssuerAndSerialNumber(ias) => {
            ias.issuer == cert.tbs_certificate.issuer
                && ias.serial_number == cert.tbs_certificate.serial_number
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => cert
            .tbs_certificate
            .extensions
            .as_ref()
            .and_then(|exts| {
                exts.iter()
                    .find(|e| e.extn_id == const_oid::db::rfc5280::ID_CE_SUBJECT_KEY_IDENTIFIER)
            })
            .and_then(|e| SubjectKeyIdentifier::from_der(e.extn_value.as_bytes()).ok())
            .is_some_and(|found| found == *ski),
    }
}

/// The DER value at the start of `bytes` (the /Contents string is padded
/// with zeros after it).
fn der_prefix(bytes: &[u8]) -> Option<&[u8]> {
    let mut reader = der::SliceReader::new(bytes).ok()?;
    let header = der::Header::decode(&mut reader).ok()?;
    let header_len = usize::try_from(header.encoded_len().ok()?).ok()?;
    let body_len = usize::try_from(header.length).ok()?;
    bytes.get(..header_len.checked_add(body_len)?)
}

/// The certificates of a SignedData (its content octets, without the outer
/// SEQUENCE header) as the bytes it holds them in: version, digest
/// algorithms and encapsulated content are skipped, then every
/// `Certificate` (a SEQUENCE) of the `[0] IMPLICIT` set is taken whole.
/// Other certificate choices (attribute certificates, `[n]` tagged) are
/// skipped, as the decoded list skips them.
fn raw_certificates(signed_data: &[u8]) -> Option<Vec<Vec<u8>>> {
    use der::{Reader, Tag, TagNumber};
    let mut reader = der::SliceReader::new(signed_data).ok()?;
    for _ in 0..3 {
        reader.tlv_bytes().ok()?;
    }
    let mut found = Vec::new();
    if reader.is_finished() {
        return Some(found);
    }
    let header = reader.peek_header().ok()?;
    let certificates_tag = Tag::ContextSpecific {
        constructed: true,
        number: TagNumber::N0,
    };
    if header.tag != certificates_tag {
        return Some(found);
    }
    let set = reader.tlv_bytes().ok()?;
    let mut outer = der::SliceReader::new(set).ok()?;
    let header = der::Header::decode(&mut outer).ok()?;
    let body = outer.read_slice(header.length).ok()?;
    let mut inner = der::SliceReader::new(body).ok()?;
    while !inner.is_finished() {
        let tlv = inner.tlv_bytes().ok()?;
        if tlv.first() == Some(&0x30) {
            found.push(tlv.to_vec());
        }
    }
    Some(found)
}
