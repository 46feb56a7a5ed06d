//! Cross-reference sections: classic tables, cross-reference streams and
//! hybrid files, followed back through `/Prev`.

use std::collections::{BTreeMap, HashSet};

use super::budget::Budget;
use super::filter;
use super::object::{Dictionary, Object};
use super::parse::{rfind, Parser};
use super::PdfError;

/// Where an object lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XrefEntry {
    Free,
    /// At a byte offset of the file.
    InFile {
        offset: usize,
        generation: u16,
    },
    /// Inside an object stream, at an index.
    InStream {
        stream: u32,
        index: u32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XrefKind {
    Table,
    Stream,
}

/// One cross-reference section and its trailer.
#[derive(Debug, Clone)]
pub struct XrefSection {
    pub offset: usize,
    pub kind: XrefKind,
    pub entries: BTreeMap<u32, XrefEntry>,
    pub trailer: Dictionary,
}

/// The offset after the last `startxref` of `data`.
pub fn find_startxref(data: &[u8]) -> Result<usize, PdfError> {
    let tail_start = data.len().saturating_sub(4096);
    let at = rfind(&data[tail_start..], b"startxref")
        .map(|i| tail_start + i)
        .or_else(|| rfind(data, b"startxref"))
        .ok_or(PdfError::NotPdf("no `startxref`"))?;
    let mut parser = Parser::new(data, at + b"startxref".len());
    let offset = parser.unsigned()?;
    usize::try_from(offset)
        .ok()
        .filter(|&o| o < data.len())
        .ok_or(PdfError::Structure(
            "startxref points outside the file".into(),
        ))
}

/// Every section from the newest (at `startxref`) back to the first,
/// under the default limits (or those of a [`within`](super::budget::within)
/// scope).
pub fn read_chain(data: &[u8], startxref: usize) -> Result<Vec<XrefSection>, PdfError> {
    read_chain_within(data, startxref, &Budget::ambient())
}

/// [`read_chain`], charging sections, entries and decoding to `budget`.
pub fn read_chain_within(
    data: &[u8],
    startxref: usize,
    budget: &Budget,
) -> Result<Vec<XrefSection>, PdfError> {
    let mut sections = Vec::new();
    let mut seen = HashSet::new();
    let mut next = Some(startxref);
    while let Some(offset) = next {
        if !seen.insert(offset) {
            return Err(PdfError::Structure("cross-reference chain loops".into()));
        }
        let mut section = read_section_within(data, offset, budget)?;
        // A hybrid file's table points at a stream with the compressed
        // objects; its entries fill what the table leaves out.
        if let Some(stm) = section.trailer.get(b"XRefStm").and_then(Object::as_i64) {
            if let Ok(stm) = usize::try_from(stm) {
                match read_section_within(data, stm, budget) {
                    Ok(extra) => {
                        for (num, entry) in extra.entries {
                            section.entries.entry(num).or_insert(entry);
                        }
                    }
                    // Over budget is never tolerated; a broken stream is.
                    Err(e @ (PdfError::OverBudget { .. } | PdfError::Cancelled)) => return Err(e),
                    Err(_) => {}
                }
            }
        }
        next = match section.trailer.get(b"Prev").and_then(Object::as_i64) {
            Some(prev) => Some(
                usize::try_from(prev)
                    .ok()
                    .filter(|&p| p < data.len())
                    .ok_or(PdfError::Structure("/Prev points outside the file".into()))?,
            ),
            None => None,
        };
        sections.push(section);
    }
    Ok(sections)
}

/// Reads the section at `offset`, a table (`xref`) or a stream object.
pub fn read_section(data: &[u8], offset: usize) -> Result<XrefSection, PdfError> {
    read_section_within(data, offset, &Budget::ambient())
}

/// [`read_section`], charging the section, its entries and its decoding to
/// `budget`.
pub fn read_section_within(
    data: &[u8],
    offset: usize,
    budget: &Budget,
) -> Result<XrefSection, PdfError> {
    budget.charge_xref_section()?;
    let mut parser = Parser::with_budget(data, offset, budget);
    if parser.eat_keyword(b"xref") {
        read_table(&mut parser, offset, budget)
    } else {
        let mut parser = Parser::with_budget(data, offset, budget);
        let found = parser.indirect_object()?;
        let Object::Stream(stream) = found.object else {
            return Err(PdfError::Structure(format!(
                "no cross-reference section at offset {offset}"
            )));
        };
        if !stream.dict.has_name(b"Type", b"XRef") {
            return Err(PdfError::Structure(format!(
                "object at offset {offset} is not a cross-reference stream"
            )));
        }
        // The claims are checked before anything is decoded.
        let index = stream_index(&stream.dict)?;
        let claimed = index
            .iter()
            .try_fold(0u64, |sum, &(_, count)| sum.checked_add(count))
            .unwrap_or(u64::MAX);
        budget.charge_xref_entries(claimed)?;
        let decoded = filter::decode_within(&stream, budget)?;
        let entries = stream_entries(&stream.dict, &index, &decoded, budget)?;
        Ok(XrefSection {
            offset,
            kind: XrefKind::Stream,
            entries,
            trailer: stream.dict,
        })
    }
}

fn read_table(
    parser: &mut Parser<'_>,
    offset: usize,
    budget: &Budget,
) -> Result<XrefSection, PdfError> {
    let mut entries = BTreeMap::new();
    loop {
        if parser.eat_keyword(b"trailer") {
            break;
        }
        let first = parser.unsigned()?;
        let count = parser.unsigned()?;
        budget.charge_xref_entries(count)?;
        for i in 0..count {
            budget.tick(1)?;
            let entry_offset = parser.unsigned()?;
            let generation = parser.unsigned()?;
            let kind = parser.token();
            let num = first
                .checked_add(i)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or(PdfError::Structure("object number too large".into()))?;
            let entry = match kind {
                b"n" => XrefEntry::InFile {
                    offset: usize::try_from(entry_offset)
                        .map_err(|_| PdfError::Structure("offset too large".into()))?,
                    generation: u16::try_from(generation).unwrap_or(u16::MAX),
                },
                b"f" => XrefEntry::Free,
                _ => return Err(PdfError::Structure("bad cross-reference entry".into())),
            };
            // Within one table the first entry for a number counts.
            entries.entry(num).or_insert(entry);
        }
    }
    let Object::Dictionary(trailer) = parser.object()? else {
        return Err(PdfError::Structure("trailer is not a dictionary".into()));
    };
    Ok(XrefSection {
        offset,
        kind: XrefKind::Table,
        entries,
        trailer,
    })
}

fn bad(what: &str) -> PdfError {
    PdfError::Structure(format!("cross-reference stream: {what}"))
}

/// The `(first, count)` subsections of a cross-reference stream (`/Index`,
/// or `[0 /Size]`).
fn stream_index(dict: &Dictionary) -> Result<Vec<(u64, u64)>, PdfError> {
    let size = dict
        .get(b"Size")
        .and_then(Object::as_i64)
        .ok_or_else(|| bad("no /Size"))?;
    let numbers: Vec<i64> = match dict.get(b"Index").and_then(Object::as_array) {
        Some(items) => items
            .iter()
            .map(Object::as_i64)
            .collect::<Option<_>>()
            .ok_or_else(|| bad("bad /Index"))?,
        None => vec![0, size],
    };
    numbers
        .chunks(2)
        .map(|pair| match pair {
            [first, count] => Ok((
                u64::try_from(*first).map_err(|_| bad("negative /Index"))?,
                u64::try_from(*count).map_err(|_| bad("negative count"))?,
            )),
            _ => Err(bad("odd /Index")),
        })
        .collect()
}

fn stream_entries(
    dict: &Dictionary,
    index: &[(u64, u64)],
    data: &[u8],
    budget: &Budget,
) -> Result<BTreeMap<u32, XrefEntry>, PdfError> {
    let widths: Vec<usize> = dict
        .get(b"W")
        .and_then(Object::as_array)
        .ok_or_else(|| bad("no /W"))?
        .iter()
        .map(|w| {
            w.as_i64()
                .and_then(|w| usize::try_from(w).ok())
                .filter(|&w| w <= 8)
        })
        .collect::<Option<_>>()
        .ok_or_else(|| bad("bad /W"))?;
    if widths.len() != 3 {
        return Err(bad("/W needs three widths"));
    }
    let row = widths.iter().sum::<usize>();
    if row == 0 {
        return Err(bad("empty rows"));
    }
    let mut rows = data.chunks_exact(row);
    let mut entries = BTreeMap::new();
    for &(first, count) in index {
        for i in 0..count {
            budget.tick(1)?;
            let Some(bytes) = rows.next() else {
                return Err(bad("fewer rows than /Index says"));
            };
            let (f1, rest) = bytes.split_at(widths[0]);
            let (f2, f3) = rest.split_at(widths[1]);
            // A zero-width type field means type 1 (PDF 7.5.8.2).
            let kind = if widths[0] == 0 { 1 } else { be(f1) };
            let num = first
                .checked_add(i)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| bad("object number"))?;
            let entry = match kind {
                0 => XrefEntry::Free,
                1 => XrefEntry::InFile {
                    offset: usize::try_from(be(f2)).map_err(|_| bad("offset"))?,
                    generation: u16::try_from(be(f3)).unwrap_or(u16::MAX),
                },
                2 => XrefEntry::InStream {
                    stream: u32::try_from(be(f2)).map_err(|_| bad("stream number"))?,
                    index: u32::try_from(be(f3)).map_err(|_| bad("index"))?,
                },
                // Unknown types are to be ignored (treated as null objects).
                _ => XrefEntry::Free,
            };
            entries.entry(num).or_insert(entry);
        }
    }
    Ok(entries)
}

fn be(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0u64, |acc, &b| acc << 8 | u64::from(b))
}
