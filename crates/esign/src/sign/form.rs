//! The interactive-form side of a new signature: the widget goes into its
//! page's /Annots and the field into the catalog's /AcroForm /Fields, both
//! kept with what they held (an earlier seal's field in particular).

use crate::pdf::document::Document;
use crate::pdf::object::{Dictionary, Object, ObjectId};
use crate::pdf::text_string;

use super::SignError;

/// The objects to rewrite in the update so that `widget` appears on `page`
/// and in the form.
pub fn add_field(
    doc: &Document<'_>,
    page: &(ObjectId, Dictionary),
    widget: ObjectId,
    field_name: &str,
) -> Result<Vec<(ObjectId, Object)>, SignError> {
    let mut changed = Vec::new();

    let (page_id, page_dict) = page;
    let mut page_dict = page_dict.clone();
    let annots = append_to_array(doc, page_dict.get(b"Annots"), widget, &mut changed)?;
    if let Some(direct) = annots {
        page_dict.set(b"Annots", direct);
        changed.push((*page_id, Object::Dictionary(page_dict)));
    }

    let (catalog_id, mut catalog) = doc.catalog()?;
    match catalog.get(b"AcroForm").cloned() {
        Some(Object::Reference(form_id)) => {
            let (form_id, form) = doc.get(form_id.0)?;
            let Object::Dictionary(mut form) = form else {
                return Err(SignError::Pdf(crate::pdf::PdfError::Structure(
                    "/AcroForm is not a dictionary".into(),
                )));
            };
            update_form(doc, &mut form, widget, field_name, &mut changed)?;
            changed.push((form_id, Object::Dictionary(form)));
        }
        Some(Object::Dictionary(mut form)) => {
            update_form(doc, &mut form, widget, field_name, &mut changed)?;
            catalog.set(b"AcroForm", Object::Dictionary(form));
            changed.push((catalog_id, Object::Dictionary(catalog)));
        }
        _ => {
            let mut form = Dictionary::new();
            update_form(doc, &mut form, widget, field_name, &mut changed)?;
            catalog.set(b"AcroForm", Object::Dictionary(form));
            changed.push((catalog_id, Object::Dictionary(catalog)));
        }
    }
    Ok(changed)
}

fn update_form(
    doc: &Document<'_>,
    form: &mut Dictionary,
    widget: ObjectId,
    field_name: &str,
    changed: &mut Vec<(ObjectId, Object)>,
) -> Result<(), SignError> {
    let existing = doc.resolve(form.get(b"Fields").unwrap_or(&Object::Null))?;
    for field in existing.as_array().unwrap_or(&[]) {
        let Ok(field) = doc.resolve_dict(field) else {
            continue;
        };
        let name = field.get(b"T").and_then(Object::as_string);
        if name.is_some_and(|n| text_string::decode(n) == field_name) {
            return Err(SignError::FieldExists(field_name.to_string()));
        }
    }
    if let Some(direct) = append_to_array(doc, form.get(b"Fields"), widget, changed)? {
        form.set(b"Fields", direct);
    }
    // SignaturesExist | AppendOnly: readers must save incrementally.
    let flags = form.get(b"SigFlags").and_then(Object::as_i64).unwrap_or(0);
    form.set(b"SigFlags", Object::Integer(flags | 3));
    Ok(())
}

/// Adds `item` to the array `value`. An indirect array is rewritten in
/// `changed` and `None` returned; otherwise the new direct array.
fn append_to_array(
    doc: &Document<'_>,
    value: Option<&Object>,
    item: ObjectId,
    changed: &mut Vec<(ObjectId, Object)>,
) -> Result<Option<Object>, SignError> {
    match value {
        Some(Object::Reference(r)) => {
            let (id, object) = doc.get(r.0)?;
            let mut items = match object {
                Object::Array(items) => items,
                // A broken entry is replaced rather than kept.
                _ => Vec::new(),
            };
            items.push(Object::Reference(item));
            changed.push((id, Object::Array(items)));
            Ok(None)
        }
        Some(Object::Array(items)) => {
            let mut items = items.clone();
            items.push(Object::Reference(item));
            Ok(Some(Object::Array(items)))
        }
        _ => Ok(Some(Object::Array(vec![Object::Reference(item)]))),
    }
}
