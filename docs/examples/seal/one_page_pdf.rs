//! A minimal one-page PDF around a seal appearance, written by hand, so the
//! seal can be rendered (pdftoppm) and looked at without the signing code.

use approval_esign::Appearance;

/// One page with the appearances side by side, each `size` points square
/// with `margin` around, drawn as form XObjects the way a signature widget
/// draws its appearance.
pub fn one_page_pdf(appearances: &[Appearance], size: f32, margin: f32) -> Vec<u8> {
    let n = appearances.len();
    let page = (n as f32 * (size + margin) + margin, size + 2.0 * margin);
    let mut page_content = String::new();
    let mut xobjects = String::new();
    for i in 0..n {
        let x = margin + i as f32 * (size + margin);
        page_content.push_str(&format!("q 1 0 0 1 {x} {margin} cm /S{i} Do Q\n"));
        xobjects.push_str(&format!("/S{i} {} 0 R ", 5 + i));
    }
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] \
             /Resources << /XObject << {xobjects}>> >> /Contents 4 0 R >>",
            page.0, page.1
        )
        .into_bytes(),
        stream("", page_content.as_bytes()),
    ];
    for appearance in appearances {
        objects.push(stream(
            &format!(
                "/Type /XObject /Subtype /Form /BBox [0 0 {} {}] ",
                appearance.width, appearance.height
            ),
            &appearance.content,
        ));
    }
    let mut pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(body);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    pdf
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict}/Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}
