//! What verification and signing do with bad input: typed errors or empty
//! reports, never a panic; and any single flipped byte in the signed ranges
//! breaks the signature.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::OnceLock;

use approval_esign::testca::TestCa;
use approval_esign::{
    sign_pdf, verify_pdf, Appearance, KeyKind, Pkcs12Signer, Placement, SignError, SignRequest,
    VerifyError,
};
use chrono::{FixedOffset, TimeZone, Utc};
use proptest::prelude::*;

fn pki() -> &'static (TestCa, Pkcs12Signer) {
    static PKI: OnceLock<(TestCa, Pkcs12Signer)> = OnceLock::new();
    PKI.get_or_init(|| {
        let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
        let to = Utc.with_ymd_and_hms(2034, 1, 1, 0, 0, 0).unwrap();
        let ca = TestCa::generate("Test Root", KeyKind::P256, from, to).unwrap();
        let seal = ca.issue_seal("审批局", KeyKind::P256, from, to).unwrap();
        (ca, seal)
    })
}

fn request(field: &str) -> SignRequest {
    SignRequest {
        field_name: field.into(),
        reason: Some("准予".into()),
        location: None,
        name: None,
        signing_time: FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2025, 3, 1, 9, 0, 0)
            .unwrap(),
        visible: None,
    }
}

fn signed() -> &'static Vec<u8> {
    static SIGNED: OnceLock<Vec<u8>> = OnceLock::new();
    SIGNED.get_or_init(|| sign_pdf(&common::classic_pdf(1500), &pki().1, &request("seal")).unwrap())
}

fn roots() -> Vec<Vec<u8>> {
    vec![pki().0.root_der().to_vec()]
}

#[test]
fn non_pdf_input_is_a_typed_error() {
    for bytes in [
        &b""[..],
        b"hello",
        b"%PDF-1.7\n",
        b"%PDF-1.7\nstartxref\n999999\n%%EOF",
    ] {
        assert!(matches!(
            verify_pdf(bytes, &roots()),
            Err(VerifyError::Pdf(_))
        ));
        assert!(matches!(
            sign_pdf(bytes, &pki().1, &request("x")),
            Err(SignError::Pdf(_))
        ));
    }
}

#[test]
fn unsigned_pdf_gives_an_empty_report() {
    let report = verify_pdf(&common::classic_pdf(100), &roots()).unwrap();
    assert!(report.signatures.is_empty());
    assert!(!report.all_valid());
}

#[test]
fn bad_trust_root_is_a_typed_error() {
    let result = verify_pdf(signed(), &[b"not a certificate".to_vec()]);
    assert!(matches!(
        result,
        Err(VerifyError::TrustRoot { index: 0, .. })
    ));
}

#[test]
fn pem_trust_roots_work_and_other_roots_do_not_trust() {
    let pem = pki().0.root_pem().unwrap();
    let report = verify_pdf(signed(), &[pem.as_bytes()]).unwrap();
    assert!(report.all_valid(), "{report:?}");

    let from = Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap();
    let to = Utc.with_ymd_and_hms(2034, 1, 1, 0, 0, 0).unwrap();
    let other = TestCa::generate("Other Root", KeyKind::P256, from, to).unwrap();
    let report = verify_pdf(signed(), &[other.root_der()]).unwrap();
    let sig = &report.signatures[0];
    assert!(!sig.trusted() && !sig.is_valid(), "{sig:?}");
    let none: [&[u8]; 0] = [];
    assert!(!verify_pdf(signed(), &none).unwrap().signatures[0].trusted());
}

#[test]
fn signing_outside_the_certificate_validity_is_not_trusted() {
    let mut late = request("late");
    late.signing_time = FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(2040, 1, 1, 0, 0, 0)
        .unwrap();
    let pdf = sign_pdf(&common::classic_pdf(100), &pki().1, &late).unwrap();
    let sig = &verify_pdf(&pdf, &roots()).unwrap().signatures[0];
    assert!(!sig.trusted(), "{sig:?}");
}

#[test]
fn signing_errors_are_typed() {
    let pdf = common::classic_pdf(100);
    let mut far = request("far");
    far.visible = Some((
        Placement {
            page_index: 3,
            rect: [0.0, 0.0, 10.0, 10.0],
        },
        Appearance {
            width: 10.0,
            height: 10.0,
            content: Vec::new(),
        },
    ));
    assert!(matches!(
        sign_pdf(&pdf, &pki().1, &far),
        Err(SignError::PageOutOfRange { index: 3, pages: 1 })
    ));
    assert!(matches!(
        sign_pdf(signed(), &pki().1, &request("seal")),
        Err(SignError::FieldExists(name)) if name == "seal"
    ));
    assert!(matches!(
        sign_pdf(&pdf, &pki().1, &request("")),
        Err(SignError::EmptyFieldName)
    ));
}

#[test]
fn truncated_signed_pdfs_never_panic() {
    let pdf = signed();
    for cut in (0..pdf.len()).step_by(97) {
        let _ = verify_pdf(&pdf[..cut], &roots());
        let _ = sign_pdf(&pdf[..cut], &pki().1, &request("again"));
    }
}

/// The signed ranges: everything but the /Contents hex string.
fn signed_ranges(pdf: &[u8]) -> Vec<std::ops::Range<usize>> {
    let report = verify_pdf(pdf, &roots()).unwrap();
    let br = &report.signatures[0].byte_range;
    let (a, b, c) = (br[1] as usize, br[2] as usize, br[3] as usize);
    vec![0..a, b..b + c]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_flipped_byte_in_the_signed_ranges_breaks_the_signature(pick in any::<prop::sample::Index>(), bit in 0u8..8) {
        let pdf = signed();
        let positions: Vec<usize> = signed_ranges(pdf).into_iter().flatten().collect();
        let at = positions[pick.index(positions.len())];
        let mut tampered = pdf.clone();
        tampered[at] ^= 1 << bit;
        // Either the file no longer reads, or the signature is not valid.
        if let Ok(report) = verify_pdf(&tampered, &roots()) {
            prop_assert!(!report.all_valid(), "flip at {} went unnoticed", at);
        }
    }

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = verify_pdf(&bytes, &roots());
        let mut with_header = b"%PDF-1.7\n".to_vec();
        with_header.extend_from_slice(&bytes);
        with_header.extend_from_slice(b"\nstartxref\n9\n%%EOF\n");
        let _ = verify_pdf(&with_header, &roots());
        let _ = sign_pdf(&with_header, &pki().1, &request("x"));
    }

    #[test]
    fn mutated_pdfs_never_panic(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
        let mut pdf = signed().clone();
        for (index, value) in edits {
            let at = index.index(pdf.len());
            pdf[at] = value;
        }
        let _ = verify_pdf(&pdf, &roots());
        let _ = sign_pdf(&pdf, &pki().1, &request("x"));
    }
}

// --- Hostile files: each refused by a budget, quickly and without a large
// allocation (peak memory: `cargo run --release -p approval-esign --example
// hostile`; tests never assert timings). ---

#[path = "common/hostile.rs"]
mod hostile;

use approval_esign::pdf::{Budgeted, PdfError};

fn refused_by(file: &[u8], expected: Budgeted) {
    match verify_pdf(file, &roots()) {
        Err(VerifyError::Pdf(PdfError::OverBudget { what, limit })) => {
            assert_eq!(what, expected, "refused by another budget (limit {limit})");
            // The message names what was exceeded, in Chinese.
            let message = VerifyError::Pdf(PdfError::OverBudget { what, limit }).to_string();
            assert!(message.contains(&what.to_string()), "{message}");
            assert!(message.contains("超出处理限额"), "{message}");
        }
        other => panic!("expected over budget ({expected:?}), got {other:?}"),
    }
}

#[test]
fn a_flate_bomb_stops_at_the_stream_budget() {
    let (bomb, would_be) = hostile::flate_bomb();
    assert!(bomb.len() < 4096, "{} bytes", bomb.len());
    assert!(would_be > 4_000_000_000);
    refused_by(&hostile::flate_bomb_xref_stream(), Budgeted::DecodedStream);
    refused_by(
        &hostile::flate_bomb_object_stream(),
        Budgeted::DecodedStream,
    );
}

#[test]
fn xref_claims_of_billions_of_entries_are_refused_before_reading() {
    refused_by(
        &hostile::xref_stream_claiming(1 << 31, false),
        Budgeted::XrefEntries,
    );
    refused_by(
        &hostile::xref_stream_claiming(1 << 31, true),
        Budgeted::XrefEntries,
    );
    refused_by(
        &hostile::xref_table_claiming(1 << 31),
        Budgeted::XrefEntries,
    );
}

#[test]
fn a_prev_chain_of_thousands_of_sections_is_refused() {
    refused_by(&hostile::prev_chain(5000), Budgeted::XrefSections);
    // A short chain of the same kind reads.
    assert!(verify_pdf(&hostile::prev_chain(20), &roots()).is_ok());
}

#[test]
fn a_hundred_thousand_nested_arrays_are_refused() {
    refused_by(&hostile::nested_arrays(100_000, true), Budgeted::Depth);
    refused_by(&hostile::nested_arrays(100_000, false), Budgeted::Depth);
}

#[test]
fn an_object_stream_claiming_a_billion_objects_is_refused() {
    refused_by(
        &hostile::object_stream_claiming(1_000_000_000),
        Budgeted::ObjectStreamObjects,
    );
    // The same stream with an honest /N reads.
    assert!(verify_pdf(&hostile::object_stream_claiming(1), &roots()).is_ok());
}

#[test]
fn millions_of_tiny_objects_are_refused() {
    refused_by(&hostile::tiny_objects(2_000_000), Budgeted::XrefEntries);
    refused_by(&hostile::huge_fields_array(3_000_000), Budgeted::Objects);
}

#[test]
fn limits_can_be_tightened_and_work_cancelled() {
    use approval_esign::pdf::document::Document;
    use std::sync::atomic::AtomicBool;
    use std::sync::Arc;

    let pdf = signed();
    let tight = approval_esign::Limits {
        objects: 10,
        ..Default::default()
    };
    let result = approval_esign::verify_pdf_with_limits(pdf, &roots(), &tight);
    assert!(
        matches!(
            result,
            Err(VerifyError::Pdf(PdfError::OverBudget {
                what: Budgeted::Objects,
                limit: 10
            }))
        ),
        "{result:?}"
    );
    let cancelled = approval_esign::Limits {
        cancel: Some(Arc::new(AtomicBool::new(true))),
        ..Default::default()
    };
    assert!(matches!(
        Document::load_with_limits(pdf, &cancelled).map(|_| ()),
        Err(PdfError::Cancelled)
    ));
    // The defaults read the signed file; what it cost is far from them.
    let doc = Document::load(pdf).unwrap();
    doc.pages().unwrap();
    assert!(doc.budget().objects_parsed() > 0);
    let report =
        approval_esign::verify_pdf_with_limits(pdf, &roots(), &Default::default()).unwrap();
    assert!(report.all_valid(), "{report:?}");
}

#[test]
fn object_streams_are_decoded_only_when_an_object_inside_is_asked_for() {
    use approval_esign::pdf::document::Document;

    // The catalog sits in a flate bomb: loading the file decodes nothing,
    // asking for the catalog hits the budget.
    let file = hostile::flate_bomb_object_stream();
    let doc = Document::load(&file).unwrap();
    assert_eq!(doc.budget().decoded_bytes(), 0);
    assert!(doc.get(2).is_ok(), "an uncompressed object reads");
    assert_eq!(doc.budget().decoded_bytes(), 0);
    assert!(matches!(
        doc.catalog(),
        Err(PdfError::OverBudget {
            what: Budgeted::DecodedStream,
            ..
        })
    ));
}
