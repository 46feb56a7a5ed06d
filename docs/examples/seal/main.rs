//! Draws the example seal and writes it as a one-page PDF.
//!
//! ```text
//! cargo run -p approval-esign --example seal -- docs/examples/seal/seal.pdf
//! pdftoppm -png -r 150 -singlefile docs/examples/seal/seal.pdf docs/examples/seal/seal
//! ```
//!
//! The font is AR PL UMing CN (a Song/Ming face like printed official
//! documents), installed by scripts/install-system-packages.sh.

mod one_page_pdf;

use approval_esign::{face_index_by_family, seal_appearance, SealSpec};

const FONT: &str = "/usr/share/fonts/truetype/arphic/uming.ttc";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "seal.pdf".to_owned());
    let font = std::fs::read(FONT)
        .map_err(|e| format!("{FONT}: {e} (run scripts/install-system-packages.sh)"))?;
    let face = face_index_by_family(&font, "AR PL UMing CN").ok_or("no AR PL UMing CN face")?;
    // A typical department seal, a short name without a code, and a long
    // name that needs most of the ring; 42 mm, the usual size.
    let seals = [
        (
            "某某市某某区行政审批局",
            "行政审批专用章",
            Some("3301060012345"),
        ),
        ("某某县民政局", "婚姻登记专用章", None),
        (
            "某某省某某市某某区市场监督管理局某某分局",
            "行政审批专用章",
            Some("3301060054321"),
        ),
    ];
    let diameter = 42.0 / 25.4 * 72.0;
    let margin = 12.0;
    let mut appearances = Vec::new();
    for (department, purpose, code) in seals {
        let spec = SealSpec {
            department: department.to_owned(),
            purpose: purpose.to_owned(),
            code: code.map(str::to_owned),
        };
        appearances.push(seal_appearance(&spec, &font, face, diameter)?);
    }
    let pdf = one_page_pdf::one_page_pdf(&appearances, diameter, margin);
    std::fs::write(&out, pdf)?;
    println!("{out}");
    Ok(())
}
