//! Appends a revision (PDF 7.5.6): new and changed objects, a
//! cross-reference section for just those, and a trailer pointing back at
//! the previous section. The original bytes are copied unchanged.

use std::collections::BTreeMap;

use super::document::Document;
use super::object::{Dictionary, Object, ObjectId, Stream};
use super::serialize::{write_indirect, write_object};
use super::xref::XrefKind;
use super::PdfError;

/// The new file and where each appended object starts in it.
pub struct Appended {
    pub bytes: Vec<u8>,
    pub offsets: BTreeMap<u32, usize>,
}

/// Writes `original` followed by `objects` as an incremental update of
/// `doc` (which was loaded from `original`). The cross-reference section is
/// a table or a stream, the same kind as the previous one, so readers that
/// handle the original handle the update.
pub fn append(doc: &Document<'_>, objects: &[(ObjectId, Object)]) -> Result<Appended, PdfError> {
    let original = doc.data();
    let mut out = Vec::with_capacity(original.len() + 64 * 1024);
    out.extend_from_slice(original);
    // The previous %%EOF may lack its end of line; objects start on a line
    // of their own.
    if !matches!(original.last(), Some(b'\n' | b'\r')) {
        out.push(b'\n');
    }
    let mut offsets = BTreeMap::new();
    for (id, object) in objects {
        offsets.insert(id.0, out.len());
        write_indirect(&mut out, *id, object);
    }
    let generations: BTreeMap<u32, u16> = objects.iter().map(|((n, g), _)| (*n, *g)).collect();
    let highest_new = objects.iter().map(|((n, _), _)| *n).max().unwrap_or(0);
    let size = doc.next_object_number().max(highest_new.saturating_add(1));

    let mut trailer = Dictionary::new();
    for key in [&b"Root"[..], b"Info", b"ID"] {
        if let Some(value) = doc.trailer().get(key) {
            trailer.set(key, value.clone());
        }
    }
    trailer.set(b"Prev", Object::Integer(doc.startxref() as i64));

    let xref_offset = out.len();
    match doc.last_xref_kind() {
        XrefKind::Table => {
            trailer.set(b"Size", Object::Integer(i64::from(size)));
            write_table(&mut out, &offsets, &generations);
            out.extend_from_slice(b"trailer\n");
            write_object(&mut out, &Object::Dictionary(trailer));
            out.push(b'\n');
        }
        XrefKind::Stream => {
            // The stream itself takes the next number and lists itself.
            let own = size;
            offsets.insert(own, xref_offset);
            let size = own.saturating_add(1);
            let stream = xref_stream(trailer, &offsets, &generations, size);
            write_indirect(&mut out, (own, 0), &Object::Stream(stream));
        }
    }
    out.extend_from_slice(format!("startxref\n{xref_offset}\n%%EOF\n").as_bytes());
    Ok(Appended {
        bytes: out,
        offsets,
    })
}

/// Runs of consecutive numbers: `(first, count)`, as cross-reference
/// subsections group them.
pub(crate) fn runs(numbers: impl Iterator<Item = u32>) -> Vec<(u32, u32)> {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for n in numbers {
        match runs.last_mut() {
            Some((first, count)) if first.checked_add(*count) == Some(n) => *count += 1,
            _ => runs.push((n, 1)),
        }
    }
    runs
}

fn write_table(out: &mut Vec<u8>, offsets: &BTreeMap<u32, usize>, gens: &BTreeMap<u32, u16>) {
    out.extend_from_slice(b"xref\n");
    for (first, count) in runs(offsets.keys().copied()) {
        out.extend_from_slice(format!("{first} {count}\n").as_bytes());
        for n in first..first + count {
            let offset = offsets.get(&n).copied().unwrap_or(0);
            let gen = gens.get(&n).copied().unwrap_or(0);
            // Each entry is exactly 20 bytes (PDF 7.5.4).
            out.extend_from_slice(format!("{offset:010} {gen:05} n\r\n").as_bytes());
        }
    }
}

fn xref_stream(
    mut dict: Dictionary,
    offsets: &BTreeMap<u32, usize>,
    gens: &BTreeMap<u32, u16>,
    size: u32,
) -> Stream {
    let highest = offsets.values().copied().max().unwrap_or(0) as u64;
    let width = (1..=8).find(|w| highest < 1u64 << (8 * w)).unwrap_or(8);
    let mut data = Vec::new();
    let mut index = Vec::new();
    for (first, count) in runs(offsets.keys().copied()) {
        index.push(Object::Integer(i64::from(first)));
        index.push(Object::Integer(i64::from(count)));
        for n in first..first + count {
            let offset = offsets.get(&n).copied().unwrap_or(0) as u64;
            let gen = gens.get(&n).copied().unwrap_or(0);
            data.push(1);
            data.extend_from_slice(&offset.to_be_bytes()[8 - width..]);
            data.extend_from_slice(&gen.to_be_bytes());
        }
    }
    dict.set(b"Type", Object::name("XRef"));
    dict.set(b"Size", Object::Integer(i64::from(size)));
    dict.set(b"Index", Object::Array(index));
    dict.set(
        b"W",
        Object::Array(vec![
            Object::Integer(1),
            Object::Integer(width as i64),
            Object::Integer(2),
        ]),
    );
    Stream { dict, data }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_group_consecutive_numbers() {
        assert_eq!(
            runs([3, 4, 5, 9, 11, 12].into_iter()),
            vec![(3, 3), (9, 1), (11, 2)]
        );
        assert_eq!(runs(std::iter::empty()), vec![]);
    }

    #[test]
    fn table_entries_are_twenty_bytes() {
        let offsets: BTreeMap<u32, usize> = [(7, 1234), (8, 99)].into_iter().collect();
        let gens: BTreeMap<u32, u16> = [(7, 0), (8, 2)].into_iter().collect();
        let mut out = Vec::new();
        write_table(&mut out, &offsets, &gens);
        assert_eq!(
            String::from_utf8_lossy(&out),
            "xref\n7 2\n0000001234 00000 n\r\n0000000099 00002 n\r\n"
        );
    }
}
