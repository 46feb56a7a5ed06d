//! What a signature covers. A signature covers its revision; the file may
//! go on with later incremental updates, which a reader merges into what it
//! shows. So the check compares the document a reader builds from the
//! signed revision with the one it builds from the whole file, object by
//! object — every object whose merged cross-reference entry changed, in
//! however many sections, `/Prev` chains, hybrid tables or object streams
//! the updates spread it — and accepts only what a signature update needs:
//!
//! - changed objects: only the catalog (only /AcroForm and /DSS may differ),
//!   pages (only /Annots may differ), the /AcroForm dictionary (only
//!   /Fields, /SigFlags, /DR, /DA may differ) and the arrays held in a
//!   page's /Annots or in /Fields, arrays that only grow;
//! - added fields and annotations: signature fields and their widgets,
//!   each either invisible (then a value, if any, need only verify) or
//!   holding a signature that itself verifies and whose signed range
//!   contains the widget and its appearance (so a visible appearance is
//!   always vouched for by a reported signature, whose own trust the
//!   report gives). After a certification signature (DocMDP), whose
//!   certifier bounded what may follow, that later signer must also be
//!   trusted: a "sneaky signature" by an unknown key draws nothing over a
//!   certified document. After an approval seal it may be a second
//!   department's seal whose root this desk lacks: that seal is reported
//!   as untrusted, and the first still covers what it signed;
//! - added objects otherwise: only those signature fields, widgets and
//!   values need, the document security store (DSS), and the
//!   cross-reference and object streams that carry them;
//! - nothing freed, and no bytes after the last `%%EOF` but white space;
//! - no object body after the signed revision that no cross-reference
//!   lists (a repairing reader would show it), and no hybrid section whose
//!   table and `/XRefStm` place an object differently, or that lists one
//!   object twice (readers disagree on which entry counts).
//!
//! Revisions are found by their `%%EOF` markers, not through `/Prev`, so an
//! update whose chain skips the signed revision is still compared with it.
//!
//! Anything else (a changed page content, a new text annotation, an empty
//! signature field that draws over the page, junk appended) means the
//! document was modified after signing, and the verdict names the object
//! and what it is. A certification signature that allows no changes
//! (DocMDP P=1) accepts no later revision at all.

use std::collections::{BTreeSet, HashSet};

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
/// file order. Found by the markers themselves rather than through the
/// `/Prev` chain, which an update may point past a revision.
pub fn revision_ends(doc: &Document<'_>) -> Vec<usize> {
    let data = doc.data();
    let mut ends = Vec::new();
    let mut from = 0;
    while let Some(found) = find(&data[from..], b"%%EOF") {
        let at = from + found;
        let mut end = at + b"%%EOF".len();
        from = end;
        // A marker starts a line (the one in a comment or string does not).
        if at > 0 && !matches!(data[at - 1], b'\r' | b'\n') {
            continue;
        }
        if data.get(end) == Some(&b'\r') {
            end += 1;
        }
        if data.get(end) == Some(&b'\n') {
            end += 1;
        }
        ends.push(end);
    }
    ends
}

/// A signature of the same file that verified (its digest and signature
/// check out): a later one may add its own field, widget and appearance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerifiedSignature {
    /// The object number of its signature dictionary (the field's /V).
    pub value: u32,
    /// The end of the bytes it signs.
    pub signed_end: usize,
    /// Its signer chains to a trusted root: after a certification, only
    /// then may its appearance show on the page.
    pub trusted: bool,
}

/// What the signature being judged allows after itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Allowance<'a> {
    /// The other signatures of the file that verified.
    pub verified: &'a [VerifiedSignature],
    /// A certification signature (DocMDP) that permits no change at all.
    pub no_changes: bool,
    /// A certification signature (DocMDP, any permission): a later visible
    /// signature must come from a trusted signer.
    pub certified: bool,
}

pub fn evaluate(doc: &Document<'_>, signed_end: usize, allowance: Allowance<'_>) -> Coverage {
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
    if allowance.no_changes {
        return Coverage::ModifiedAfterSigning(
            "认证签章不允许签章后的任何修改（DocMDP P=1），文件却有后续修订".into(),
        );
    }
    match only_adds_signatures(&data[..ends[start]], doc, allowance) {
        Ok(()) => Coverage::SignatureUpdatesOnly {
            later_revisions: ends.len() - start - 1,
        },
        Err(why) => Coverage::ModifiedAfterSigning(why),
    }
}

fn trims_to(data: &[u8], end: usize, signed_end: usize) -> bool {
    signed_end < end && data[signed_end..end].iter().all(|&b| is_whitespace(b))
}

/// Checks what the whole file `new` shows against the signed revision
/// `old_bytes` (see the module documentation).
fn only_adds_signatures(
    old_bytes: &[u8],
    new: &Document<'_>,
    allowance: Allowance<'_>,
) -> Result<(), String> {
    let old = Document::load(old_bytes).map_err(|e| format!("无法读取签章时的修订版本：{e}"))?;
    // What readers disagree on, or what only a repairing reader sees.
    later_sections_agree(new, old_bytes.len())?;
    if let Some(num) = listed_twice(new, old_bytes.len()) {
        return Err(format!(
            "签章之后的交叉引用对对象 {num} 列出了两个不同的位置，不同阅读器会显示不同内容"
        ));
    }
    if let Some((num, offset)) = unlisted_object(new, old_bytes.len()) {
        return Err(format!(
            "签章之后追加了未列入交叉引用的对象 {num}（偏移 {offset}），修复文件的阅读器会显示它"
        ));
    }
    let (old_root, old_catalog) = old.catalog().map_err(|e| e.to_string())?;
    let (new_root, new_catalog) = new.catalog().map_err(|e| e.to_string())?;
    if old_root.0 != new_root.0 {
        return Err(format!("签章之后更换了文档目录（对象 {}）", new_root.0));
    }
    let old_pages = old.pages().map_err(|e| e.to_string())?;
    let new_pages = new.pages().map_err(|e| e.to_string())?;
    if old_pages.len() != new_pages.len()
        || old_pages
            .iter()
            .zip(&new_pages)
            .any(|(a, b)| a.0 .0 != b.0 .0)
    {
        return Err("签章之后改动了页面结构（页面的增删或换序）".into());
    }
    let kinds = Kinds::of(&old);

    // Containers a signature update may change, checked key by key below.
    let mut containers = HashSet::new();
    containers.insert(old_root.0);
    let old_form = form_of(&old, &old_catalog);
    if let Some(Object::Reference(r)) = old_catalog.get(b"AcroForm") {
        containers.insert(r.0);
    }
    if let Some(Object::Reference(r)) = old_form.as_ref().and_then(|f| f.get(b"Fields")) {
        containers.insert(r.0);
    }
    // A later long-term validation update rewrites the DSS.
    if let Some(Object::Reference(r)) = old_catalog.get(b"DSS") {
        containers.insert(r.0);
    }
    for (id, page) in &old_pages {
        containers.insert(id.0);
        if let Some(Object::Reference(r)) = page.get(b"Annots") {
            containers.insert(r.0);
        }
    }

    // Every object a reader now sees differently: its merged entry changed,
    // or it sits in an object stream whose entry changed.
    let restreamed: HashSet<u32> = new
        .xref()
        .iter()
        .filter(|(num, entry)| old.xref().get(num) != Some(entry))
        .map(|(&num, _)| num)
        .collect();
    let numbers: BTreeSet<u32> = old
        .xref()
        .keys()
        .chain(new.xref().keys())
        .copied()
        .collect();
    let mut added = BTreeSet::new();
    for num in numbers {
        let old_entry = old.xref().get(&num);
        let new_entry = new.xref().get(&num);
        let in_changed_stream = matches!(new_entry, Some(XrefEntry::InStream { stream, .. }) if restreamed.contains(stream));
        if old_entry == new_entry && !in_changed_stream {
            continue;
        }
        let old_exists = !matches!(old_entry, None | Some(XrefEntry::Free));
        let new_exists = !matches!(new_entry, None | Some(XrefEntry::Free));
        match (old_exists, new_exists) {
            (false, false) => {}
            (true, false) => {
                return Err(format!("签章之后删除了{}", kinds.name(&old, num)));
            }
            (false, true) => {
                added.insert(num);
            }
            (true, true) => {
                let same = matches!((old.get(num), new.get(num)), (Ok(a), Ok(b)) if a == b);
                if !same && !containers.contains(&num) {
                    return Err(format!("签章之后改动了{}", kinds.name(&old, num)));
                }
            }
        }
    }

    // Catalog: only /AcroForm (the new signature's field) and /DSS may differ.
    if !same_except(&old_catalog, &new_catalog, &[b"AcroForm", b"DSS"]) {
        return Err(format!("签章之后改动了文档目录（对象 {}）", old_root.0));
    }
    let new_form = form_of(new, &new_catalog);
    let empty = Dictionary::new();
    let old_form_dict = old_form.as_ref().unwrap_or(&empty);
    let new_form_dict = new_form.as_ref().unwrap_or(&empty);
    if !same_except(
        old_form_dict,
        new_form_dict,
        &[b"Fields", b"SigFlags", b"DR", b"DA"],
    ) {
        return Err("签章之后改动了表单（AcroForm）".into());
    }
    // What the added objects may be: reached from the structures a
    // signature update adds, and nothing else.
    // (The form's resources may gain what a new appearance uses; the DSS
    // holds certificates and revocation data, never drawn.)
    let mut needed = HashSet::new();
    reach(new, new_catalog.get(b"AcroForm"), &added, &mut needed);
    reach(new, new_catalog.get(b"DSS"), &added, &mut needed);
    let old_fields = array_of(&old, old_form_dict.get(b"Fields"));
    let new_fields = array_of(new, new_form_dict.get(b"Fields"));
    let mut new_widgets: Vec<Object> = Vec::new();
    for field in grown(&old_fields, &new_fields).ok_or("签章之后删去了表单域")? {
        check_signature_widget(new, field, allowance, "表单域")?;
        new_widgets.push(field.clone());
    }
    for ((page_id, old_page), (_, new_page)) in old_pages.iter().zip(&new_pages) {
        if !same_except(old_page, new_page, &[b"Annots"]) {
            return Err(format!("签章之后改动了页面（对象 {}）", page_id.0));
        }
        if old_page.get(b"Annots").is_none() {
            reach(new, new_page.get(b"Annots"), &added, &mut needed);
        }
        let old_annots = array_of(&old, old_page.get(b"Annots"));
        let new_annots = array_of(new, new_page.get(b"Annots"));
        for annot in grown(&old_annots, &new_annots).ok_or("签章之后删去了注释")? {
            check_signature_widget(new, annot, allowance, "注释")?;
            new_widgets.push(annot.clone());
        }
    }
    for widget in &new_widgets {
        reach(new, Some(widget), &added, &mut needed);
    }
    for num in &added {
        if needed.contains(num) || is_carrier(new, *num) {
            continue;
        }
        return Err(format!(
            "签章之后添加了与签章无关的{}",
            kinds.name(new, *num)
        ));
    }
    Ok(())
}

/// In a hybrid section after the signed revision, the table and its
/// `/XRefStm` stream must not place one object in two places: readers that
/// prefer either would show different documents.
fn later_sections_agree(doc: &Document<'_>, signed_end: usize) -> Result<(), String> {
    let data = doc.data();
    for section in doc.sections().iter().filter(|s| s.offset >= signed_end) {
        let Some(stm) = section
            .trailer
            .get(b"XRefStm")
            .and_then(Object::as_i64)
            .and_then(|o| usize::try_from(o).ok())
        else {
            continue;
        };
        let (Ok(table), Ok(stream)) = (
            crate::pdf::xref::read_section(data, section.offset),
            crate::pdf::xref::read_section(data, stm),
        ) else {
            return Err(format!(
                "签章之后的交叉引用（偏移 {}）及其 /XRefStm 无法读取",
                section.offset
            ));
        };
        for (num, entry) in &table.entries {
            if stream.entries.get(num).is_some_and(|other| other != entry) {
                return Err(format!(
                    "签章之后的交叉引用表与其 /XRefStm 交叉引用流对对象 {num} 的位置说法不一，不同阅读器会显示不同内容"
                ));
            }
        }
    }
    Ok(())
}

/// An object that a cross-reference section after `signed_end` lists twice
/// with different entries (a table with two subsections for it, or a
/// stream whose /Index ranges overlap): readers keep either the first or
/// the last, so they would show different documents.
fn listed_twice(doc: &Document<'_>, signed_end: usize) -> Option<u32> {
    for section in doc.sections().iter().filter(|s| s.offset >= signed_end) {
        let hybrid = section
            .trailer
            .get(b"XRefStm")
            .and_then(Object::as_i64)
            .and_then(|o| usize::try_from(o).ok());
        for offset in std::iter::once(section.offset).chain(hybrid) {
            let twice =
                table_listed_twice(doc, offset).or_else(|| stream_listed_twice(doc, offset));
            if twice.is_some() {
                return twice;
            }
        }
    }
    None
}

// The parsers below charge the document's budget (and its deadline): a
// file with very many sections or objects after a seal must not make this
// check the unbounded part of a verification.

fn table_listed_twice(doc: &Document<'_>, offset: usize) -> Option<u32> {
    let data = doc.data();
    let mut parser = crate::pdf::parse::Parser::with_budget(data, offset, doc.budget());
    if !parser.eat_keyword(b"xref") {
        return None;
    }
    let mut seen: std::collections::HashMap<u64, (u64, u64, Vec<u8>)> =
        std::collections::HashMap::new();
    while !parser.eat_keyword(b"trailer") {
        let first = parser.unsigned().ok()?;
        let count = parser.unsigned().ok()?.min(data.len() as u64 / 20 + 1);
        for i in 0..count {
            let entry = (
                parser.unsigned().ok()?,
                parser.unsigned().ok()?,
                parser.token().to_vec(),
            );
            let num = first.checked_add(i)?;
            match seen.get(&num) {
                Some(earlier) if *earlier != entry => return u32::try_from(num).ok(),
                Some(_) => {}
                None => {
                    seen.insert(num, entry);
                }
            }
        }
    }
    None
}

fn stream_listed_twice(doc: &Document<'_>, offset: usize) -> Option<u32> {
    let found = crate::pdf::parse::Parser::with_budget(doc.data(), offset, doc.budget())
        .indirect_object()
        .ok()?;
    let dict = found.object.as_dict()?.clone();
    let index: Vec<i64> = dict
        .get(b"Index")?
        .as_array()?
        .iter()
        .filter_map(Object::as_i64)
        .collect();
    let mut ranges: Vec<(i64, i64)> = index
        .chunks(2)
        .filter_map(|p| match p {
            [first, count] => Some((*first, first.saturating_add(*count))),
            _ => None,
        })
        .collect();
    ranges.sort_unstable();
    ranges
        .windows(2)
        .find(|w| w[1].0 < w[0].1)
        .and_then(|w| u32::try_from(w[1].0).ok())
}

/// An object body after `signed_end` that no cross-reference section lists
/// and that lies inside no listed object: `(number, offset)`. Readers that
/// repair a file take such bodies, ours never would.
fn unlisted_object(doc: &Document<'_>, signed_end: usize) -> Option<(u32, usize)> {
    let data = doc.data();
    let mut listed: HashSet<usize> = HashSet::new();
    for section in doc.sections() {
        listed.insert(section.offset);
        if let Some(stm) = section
            .trailer
            .get(b"XRefStm")
            .and_then(Object::as_i64)
            .and_then(|o| usize::try_from(o).ok())
        {
            listed.insert(stm);
        }
        listed.extend(section.entries.values().filter_map(|e| match e {
            XrefEntry::InFile { offset, .. } => Some(*offset),
            _ => None,
        }));
    }
    let candidates: Vec<(u32, usize)> = (signed_end.max(1)..data.len())
        .filter(|&i| matches!(data[i - 1], b'\r' | b'\n') && data[i].is_ascii_digit())
        .filter_map(|i| object_header(data, i).map(|num| (num, i)))
        .filter(|(_, i)| !listed.contains(i))
        .collect();
    if candidates.is_empty() {
        return None;
    }
    // Only then: a header-like line inside a listed object (a stream's
    // data) is no body of its own.
    let spans: Vec<(usize, usize)> = listed
        .iter()
        .filter(|&&o| o >= signed_end && o < data.len())
        .filter_map(|&o| {
            crate::pdf::parse::Parser::with_budget(data, o, doc.budget())
                .indirect_object()
                .ok()
                .map(|found| (o, found.end))
        })
        .collect();
    candidates
        .into_iter()
        .find(|(_, i)| !spans.iter().any(|(s, e)| s < i && i < e))
}

/// The object number of a `num gen obj` header at `at`.
fn object_header(data: &[u8], at: usize) -> Option<u32> {
    let digits = |from: usize| {
        let n = data[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        (n > 0 && n <= 10).then_some(from + n)
    };
    let spaces = |from: usize| {
        let n = data[from..]
            .iter()
            .take_while(|&&b| is_whitespace(b))
            .count();
        (n > 0).then_some(from + n)
    };
    let number_end = digits(at)?;
    let generation_end = digits(spaces(number_end)?)?;
    let keyword = spaces(generation_end)?;
    if !data[keyword..].starts_with(b"obj") {
        return None;
    }
    std::str::from_utf8(&data[at..number_end])
        .ok()?
        .parse()
        .ok()
}

/// An added field or annotation: a signature field or widget (/FT /Sig, own
/// or inherited), invisible or holding a verified signature that signs it
/// and its appearance.
fn check_signature_widget(
    doc: &Document<'_>,
    item: &Object,
    allowance: Allowance<'_>,
    what: &str,
) -> Result<(), String> {
    let number = item.as_reference().map_or(0, |(n, _)| n);
    let Ok(dict) = doc.resolve_dict(item) else {
        return Err(format!("签章之后添加的{what}（对象 {number}）无法读取"));
    };
    let field = signature_field_of(doc, &dict).ok_or_else(|| {
        format!(
            "签章之后添加了签名以外的{what}（对象 {number}，{}）",
            annotation_kind(&dict)
        )
    })?;
    let value = field
        .get(b"V")
        .and_then(Object::as_reference)
        .map(|(n, _)| n);
    let Some(value) = value else {
        if is_visible(doc, &dict) {
            return Err(format!(
                "签章之后添加了没有签名值的签名域（对象 {number}），其外观显示在页面上，可遮盖已签内容"
            ));
        }
        return Ok(());
    };
    let Some(signature) = allowance.verified.iter().find(|v| v.value == value) else {
        return Err(format!(
            "签章之后添加的签名域（对象 {number}）所含签名（对象 {value}）未通过核验"
        ));
    };
    // After a certification, a visible appearance is vouched for only by
    // a signer we trust; an invisible one shows nothing, so its signature
    // need only verify.
    if allowance.certified && !signature.trusted && is_visible(doc, &dict) {
        return Err(format!(
            "签章之后添加的签名域（对象 {number}）所含签名（对象 {value}）的签章人不受信任，其外观显示在页面上，可遮盖已签内容"
        ));
    }
    // The widget and everything its appearance draws lie in the bytes that
    // signature signs: its signer vouched for what it shows.
    let mut drawn = HashSet::from([number]);
    let everything: BTreeSet<u32> = doc.xref().keys().copied().collect();
    reach(doc, dict.get(b"AP"), &everything, &mut drawn);
    for num in drawn {
        if let Some(offset) = stored_offset(doc, num) {
            if offset >= signature.signed_end {
                return Err(format!(
                    "签名域（对象 {number}）的外观对象 {num} 不在其签名（对象 {value}）的签名范围之内"
                ));
            }
        }
    }
    Ok(())
}

/// The field dictionary of a signature widget or field: the item itself or
/// the parent that carries /FT /Sig.
fn signature_field_of(doc: &Document<'_>, item: &Dictionary) -> Option<Dictionary> {
    let mut current = Some(item.clone());
    for _ in 0..16 {
        let dict = current?;
        if let Some(ft) = dict.name(b"FT") {
            return (ft == b"Sig").then_some(dict);
        }
        current = dict.get(b"Parent").and_then(|p| doc.resolve_dict(p).ok());
    }
    None
}

/// Whether an annotation shows on the page: an appearance, a rectangle of
/// some area, and not hidden (annotation flags Hidden 2, NoView 32).
fn is_visible(doc: &Document<'_>, annot: &Dictionary) -> bool {
    let flags = annot.get(b"F").and_then(Object::as_i64).unwrap_or(0);
    if flags & (2 | 32) != 0 {
        return false;
    }
    let rect: Vec<f64> = annot
        .get(b"Rect")
        .and_then(|r| doc.resolve(r).ok())
        .and_then(|r| {
            r.as_array()
                .map(|a| a.iter().filter_map(Object::as_f64).collect())
        })
        .unwrap_or_default();
    let area = match rect.as_slice() {
        [x1, y1, x2, y2] => ((x2 - x1) * (y2 - y1)).abs(),
        _ => 0.0,
    };
    area > 0.0 && annot.get(b"AP").is_some()
}

/// Where object `num` is stored: its own offset, or its object stream's.
fn stored_offset(doc: &Document<'_>, num: u32) -> Option<usize> {
    match doc.xref().get(&num)? {
        XrefEntry::InFile { offset, .. } => Some(*offset),
        XrefEntry::InStream { stream, .. } => match doc.xref().get(stream)? {
            XrefEntry::InFile { offset, .. } => Some(*offset),
            _ => None,
        },
        XrefEntry::Free => None,
    }
}

/// The objects of `within` reachable from `from`, following references
/// into `within` only (so a widget's /P does not pull in the page tree).
fn reach(
    doc: &Document<'_>,
    from: Option<&Object>,
    within: &BTreeSet<u32>,
    found: &mut HashSet<u32>,
) {
    let mut stack: Vec<Object> = from.cloned().into_iter().collect();
    let mut steps = 0usize;
    while let Some(object) = stack.pop() {
        steps += 1;
        if steps > 1 << 16 {
            return;
        }
        match object {
            Object::Reference((num, _)) if within.contains(&num) && found.insert(num) => {
                if let Ok((_, target)) = doc.get(num) {
                    stack.push(target);
                }
            }
            Object::Array(items) => stack.extend(items),
            Object::Dictionary(dict) => stack.extend(dict.iter().map(|(_, v)| v.clone())),
            Object::Stream(stream) => {
                stack.extend(stream.dict.iter().map(|(_, v)| v.clone()));
            }
            _ => {}
        }
    }
}

/// The streams that carry other objects: cross-reference and object
/// streams, added by any update.
fn is_carrier(doc: &Document<'_>, num: u32) -> bool {
    match doc.get(num) {
        Ok((_, Object::Stream(s))) => {
            s.dict.has_name(b"Type", b"XRef") || s.dict.has_name(b"Type", b"ObjStm")
        }
        _ => false,
    }
}

/// What an object is, for the verdict: page content, annotation, form
/// field, font, image or appearance …
struct Kinds {
    contents: HashSet<u32>,
}

impl Kinds {
    fn of(doc: &Document<'_>) -> Self {
        let mut contents = HashSet::new();
        for (_, page) in doc.pages().unwrap_or_default() {
            match page.get(b"Contents") {
                Some(Object::Reference((n, _))) => {
                    contents.insert(*n);
                    if let Ok((_, Object::Array(parts))) = doc.get(*n) {
                        contents.extend(parts.iter().filter_map(|p| p.as_reference()).map(|r| r.0));
                    }
                }
                Some(Object::Array(parts)) => {
                    contents.extend(parts.iter().filter_map(|p| p.as_reference()).map(|r| r.0));
                }
                _ => {}
            }
        }
        Self { contents }
    }

    /// `对象 N（what it is）`.
    fn name(&self, doc: &Document<'_>, num: u32) -> String {
        let kind = if self.contents.contains(&num) {
            "页面内容".to_owned()
        } else {
            match doc.get(num) {
                Ok((_, object)) => match object.as_dict() {
                    Some(dict) => dict_kind(dict),
                    None => "对象".to_owned(),
                },
                Err(_) => "无法读取的对象".to_owned(),
            }
        };
        format!("对象 {num}（{kind}）")
    }
}

fn dict_kind(dict: &Dictionary) -> String {
    let kind = match dict.name(b"Type") {
        Some(b"Catalog") => "文档目录",
        Some(b"Pages") => "页面树",
        Some(b"Page") => "页面",
        Some(b"Font") | Some(b"FontDescriptor") => "字体",
        Some(b"XObject") if dict.has_name(b"Subtype", b"Image") => "图像",
        Some(b"XObject") => "外观或表单对象",
        Some(b"Annot") => return annotation_kind(dict),
        Some(b"Sig") => "签名值",
        Some(b"ObjStm") => "对象流",
        Some(b"XRef") => "交叉引用流",
        _ if dict.get(b"FT").is_some() => "表单域",
        _ if dict.get(b"Subtype").is_some() && dict.get(b"Rect").is_some() => {
            return annotation_kind(dict)
        }
        _ => "对象",
    };
    kind.to_owned()
}

fn annotation_kind(dict: &Dictionary) -> String {
    match dict.name(b"Subtype") {
        Some(b"Widget") => "表单域控件".to_owned(),
        Some(subtype) => format!("注释 /{}", String::from_utf8_lossy(subtype)),
        None => "注释".to_owned(),
    }
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
