//! Input PDFs for the tests and the bench, built by hand so every byte is
//! known: a one-page letter-like document with a classic cross-reference
//! table, or the same with its objects in an object stream and a
//! cross-reference stream (as PDF 1.5+ writers do).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A page content stream of about `size` bytes: lines of text in Helvetica
/// (the fixture only has to be a valid page, not pretty).
fn content(size: usize) -> Vec<u8> {
    let mut out = b"BT /F1 11 Tf 72 770 Td 14 TL\n".to_vec();
    let mut line = 0;
    while out.len() < size {
        out.extend_from_slice(
            format!("(Line {line}: the decision letter text stands here.) '\n").as_bytes(),
        );
        line += 1;
    }
    out.extend_from_slice(b"ET\n");
    out
}

/// Objects 1..=5: catalog, pages, page, font, content (uncompressed).
fn body(content_size: usize) -> Vec<(u32, Vec<u8>)> {
    let content = content(content_size);
    vec![
        (1, b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()),
        (2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec()),
        (
            3,
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"
                .to_vec(),
        ),
        (
            4,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        ),
        (5, {
            let mut s = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
            s.extend_from_slice(&content);
            s.extend_from_slice(b"\nendstream");
            s
        }),
    ]
}

/// A one-page PDF with a classic cross-reference table and an /Info and
/// /ID in its trailer; `content_size` sets the page content's size.
pub fn classic_pdf(content_size: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut objects = body(content_size);
    objects.push((6, b"<< /Producer (approval-esign test fixture) >>".to_vec()));
    let mut offsets = Vec::new();
    for (num, text) in &objects {
        offsets.push(out.len());
        out.extend_from_slice(format!("{num} 0 obj\n").as_bytes());
        out.extend_from_slice(text);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f\r\n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n\r\n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Info 6 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// The same page, but catalog, page tree, page and font sit in a
/// compressed object stream and the cross-reference is a stream with a PNG
/// predictor, as qpdf or Acrobat write them.
pub fn xref_stream_pdf(content_size: usize) -> Vec<u8> {
    let objects = body(content_size);
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    // Object 5 (the content stream) stays in the file; 1-4 go into
    // object stream 6.
    let mut header = String::new();
    let mut packed = Vec::new();
    for (num, text) in objects.iter().take(4) {
        header.push_str(&format!("{num} {} ", packed.len()));
        packed.extend_from_slice(text);
        packed.push(b'\n');
    }
    let first = header.len();
    let mut objstm_data = header.into_bytes();
    objstm_data.extend_from_slice(&packed);
    let objstm_data = deflate(&objstm_data);

    let offset5 = out.len();
    out.extend_from_slice(b"5 0 obj\n");
    out.extend_from_slice(&objects[4].1);
    out.extend_from_slice(b"\nendobj\n");
    let offset6 = out.len();
    out.extend_from_slice(
        format!(
            "6 0 obj\n<< /Type /ObjStm /N 4 /First {first} /Filter /FlateDecode /Length {} >>\nstream\n",
            objstm_data.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&objstm_data);
    out.extend_from_slice(b"\nendstream\nendobj\n");

    // Rows: type(1) field2(2) field3(1), for objects 0..=7 (7 = the xref stream).
    let offset7 = out.len();
    let rows: Vec<[u8; 4]> = vec![
        [0, 0, 0, 255],
        [2, 0, 6, 0],
        [2, 0, 6, 1],
        [2, 0, 6, 2],
        [2, 0, 6, 3],
        [1, (offset5 >> 8) as u8, offset5 as u8, 0],
        [1, (offset6 >> 8) as u8, offset6 as u8, 0],
        [1, (offset7 >> 8) as u8, offset7 as u8, 0],
    ];
    // PNG "Up" predictor, as most writers use.
    let mut predicted = Vec::new();
    let mut previous = [0u8; 4];
    for row in &rows {
        predicted.push(2);
        for i in 0..4 {
            predicted.push(row[i].wrapping_sub(previous[i]));
        }
        previous = *row;
    }
    let data = deflate(&predicted);
    out.extend_from_slice(
        format!(
            "7 0 obj\n<< /Type /XRef /Size 8 /W [1 2 1] /Root 1 0 R /ID [<AA> <AA>] /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >> /Length {} >>\nstream\n",
            data.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&data);
    out.extend_from_slice(format!("\nendstream\nendobj\nstartxref\n{offset7}\n%%EOF\n").as_bytes());
    assert!(offset7 < 65536, "fixture too large for 2-byte offsets");
    out
}
