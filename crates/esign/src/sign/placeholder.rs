//! The signature dictionary with room for what is known only at the end:
//! /ByteRange (fixed width, filled in place) and /Contents (a zero-filled
//! hex string the CMS is written into).

use crate::pdf::object::{Dictionary, Object};
use crate::pdf::parse::find;
use crate::pdf::serialize::hex_upper;

/// A /ByteRange value wide enough for files up to 10 GB; the real numbers
/// are written over it and padded with spaces.
const BYTE_RANGE_PLACEHOLDER: i64 = 9_999_999_999;

pub fn byte_range_placeholder() -> Object {
    Object::Array(vec![
        Object::Integer(0),
        Object::Integer(BYTE_RANGE_PLACEHOLDER),
        Object::Integer(BYTE_RANGE_PLACEHOLDER),
        Object::Integer(BYTE_RANGE_PLACEHOLDER),
    ])
}

pub fn contents_placeholder(capacity: usize) -> Object {
    Object::String(vec![0; capacity])
}

/// Where the placeholders lie in the new file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slots {
    /// The `[` … `]` of /ByteRange and trailing padding: `[start, end)`.
    pub byte_range: (usize, usize),
    /// The `<` … `>` of /Contents, both included: `[start, end)`.
    pub contents: (usize, usize),
}

/// Finds the placeholders in `file`, searching from `object_start` (the
/// signature dictionary's offset), where they are the first matches.
pub fn locate(file: &[u8], object_start: usize) -> Option<Slots> {
    let tail = file.get(object_start..)?;
    let br_key = find(tail, b"/ByteRange [")? + b"/ByteRange ".len();
    let br_end = br_key + find(&tail[br_key..], b"]")? + 1;
    let c_key = find(tail, b"/Contents <")? + b"/Contents ".len();
    let c_end = c_key + find(&tail[c_key..], b">")? + 1;
    Some(Slots {
        byte_range: (object_start + br_key, object_start + br_end),
        contents: (object_start + c_key, object_start + c_end),
    })
}

/// The byte ranges around /Contents: `[0, a, b, len - b]`.
pub fn byte_range(slots: &Slots, file_len: usize) -> [usize; 4] {
    let (a, b) = slots.contents;
    [0, a, b, file_len - b]
}

/// Writes `range` over the /ByteRange placeholder; false if it does not fit.
pub fn fill_byte_range(file: &mut [u8], slots: &Slots, range: [usize; 4]) -> bool {
    let (start, end) = slots.byte_range;
    let text = format!("[{} {} {} {}]", range[0], range[1], range[2], range[3]);
    let width = end - start;
    if text.len() > width {
        return false;
    }
    let padded = format!("{text:<width$}");
    file[start..end].copy_from_slice(padded.as_bytes());
    true
}

/// Writes `cms` into /Contents as hex, the rest staying zeros; false if it
/// does not fit.
pub fn fill_contents(file: &mut [u8], slots: &Slots, cms: &[u8]) -> bool {
    let (start, end) = slots.contents;
    let hex = hex_upper(cms);
    let room = end - start - 2;
    if hex.len() > room {
        return false;
    }
    file[start + 1..start + 1 + hex.len()].copy_from_slice(hex.as_bytes());
    true
}

/// The signature dictionary (PAdES: /SubFilter /ETSI.CAdES.detached).
pub fn signature_dictionary(
    capacity: usize,
    time: &str,
    reason: Option<&[u8]>,
    location: Option<&[u8]>,
    name: Option<&[u8]>,
) -> Dictionary {
    let mut d = Dictionary::new();
    d.set(b"Type", Object::name("Sig"));
    d.set(b"Filter", Object::name("Adobe.PPKLite"));
    d.set(b"SubFilter", Object::name("ETSI.CAdES.detached"));
    d.set(b"ByteRange", byte_range_placeholder());
    d.set(b"Contents", contents_placeholder(capacity));
    d.set(b"M", Object::String(time.as_bytes().to_vec()));
    for (key, value) in [
        (&b"Reason"[..], reason),
        (b"Location", location),
        (b"Name", name),
    ] {
        if let Some(value) = value {
            d.set(key, Object::String(value.to_vec()));
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::serialize::write_indirect;

    fn sample() -> (Vec<u8>, Slots) {
        let dict = signature_dictionary(4, "D:20250301093000+08'00'", None, None, None);
        let mut file = b"%PDF-1.7\n".to_vec();
        let start = file.len();
        write_indirect(&mut file, (9, 0), &Object::Dictionary(dict));
        file.extend_from_slice(b"trailer\n");
        let Some(slots) = locate(&file, start) else {
            panic!("placeholders not found");
        };
        (file, slots)
    }

    #[test]
    fn byte_range_is_filled_in_place_and_padded() {
        let (mut file, slots) = sample();
        let before = file.len();
        let range = byte_range(&slots, file.len());
        assert!(fill_byte_range(&mut file, &slots, range));
        assert_eq!(file.len(), before);
        let text =
            String::from_utf8_lossy(&file[slots.byte_range.0..slots.byte_range.1]).into_owned();
        assert!(text.starts_with(&format!("[0 {} {} {}]", range[1], range[2], range[3])));
        assert!(text.trim_end().ends_with(']'));
        // The gap is exactly the hex string.
        assert_eq!(file[range[1]], b'<');
        assert_eq!(file[range[2] - 1], b'>');
    }

    #[test]
    fn contents_too_large_is_refused() {
        let (mut file, slots) = sample();
        assert!(fill_contents(&mut file, &slots, &[1, 2, 3, 4]));
        assert!(!fill_contents(&mut file, &slots, &[1, 2, 3, 4, 5]));
        let hex = &file[slots.contents.0..slots.contents.1];
        assert_eq!(hex, b"<01020304>");
    }

    #[test]
    fn oversized_byte_range_is_refused() {
        let (mut file, slots) = sample();
        assert!(!fill_byte_range(
            &mut file,
            &slots,
            [0, usize::MAX, usize::MAX, usize::MAX]
        ));
    }
}
