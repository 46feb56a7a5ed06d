//! A byte-level writer for the corpus's hostile revisions: object bodies,
//! cross-reference tables and streams with whatever entries, `/Prev` and
//! `/XRefStm` the attack needs (the library's own writer only makes sound
//! updates), and the small edits of the sealed files they start from.

use std::collections::BTreeMap;

use crate::pdf::document::Document;
use crate::pdf::incremental::runs;
use crate::pdf::object::{Dictionary, Object, ObjectId, Stream};
use crate::pdf::serialize::{write_indirect, write_object};
use crate::pdf::xref::{XrefEntry, XrefKind};

use super::CorpusError;

/// A file being extended: the original bytes, then what the attack appends.
pub(super) struct Writer {
    pub out: Vec<u8>,
}

impl Writer {
    /// Starts from `base`, on a line of its own.
    pub fn after(base: &[u8]) -> Self {
        let mut out = base.to_vec();
        if !matches!(out.last(), Some(b'\n' | b'\r')) {
            out.push(b'\n');
        }
        Self { out }
    }

    /// Writes `num gen obj … endobj`; its offset.
    pub fn object(&mut self, id: ObjectId, object: &Object) -> usize {
        let at = self.out.len();
        write_indirect(&mut self.out, id, object);
        at
    }

    /// Writes a classic cross-reference section and its trailer; its offset.
    pub fn table(&mut self, entries: &BTreeMap<u32, XrefEntry>, trailer: &Dictionary) -> usize {
        let at = self.out.len();
        self.out.extend_from_slice(b"xref\n");
        for (first, count) in runs(entries.keys().copied()) {
            self.out
                .extend_from_slice(format!("{first} {count}\n").as_bytes());
            for num in first..first + count {
                let line = match entries.get(&num) {
                    Some(XrefEntry::InFile { offset, generation }) => {
                        format!("{offset:010} {generation:05} n\r\n")
                    }
                    // Compressed objects have no place in a table: a hybrid
                    // file lists them in its /XRefStm.
                    Some(XrefEntry::Free | XrefEntry::InStream { .. }) | None => {
                        "0000000000 00001 f\r\n".to_owned()
                    }
                };
                self.out.extend_from_slice(line.as_bytes());
            }
        }
        self.out.extend_from_slice(b"trailer\n");
        write_object(&mut self.out, &Object::Dictionary(trailer.clone()));
        self.out.push(b'\n');
        at
    }

    /// Writes a cross-reference stream as object `own` (which lists itself);
    /// its offset.
    pub fn xref_stream(
        &mut self,
        own: u32,
        entries: &BTreeMap<u32, XrefEntry>,
        trailer: &Dictionary,
    ) -> usize {
        let at = self.out.len();
        let mut entries = entries.clone();
        entries.insert(
            own,
            XrefEntry::InFile {
                offset: at,
                generation: 0,
            },
        );
        let mut data = Vec::new();
        let mut index = Vec::new();
        for (first, count) in runs(entries.keys().copied()) {
            index.push(Object::Integer(i64::from(first)));
            index.push(Object::Integer(i64::from(count)));
            for num in first..first + count {
                let (kind, field2, field3): (u8, u64, u64) = match entries.get(&num) {
                    Some(XrefEntry::InFile { offset, generation }) => {
                        (1, *offset as u64, u64::from(*generation))
                    }
                    Some(XrefEntry::InStream { stream, index }) => {
                        (2, u64::from(*stream), u64::from(*index))
                    }
                    Some(XrefEntry::Free) | None => (0, 0, 1),
                };
                data.push(kind);
                data.extend_from_slice(&field2.to_be_bytes()[4..]);
                data.extend_from_slice(&field3.to_be_bytes()[6..]);
            }
        }
        let mut dict = trailer.clone();
        dict.set(b"Type", Object::name("XRef"));
        let size = dict
            .get(b"Size")
            .and_then(Object::as_i64)
            .unwrap_or(0)
            .max(i64::from(own) + 1);
        dict.set(b"Size", Object::Integer(size));
        dict.set(b"Index", Object::Array(index));
        dict.set(
            b"W",
            Object::Array(vec![
                Object::Integer(1),
                Object::Integer(4),
                Object::Integer(2),
            ]),
        );
        write_indirect(
            &mut self.out,
            (own, 0),
            &Object::Stream(Stream { dict, data }),
        );
        at
    }

    /// A section of `kind` (a stream takes the number `own`); its offset.
    pub fn section(
        &mut self,
        kind: XrefKind,
        own: u32,
        entries: &BTreeMap<u32, XrefEntry>,
        trailer: &Dictionary,
    ) -> usize {
        match kind {
            XrefKind::Table => self.table(entries, trailer),
            XrefKind::Stream => self.xref_stream(own, entries, trailer),
        }
    }

    /// `startxref` and `%%EOF`: the revision is complete.
    pub fn finish(mut self, startxref: usize) -> Vec<u8> {
        self.out
            .extend_from_slice(format!("startxref\n{startxref}\n%%EOF\n").as_bytes());
        self.out
    }
}

/// An entry for an object written at `offset`.
pub(super) fn at(offset: usize) -> XrefEntry {
    XrefEntry::InFile {
        offset,
        generation: 0,
    }
}

/// The trailer of a new section after `doc`: /Root, /Info and /ID kept,
/// /Size past `highest`, /Prev at `prev`.
pub(super) fn trailer(doc: &Document<'_>, highest: u32, prev: usize) -> Dictionary {
    let mut trailer = Dictionary::new();
    let size = doc.next_object_number().max(highest.saturating_add(1));
    trailer.set(b"Size", Object::Integer(i64::from(size)));
    for key in [&b"Root"[..], b"Info", b"ID"] {
        if let Some(value) = doc.trailer().get(key) {
            trailer.set(key, value.clone());
        }
    }
    trailer.set(b"Prev", Object::Integer(prev as i64));
    trailer
}

/// What the corpus needs to know of a sealed file's first page.
pub(super) struct Page {
    pub id: ObjectId,
    pub dict: Dictionary,
    /// The first content stream of the page.
    pub content: u32,
    /// The first font of the page's resources, when it is an indirect one.
    pub font: Option<u32>,
}

impl Page {
    pub fn first(doc: &Document<'_>) -> Result<Self, CorpusError> {
        let pages = doc.pages()?;
        let Some((id, dict)) = pages.into_iter().next() else {
            return Err(CorpusError::Structure("the file has no page".into()));
        };
        let content = match dict.get(b"Contents") {
            Some(Object::Reference((n, _))) => match doc.get(*n)?.1 {
                Object::Array(parts) => parts.first().and_then(Object::as_reference).map(|r| r.0),
                _ => Some(*n),
            },
            Some(Object::Array(parts)) => parts.first().and_then(Object::as_reference).map(|r| r.0),
            _ => None,
        }
        .ok_or_else(|| CorpusError::Structure("the first page has no content stream".into()))?;
        let font = dict
            .get(b"Resources")
            .and_then(|r| doc.resolve_dict(r).ok())
            .and_then(|r| r.get(b"Font").and_then(|f| doc.resolve_dict(f).ok()))
            .and_then(|fonts| {
                fonts
                    .iter()
                    .find_map(|(_, v)| v.as_reference().map(|r| r.0))
            });
        Ok(Self {
            id,
            dict,
            content,
            font,
        })
    }

    /// The page's resources as a direct dictionary.
    pub fn resources(&self, doc: &Document<'_>) -> Dictionary {
        self.dict
            .get(b"Resources")
            .and_then(|r| doc.resolve_dict(r).ok())
            .unwrap_or_default()
    }
}

/// A content stream (uncompressed) holding `text`.
pub(super) fn stream(dict: Dictionary, text: &[u8]) -> Object {
    Object::Stream(Stream {
        dict,
        data: text.to_vec(),
    })
}

/// What the forged page shows: the signed text blanked out under a white
/// sheet and a red block where the decision stood.
pub(super) const FORGED_PAGE: &[u8] =
    b"q 1 1 1 rg 0 0 2000 2000 re f Q q 0.8 0 0 rg 72 560 450 120 re f Q";

/// A form XObject of `width` x `height` drawing `text`.
pub(super) fn form_xobject(width: i64, height: i64, text: &[u8]) -> Object {
    let mut dict = Dictionary::new();
    dict.set(b"Type", Object::name("XObject"));
    dict.set(b"Subtype", Object::name("Form"));
    dict.set(
        b"BBox",
        Object::Array(vec![
            Object::Integer(0),
            Object::Integer(0),
            Object::Integer(width),
            Object::Integer(height),
        ]),
    );
    dict.set(b"Resources", Object::Dictionary(Dictionary::new()));
    stream(dict, text)
}

/// The forged page content as a stream object.
pub(super) fn forged_content() -> Object {
    stream(Dictionary::new(), FORGED_PAGE)
}

/// An appearance that covers the decision: a white sheet with a red block.
pub(super) fn covering_appearance() -> Object {
    form_xobject(
        450,
        160,
        b"q 1 1 1 rg 0 0 450 160 re f Q q 0.8 0 0 rg 10 10 430 140 re f Q",
    )
}

/// The rectangle an overlay takes on the page.
pub(super) fn overlay_rect() -> Object {
    Object::Array(vec![
        Object::Integer(72),
        Object::Integer(540),
        Object::Integer(522),
        Object::Integer(700),
    ])
}

/// An annotation of `subtype` over the decision, with `appearance` as its
/// normal appearance.
pub(super) fn annotation(subtype: &str, page: ObjectId, appearance: ObjectId) -> Object {
    let mut d = Dictionary::new();
    d.set(b"Type", Object::name("Annot"));
    d.set(b"Subtype", Object::name(subtype));
    d.set(b"Rect", overlay_rect());
    d.set(b"P", Object::Reference(page));
    d.set(b"F", Object::Integer(4));
    d.set(
        b"Contents",
        Object::String(b"Application rejected".to_vec()),
    );
    if subtype == "FreeText" {
        d.set(b"DA", Object::String(b"/Helv 24 Tf 0 g".to_vec()));
    }
    let mut ap = Dictionary::new();
    ap.set(b"N", Object::Reference(appearance));
    d.set(b"AP", Object::Dictionary(ap));
    Object::Dictionary(d)
}

/// The objects that put `annotation` on `page` (its /Annots, direct or
/// indirect) and, for a field, `field` into the catalog's /AcroForm
/// /Fields.
pub(super) fn attach(
    doc: &Document<'_>,
    page: &Page,
    annotation: ObjectId,
    field: bool,
) -> Result<Vec<(ObjectId, Object)>, CorpusError> {
    let mut changed = Vec::new();
    let mut page_dict = page.dict.clone();
    match page_dict.get(b"Annots").cloned() {
        Some(Object::Reference(r)) => {
            let (id, array) = doc.get(r.0)?;
            let mut items = array.as_array().map(<[Object]>::to_vec).unwrap_or_default();
            items.push(Object::Reference(annotation));
            changed.push((id, Object::Array(items)));
        }
        other => {
            let mut items = other
                .and_then(|a| a.as_array().map(<[Object]>::to_vec))
                .unwrap_or_default();
            items.push(Object::Reference(annotation));
            page_dict.set(b"Annots", Object::Array(items));
            changed.push((page.id, Object::Dictionary(page_dict)));
        }
    }
    if !field {
        return Ok(changed);
    }
    let (catalog_id, mut catalog) = doc.catalog()?;
    let add = |form: &mut Dictionary, changed: &mut Vec<(ObjectId, Object)>| match form
        .get(b"Fields")
        .cloned()
    {
        Some(Object::Reference(r)) => {
            let mut items = doc
                .get(r.0)
                .ok()
                .and_then(|(_, a)| a.as_array().map(<[Object]>::to_vec))
                .unwrap_or_default();
            items.push(Object::Reference(annotation));
            changed.push((r, Object::Array(items)));
        }
        other => {
            let mut items = other
                .and_then(|a| a.as_array().map(<[Object]>::to_vec))
                .unwrap_or_default();
            items.push(Object::Reference(annotation));
            form.set(b"Fields", Object::Array(items));
        }
    };
    match catalog.get(b"AcroForm").cloned() {
        Some(Object::Reference(r)) => {
            let (id, form) = doc.get(r.0)?;
            let mut form = form.as_dict().cloned().unwrap_or_default();
            add(&mut form, &mut changed);
            changed.push((id, Object::Dictionary(form)));
        }
        other => {
            let mut form = other.and_then(|f| f.as_dict().cloned()).unwrap_or_default();
            add(&mut form, &mut changed);
            catalog.set(b"AcroForm", Object::Dictionary(form));
            changed.push((catalog_id, Object::Dictionary(catalog)));
        }
    }
    Ok(changed)
}

/// Every object of the newest revision of `doc` (its newest section's
/// entries), without the cross-reference stream itself.
pub(super) fn newest_revision_objects(
    doc: &Document<'_>,
) -> Result<Vec<(ObjectId, Object)>, CorpusError> {
    let section = doc
        .sections()
        .first()
        .ok_or_else(|| CorpusError::Structure("no cross-reference section".into()))?;
    let mut objects = Vec::new();
    for (&num, entry) in &section.entries {
        if matches!(entry, XrefEntry::Free) {
            continue;
        }
        let (id, object) = doc.get(num)?;
        if object
            .as_dict()
            .is_some_and(|d| d.has_name(b"Type", b"XRef"))
        {
            continue;
        }
        objects.push((id, object));
    }
    Ok(objects)
}
