//! Read-only access to a PDF's objects through its cross-reference chain.
//!
//! Loading reads only the cross-reference chain (cross-reference streams
//! are decoded, object streams are not). An object stream is decoded the
//! first time an object inside it is asked for, and then only its header is
//! read; each object is parsed when it is asked for. Everything is charged
//! to the document's [`Budget`].

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};

use super::budget::{Budget, Limits};
use super::filter;
use super::object::{Dictionary, Object, ObjectId};
use super::parse::{IndirectObject, Parser};
use super::xref::{self, XrefEntry, XrefKind, XrefSection};
use super::PdfError;

/// Following references deeper than this is treated as a loop.
const MAX_REFERENCE_HOPS: usize = 32;
/// A page tree deeper than this is treated as broken.
const MAX_PAGE_TREE_DEPTH: usize = 64;

/// A parsed view of a PDF (its newest revision). The bytes are borrowed and
/// never changed.
pub struct Document<'a> {
    data: &'a [u8],
    startxref: usize,
    sections: Vec<XrefSection>,
    xref: BTreeMap<u32, XrefEntry>,
    /// Object streams decoded so far (or why they could not be).
    object_streams: RefCell<HashMap<u32, Result<ObjectStream, PdfError>>>,
    budget: Budget,
}

/// A decoded object stream: its data and, from its header, where each
/// object starts. The objects are parsed when asked for.
struct ObjectStream {
    data: Vec<u8>,
    index: Vec<(u32, usize)>,
}

impl<'a> Document<'a> {
    /// Loads `data` under the default limits, or those of the innermost
    /// [`within`](super::budget::within) scope on this thread.
    pub fn load(data: &'a [u8]) -> Result<Self, PdfError> {
        Self::load_with_budget(data, Budget::ambient())
    }

    /// Loads `data` under `limits` (its time limit counted from now).
    pub fn load_with_limits(data: &'a [u8], limits: &Limits) -> Result<Self, PdfError> {
        Self::load_with_budget(data, Budget::new(limits.clone()))
    }

    fn load_with_budget(data: &'a [u8], budget: Budget) -> Result<Self, PdfError> {
        // The header may follow some junk, but within the first kilobyte.
        if super::parse::find(&data[..data.len().min(1024)], b"%PDF-").is_none() {
            return Err(PdfError::NotPdf("no `%PDF-` header"));
        }
        let startxref = xref::find_startxref(data)?;
        let sections = xref::read_chain_within(data, startxref, &budget)?;
        let mut merged = BTreeMap::new();
        // Oldest first, so newer revisions override.
        for section in sections.iter().rev() {
            for (&num, &entry) in &section.entries {
                merged.insert(num, entry);
            }
        }
        Ok(Self {
            data,
            startxref,
            sections,
            xref: merged,
            object_streams: RefCell::new(HashMap::new()),
            budget,
        })
    }

    /// What reading this document has cost so far, and its limits.
    pub fn budget(&self) -> &Budget {
        &self.budget
    }

    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    /// The offset of the newest cross-reference section.
    pub fn startxref(&self) -> usize {
        self.startxref
    }

    /// The newest trailer (for a cross-reference stream, its dictionary).
    pub fn trailer(&self) -> &Dictionary {
        // `read_chain` never returns an empty list.
        &self.sections[0].trailer
    }

    pub fn last_xref_kind(&self) -> XrefKind {
        self.sections[0].kind
    }

    pub fn sections(&self) -> &[XrefSection] {
        &self.sections
    }

    pub fn xref(&self) -> &BTreeMap<u32, XrefEntry> {
        &self.xref
    }

    /// The number a new object may take: past /Size and every known number.
    pub fn next_object_number(&self) -> u32 {
        let size = self
            .trailer()
            .get(b"Size")
            .and_then(Object::as_i64)
            .and_then(|s| u32::try_from(s).ok())
            .unwrap_or(0);
        let highest = self
            .xref
            .keys()
            .next_back()
            .map_or(0, |n| n.saturating_add(1));
        size.max(highest).max(1)
    }

    /// The object `num`, with the generation it has now.
    pub fn get(&self, num: u32) -> Result<(ObjectId, Object), PdfError> {
        match self.xref.get(&num) {
            None | Some(XrefEntry::Free) => Err(PdfError::MissingObject(num)),
            Some(XrefEntry::InFile { offset, generation }) => {
                let found = self.parse_at(*offset)?;
                if found.id.0 != num {
                    return Err(PdfError::Structure(format!(
                        "object {num} is not at the offset the cross-reference gives"
                    )));
                }
                Ok(((num, *generation), found.object))
            }
            Some(XrefEntry::InStream { stream, index }) => {
                Ok(((num, 0), self.compressed_object(*stream, *index, num)?))
            }
        }
    }

    /// The file span `[start, end)` of an uncompressed object.
    pub fn object_span(&self, num: u32) -> Option<(usize, usize)> {
        match self.xref.get(&num) {
            Some(XrefEntry::InFile { offset, .. }) => {
                let found = self.parse_at(*offset).ok()?;
                Some((*offset, found.end))
            }
            _ => None,
        }
    }

    fn parse_at(&self, offset: usize) -> Result<IndirectObject, PdfError> {
        if offset >= self.data.len() {
            return Err(PdfError::Structure("object offset outside the file".into()));
        }
        Parser::with_budget(self.data, offset, &self.budget).indirect_object()
    }

    fn compressed_object(&self, stream: u32, index: u32, num: u32) -> Result<Object, PdfError> {
        if !self.object_streams.borrow().contains_key(&stream) {
            let loaded = self.load_object_stream(stream);
            self.object_streams.borrow_mut().insert(stream, loaded);
        }
        let cache = self.object_streams.borrow();
        let Some(loaded) = cache.get(&stream) else {
            return Err(PdfError::MissingObject(num));
        };
        let objects = loaded.as_ref().map_err(Clone::clone)?;
        let at = pick(&objects.index, index, num)?;
        Parser::with_budget(&objects.data, at, &self.budget).object()
    }

    fn load_object_stream(&self, stream: u32) -> Result<ObjectStream, PdfError> {
        let Some(XrefEntry::InFile { offset, .. }) = self.xref.get(&stream) else {
            return Err(PdfError::Structure(format!(
                "object stream {stream} is not in the file"
            )));
        };
        let Object::Stream(s) = self.parse_at(*offset)?.object else {
            return Err(PdfError::Structure(format!(
                "object {stream} is not a stream"
            )));
        };
        // The claims are checked before anything is decoded.
        let count = s.dict.get(b"N").and_then(Object::as_i64).unwrap_or(0);
        let count = u64::try_from(count).unwrap_or(0);
        self.budget.check_object_stream(count)?;
        let first = s
            .dict
            .get(b"First")
            .and_then(Object::as_i64)
            .and_then(|f| usize::try_from(f).ok())
            .ok_or(PdfError::Structure("object stream without /First".into()))?;
        let data = filter::decode_within(&s, &self.budget)?;
        let mut header = Parser::with_budget(&data, 0, &self.budget);
        // Each pair takes at least four bytes of the header, so the vector
        // never outgrows the decoded data however large /N is.
        let mut index = Vec::with_capacity(usize::try_from(count).unwrap_or(0).min(data.len() / 4));
        for _ in 0..count {
            self.budget.tick(1)?;
            let num = header.unsigned()?;
            let rel = header.unsigned()?;
            let at = usize::try_from(rel)
                .ok()
                .and_then(|r| r.checked_add(first))
                .filter(|&a| a < data.len())
                .ok_or(PdfError::Structure("object stream offset".into()))?;
            let num = u32::try_from(num).map_err(|_| PdfError::Structure("number".into()))?;
            index.push((num, at));
        }
        Ok(ObjectStream { data, index })
    }

    /// Follows references until a direct object.
    pub fn resolve(&self, object: &Object) -> Result<Object, PdfError> {
        let mut current = object.clone();
        for _ in 0..MAX_REFERENCE_HOPS {
            match current {
                Object::Reference((num, _)) => current = self.get(num)?.1,
                other => return Ok(other),
            }
        }
        Err(PdfError::Structure("references loop".into()))
    }

    /// Resolves `object` and requires a dictionary (or a stream's dictionary).
    pub fn resolve_dict(&self, object: &Object) -> Result<Dictionary, PdfError> {
        match self.resolve(object)? {
            Object::Dictionary(d) => Ok(d),
            Object::Stream(s) => Ok(s.dict),
            _ => Err(PdfError::Structure("expected a dictionary".into())),
        }
    }

    pub fn catalog(&self) -> Result<(ObjectId, Dictionary), PdfError> {
        let root = self
            .trailer()
            .get(b"Root")
            .and_then(Object::as_reference)
            .ok_or(PdfError::Structure("trailer has no /Root".into()))?;
        let (id, object) = self.get(root.0)?;
        match object {
            Object::Dictionary(d) => Ok((id, d)),
            _ => Err(PdfError::Structure("/Root is not a dictionary".into())),
        }
    }

    /// The pages in order, as indirect objects.
    pub fn pages(&self) -> Result<Vec<(ObjectId, Dictionary)>, PdfError> {
        let (_, catalog) = self.catalog()?;
        let root = catalog
            .get(b"Pages")
            .and_then(Object::as_reference)
            .ok_or(PdfError::Structure("catalog has no /Pages".into()))?;
        let mut pages = Vec::new();
        let mut seen = HashSet::new();
        self.collect_pages(root, 0, &mut seen, &mut pages)?;
        Ok(pages)
    }

    fn collect_pages(
        &self,
        node: ObjectId,
        depth: usize,
        seen: &mut HashSet<u32>,
        pages: &mut Vec<(ObjectId, Dictionary)>,
    ) -> Result<(), PdfError> {
        if depth > MAX_PAGE_TREE_DEPTH || !seen.insert(node.0) {
            return Err(PdfError::Structure("page tree loops".into()));
        }
        let (id, object) = self.get(node.0)?;
        let Object::Dictionary(dict) = object else {
            return Err(PdfError::Structure(
                "page tree node is not a dictionary".into(),
            ));
        };
        if dict.has_name(b"Type", b"Pages") || dict.get(b"Kids").is_some() {
            let kids = self.resolve(dict.get(b"Kids").unwrap_or(&Object::Null))?;
            for kid in kids.as_array().unwrap_or(&[]) {
                let Some(kid) = kid.as_reference() else {
                    return Err(PdfError::Structure(
                        "page tree kid is not a reference".into(),
                    ));
                };
                self.collect_pages(kid, depth + 1, seen, pages)?;
            }
        } else {
            pages.push((id, dict));
        }
        Ok(())
    }
}

/// Where object `num` starts in its object stream: at `index` if the
/// header agrees, else wherever the header lists it.
fn pick(objects: &[(u32, usize)], index: u32, num: u32) -> Result<usize, PdfError> {
    let by_index = objects.get(index as usize).filter(|(n, _)| *n == num);
    let found = by_index.or_else(|| objects.iter().find(|(n, _)| *n == num));
    found.map(|&(_, at)| at).ok_or(PdfError::MissingObject(num))
}
