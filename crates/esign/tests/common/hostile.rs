//! Hostile PDFs built by hand: each is small (or cheap to build) and would
//! cost gigabytes or minutes to read without the budgets of
//! `approval_esign::pdf::budget`. Used by tests/robustness.rs and by the
//! `hostile` example (which measures peak memory).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;

/// Every case, by name.
pub fn all() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("flate_bomb_xref_stream", flate_bomb_xref_stream()),
        ("flate_bomb_object_stream", flate_bomb_object_stream()),
        (
            "xref_stream_claims_2_31_entries",
            xref_stream_claiming(1 << 31, false),
        ),
        (
            "xref_stream_index_claims_2_31_entries",
            xref_stream_claiming(1 << 31, true),
        ),
        (
            "xref_table_claims_2_31_entries",
            xref_table_claiming(1 << 31),
        ),
        ("prev_chain_5000_sections", prev_chain(5000)),
        (
            "nested_arrays_100000_in_trailer",
            nested_arrays(100_000, true),
        ),
        (
            "nested_arrays_100000_in_catalog",
            nested_arrays(100_000, false),
        ),
        (
            "object_stream_n_10_9",
            object_stream_claiming(1_000_000_000),
        ),
        ("two_million_tiny_objects", tiny_objects(2_000_000)),
        (
            "fields_array_of_three_million",
            huge_fields_array(3_000_000),
        ),
    ]
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A file from numbered objects (their text between `obj` and `endobj`)
/// with a classic cross-reference table and `trailer` as its trailer.
pub fn classic(objects: &[(u32, Vec<u8>)], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (num, text) in objects {
        offsets.push((*num, out.len()));
        out.extend_from_slice(format!("{num} 0 obj\n").as_bytes());
        out.extend_from_slice(text);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let size = objects.iter().map(|(n, _)| n + 1).max().unwrap_or(1);
    out.extend_from_slice(format!("xref\n0 {size}\n").as_bytes());
    for num in 0..size {
        match offsets.iter().find(|(n, _)| *n == num) {
            Some((_, offset)) => {
                out.extend_from_slice(format!("{offset:010} 00000 n\r\n").as_bytes())
            }
            None => out.extend_from_slice(b"0000000000 65535 f\r\n"),
        }
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {size} {trailer} >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

const PAGES: &[u8] = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
const PAGE: &[u8] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>";

/// LSB-first bit writer for hand-made deflate streams.
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn new() -> Self {
        Self {
            out: Vec::new(),
            acc: 0,
            n: 0,
        }
    }

    fn put(&mut self, value: u64, bits: u32) {
        self.acc |= value << self.n;
        self.n += bits;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code (written most significant bit first).
    fn code(&mut self, code: u64, bits: u32) {
        let mut reversed = 0;
        for i in 0..bits {
            reversed |= ((code >> i) & 1) << (bits - 1 - i);
        }
        self.put(reversed, bits);
    }

    /// A literal byte in the fixed Huffman code.
    fn literal(&mut self, b: u8) {
        if b < 144 {
            self.code(0x30 + u64::from(b), 8);
        } else {
            self.code(0x190 + u64::from(b - 144), 9);
        }
    }
}

/// Filter stages of a flate bomb, outermost first, and the size the last
/// stage would inflate to: about 4 GiB of zeros from under a kilobyte.
///
/// The innermost stage is a zlib stream of one zero and then copies of 258
/// bytes at distance 1 (13 bits each in the fixed code). Its bytes repeat
/// every 13 from the fifth on, so the middle stage writes them as a few
/// literals and then copies of 258 bytes at distance 13; the outer stage is
/// the middle one deflated.
pub fn flate_bomb() -> (Vec<u8>, u64) {
    const COPIES: u64 = (4u64 << 30) / 258;
    // The first bytes of the innermost stage.
    let mut inner = Bits::new();
    inner.put(0x78, 8);
    inner.put(0x01, 8);
    inner.put(1, 1); // BFINAL
    inner.put(1, 2); // fixed Huffman codes
    inner.literal(0);
    for _ in 0..16 {
        inner.code(0xC5, 8); // length 258 (symbol 285)
        inner.code(0, 5); // distance 1
    }
    let prefix = &inner.out[..17];
    let inner_len = (16 + 3 + 8 + COPIES * 13) / 8;

    let mut middle = Bits::new();
    middle.put(0x78, 8);
    middle.put(0x01, 8);
    middle.put(1, 1);
    middle.put(1, 2);
    for &b in prefix {
        middle.literal(b);
    }
    let mut written = prefix.len() as u64;
    while written < inner_len {
        middle.code(0xC5, 8); // length 258
        middle.code(7, 5); // distance 13..=16
        middle.put(0, 2); // + 0
        written += 258;
    }
    // No end of block: the stream is cut, readers keep what decoded.
    middle.put(0, 7);
    (deflate(&middle.out), COPIES * 258)
}

/// A cross-reference stream that inflates to gigabytes.
pub fn flate_bomb_xref_stream() -> Vec<u8> {
    let (bomb, _) = flate_bomb();
    let mut out = b"%PDF-1.7\n".to_vec();
    let xref = out.len();
    out.extend_from_slice(
        format!(
            "1 0 obj\n<< /Type /XRef /Size 2 /W [1 4 1] /Root 1 0 R /Filter [/FlateDecode /FlateDecode /FlateDecode] /Length {} >>\nstream\n",
            bomb.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&bomb);
    out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

/// The catalog inside an object stream that inflates to gigabytes.
pub fn flate_bomb_object_stream() -> Vec<u8> {
    let (bomb, _) = flate_bomb();
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (num, text) in [(2u32, PAGES), (3, PAGE)] {
        offsets.push(out.len());
        out.extend_from_slice(format!("{num} 0 obj\n").as_bytes());
        out.extend_from_slice(text);
        out.extend_from_slice(b"\nendobj\n");
    }
    let objstm = out.len();
    out.extend_from_slice(
        format!(
            "4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter [/FlateDecode /FlateDecode /FlateDecode] /Length {} >>\nstream\n",
            bomb.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&bomb);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    // Cross-reference stream: object 1 (the catalog) sits in stream 4.
    let rows: Vec<[u8; 6]> = vec![
        [0, 0, 0, 0, 0, 0],
        [2, 0, 0, 0, 4, 0],
        row1(offsets[0]),
        row1(offsets[1]),
        row1(objstm),
        [0, 0, 0, 0, 0, 0],
    ];
    let mut data = Vec::new();
    for r in &rows {
        data.extend_from_slice(r);
    }
    let xref = out.len();
    out.extend_from_slice(
        format!(
            "5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 1] /Root 1 0 R /Length {} >>\nstream\n",
            data.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&data);
    out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

fn row1(offset: usize) -> [u8; 6] {
    let o = (offset as u32).to_be_bytes();
    [1, o[0], o[1], o[2], o[3], 0]
}

/// A cross-reference stream whose /Size (or /Index) claims `count`
/// entries while holding one row.
pub fn xref_stream_claiming(count: u64, with_index: bool) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let xref = out.len();
    let index = if with_index {
        format!("/Index [0 {count}]")
    } else {
        String::new()
    };
    let size = if with_index { 2 } else { count };
    out.extend_from_slice(
        format!(
            "1 0 obj\n<< /Type /XRef /Size {size} {index} /W [1 4 1] /Root 1 0 R /Length 6 >>\nstream\n"
        )
        .as_bytes(),
    );
    out.extend_from_slice(&[1, 0, 0, 0, 9, 0]);
    out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

/// A classic table whose subsection header claims `count` entries.
pub fn xref_table_claiming(count: u64) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec();
    let xref = out.len();
    out.extend_from_slice(
        format!(
            "xref\n0 {count}\n0000000000 65535 f\r\n0000000009 00000 n\r\ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
        )
        .as_bytes(),
    );
    out
}

/// `sections` cross-reference sections, each pointing back to the one
/// before through /Prev.
pub fn prev_chain(sections: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".to_vec();
    let pages = out.len();
    out.extend_from_slice(b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
    let mut prev: Option<usize> = None;
    for _ in 0..sections {
        let here = out.len();
        let prev_entry = prev.map_or(String::new(), |p| format!("/Prev {p}"));
        out.extend_from_slice(
            format!(
                "xref\n0 3\n0000000000 65535 f\r\n0000000009 00000 n\r\n{pages:010} 00000 n\r\ntrailer\n<< /Size 3 /Root 1 0 R {prev_entry} >>\n"
            )
            .as_bytes(),
        );
        prev = Some(here);
    }
    out.extend_from_slice(format!("startxref\n{}\n%%EOF\n", prev.unwrap_or(0)).as_bytes());
    out
}

/// `depth` nested arrays, in the trailer (read when the file is loaded) or
/// in the catalog (read when verification looks for signatures).
pub fn nested_arrays(depth: usize, in_trailer: bool) -> Vec<u8> {
    let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    if in_trailer {
        classic(
            &[
                (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
                (2, PAGES.to_vec()),
                (3, PAGE.to_vec()),
            ],
            &format!("/Root 1 0 R /Deep {deep}"),
        )
    } else {
        classic(
            &[
                (
                    1,
                    format!("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields {deep} >> >>")
                        .into_bytes(),
                ),
                (2, PAGES.to_vec()),
                (3, PAGE.to_vec()),
            ],
            "/Root 1 0 R",
        )
    }
}

/// The catalog in an object stream whose /N claims `count` objects.
pub fn object_stream_claiming(count: u64) -> Vec<u8> {
    let header = b"1 0 ";
    let mut body = header.to_vec();
    body.extend_from_slice(b"<< /Type /Catalog /Pages 2 0 R >>");
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (num, text) in [(2u32, PAGES), (3, PAGE)] {
        offsets.push(out.len());
        out.extend_from_slice(format!("{num} 0 obj\n").as_bytes());
        out.extend_from_slice(text);
        out.extend_from_slice(b"\nendobj\n");
    }
    let objstm = out.len();
    out.extend_from_slice(
        format!(
            "4 0 obj\n<< /Type /ObjStm /N {count} /First {} /Length {} >>\nstream\n",
            header.len(),
            body.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&body);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let rows = [
        [0, 0, 0, 0, 0, 0],
        [2, 0, 0, 0, 4, 0],
        row1(offsets[0]),
        row1(offsets[1]),
        row1(objstm),
    ];
    let data: Vec<u8> = rows.iter().flatten().copied().collect();
    let xref = out.len();
    out.extend_from_slice(
        format!(
            "5 0 obj\n<< /Type /XRef /Size 6 /Index [0 5] /W [1 4 1] /Root 1 0 R /Length {} >>\nstream\n",
            data.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&data);
    out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

/// `count` objects `null`, each listed in the cross-reference table.
pub fn tiny_objects(count: u32) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::with_capacity(count as usize);
    let first = [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        PAGES.to_vec(),
        PAGE.to_vec(),
    ];
    for num in 1..=count {
        offsets.push(out.len());
        out.extend_from_slice(format!("{num} 0 obj ").as_bytes());
        match first.get(num as usize - 1) {
            Some(text) => out.extend_from_slice(text),
            None => out.extend_from_slice(b"null"),
        }
        out.extend_from_slice(b" endobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f\r\n", count + 1).as_bytes());
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n\r\n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            count + 1
        )
        .as_bytes(),
    );
    out
}

/// A form whose /Fields array holds `count` references (millions of tiny
/// objects in one array, read when verification looks for signatures).
pub fn huge_fields_array(count: usize) -> Vec<u8> {
    let mut fields = Vec::with_capacity(count * 6 + 64);
    fields.extend_from_slice(b"<< /Fields [");
    for _ in 0..count {
        fields.extend_from_slice(b"3 0 R ");
    }
    fields.extend_from_slice(b"] >>");
    classic(
        &[
            (
                1,
                b"<< /Type /Catalog /Pages 2 0 R /AcroForm 4 0 R >>".to_vec(),
            ),
            (2, PAGES.to_vec()),
            (3, PAGE.to_vec()),
            (4, fields),
        ],
        "/Root 1 0 R",
    )
}
