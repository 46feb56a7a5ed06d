//! Renders every result document's sample and sample flowcharts to PNG in
//! OUTDIR (the pictures under docs/examples/documents), keeping the PDFs
//! too with `--pdf`:
//!
//! ```text
//! cargo run -p approval-docs --example render_samples -- docs/examples/documents
//! cargo run -p approval-docs --example render_samples -- target/documents --pdf
//! ```
//!
//! Needs `pdftoppm` (poppler-utils) for the PNGs. The font is found as the
//! app finds it; `APPROVAL_DOCS_FONT` names a font file instead.

#[path = "../src/samples.rs"]
mod samples;

use std::path::{Path, PathBuf};
use std::process::Command;

use approval_core::guide::StepKind;
use approval_docs::font::DocumentFont;
use approval_docs::sample_documents as s;
use approval_docs::{guide_flowchart_pdf, render_flowchart_pdf, ChartText};

/// 72 dpi: a page is 596 × 842 pixels, enough to judge the layout and
/// read the text, at 100–150 KB a page.
const DPI: &str = "72";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut out = PathBuf::from("target/documents");
    let mut keep_pdf = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--pdf" => keep_pdf = true,
            dir => out = PathBuf::from(dir),
        }
    }
    std::fs::create_dir_all(&out)?;
    let configured = std::env::var_os("APPROVAL_DOCS_FONT").map(PathBuf::from);
    let font = DocumentFont::discover(configured.as_deref())?;
    println!("font: {} (face {})", font.name(), font.face_index());

    let documents = [
        (
            "01-acceptance-notice",
            s::acceptance_notice().render(&font)?,
        ),
        (
            "02-correction-notice",
            s::correction_notice().render(&font)?,
        ),
        (
            "03-correction-notice-60-materials",
            s::long_correction_notice(60).render(&font)?,
        ),
        (
            "04-refusal-of-acceptance",
            s::refusal_of_acceptance().render(&font)?,
        ),
        (
            "05-approval-decision",
            s::approval_decision().render(&font)?,
        ),
        ("06-refusal-decision", s::refusal_decision().render(&font)?),
        ("07-certificate", s::certificate().render(&font)?),
    ];
    for (name, doc) in &documents {
        write(&out, name, &doc.pdf, keep_pdf)?;
        println!(
            "  seal slot: page {} {:?}, verification code {}",
            doc.seal_slot.page_index, doc.seal_slot.rect, doc.verification_code
        );
    }

    let (item, content) = samples::construction_permit();
    write(
        &out,
        "08-flowchart",
        &guide_flowchart_pdf(&item, &content, &font)?,
        keep_pdf,
    )?;
    let bundle = ChartText {
        title: "开餐馆一件事并联审批流程图".to_owned(),
        subtitle: Some(
            "默认前置条件批准（容缺）：各部门同时办理；各事项结果在其前置事项结果全部获得批准后，由窗口统一出件".to_owned(),
        ),
        footer: vec![
            "注：特殊环节时间不计入办理时限（《陕西省政务服务效能管理暂行办法》第十一条）。"
                .to_owned(),
        ],
    };
    let pdf = render_flowchart_pdf(&samples::three_lane_bundle(), &[], &bundle, &font)?;
    write(&out, "09-flowchart-bundle", &pdf, keep_pdf)?;
    write(&out, "10-flowchart-long", &long_chart(&font)?, keep_pdf)?;
    Ok(())
}

/// A chart of 24 steps in a row: too tall for one page.
fn long_chart(font: &DocumentFont) -> Result<Vec<u8>, approval_docs::RenderError> {
    let count = 24;
    let ids: Vec<String> = (0..count).map(|i| format!("s{i}")).collect();
    let steps = (0..count)
        .map(|i| {
            let kind = match i {
                0 => StepKind::Start,
                _ if i + 1 == count => StepKind::End,
                _ => StepKind::Step,
            };
            samples::step(
                &ids[i],
                &format!("第{}环节审查", i + 1),
                kind,
                Some("承办人"),
                Some(1),
            )
        })
        .collect();
    let edges: Vec<(&str, &str)> = ids
        .windows(2)
        .map(|w| (w[0].as_str(), w[1].as_str()))
        .collect();
    let text = ChartText {
        title: "长流程示例办事流程图".to_owned(),
        subtitle: Some("共24个环节，分页打印".to_owned()),
        footer: vec!["注：流程图过长时按环节分页，每页注明接续关系。".to_owned()],
    };
    approval_docs::render_flowchart_pdf(&samples::chart(steps, &edges), &[], &text, font)
}

fn write(
    out: &Path,
    name: &str,
    pdf: &[u8],
    keep_pdf: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let path = out.join(format!("{name}.pdf"));
    std::fs::write(&path, pdf)?;
    let pages = lopdf::Document::load_mem(pdf)?.get_pages().len();
    println!("{name}: {} bytes, {pages} page(s)", pdf.len());
    // The first and the last page: the pages between look alike.
    let mut wanted = vec![1];
    if pages > 1 {
        wanted.push(pages);
    }
    for page in wanted {
        let page = page.to_string();
        let png = Command::new("pdftoppm")
            .args(["-png", "-r", DPI, "-f", &page, "-l", &page])
            .arg(&path)
            .arg(out.join(name))
            .status();
        match png {
            Ok(status) if status.success() => {}
            Ok(status) => eprintln!("pdftoppm failed for {name}: {status}"),
            Err(e) => eprintln!("no PNG for {name} (pdftoppm: {e})"),
        }
    }
    if !keep_pdf {
        std::fs::remove_file(&path)?;
    }
    Ok(())
}
