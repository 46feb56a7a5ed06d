//! What a signature covers. A signature covers its revision; the file may
//! go on with later incremental updates. We accept those only when every
//! one of them just adds signatures, precisely:
//!
//! - objects it changes are only the catalog (only /AcroForm may differ),
//!   pages (only /Annots may differ), the /AcroForm dictionary (only
//!   /Fields, /SigFlags, /DR, /DA may differ) and the arrays held in a
//!   page's /Annots or in /Fields;
//! - such arrays only grow: everything they held is still there;
//! - every annotation added to a page is a signature widget (/FT /Sig, on
//!   itself or its /Parent), and every field added is a signature field;
//! - it frees no object, and the file has no bytes after its last %%EOF
//!   other than white space.
//!
//! Anything else (a changed page content, a new text annotation, junk
//! appended) means the document was modified after signing.

use std::collections::HashSet;

use crate::pdf::document::Document;
use crate::pdf::object::{Dictionary, Object};
use crate::pdf::parse::{find, is_whitespace};
use crate::pdf::xref::XrefEntry;

/// How much of the file a signature covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    /// The signed ranges reach the end of the file.
    WholeDocument,
    /// The signed revision is followed by `later_revisions` incremental
    /// updates that only add signatures (see the module documentation).
    SignatureUpdatesOnly { later_revisions: usize },
    /// The document was changed after signing in another way.
    ModifiedAfterSigning(String),
}

impl Coverage {
    /// Whether the document as a reader shows it is what was signed, up to
    /// later signatures.
    pub fn covers_document(&self) -> bool {
        !matches!(self, Coverage::ModifiedAfterSigning(_))
    }

    /// A stable code, for the UI and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            Coverage::WholeDocument => "whole_document",
            Coverage::SignatureUpdatesOnly { .. } => "signature_updates_only",
            Coverage::ModifiedAfterSigning(_) => "modified_after_signing",
        }
    }

    /// What it means, for an officer.
    pub fn message_zh(&self) -> String {
        match self {
            Coverage::WholeDocument => "签章覆盖全文".to_owned(),
            Coverage::SignatureUpdatesOnly { later_revisions } => {
                format!("签章覆盖全文；其后的{later_revisions}次修订只追加了签章，没有改动内容")
            }
            Coverage::ModifiedAfterSigning(why) => format!("签章之后文件被改动：{why}"),
        }
    }
}

/// The ends of every revision (just past its `%%EOF` and end of line), in
/// file order.
pub fn revision_ends(doc: &Document<'_>) -> Vec<usize> {
    let data = doc.data();
    let mut ends: Vec<usize> = doc
        .sections()
        .iter()
        .filter_map(|section| {
            let after = &data[section.offset..];
            let startxref = section.offset + find(after, b"startxref")?;
            let eof = startxref + find(&data[startxref..], b"%%EOF")? + b"%%EOF".len();
            let mut end = eof;
            if data.get(end) == Some(&b'\r') {
                end += 1;
            }
            if data.get(end) == Some(&b'\n') {
                end += 1;
            }
            Some(end)
        })
        .collect();
    ends.sort_unstable();
    ends.dedup();
    ends
}

pub fn evaluate(doc: &Document<'_>, signed_end: usize) -> Coverage {
    let data = doc.data();
    if signed_end == data.len() {
        return Coverage::WholeDocument;
    }
    let ends = revision_ends(doc);
    let Some(last) = ends.last().copied() else {
        return Coverage::ModifiedAfterSigning("找不到修订版本的结尾".into());
    };
    if !data[last..].iter().all(|&b| is_whitespace(b)) {
        return Coverage::ModifiedAfterSigning("文件末尾追加了不属于任何修订版本的内容".into());
    }
    if last == signed_end || data[signed_end..].iter().all(|&b| is_whitespace(b)) {
        return Coverage::WholeDocument;
    }
    // The signed revision may end just before its end of line.
    let Some(start) = ends
        .iter()
        .position(|&e| e == signed_end || trims_to(data, e, signed_end))
    else {
        return Coverage::ModifiedAfterSigning("签名范围没有止于修订版本的结尾".into());
    };
    let later = &ends[start + 1..];
    let mut previous = ends[start];
    for &end in later {
        if let Err(why) = only_adds_signatures(&data[..previous], &data[..end]) {
            return Coverage::ModifiedAfterSigning(why);
        }
        previous = end;
    }
    Coverage::SignatureUpdatesOnly {
        later_revisions: later.len(),
    }
}

fn trims_to(data: &[u8], end: usize, signed_end: usize) -> bool {
    signed_end < end && data[signed_end..end].iter().all(|&b| is_whitespace(b))
}

/// Checks one revision: `old` is the file before it, `new` the file with it.
fn only_adds_signatures(old: &[u8], new: &[u8]) -> Result<(), String> {
    let old_doc = Document::load(old).map_err(|e| format!("无法读取较早的修订版本：{e}"))?;
    let new_doc = Document::load(new).map_err(|e| format!("无法读取较晚的修订版本：{e}"))?;
    let (old_root, old_catalog) = old_doc.catalog().map_err(|e| e.to_string())?;
    let (new_root, new_catalog) = new_doc.catalog().map_err(|e| e.to_string())?;
    if old_root.0 != new_root.0 {
        return Err("后续修订更换了文档目录".into());
    }
    let old_pages = old_doc.pages().map_err(|e| e.to_string())?;
    let new_pages = new_doc.pages().map_err(|e| e.to_string())?;
    if old_pages.len() != new_pages.len()
        || old_pages
            .iter()
            .zip(&new_pages)
            .any(|(a, b)| a.0 .0 != b.0 .0)
    {
        return Err("后续修订改动了页面结构".into());
    }

    // The objects the new revision's own section defines.
    let section = new_doc
        .sections()
        .first()
        .ok_or_else(|| "后续修订没有交叉引用".to_string())?;
    let mut allowed_containers = HashSet::new();
    allowed_containers.insert(old_root.0);
    let old_form = form_of(&old_doc, &old_catalog);
    if let Some(Object::Reference(r)) = old_catalog.get(b"AcroForm") {
        allowed_containers.insert(r.0);
    }
    if let Some(Object::Reference(r)) = old_form.as_ref().and_then(|f| f.get(b"Fields")) {
        allowed_containers.insert(r.0);
    }
    for (id, page) in &old_pages {
        allowed_containers.insert(id.0);
        if let Some(Object::Reference(r)) = page.get(b"Annots") {
            allowed_containers.insert(r.0);
        }
    }

    for (&num, entry) in &section.entries {
        let old_exists = !matches!(old_doc.xref().get(&num), None | Some(XrefEntry::Free));
        if *entry == XrefEntry::Free {
            if old_exists {
                return Err(format!("后续修订删除了对象 {num}"));
            }
            continue;
        }
        if !old_exists {
            continue;
        }
        let old_obj = old_doc.get(num).map(|(_, o)| o);
        let new_obj = new_doc.get(num).map(|(_, o)| o);
        match (old_obj, new_obj) {
            (Ok(a), Ok(b)) if a == b => {}
            _ if allowed_containers.contains(&num) => {}
            _ => return Err(format!("后续修订改动了对象 {num}")),
        }
    }

    // Catalog: only /AcroForm may differ.
    if !same_except(&old_catalog, &new_catalog, &[b"AcroForm"]) {
        return Err("后续修订改动了文档目录".into());
    }
    // Form: only fields and signature flags (and the defaults a new
    // appearance may need) may differ; fields only grow, with signatures.
    let new_form = form_of(&new_doc, &new_catalog);
    let empty = Dictionary::new();
    let old_form_dict = old_form.as_ref().unwrap_or(&empty);
    let new_form_dict = new_form.as_ref().unwrap_or(&empty);
    if !same_except(
        old_form_dict,
        new_form_dict,
        &[b"Fields", b"SigFlags", b"DR", b"DA"],
    ) {
        return Err("后续修订改动了表单".into());
    }
    let old_fields = array_of(&old_doc, old_form_dict.get(b"Fields"));
    let new_fields = array_of(&new_doc, new_form_dict.get(b"Fields"));
    for added in grown(&old_fields, &new_fields).ok_or("后续修订删去了表单域")? {
        if !is_signature_field(&new_doc, added) {
            return Err("后续修订添加了非签名表单域".into());
        }
    }
    // Pages: only /Annots may differ; annotations only grow, with
    // signature widgets.
    for ((_, old_page), (_, new_page)) in old_pages.iter().zip(&new_pages) {
        if !same_except(old_page, new_page, &[b"Annots"]) {
            return Err("后续修订改动了页面".into());
        }
        let old_annots = array_of(&old_doc, old_page.get(b"Annots"));
        let new_annots = array_of(&new_doc, new_page.get(b"Annots"));
        for added in grown(&old_annots, &new_annots).ok_or("后续修订删去了注释")? {
            if !is_signature_field(&new_doc, added) {
                return Err("后续修订添加了签名以外的注释".into());
            }
        }
    }
    Ok(())
}

fn form_of(doc: &Document<'_>, catalog: &Dictionary) -> Option<Dictionary> {
    catalog
        .get(b"AcroForm")
        .and_then(|f| doc.resolve_dict(f).ok())
}

fn array_of(doc: &Document<'_>, value: Option<&Object>) -> Vec<Object> {
    value
        .and_then(|v| doc.resolve(v).ok())
        .and_then(|v| v.as_array().map(<[Object]>::to_vec))
        .unwrap_or_default()
}

fn same_except(a: &Dictionary, b: &Dictionary, keys: &[&[u8]]) -> bool {
    let strip = |d: &Dictionary| {
        let mut d = d.clone();
        for key in keys {
            d.remove(key);
        }
        d
    };
    strip(a).same_entries(&strip(b))
}

/// The items `new` adds to `old`, or `None` if an item of `old` is gone.
fn grown<'a>(old: &[Object], new: &'a [Object]) -> Option<Vec<&'a Object>> {
    if !old.iter().all(|o| new.contains(o)) {
        return None;
    }
    Some(new.iter().filter(|n| !old.contains(n)).collect())
}

/// A field or widget whose /FT (own or inherited) is /Sig.
fn is_signature_field(doc: &Document<'_>, item: &Object) -> bool {
    let mut current = doc.resolve_dict(item).ok();
    for _ in 0..16 {
        let Some(dict) = current else {
            return false;
        };
        if let Some(ft) = dict.name(b"FT") {
            return ft == b"Sig";
        }
        current = dict.get(b"Parent").and_then(|p| doc.resolve_dict(p).ok());
    }
    false
}
