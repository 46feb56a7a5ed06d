//! Trust: a certificate path by RFC 5280 from the signer's certificate,
//! through the certificates the signature carries, to one of the configured
//! roots, judged at a time the caller passes in (today the signing time
//! /M; a timestamp's time once PAdES B-T is checked).
//!
//! The path is built and validated by `rustls-webpki` (a path validator
//! kept by the rustls project and fuzzed there), with our own pure-Rust
//! signature checks plugged in ([`crypto::PATH_ALGORITHMS`]): validity
//! periods, basicConstraints and pathLenConstraint, extended key usage of
//! every certificate in the path, unknown critical extensions, name
//! constraints, signatures over the original TBS bytes, and revocation
//! against the CRLs given. What webpki leaves to its caller is checked in
//! [`extra_checks`] on every path it accepts: the signer's keyUsage, the
//! CAs' keyCertSign, the RSA size of the signer's key and the root's
//! validity. A failure is then explained in zh-CN by [`explain`], naming
//! the rule and the certificate.

use std::cell::RefCell;

use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use const_oid::ObjectIdentifier;
use der::{Decode, Encode};
use rustls_pki_types::{CertificateDer, TrustAnchor, UnixTime};
use webpki::{
    BorrowedCertRevocationList, CertRevocationList, EndEntityCert, ExtendedKeyUsageValidator,
    KeyPurposeId, KeyPurposeIdIter, RequiredEkuNotFoundContext, RevocationCheckDepth,
    RevocationOptionsBuilder, UnknownStatusPolicy, VerifiedPath,
};
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::{
    BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages, NameConstraints,
};
use x509_cert::name::Name;
use x509_cert::Certificate;

use super::crypto;

/// Longest path the diagnostics follow; webpki has its own limit (six
/// intermediates).
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

// --- Extended key usage ---------------------------------------------------
//
// An extendedKeyUsage extension, when a certificate has one, limits what
// its key may be used for (RFC 5280 4.2.1.12). A seal signs documents, so
// the signer (and, as webpki checks EKU along the whole path the way
// browsers do, every intermediate that has the extension) must allow one
// of these purposes:
// - id-kp-documentSigning (1.3.6.1.5.5.7.3.36, RFC 9336): the purpose
//   made for signing human-readable documents;
// - Adobe's Authentic Documents Trust (1.2.840.113583.1.1.5): what Adobe
//   Acrobat looks for in PDF signing certificates;
// - Microsoft Document Signing (1.3.6.1.4.1.311.10.3.12): issued by
//   Windows CAs for document signatures, accepted by Acrobat;
// - id-kp-emailProtection (1.3.6.1.5.5.7.3.4): S/MIME, i.e. CMS
//   signatures, which a PAdES signature is; many personal and
//   organisation signing certificates carry only this one;
// - anyExtendedKeyUsage (2.5.29.37.0): the issuer does not restrict it.
// Purposes for other protocols (serverAuth, clientAuth, codeSigning,
// timeStamping, OCSPSigning) are refused: a TLS server's or a code
// signer's key must not pass for a department's seal.

/// The purposes a signer's EKU may name (see above), DER contents.
static DOCUMENT_SIGNING: [u8; 8] = [0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x24];
const ALLOWED_PURPOSES: [ObjectIdentifier; 5] = [
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.36"),
    ObjectIdentifier::new_unwrap("1.2.840.113583.1.1.5"),
    ObjectIdentifier::new_unwrap("1.3.6.1.4.1.311.10.3.12"),
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.4"),
    ObjectIdentifier::new_unwrap("2.5.29.37.0"),
];

/// id-kp-timeStamping, DER contents (RFC 3161 section 2.3).
static TIME_STAMPING: [u8; 8] = [0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x08];
/// What a timestamp authority's path may name: id-kp-timeStamping, or
/// anyExtendedKeyUsage on an intermediate (the TSA's own certificate must
/// name id-kp-timeStamping alone, critical: checked with its token).
const TIME_STAMPING_PURPOSES: [ObjectIdentifier; 2] = [
    ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.8"),
    ObjectIdentifier::new_unwrap("2.5.29.37.0"),
];

/// What the key at the end of a path is trusted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A seal on a document (the purposes above).
    DocumentSigning,
    /// A timestamp authority's tokens.
    TimeStamping,
}

impl Purpose {
    fn allowed(self) -> &'static [ObjectIdentifier] {
        match self {
            Purpose::DocumentSigning => &ALLOWED_PURPOSES,
            Purpose::TimeStamping => &TIME_STAMPING_PURPOSES,
        }
    }

    fn allows(self, eku: &ExtendedKeyUsage) -> bool {
        eku.0.iter().any(|oid| self.allowed().contains(oid))
    }

    /// The purpose as an officer reads it.
    fn name_zh(self) -> &'static str {
        match self {
            Purpose::DocumentSigning => "文档签名",
            Purpose::TimeStamping => "时间戳服务",
        }
    }
}

/// webpki's EKU hook: a certificate without the extension passes; one with
/// it must name a purpose allowed for `self`.
impl ExtendedKeyUsageValidator for Purpose {
    fn validate(&self, iter: KeyPurposeIdIter<'_, '_>) -> Result<(), webpki::Error> {
        let mut present = Vec::new();
        for id in iter {
            let id = id?;
            if self
                .allowed()
                .iter()
                .any(|allowed| KeyPurposeId::new(allowed.as_bytes()) == id)
            {
                return Ok(());
            }
            present.push(id.to_decoded_oid());
        }
        if present.is_empty() {
            return Ok(());
        }
        let required: &'static [u8] = match self {
            Purpose::DocumentSigning => &DOCUMENT_SIGNING,
            Purpose::TimeStamping => &TIME_STAMPING,
        };
        Err(webpki::Error::RequiredEkuNotFoundContext(
            RequiredEkuNotFoundContext {
                required: webpki::KeyUsage::required(required),
                present,
            },
        ))
    }
}

// --- The judgement -----------------------------------------------------------

/// What the path is judged against: the configured roots (DER, exactly as
/// given) and the CRLs (DER, parsed once when the options were read).
pub struct TrustSet {
    pub roots: Vec<Vec<u8>>,
    pub crls: Vec<Vec<u8>>,
}

/// A certificate as it came, and its decoded view (for names and
/// diagnostics only: signatures are checked over `der`).
struct Held {
    der: Vec<u8>,
    cert: Certificate,
}

impl Held {
    fn parse(der: &[u8]) -> Option<Self> {
        Some(Self {
            der: der.to_vec(),
            cert: Certificate::from_der(der).ok()?,
        })
    }

    fn subject(&self) -> String {
        self.cert.tbs_certificate.subject.to_string()
    }
}

/// Judges the path of `signer_der` (as the CMS carries it) with the other
/// certificates of the CMS, against `trust`, at `time`, for a seal.
pub fn evaluate(
    signer_der: &[u8],
    embedded: &[Vec<u8>],
    trust: &TrustSet,
    time: &DateTime<FixedOffset>,
) -> Trust {
    evaluate_for(Purpose::DocumentSigning, signer_der, embedded, trust, time)
}

/// [`evaluate`] for a key used for `purpose`.
pub fn evaluate_for(
    purpose: Purpose,
    signer_der: &[u8],
    embedded: &[Vec<u8>],
    trust: &TrustSet,
    time: &DateTime<FixedOffset>,
) -> Trust {
    let Some(signer) = Held::parse(signer_der) else {
        return Trust::Untrusted("签章人证书无法解析".into());
    };
    let Ok(secs) = u64::try_from(time.timestamp()) else {
        return Trust::Untrusted("判定时间早于 1970 年".into());
    };
    let at = UnixTime::since_unix_epoch(std::time::Duration::from_secs(secs));
    let roots: Vec<Held> = trust.roots.iter().filter_map(|r| Held::parse(r)).collect();
    let root_ders: Vec<CertificateDer<'_>> = roots
        .iter()
        .map(|r| CertificateDer::from(r.der.as_slice()))
        .collect();
    let anchors: Vec<TrustAnchor<'_>> = root_ders
        .iter()
        .filter_map(|d| webpki::anchor_from_trusted_cert(d).ok())
        .collect();
    let others: Vec<Held> = embedded
        .iter()
        .filter(|d| d.as_slice() != signer_der)
        .filter_map(|d| Held::parse(d))
        .collect();
    let intermediates: Vec<CertificateDer<'_>> = others
        .iter()
        .map(|c| CertificateDer::from(c.der.as_slice()))
        .collect();
    let crls: Vec<CertRevocationList<'_>> = trust
        .crls
        .iter()
        .filter_map(|d| BorrowedCertRevocationList::from_der(d).ok())
        .map(CertRevocationList::from)
        .collect();
    let signer_cert_der = CertificateDer::from(signer.der.as_slice());
    let end_entity = match EndEntityCert::try_from(&signer_cert_der) {
        Ok(ee) => ee,
        Err(e) => {
            let context = Context {
                signer: &signer,
                others: &others,
                roots: &roots,
                crls: &trust.crls,
                time,
                purpose,
            };
            return Trust::Untrusted(context.explain(&e, None));
        }
    };
    // webpki consults only the first CRL of an issuer it is given, so the
    // path is validated once per CRL (once with none when none is given):
    // every certificate of the path, the signer's and the intermediates',
    // is held against every CRL whose issuer is its issuer. A certificate
    // no CRL speaks for passes (CRLs are checked when present); a CRL
    // that speaks for one must verify with its issuer's key and must not
    // have expired at the time of judgement, else the path is untrusted.
    // Revocation dates are not compared: a listed certificate is refused
    // whatever the date (nothing but /M yet says when the seal was made).
    let runs: Vec<(Option<&CertRevocationList<'_>>, &[Vec<u8>])> = if crls.is_empty() {
        vec![(None, &[])]
    } else {
        crls.iter()
            .zip(&trust.crls)
            .map(|(crl, der)| (Some(crl), std::slice::from_ref(der)))
            .collect()
    };
    let mut trusted = None;
    for (crl, crl_der) in runs {
        let context = Context {
            signer: &signer,
            others: &others,
            roots: &roots,
            crls: crl_der,
            time,
            purpose,
        };
        let crl_refs: Vec<&CertRevocationList<'_>> = crl.into_iter().collect();
        let revocation = RevocationOptionsBuilder::new(&crl_refs).ok().map(|b| {
            b.with_depth(RevocationCheckDepth::Chain)
                .with_status_policy(UnknownStatusPolicy::Allow)
                .with_expiration_policy(webpki::ExpirationPolicy::Enforce)
                .build()
        });
        let rejected: RefCell<Option<String>> = RefCell::new(None);
        let check = |path: &VerifiedPath<'_>| -> Result<(), webpki::Error> {
            match context.extra_checks(path) {
                Ok(()) => Ok(()),
                Err(why) => {
                    rejected.borrow_mut().get_or_insert(why);
                    Err(EXTRA_CHECK_FAILED)
                }
            }
        };
        let result = end_entity.verify_for_usage(
            crypto::PATH_ALGORITHMS,
            &anchors,
            &intermediates,
            at,
            purpose,
            revocation,
            Some(&check),
        );
        match result {
            Ok(path) => {
                let anchor = path.anchor();
                trusted = roots
                    .iter()
                    .find(|r| is_anchor(r, anchor))
                    .map(Held::subject);
            }
            Err(e) => {
                let recorded = rejected.borrow().clone();
                return Trust::Untrusted(context.explain(&e, recorded));
            }
        }
    }
    Trust::Trusted {
        root: trusted.unwrap_or_default(),
    }
}

/// What `extra_checks` answers webpki when it refuses a path; the reason is
/// kept aside. webpki never returns it itself here (it comes from naming a
/// server, which a seal check never asks for).
const EXTRA_CHECK_FAILED: webpki::Error = webpki::Error::UnsupportedNameType;

fn is_anchor(root: &Held, anchor: &TrustAnchor<'_>) -> bool {
    let der = CertificateDer::from(root.der.as_slice());
    webpki::anchor_from_trusted_cert(&der).is_ok_and(|a| {
        a.subject.as_ref() == anchor.subject.as_ref()
            && a.subject_public_key_info.as_ref() == anchor.subject_public_key_info.as_ref()
    })
}

struct Context<'a> {
    signer: &'a Held,
    others: &'a [Held],
    roots: &'a [Held],
    crls: &'a [Vec<u8>],
    time: &'a DateTime<FixedOffset>,
    purpose: Purpose,
}

impl Context<'_> {
    /// The rules webpki leaves to its caller, on a path it has accepted.
    fn extra_checks(&self, path: &VerifiedPath<'_>) -> Result<(), String> {
        let signer = &self.signer.cert;
        // RFC 5280 4.2.1.3: a key that signs documents needs
        // digitalSignature or nonRepudiation (contentCommitment).
        if let Some(usage) = extension::<KeyUsage>(signer, ID_KEY_USAGE) {
            if !usage.0.contains(KeyUsages::DigitalSignature)
                && !usage.0.contains(KeyUsages::NonRepudiation)
            {
                return Err(format!(
                    "签章人证书“{}”的密钥用途（keyUsage）不含数字签名（digitalSignature）或不可否认（nonRepudiation）",
                    self.signer.subject()
                ));
            }
        }
        // Keys of the issuers are held to 2048 bits by the signature
        // checks themselves; the signer's key signs only the CMS.
        if let Some(bits) = spki_rsa_bits(signer) {
            if bits < crypto::MIN_RSA_BITS {
                return Err(format!(
                    "签章人证书“{}”的 RSA 密钥只有 {bits} 位，低于要求的 {} 位",
                    self.signer.subject(),
                    crypto::MIN_RSA_BITS
                ));
            }
        }
        // RFC 5280 4.2.1.3/4.2.1.9: a CA's key signs certificates only if
        // its keyUsage, when present, has keyCertSign.
        for intermediate in path.intermediate_certificates() {
            let Ok(cert) = Certificate::from_der(intermediate.der().as_ref()) else {
                return Err("中间证书无法解析".into());
            };
            cannot_sign_certificates(&cert)?;
        }
        let anchor = path.anchor();
        let Some(root) = self.roots.iter().find(|r| is_anchor(r, anchor)) else {
            return Err("找不到所用的根证书".into());
        };
        cannot_sign_certificates(&root.cert)?;
        // webpki takes a root as a name and a key; its validity is ours.
        not_valid_at(&root.cert, self.time)?;
        Ok(())
    }

    /// The rule that failed and the certificate that broke it, for an
    /// officer. `recorded` is what `extra_checks` said, if it refused.
    // The unit variants are deprecated but webpki may still return them.
    #[allow(deprecated)]
    fn explain(&self, error: &webpki::Error, recorded: Option<String>) -> String {
        use webpki::Error as E;
        let (path, root) = self.candidate_path();
        let all = || path.iter().copied().chain(root);
        let signer = self.signer.subject();
        let fallback = || format!("证书路径校验失败（{error:?}）");
        match error {
            e if *e == EXTRA_CHECK_FAILED => recorded.unwrap_or_else(fallback),
            E::CertExpired { .. } | E::CertNotValidYet { .. } | E::InvalidCertValidity => all()
                .find_map(|c| not_valid_at(&c.cert, self.time).err())
                .unwrap_or_else(|| {
                    format!(
                        "证书路径中有证书在判定时间（{}）不在有效期内",
                        self.time.to_rfc3339()
                    )
                }),
            E::UnsupportedCriticalExtension => path
                .iter()
                .find_map(|c| {
                    unknown_critical(&c.cert).map(|oid| {
                        format!(
                            "证书“{}”含有本系统无法处理的关键扩展（{oid}），按 RFC 5280 必须拒绝",
                            c.subject()
                        )
                    })
                })
                .unwrap_or_else(|| "证书路径中有证书含有无法处理的关键扩展".into()),
            E::CaUsedAsEndEntity => format!(
                "签章人证书“{signer}”是 CA 证书（basicConstraints cA=true），不能用于签章"
            ),
            E::EndEntityUsedAsCa => path
                .windows(2)
                .find(|pair| !is_ca(&pair[1].cert))
                .map(|pair| {
                    format!(
                        "证书“{}”不是 CA 证书（basicConstraints 没有 cA=true），却签发了“{}”",
                        pair[1].subject(),
                        pair[0].subject()
                    )
                })
                .unwrap_or_else(|| "证书路径中有非 CA 证书签发了证书".into()),
            E::PathLenConstraintViolated => path
                .iter()
                .enumerate()
                .skip(1)
                .find_map(|(index, c)| {
                    let below = index - 1;
                    let limit = extension::<BasicConstraints>(&c.cert, ID_BASIC_CONSTRAINTS)
                        .and_then(|b| b.path_len_constraint)?;
                    (usize::from(limit) < below).then(|| {
                        format!(
                            "CA 证书“{}”的路径长度约束（pathLenConstraint）为 {limit}，其下却还有 {below} 级中间 CA",
                            c.subject()
                        )
                    })
                })
                .unwrap_or_else(|| "证书路径超出了 CA 的路径长度约束（pathLenConstraint）".into()),
            E::RequiredEkuNotFound | E::RequiredEkuNotFoundContext(_) | E::EmptyEkuExtension => {
                path.iter()
                    .find_map(|c| {
                        let eku = extension::<ExtendedKeyUsage>(&c.cert, ID_EXT_KEY_USAGE)?;
                        (!self.purpose.allows(&eku)).then(|| {
                            let listed: Vec<String> =
                                eku.0.iter().map(purpose_name).collect();
                            format!(
                                "证书“{}”的扩展密钥用途（extendedKeyUsage：{}）不允许用于{}",
                                c.subject(),
                                if listed.is_empty() { "空".into() } else { listed.join("、") },
                                self.purpose.name_zh()
                            )
                        })
                    })
                    .unwrap_or_else(|| {
                        format!("证书的扩展密钥用途不允许用于{}", self.purpose.name_zh())
                    })
            }
            E::NameConstraintViolation | E::MalformedNameConstraint => {
                self.explain_name_constraints(&path, root)
            }
            E::CertRevoked => all()
                .find_map(|c| self.revocation_of(c))
                .unwrap_or_else(|| format!("证书路径中有证书已被吊销（签章人“{signer}”）")),
            E::CrlExpired { next_update, .. } => {
                let issuer = self.crl_issuer_expired_at().unwrap_or_default();
                format!(
                    "吊销列表（签发者“{issuer}”）在判定时间（{}）已过期：下次更新时间为 {}，应取得更新的吊销列表",
                    self.time.to_rfc3339(),
                    unix_text(next_update.as_secs())
                )
            }
            E::InvalidCrlSignatureForPublicKey
            | E::UnsupportedCrlSignatureAlgorithm
            | E::UnsupportedCrlSignatureAlgorithmContext(_)
            | E::UnsupportedCrlSignatureAlgorithmForPublicKey
            | E::UnsupportedCrlSignatureAlgorithmForPublicKeyContext(_) => {
                let issuers = self.crl_issuers_on(&path);
                format!(
                    "吊销列表（签发者“{}”）的签名无法用签发者的公钥验证，吊销列表可能是伪造的",
                    issuers.join("、")
                )
            }
            E::IssuerNotCrlSigner => format!(
                "吊销列表的签发者“{}”的密钥用途不含 cRLSign，不能签发吊销列表",
                self.crl_issuers_on(&path).join("、")
            ),
            E::InvalidSignatureForPublicKey
            | E::SignatureAlgorithmMismatch
            | E::UnsupportedSignatureAlgorithm
            | E::UnsupportedSignatureAlgorithmContext(_)
            | E::UnsupportedSignatureAlgorithmForPublicKey
            | E::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => {
                self.explain_signature(&path, root)
            }
            E::UnknownIssuer => {
                let last = path.last().map(|c| c.subject()).unwrap_or(signer);
                format!("找不到“{last}”的签发者，或签发链不通向受信任的根证书")
            }
            E::MaximumPathDepthExceeded
            | E::MaximumPathBuildCallsExceeded
            | E::MaximumSignatureChecksExceeded => "证书链过长或过于复杂".into(),
            E::CertDistrusted => "证书路径中有已被撤销信任的证书".into(),
            E::BadDer | E::BadDerTime | E::TrailingData(_) | E::MalformedExtensions => {
                format!("签章人证书“{signer}”或其签发链中的证书编码有误")
            }
            _ => fallback(),
        }
    }

    /// The path as names lead it: the signer, then each certificate whose
    /// subject is the previous one's issuer, until a configured root is its
    /// issuer. For diagnostics only.
    fn candidate_path(&self) -> (Vec<&Held>, Option<&Held>) {
        let mut path = vec![self.signer];
        for _ in 0..MAX_PATH {
            let Some(current) = path.last().copied() else {
                break;
            };
            let issuer = &current.cert.tbs_certificate.issuer;
            if let Some(root) = self
                .roots
                .iter()
                .find(|r| r.cert.tbs_certificate.subject == *issuer)
            {
                return (path, Some(root));
            }
            let next = self.others.iter().find(|c| {
                c.cert.tbs_certificate.subject == *issuer && !path.iter().any(|p| p.der == c.der)
            });
            match next {
                Some(next) => path.push(next),
                None => break,
            }
        }
        (path, None)
    }

    fn explain_signature(&self, path: &[&Held], root: Option<&Held>) -> String {
        let issuers = path.iter().skip(1).copied().chain(root);
        for (cert, issuer) in path.iter().zip(issuers) {
            if let Some(bits) = spki_rsa_bits(&issuer.cert) {
                if bits < crypto::MIN_RSA_BITS {
                    return format!(
                        "证书“{}”的 RSA 密钥只有 {bits} 位，低于要求的 {} 位，其签发的证书不被接受",
                        issuer.subject(),
                        crypto::MIN_RSA_BITS
                    );
                }
            }
            if !signed_by(cert, issuer) {
                return format!(
                    "证书“{}”的签名无法用签发者“{}”的公钥验证（签名算法 {}）",
                    cert.subject(),
                    issuer.subject(),
                    cert.cert.signature_algorithm.oid
                );
            }
        }
        "证书路径中有证书的签名无法验证或使用了不支持的算法".into()
    }

    fn explain_name_constraints(&self, path: &[&Held], root: Option<&Held>) -> String {
        // The constraining CA nearest the root first, as RFC 5280 6.1
        // processes them.
        let cas: Vec<&Held> = root
            .into_iter()
            .chain(path.iter().skip(1).rev().copied())
            .collect();
        for ca in &cas {
            let Some(constraints) = extension::<NameConstraints>(&ca.cert, ID_NAME_CONSTRAINTS)
            else {
                continue;
            };
            let only_directory = constraints
                .permitted_subtrees
                .iter()
                .chain(constraints.excluded_subtrees.iter())
                .flatten()
                .all(|s| matches!(s.base, GeneralName::DirectoryName(_)));
            let below = path
                .iter()
                .take_while(|c| c.der != ca.der)
                .copied()
                .collect::<Vec<_>>();
            if let Some(breaker) = below
                .iter()
                .rev()
                .find(|c| !directory_name_conforms(&c.cert.tbs_certificate.subject, &constraints))
            {
                return format!(
                    "证书“{}”的名称不在 CA 证书“{}”的名称约束（nameConstraints）允许范围内",
                    breaker.subject(),
                    ca.subject()
                );
            }
            if only_directory {
                return format!(
                    "CA 证书“{}”带有目录名称（directoryName）名称约束；本系统的路径校验器不处理这种约束，按 RFC 5280 一律拒绝",
                    ca.subject()
                );
            }
            return format!(
                "证书路径不符合 CA 证书“{}”的名称约束（nameConstraints）",
                ca.subject()
            );
        }
        "证书路径不符合名称约束（nameConstraints）".into()
    }

    fn revocation_of(&self, cert: &Held) -> Option<String> {
        let tbs = &cert.cert.tbs_certificate;
        self.crls.iter().find_map(|der| {
            let crl = CertificateList::from_der(der).ok()?;
            if crl.tbs_cert_list.issuer != tbs.issuer {
                return None;
            }
            let entry = crl
                .tbs_cert_list
                .revoked_certificates
                .as_ref()?
                .iter()
                .find(|r| r.serial_number == tbs.serial_number)?;
            let when = unix_text(entry.revocation_date.to_unix_duration().as_secs());
            Some(format!(
                "证书“{}”已被吊销（吊销列表签发者“{}”，吊销时间 {when}）",
                cert.subject(),
                crl.tbs_cert_list.issuer
            ))
        })
    }

    fn crl_issuer_expired_at(&self) -> Option<String> {
        let secs = self.time.timestamp();
        self.crls.iter().find_map(|der| {
            let crl = CertificateList::from_der(der).ok()?;
            let next = crl.tbs_cert_list.next_update?;
            let next = i64::try_from(next.to_unix_duration().as_secs()).ok()?;
            (next < secs).then(|| crl.tbs_cert_list.issuer.to_string())
        })
    }

    /// The issuers of the given CRLs that issued a certificate of `path`.
    fn crl_issuers_on(&self, path: &[&Held]) -> Vec<String> {
        let issuers: Vec<&Name> = path
            .iter()
            .map(|c| &c.cert.tbs_certificate.issuer)
            .collect();
        self.crls
            .iter()
            .filter_map(|der| CertificateList::from_der(der).ok())
            .filter(|crl| issuers.contains(&&crl.tbs_cert_list.issuer))
            .map(|crl| crl.tbs_cert_list.issuer.to_string())
            .collect()
    }
}

const ID_KEY_USAGE: ObjectIdentifier = const_oid::db::rfc5280::ID_CE_KEY_USAGE;
const ID_BASIC_CONSTRAINTS: ObjectIdentifier = const_oid::db::rfc5280::ID_CE_BASIC_CONSTRAINTS;
const ID_EXT_KEY_USAGE: ObjectIdentifier = const_oid::db::rfc5280::ID_CE_EXT_KEY_USAGE;
const ID_NAME_CONSTRAINTS: ObjectIdentifier = const_oid::db::rfc5280::ID_CE_NAME_CONSTRAINTS;

/// The critical extensions webpki processes (2.5.29.x: keyUsage,
/// subjectAltName, basicConstraints, nameConstraints,
/// cRLDistributionPoints, extKeyUsage); any other critical one refuses the
/// certificate.
fn unknown_critical(cert: &Certificate) -> Option<ObjectIdentifier> {
    const KNOWN: [&str; 6] = [
        "2.5.29.15",
        "2.5.29.17",
        "2.5.29.19",
        "2.5.29.30",
        "2.5.29.31",
        "2.5.29.37",
    ];
    cert.tbs_certificate
        .extensions
        .as_ref()?
        .iter()
        .find(|e| e.critical && !KNOWN.contains(&e.extn_id.to_string().as_str()))
        .map(|e| e.extn_id)
}

fn extension<'a, T: Decode<'a>>(cert: &'a Certificate, oid: ObjectIdentifier) -> Option<T> {
    let ext = cert
        .tbs_certificate
        .extensions
        .as_ref()?
        .iter()
        .find(|e| e.extn_id == oid)?;
    T::from_der(ext.extn_value.as_bytes()).ok()
}

fn is_ca(cert: &Certificate) -> bool {
    extension::<BasicConstraints>(cert, ID_BASIC_CONSTRAINTS).is_some_and(|b| b.ca)
}

fn cannot_sign_certificates(cert: &Certificate) -> Result<(), String> {
    match extension::<KeyUsage>(cert, ID_KEY_USAGE) {
        Some(usage) if !usage.0.contains(KeyUsages::KeyCertSign) => Err(format!(
            "CA 证书“{}”的密钥用途（keyUsage）不含 keyCertSign，不能签发证书",
            cert.tbs_certificate.subject
        )),
        _ => Ok(()),
    }
}

fn not_valid_at(cert: &Certificate, time: &DateTime<FixedOffset>) -> Result<(), String> {
    let validity = &cert.tbs_certificate.validity;
    let not_before = validity.not_before.to_unix_duration().as_secs();
    let not_after = validity.not_after.to_unix_duration().as_secs();
    let inside =
        u64::try_from(time.timestamp()).is_ok_and(|secs| not_before <= secs && secs <= not_after);
    if inside {
        return Ok(());
    }
    Err(format!(
        "证书“{}”在判定时间（{}）不在有效期内（{} 至 {}）",
        cert.tbs_certificate.subject,
        time.to_rfc3339(),
        unix_text(not_before),
        unix_text(not_after)
    ))
}

fn unix_text(secs: u64) -> String {
    i64::try_from(secs)
        .ok()
        .and_then(|s| Utc.timestamp_opt(s, 0).single())
        .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
        .unwrap_or_else(|| secs.to_string())
}

fn spki_rsa_bits(cert: &Certificate) -> Option<usize> {
    let der = cert.tbs_certificate.subject_public_key_info.to_der().ok()?;
    crypto::rsa_bits(&der)
}

/// Whether `issuer`'s key signed `cert`, over the TBS bytes as they stand
/// in `cert`'s own encoding (diagnostics only; webpki has decided).
fn signed_by(cert: &Held, issuer: &Held) -> bool {
    let Some(tbs) = first_element(&cert.der) else {
        return false;
    };
    let Some(signature) = cert.cert.signature.as_bytes() else {
        return false;
    };
    crypto::verify(
        &issuer.cert.tbs_certificate.subject_public_key_info,
        &cert.cert.signature_algorithm.oid,
        tbs,
        signature,
    )
    .is_ok()
}

/// The first element (the TBSCertificate) of a DER SEQUENCE, whole.
fn first_element(der: &[u8]) -> Option<&[u8]> {
    use der::Reader;
    let mut reader = der::SliceReader::new(der).ok()?;
    let header = der::Header::decode(&mut reader).ok()?;
    let body = reader.read_slice(header.length).ok()?;
    let mut inner = der::SliceReader::new(body).ok()?;
    inner.tlv_bytes().ok()
}

/// RFC 5280 4.2.1.10 for directory names: the subject must lie under one of
/// the permitted subtrees (its RDNs begin with the subtree's) if any are
/// given, and under none of the excluded ones.
fn directory_name_conforms(subject: &Name, constraints: &NameConstraints) -> bool {
    let under = |base: &Name| subject.0.len() >= base.0.len() && subject.0.starts_with(&base.0);
    let directories =
        |subtrees: &Option<Vec<x509_cert::ext::pkix::constraints::name::GeneralSubtree>>| {
            subtrees
                .iter()
                .flatten()
                .filter_map(|s| match &s.base {
                    GeneralName::DirectoryName(name) => Some(name.clone()),
                    _ => None,
                })
                .collect::<Vec<Name>>()
        };
    let permitted = directories(&constraints.permitted_subtrees);
    let excluded = directories(&constraints.excluded_subtrees);
    (permitted.is_empty() || permitted.iter().any(under)) && !excluded.iter().any(under)
}

fn purpose_name(oid: &ObjectIdentifier) -> String {
    match oid.to_string().as_str() {
        "1.3.6.1.5.5.7.3.1" => "serverAuth".into(),
        "1.3.6.1.5.5.7.3.2" => "clientAuth".into(),
        "1.3.6.1.5.5.7.3.3" => "codeSigning".into(),
        "1.3.6.1.5.5.7.3.4" => "emailProtection".into(),
        "1.3.6.1.5.5.7.3.8" => "timeStamping".into(),
        "1.3.6.1.5.5.7.3.9" => "OCSPSigning".into(),
        "1.3.6.1.5.5.7.3.36" => "documentSigning".into(),
        other => other.to_owned(),
    }
}
