//! Certification signatures (DocMDP, PDF 12.8.2.2) for the corpus: the
//! signing update `sign_pdf` writes, rebuilt with a `/Reference` to the
//! DocMDP transform and the catalog's `/Perms`, then signed again.

use sha2::{Digest, Sha256};

use crate::cms;
use crate::pdf::document::Document;
use crate::pdf::incremental;
use crate::pdf::object::{Dictionary, Object};
use crate::pdf::parse::find;
use crate::pdf::serialize::hex_upper;
use crate::sign::{sign_pdf, SignRequest};
use crate::signer::Signer;

use super::writer::newest_revision_objects;
use super::CorpusError;

/// Signs `pdf` as its certification signature with DocMDP permission `p`
/// (1 no changes, 2 form filling and signing, 3 also annotations).
pub fn certify(
    pdf: &[u8],
    signer: &dyn Signer,
    request: &SignRequest,
    p: i64,
) -> Result<Vec<u8>, CorpusError> {
    let signed = sign_pdf(pdf, signer, request)?;
    let signed_doc = Document::load(&signed)?;
    let base = Document::load(pdf)?;
    let (catalog_id, _) = base.catalog()?;
    let mut objects = newest_revision_objects(&signed_doc)?;

    let mut sig_id = None;
    for (id, object) in &mut objects {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        if !dict.has_name(b"Type", b"Sig") {
            continue;
        }
        sig_id = Some(*id);
        let capacity = dict
            .get(b"Contents")
            .and_then(Object::as_string)
            .map_or(8192, <[u8]>::len);
        dict.set(
            b"ByteRange",
            Object::Array(vec![
                Object::Integer(0),
                Object::Integer(9_999_999_999),
                Object::Integer(9_999_999_999),
                Object::Integer(9_999_999_999),
            ]),
        );
        dict.set(b"Contents", Object::String(vec![0; capacity]));
        dict.set(
            b"Reference",
            Object::Array(vec![Object::Dictionary(reference(p))]),
        );
    }
    let sig_id = sig_id.ok_or_else(|| CorpusError::Structure("no signature dictionary".into()))?;

    // The catalog's /Perms names the certification signature.
    let mut perms = Dictionary::new();
    perms.set(b"DocMDP", Object::Reference(sig_id));
    match objects.iter_mut().find(|(id, _)| id.0 == catalog_id.0) {
        Some((_, Object::Dictionary(catalog))) => catalog.set(b"Perms", Object::Dictionary(perms)),
        _ => {
            let (_, mut catalog) = signed_doc.catalog()?;
            catalog.set(b"Perms", Object::Dictionary(perms));
            objects.push((catalog_id, Object::Dictionary(catalog)));
        }
    }

    let appended = incremental::append(&base, &objects)?;
    let mut file = appended.bytes;
    let start = *appended
        .offsets
        .get(&sig_id.0)
        .ok_or_else(|| CorpusError::Structure("signature not written".into()))?;
    fill(&mut file, start, signer)?;
    Ok(file)
}

/// The signature reference dictionary of a DocMDP transform.
fn reference(p: i64) -> Dictionary {
    let mut params = Dictionary::new();
    params.set(b"Type", Object::name("TransformParams"));
    params.set(b"P", Object::Integer(p));
    params.set(b"V", Object::name("1.2"));
    let mut reference = Dictionary::new();
    reference.set(b"Type", Object::name("SigRef"));
    reference.set(b"TransformMethod", Object::name("DocMDP"));
    reference.set(b"TransformParams", Object::Dictionary(params));
    reference
}

/// Fills the /ByteRange and /Contents placeholders of the signature
/// dictionary written at `start`, signing with `signer`.
pub(super) fn fill(file: &mut [u8], start: usize, signer: &dyn Signer) -> Result<(), CorpusError> {
    let missing = || CorpusError::Structure("signature placeholders not found".into());
    let tail = file.get(start..).ok_or_else(missing)?;
    let br_start = start + find(tail, b"/ByteRange [").ok_or_else(missing)? + b"/ByteRange ".len();
    let br_end = br_start + find(&file[br_start..], b"]").ok_or_else(missing)? + 1;
    let c_start = start + find(tail, b"/Contents <").ok_or_else(missing)? + b"/Contents ".len();
    let c_end = c_start + find(&file[c_start..], b">").ok_or_else(missing)? + 1;
    let range = [0, c_start, c_end, file.len() - c_end];
    let text = format!("[{} {} {} {}]", range[0], range[1], range[2], range[3]);
    let width = br_end - br_start;
    if text.len() > width {
        return Err(missing());
    }
    file[br_start..br_end].copy_from_slice(format!("{text:<width$}").as_bytes());
    let mut hasher = Sha256::new();
    hasher.update(&file[..c_start]);
    hasher.update(&file[c_end..]);
    let digest: [u8; 32] = hasher.finalize().into();
    let signed = cms::build_signed_data(signer, &digest)?;
    let hex = hex_upper(&signed);
    if hex.len() > c_end - c_start - 2 {
        return Err(CorpusError::Structure(
            "signature larger than its placeholder".into(),
        ));
    }
    file[c_start + 1..c_start + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    Ok(())
}
