//! What a caller needs to know about a document or a key before sealing:
//! how many pages the PDF has (to put the seal on the last one), which
//! organisation the seal certificate names (to draw it along the arc), and
//! the certificates of a file (PEM or DER) a token's chain comes from.

use const_oid::db::rfc4519::ORGANIZATION_NAME;
use der::asn1::{PrintableStringRef, Utf8StringRef};
use der::{Decode, DecodePem, Encode, Tag, Tagged};
use x509_cert::Certificate;

use crate::pdf::document::Document;
use crate::pdf::PdfError;

/// The number of pages of `pdf`.
pub fn page_count(pdf: &[u8]) -> Result<usize, PdfError> {
    Ok(Document::load(pdf)?.pages()?.len())
}

/// How many signed signature fields `pdf` has, without checking them (to
/// name the next seal's field).
pub fn signature_count(pdf: &[u8]) -> Result<usize, PdfError> {
    Ok(crate::verify::signature_fields(&Document::load(pdf)?)?.len())
}

/// The organisation (O) of the first certificate of `chain` (the
/// signer's), e.g. the department a seal certificate was issued to; `None`
/// when the certificate cannot be read or names none.
pub fn certificate_organization(chain: &[Vec<u8>]) -> Option<String> {
    let certificate = Certificate::from_der(chain.first()?).ok()?;
    certificate
        .tbs_certificate
        .subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(|attribute| attribute.oid == ORGANIZATION_NAME)
        .find_map(|attribute| {
            let value = &attribute.value;
            match value.tag() {
                Tag::Utf8String => Utf8StringRef::try_from(value).ok().map(|s| s.to_string()),
                Tag::PrintableString => PrintableStringRef::try_from(value)
                    .ok()
                    .map(|s| s.to_string()),
                _ => None,
            }
        })
}

/// The certificates of a file, DER-encoded, in file order: one DER
/// certificate, or any number of PEM `CERTIFICATE` blocks.
pub fn read_certificates(bytes: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let is_pem = bytes.windows(10).any(|w| w == b"-----BEGIN");
    if !is_pem {
        let certificate =
            Certificate::from_der(bytes).map_err(|e| format!("不是 DER 证书：{e}"))?;
        return certificate
            .to_der()
            .map(|der| vec![der])
            .map_err(|e| e.to_string());
    }
    let text = std::str::from_utf8(bytes).map_err(|_| "PEM 文件不是 UTF-8 文本".to_owned())?;
    const END: &str = "-----END CERTIFICATE-----";
    let mut certificates = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN CERTIFICATE-----") {
        let block = &rest[start..];
        let end = block
            .find(END)
            .ok_or_else(|| format!("第 {} 个证书缺少结束行", certificates.len() + 1))?;
        let pem = &block[..end + END.len()];
        let certificate = Certificate::from_pem(pem.as_bytes())
            .map_err(|e| format!("第 {} 个证书无法读取：{e}", certificates.len() + 1))?;
        certificates.push(certificate.to_der().map_err(|e| e.to_string())?);
        rest = &block[end + END.len()..];
    }
    if certificates.is_empty() {
        return Err("文件中没有 CERTIFICATE 块".to_owned());
    }
    Ok(certificates)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::{Duration, Utc};

    use super::*;
    use crate::keys::KeyKind;
    use crate::testca::TestCa;
    use crate::Signer;

    #[test]
    fn the_organisation_is_read_from_the_seal_certificate() {
        let from = Utc::now();
        let until = from + Duration::days(30);
        let ca = TestCa::generate("根", KeyKind::P256, from, until).unwrap();
        let seal = ca
            .issue_seal("蓝田县市场监督管理局", KeyKind::P256, from, until)
            .unwrap();
        assert_eq!(
            certificate_organization(seal.certificate_chain()).as_deref(),
            Some("蓝田县市场监督管理局")
        );
        assert_eq!(certificate_organization(&[]), None);
        assert_eq!(
            certificate_organization(&[b"not a certificate".to_vec()]),
            None
        );
    }

    #[test]
    fn a_page_count_needs_a_readable_pdf() {
        assert!(page_count(b"%PDF-1.7 garbage").is_err());
        assert!(signature_count(b"%PDF-1.7 garbage").is_err());
    }

    #[test]
    fn certificates_are_read_from_pem_blocks_or_one_der() {
        let from = Utc::now();
        let until = from + Duration::days(30);
        let ca = TestCa::generate("根", KeyKind::P256, from, until).unwrap();
        let pem = ca.root_pem().unwrap();
        let two = format!("comment line\n{pem}\n{pem}");
        let read = read_certificates(two.as_bytes()).unwrap();
        assert_eq!(read, vec![ca.root_der().to_vec(), ca.root_der().to_vec()]);
        assert_eq!(
            read_certificates(ca.root_der()).unwrap(),
            vec![ca.root_der().to_vec()]
        );
        assert!(read_certificates(b"-----BEGIN NOTHING-----").is_err());
        let cut = &pem[..pem.len() - 10];
        assert!(read_certificates(cut.as_bytes()).is_err());
        assert!(read_certificates(b"\x30\x03garbage").is_err());
    }
}
