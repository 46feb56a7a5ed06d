//! Trust: a path from the signer's certificate, through the certificates
//! the signature carries, to one of the configured roots. Every link's
//! signature is checked, issuers must be CAs, and every certificate must be
//! valid at the signing time. Revocation is not checked (B-B level).

use chrono::{DateTime, FixedOffset};
use der::{Decode, Encode};
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage, KeyUsages};
use x509_cert::Certificate;

use super::crypto;

/// Longest path we follow; real ones are three or four certificates.
const MAX_PATH: usize = 8;

/// The trust verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    /// The path ends at this configured root (its subject).
    Trusted { root: String },
    /// Why not.
    Untrusted(String),
}

impl Trust {
    /// A stable code, for the UI and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Trust::Trusted { .. } => "trusted",
            Trust::Untrusted(_) => "untrusted",
        }
    }

    /// What it means, for an officer.
    pub fn message_zh(&self) -> String {
        match self {
            Trust::Trusted { root } => format!("证书由受信任的根证书签发：{root}"),
            Trust::Untrusted(why) => format!("无法确认签章人身份：{why}"),
        }
    }
}

pub fn evaluate(
    signer: &Certificate,
    embedded: &[Certificate],
    roots: &[Certificate],
    signing_time: Option<&DateTime<FixedOffset>>,
) -> Trust {
    if let Err(why) = usable_for_signing(signer) {
        return Trust::Untrusted(why);
    }
    let mut current = signer.clone();
    for _ in 0..MAX_PATH {
        if let Some(time) = signing_time {
            if let Err(why) = valid_at(&current, time) {
                return Trust::Untrusted(why);
            }
        }
        // The certificate is itself a root.
        if roots.iter().any(|r| same(r, &current)) {
            return Trust::Trusted {
                root: current.tbs_certificate.subject.to_string(),
            };
        }
        if let Some(root) = roots.iter().find(|r| issued_by(&current, r)) {
            if let Some(time) = signing_time {
                if let Err(why) = valid_at(root, time) {
                    return Trust::Untrusted(why);
                }
            }
            return Trust::Trusted {
                root: root.tbs_certificate.subject.to_string(),
            };
        }
        let Some(issuer) = embedded
            .iter()
            .find(|c| !same(c, &current) && issued_by(&current, c))
        else {
            return Trust::Untrusted(format!(
                "找不到“{}”的签发者，或签发链不通向受信任的根证书",
                current.tbs_certificate.subject
            ));
        };
        if !is_ca(issuer) {
            return Trust::Untrusted(format!(
                "“{}”不是 CA 证书，不能签发证书",
                issuer.tbs_certificate.subject
            ));
        }
        current = issuer.clone();
    }
    Trust::Untrusted("证书链过长".into())
}

fn same(a: &Certificate, b: &Certificate) -> bool {
    a.to_der().ok() == b.to_der().ok()
}

/// Whether `issuer`'s key signed `cert` (names match and the signature
/// verifies).
fn issued_by(cert: &Certificate, issuer: &Certificate) -> bool {
    if cert.tbs_certificate.issuer != issuer.tbs_certificate.subject {
        return false;
    }
    let Ok(tbs) = cert.tbs_certificate.to_der() else {
        return false;
    };
    let Some(signature) = cert.signature.as_bytes() else {
        return false;
    };
    crypto::verify(
        &issuer.tbs_certificate.subject_public_key_info,
        &cert.signature_algorithm.oid,
        &tbs,
        signature,
    )
    .is_ok()
}

fn extension<'a, T: Decode<'a>>(
    cert: &'a Certificate,
    oid: der::asn1::ObjectIdentifier,
) -> Option<T> {
    let ext = cert
        .tbs_certificate
        .extensions
        .as_ref()?
        .iter()
        .find(|e| e.extn_id == oid)?;
    T::from_der(ext.extn_value.as_bytes()).ok()
}

fn is_ca(cert: &Certificate) -> bool {
    let ca = extension::<BasicConstraints>(cert, const_oid::db::rfc5280::ID_CE_BASIC_CONSTRAINTS)
        .is_some_and(|b| b.ca);
    let usage = extension::<KeyUsage>(cert, const_oid::db::rfc5280::ID_CE_KEY_USAGE);
    ca && usage.is_none_or(|u| u.0.contains(KeyUsages::KeyCertSign))
}

fn usable_for_signing(cert: &Certificate) -> Result<(), String> {
    match extension::<KeyUsage>(cert, const_oid::db::rfc5280::ID_CE_KEY_USAGE) {
        Some(u)
            if !u.0.contains(KeyUsages::DigitalSignature)
                && !u.0.contains(KeyUsages::NonRepudiation) =>
        {
            Err("签名证书的密钥用途不含数字签名或不可否认".into())
        }
        _ => Ok(()),
    }
}

fn valid_at(cert: &Certificate, time: &DateTime<FixedOffset>) -> Result<(), String> {
    let validity = &cert.tbs_certificate.validity;
    let secs = time.timestamp();
    let not_before = validity.not_before.to_unix_duration().as_secs() as i64;
    let not_after = validity.not_after.to_unix_duration().as_secs() as i64;
    if secs < not_before || secs > not_after {
        return Err(format!(
            "证书“{}”在签署时间不在有效期内",
            cert.tbs_certificate.subject
        ));
    }
    Ok(())
}
