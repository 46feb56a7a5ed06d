//! The signature timestamp of a seal (RFC 3161, PAdES B-T), when it has
//! one: a token in the signer's unsigned attributes whose TSTInfo holds the
//! hash of the signature value and the time the TSA saw it. The token is a
//! signature of its own and is checked as one: its TSTInfo's digest, its
//! signature, the TSA certificate it names (ESS signing-certificate, v1 or
//! v2) and that certificate's usage, id-kp-timeStamping. Whether the TSA is
//! trusted is the path check's, with the same roots as the seals.

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerInfo};
use const_oid::db::rfc5911::{ID_AA_SIGNING_CERTIFICATE, ID_AA_SIGNING_CERTIFICATE_V_2};
use const_oid::db::rfc5912::{ID_SHA_256, ID_SHA_384, ID_SHA_512};
use const_oid::db::rfc6268::{ID_CONTENT_TYPE, ID_MESSAGE_DIGEST};
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use sha2::Digest;
use x509_cert::ext::pkix::ExtendedKeyUsage;
use x509_cert::Certificate;
use x509_tsp::TstInfo;

use super::chain::{self, Purpose, Trust, TrustSet};
use super::cms_check::identifies;
use super::crypto;
use crate::cms::SigningCertificateV2;
use crate::timestamp::{ID_AA_SIGNATURE_TIME_STAMP_TOKEN, ID_CT_TST_INFO, ID_KP_TIME_STAMPING};

/// A token that checked out: the time it vouches for and who vouches.
#[derive(Debug, Clone)]
struct CheckedToken {
    /// genTime, in UTC.
    pub time: DateTime<FixedOffset>,
    /// The TSA certificate as the token carries it (DER), and the token's
    /// other certificates, for the path check.
    pub tsa_der: Vec<u8>,
    pub others: Vec<Vec<u8>>,
    pub tsa_subject: String,
}

/// What a seal's unsigned attributes say about its time.
#[derive(Debug, Clone)]
enum TokenOutcome {
    /// No signature timestamp (PAdES B-B): /M is the only, claimed, time.
    Absent,
    Checked(CheckedToken),
    /// A token is there but does not hold: why, in zh-CN.
    Broken(String),
}

/// The signature timestamp of `signer_info`, checked.
fn check(signer_info: &SignerInfo) -> TokenOutcome {
    let Some(attrs) = signer_info.unsigned_attrs.as_ref() else {
        return TokenOutcome::Absent;
    };
    let tokens: Vec<_> = attrs
        .iter()
        .filter(|a| a.oid == ID_AA_SIGNATURE_TIME_STAMP_TOKEN)
        .flat_map(|a| a.values.iter())
        .collect();
    match tokens.as_slice() {
        [] => TokenOutcome::Absent,
        [token] => match token
            .to_der()
            .map_err(|e| e.to_string())
            .and_then(|der| check_token(&der, signer_info.signature.as_bytes()))
        {
            Ok(checked) => TokenOutcome::Checked(checked),
            Err(why) => TokenOutcome::Broken(why),
        },
        _ => TokenOutcome::Broken("签章带有多个签名时间戳".into()),
    }
}

/// Checks the token `der` over `signature_value` (the seal's signature).
fn check_token(der: &[u8], signature_value: &[u8]) -> Result<CheckedToken, String> {
    let info = ContentInfo::from_der(der).map_err(|e| format!("时间戳结构无效：{e}"))?;
    let signed = info
        .content
        .decode_as::<SignedData>()
        .map_err(|e| format!("时间戳不是 SignedData：{e}"))?;
    if signed.encap_content_info.econtent_type != ID_CT_TST_INFO {
        return Err("时间戳的内容类型不是 TSTInfo".into());
    }
    let tst_der = signed
        .encap_content_info
        .econtent
        .as_ref()
        .ok_or("时间戳没有 TSTInfo 内容")?
        .decode_as::<OctetString>()
        .map_err(|e| format!("时间戳内容无效：{e}"))?;
    let tst = TstInfo::from_der(tst_der.as_bytes()).map_err(|e| format!("TSTInfo 无效：{e}"))?;
    let imprint = digest(&tst.message_imprint.hash_algorithm.oid, signature_value)
        .ok_or("时间戳使用了不支持的摘要算法")?;
    if tst.message_imprint.hashed_message.as_bytes() != imprint.as_slice() {
        return Err("时间戳所盖的不是本签章的签名值".into());
    }

    let [token_signer] = signed.signer_infos.0.as_slice() else {
        return Err("时间戳应有且只有一个签名者".into());
    };
    let certificates: Vec<(Vec<u8>, Certificate)> = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|choice| match choice {
            CertificateChoices::Certificate(c) => Some((c.to_der().ok()?, c.clone())),
            _ => None,
        })
        .collect();
    let (tsa_der, tsa) = certificates
        .iter()
        .find(|(_, c)| identifies(&token_signer.sid, c))
        .ok_or("时间戳中没有时间戳服务的证书")?;
    let attrs = token_signer
        .signed_attrs
        .as_ref()
        .ok_or("时间戳的签名没有签名属性")?;
    let value_of = |oid: ObjectIdentifier| {
        attrs
            .iter()
            .find(|a| a.oid == oid)
            .and_then(|a| a.values.iter().next())
    };
    let content_type = value_of(ID_CONTENT_TYPE)
        .and_then(|v| v.decode_as::<ObjectIdentifier>().ok())
        .ok_or("时间戳缺少 content-type 属性")?;
    if content_type != ID_CT_TST_INFO {
        return Err("时间戳的 content-type 属性不是 TSTInfo".into());
    }
    let message_digest = value_of(ID_MESSAGE_DIGEST)
        .and_then(|v| v.decode_as::<OctetString>().ok())
        .ok_or("时间戳缺少 message-digest 属性")?;
    let content_digest = digest(&token_signer.digest_alg.oid, tst_der.as_bytes())
        .ok_or("时间戳使用了不支持的摘要算法")?;
    if message_digest.as_bytes() != content_digest.as_slice() {
        return Err("时间戳内容与其签名不符（已被改动）".into());
    }
    binds_certificate(&value_of, tsa_der)?;
    let to_verify = attrs.to_der().map_err(|e| e.to_string())?;
    crypto::verify(
        &tsa.tbs_certificate.subject_public_key_info,
        &token_signer.signature_algorithm.oid,
        &to_verify,
        token_signer.signature.as_bytes(),
    )
    .map_err(|_| "时间戳的签名无效，时间戳可能是伪造的".to_string())?;
    if !stamps_time(tsa) {
        return Err(format!(
            "“{}”的证书不是时间戳服务证书（缺少关键的 id-kp-timeStamping 用途）",
            tsa.tbs_certificate.subject
        ));
    }
    let secs = i64::try_from(tst.gen_time.to_unix_duration().as_secs())
        .map_err(|_| "时间戳时间无效".to_string())?;
    let time = Utc
        .timestamp_opt(secs, 0)
        .single()
        .ok_or("时间戳时间无效")?
        .fixed_offset();
    Ok(CheckedToken {
        time,
        tsa_der: tsa_der.clone(),
        others: certificates
            .iter()
            .filter(|(d, _)| d != tsa_der)
            .map(|(d, _)| d.clone())
            .collect(),
        tsa_subject: tsa.tbs_certificate.subject.to_string(),
    })
}

/// The ESS signing-certificate (v1, SHA-1) or -v2 attribute names exactly
/// the TSA certificate (RFC 3161 section 2.4.1, RFC 5816), so another
/// certificate with the same key cannot stand in for it.
fn binds_certificate<'a>(
    value_of: &dyn Fn(ObjectIdentifier) -> Option<&'a der::Any>,
    tsa_der: &[u8],
) -> Result<(), String> {
    if let Some(v2) = value_of(ID_AA_SIGNING_CERTIFICATE_V_2) {
        let v2 = v2
            .decode_as::<SigningCertificateV2>()
            .map_err(|e| format!("时间戳的 signing-certificate-v2 无效：{e}"))?;
        let first = v2
            .certs
            .first()
            .ok_or("时间戳的 signing-certificate-v2 为空")?;
        let algorithm = first.hash_algorithm.as_ref().map_or(ID_SHA_256, |a| a.oid);
        let hash = digest(&algorithm, tsa_der).ok_or("时间戳使用了不支持的摘要算法")?;
        return if first.cert_hash.as_bytes() == hash.as_slice() {
            Ok(())
        } else {
            Err("时间戳的 signing-certificate-v2 与其证书不符".into())
        };
    }
    if let Some(v1) = value_of(ID_AA_SIGNING_CERTIFICATE) {
        let v1 = v1
            .decode_as::<SigningCertificateV1>()
            .map_err(|e| format!("时间戳的 signing-certificate 无效：{e}"))?;
        let first = v1
            .certs
            .first()
            .ok_or("时间戳的 signing-certificate 为空")?;
        let hash = sha1::Sha1::digest(tsa_der);
        return if first.cert_hash.as_bytes() == hash.as_slice() {
            Ok(())
        } else {
            Err("时间戳的 signing-certificate 与其证书不符".into())
        };
    }
    Err("时间戳缺少 signing-certificate 属性，无法确认签发它的证书".into())
}

/// `SigningCertificate` (RFC 2634), as older TSAs write it: the first
/// ESSCertID's hash is the SHA-1 of the TSA certificate.
#[derive(Clone, Debug, Eq, PartialEq, der::Sequence)]
struct SigningCertificateV1 {
    certs: Vec<EssCertIdV1>,
    #[asn1(optional = "true")]
    policies: Option<Vec<der::Any>>,
}

#[derive(Clone, Debug, Eq, PartialEq, der::Sequence)]
struct EssCertIdV1 {
    cert_hash: OctetString,
    #[asn1(optional = "true")]
    issuer_serial: Option<der::Any>,
}

/// The certificate's extended key usage is exactly id-kp-timeStamping and
/// marked critical (RFC 3161 section 2.3).
fn stamps_time(cert: &Certificate) -> bool {
    let Some(extensions) = cert.tbs_certificate.extensions.as_ref() else {
        return false;
    };
    extensions.iter().any(|ext| {
        ext.extn_id == const_oid::db::rfc5280::ID_CE_EXT_KEY_USAGE
            && ext.critical
            && ExtendedKeyUsage::from_der(ext.extn_value.as_bytes())
                .is_ok_and(|eku| eku.0 == [ID_KP_TIME_STAMPING])
    })
}

fn digest(algorithm: &ObjectIdentifier, data: &[u8]) -> Option<Vec<u8>> {
    match *algorithm {
        a if a == ID_SHA_256 => Some(sha2::Sha256::digest(data).to_vec()),
        a if a == ID_SHA_384 => Some(sha2::Sha384::digest(data).to_vec()),
        a if a == ID_SHA_512 => Some(sha2::Sha512::digest(data).to_vec()),
        // SHA-1 (broken for this use) and anything else: not accepted.
        _ => None,
    }
}

/// A seal's signature timestamp as the report gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureTimestamp {
    /// The time the TSA vouches for (genTime, UTC), when the token could
    /// be read that far.
    pub time: Option<DateTime<FixedOffset>>,
    /// The TSA certificate's subject.
    pub tsa_subject: Option<String>,
    /// `None` when the token holds; else why not (zh-CN).
    pub broken: Option<String>,
    /// Whether the TSA chains to a trusted root (judged at its own time).
    pub trust: Trust,
}

impl SignatureTimestamp {
    /// The token holds and its TSA is trusted: its time is the seal's.
    pub fn is_valid(&self) -> bool {
        self.broken.is_none() && matches!(self.trust, Trust::Trusted { .. })
    }

    /// A stable code, for the UI and scripts.
    pub fn code(&self) -> &'static str {
        match (&self.broken, &self.trust) {
            (Some(_), _) => "broken",
            (None, Trust::Trusted { .. }) => "valid",
            (None, Trust::Untrusted(_)) => "untrusted",
        }
    }

    /// What it means, for an officer.
    pub fn message_zh(&self) -> String {
        // Officers read Beijing time; genTime is UTC.
        let beijing = chrono::FixedOffset::east_opt(8 * 3600);
        let at = match (self.time, beijing) {
            (Some(t), Some(zone)) => t
                .with_timezone(&zone)
                .format("%Y-%m-%d %H:%M:%S（北京时间）")
                .to_string(),
            _ => "未知".into(),
        };
        match (&self.broken, &self.trust) {
            (Some(why), _) => format!("签名时间戳无效：{why}"),
            (None, Trust::Trusted { root }) => format!(
                "时间戳服务“{}”证明签章不晚于 {at}（根证书：{root}）",
                self.tsa_subject.as_deref().unwrap_or("")
            ),
            (None, Trust::Untrusted(why)) => format!(
                "签名时间戳完好（{at}），但无法确认时间戳服务“{}”：{why}",
                self.tsa_subject.as_deref().unwrap_or("")
            ),
        }
    }
}

/// The signature timestamp of `signer_info` for the report: `None` when
/// there is none; its TSA judged for time stamping against `trust` at
/// the time it vouches for.
pub fn report(signer_info: &SignerInfo, trust: &TrustSet) -> Option<SignatureTimestamp> {
    match check(signer_info) {
        TokenOutcome::Absent => None,
        TokenOutcome::Broken(why) => Some(SignatureTimestamp {
            time: None,
            tsa_subject: None,
            broken: Some(why),
            trust: Trust::Untrusted("时间戳无效，未检查信任".into()),
        }),
        TokenOutcome::Checked(token) => Some(SignatureTimestamp {
            time: Some(token.time),
            trust: chain::evaluate_for(
                Purpose::TimeStamping,
                &token.tsa_der,
                &token.others,
                trust,
                &token.time,
            ),
            tsa_subject: Some(token.tsa_subject),
            broken: None,
        }),
    }
}
