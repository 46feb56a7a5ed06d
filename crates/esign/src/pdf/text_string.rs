//! PDF text strings (PDF 7.9.2.2): what /Reason, /Location, /Name and /T
//! hold. We always write UTF-16BE with a byte order mark, which every reader
//! understands and which carries Chinese; reading also accepts UTF-8 (PDF
//! 2.0) and PDFDocEncoding.

/// `text` as UTF-16BE with the FE FF byte order mark.
pub fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(2 + text.len() * 2);
    out.extend_from_slice(&[0xfe, 0xff]);
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_be_bytes());
    }
    out
}

/// Decodes a text string; undecodable units become U+FFFD.
pub fn decode(bytes: &[u8]) -> String {
    if let Some(body) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = body
            .chunks(2)
            .map(|c| match c {
                [hi, lo] => u16::from_be_bytes([*hi, *lo]),
                _ => 0xfffd,
            })
            .collect();
        return String::from_utf16_lossy(&units);
    }
    if let Some(body) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return String::from_utf8_lossy(body).into_owned();
    }
    bytes.iter().map(|&b| pdf_doc_char(b)).collect()
}

/// PDFDocEncoding (PDF Annex D.2): Latin-1 except for 0x18–0x1F and
/// 0x80–0x9F.
fn pdf_doc_char(b: u8) -> char {
    const LOW: [char; 8] = ['˘', 'ˇ', 'ˆ', '˙', '˝', '˛', '˚', '˜'];
    const HIGH: [char; 32] = [
        '•', '†', '‡', '…', '—', '–', 'ƒ', '⁄', '‹', '›', '−', '‰', '„', '“', '”', '‘', '’', '‚',
        '™', 'ﬁ', 'ﬂ', 'Ł', 'Œ', 'Š', 'Ÿ', 'Ž', 'ı', 'ł', 'œ', 'š', 'ž', '\u{fffd}',
    ];
    match b {
        0x18..=0x1f => LOW[usize::from(b - 0x18)],
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        0xa0 => '€',
        0xad => '\u{fffd}',
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_round_trips_through_utf16_with_bom() {
        let encoded = encode("准予许可 𠀀");
        assert_eq!(&encoded[..4], &[0xfe, 0xff, 0x51, 0xc6]);
        assert_eq!(decode(&encoded), "准予许可 𠀀");
    }

    #[test]
    fn empty_text_is_just_the_bom() {
        assert_eq!(encode(""), vec![0xfe, 0xff]);
        assert_eq!(decode(&[0xfe, 0xff]), "");
    }

    #[test]
    fn other_encodings_decode() {
        assert_eq!(decode(b"Approved"), "Approved");
        assert_eq!(decode(&[0x8d, 0x41, 0x8e]), "“A”");
        assert_eq!(decode(&[0xef, 0xbb, 0xbf, 0xe5, 0xae, 0xa1]), "审");
        // An odd trailing byte does not panic.
        assert_eq!(decode(&[0xfe, 0xff, 0x00, 0x41, 0x00]), "A\u{fffd}");
    }
}
