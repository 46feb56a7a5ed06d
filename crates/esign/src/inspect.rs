//! What a caller needs to know about a document or a key before sealing:
//! how many pages the PDF has (to put the seal on the last one) and which
//! organisation the seal certificate names (to draw it along the arc).

use const_oid::db::rfc4519::ORGANIZATION_NAME;
use der::asn1::{PrintableStringRef, Utf8StringRef};
use der::{Decode, Tag, Tagged};
use x509_cert::Certificate;

use crate::pdf::document::Document;
use crate::pdf::PdfError;

/// The number of pages of `pdf`.
pub fn page_count(pdf: &[u8]) -> Result<usize, PdfError> {
    Ok(Document::load(pdf)?.pages()?.len())
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
    }
}
