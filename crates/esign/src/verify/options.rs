//! What a verification is judged against: the trusted roots and the CRLs
//! given locally, read once before any signature is looked at.

use chrono::{DateTime, FixedOffset};
use der::Decode;
use rustls_pki_types::CertificateDer;
use x509_cert::Certificate;

use super::chain::{self, Trust, TrustSet};
use super::VerifyError;

/// Options of [`super::verify_pdf_with`].
#[derive(Debug, Clone, Default)]
pub struct VerifyOptions {
    /// Root certificates to trust, DER or PEM, each exactly as configured
    /// (the path is checked over these bytes).
    pub trust_roots: Vec<Vec<u8>>,
    /// Certificate revocation lists (RFC 5280 section 5), read with
    /// [`Crl::from_bytes`]. A certificate of a path whose issuer has a CRL here is checked against
    /// it: listed means revoked; a CRL that does not verify with its
    /// issuer's key, or whose nextUpdate has passed at the time of
    /// judgement, makes the path untrusted rather than being skipped. A
    /// certificate whose issuer has no CRL here is not checked (there is no
    /// online fetching).
    pub crls: Vec<Crl>,
}

impl VerifyOptions {
    /// Trust these roots and check no CRL.
    pub fn with_roots<R: AsRef<[u8]>>(trust_roots: &[R]) -> Self {
        Self {
            trust_roots: trust_roots.iter().map(|r| r.as_ref().to_vec()).collect(),
            crls: Vec::new(),
        }
    }

    /// Reads every root (each must parse) into what the path check needs:
    /// its DER as given.
    pub(crate) fn prepare(&self) -> Result<TrustSet, VerifyError> {
        let roots = self
            .trust_roots
            .iter()
            .enumerate()
            .map(|(index, bytes)| {
                root_der(bytes).map_err(|reason| VerifyError::TrustRoot { index, reason })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let crls = self.crls.iter().map(|crl| crl.der.clone()).collect();
        Ok(TrustSet { roots, crls })
    }
}

/// Judges the certificate path of a signer on its own, as the PDF check
/// does for each signature: `signer` and `others` are certificates (DER,
/// as a CMS carries them), `at` the time of judgement (the signing time,
/// or a timestamp's time).
pub fn judge_certificate_path(
    signer: &[u8],
    others: &[Vec<u8>],
    options: &VerifyOptions,
    at: &DateTime<FixedOffset>,
) -> Result<Trust, VerifyError> {
    let trust = options.prepare()?;
    Ok(chain::evaluate(signer, others, &trust, at))
}

/// The DER of a PEM block labelled `label`, or the bytes themselves when
/// they are not PEM.
fn der_of(bytes: &[u8], label: &str) -> Result<Vec<u8>, String> {
    let trimmed = bytes.trim_ascii_start();
    if !trimmed.starts_with(b"-----BEGIN") {
        return Ok(bytes.to_vec());
    }
    let (found, der) = der::pem::decode_vec(trimmed).map_err(|e| e.to_string())?;
    if found != label {
        return Err(format!("PEM 标签应为 {label}，实为 {found}"));
    }
    Ok(der)
}

fn root_der(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let der = der_of(bytes, "CERTIFICATE")?;
    Certificate::from_der(&der).map_err(|e| e.to_string())?;
    webpki::anchor_from_trusted_cert(&CertificateDer::from(der.as_slice()))
        .map_err(|e| format!("{e:?}"))?;
    Ok(der)
}

/// A certificate revocation list that parses (its signature and dates are
/// judged against the path it speaks for, at the time of judgement).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crl {
    der: Vec<u8>,
}

/// A CRL file that is not a CRL we can read.
#[derive(Debug, thiserror::Error)]
#[error("证书吊销列表无法读取：{0}")]
pub struct CrlError(String);

impl Crl {
    /// Reads a CRL, DER or PEM (`X509 CRL`). Delta CRLs, indirect CRLs and
    /// version 1 CRLs (without nextUpdate) are refused, as the path
    /// validator does not use them.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, CrlError> {
        let der = der_of(bytes, "X509 CRL").map_err(CrlError)?;
        x509_cert::crl::CertificateList::from_der(&der).map_err(|e| CrlError(e.to_string()))?;
        webpki::BorrowedCertRevocationList::from_der(&der)
            .map_err(|e| CrlError(format!("{e:?}")))?;
        Ok(Self { der })
    }

    /// The CRL, DER.
    pub fn der(&self) -> &[u8] {
        &self.der
    }
}
