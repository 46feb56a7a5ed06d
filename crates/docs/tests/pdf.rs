//! The result PDFs read back with poppler (`pdftotext`, `pdfinfo`): the
//! Chinese text comes out exactly as it went in, long documents run over
//! numbered pages, the seal slot sits over the issuing line, and nothing
//! is drawn outside the page's margins.
//!
//! poppler-utils and a CJK font are part of the development machine
//! (scripts/install-system-packages.sh). Without them these tests fail with
//! a message saying so: they are never skipped.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../src/samples.rs"]
mod samples;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use approval_core::bundle::Outcome;
use approval_core::case::{
    receive, Acceptance, Applicant, CorrectionItem, Decision, SubmittedForm, SubmittedMaterial,
    Transfer,
};
use approval_core::guide::{
    GuideContent, GuideHistory, GuideVersion, Material, MaterialForm, Requirement, ServiceWindow,
    StepKind, VersionState,
};
use approval_docs::font::DocumentFont;
use approval_docs::sample_documents as s;
use approval_docs::{
    guide_flowchart_pdf, render_flowchart_pdf, AcceptanceNotice, ApprovalDecision, ChartText,
    CorrectionNotice, DocumentHeader, RefusalDecision, RenderError, RenderedDocument,
};
use chrono::{DateTime, NaiveDate};

fn font() -> &'static DocumentFont {
    static FONT: OnceLock<DocumentFont> = OnceLock::new();
    FONT.get_or_init(|| match DocumentFont::discover(None) {
        Ok(font) => font,
        Err(e) => panic!(
            "no CJK font for the documents ({e}); install one with \
             scripts/install-system-packages.sh (fonts-arphic-uming)"
        ),
    })
}

fn tool(name: &str) -> PathBuf {
    let system = Path::new("/usr/bin").join(name);
    if system.exists() {
        return system;
    }
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.exists())
    });
    match found {
        Some(path) => path,
        None => panic!(
            "{name} is missing: these tests read the PDFs back with poppler-utils; \
             install it (scripts/install-system-packages.sh, or apt-get install poppler-utils)"
        ),
    }
}

fn run_on_pdf(name: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new(tool(name))
        .args(args)
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// `pdftotext -layout`: the text as laid out on the page.
fn text(pdf: &[u8]) -> String {
    run_on_pdf("pdftotext", &["-layout"], pdf)
}

fn pages(pdf: &[u8]) -> usize {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new(tool("pdfinfo")).arg(&path).output().unwrap();
    assert!(output.status.success(), "pdfinfo failed");
    let info = String::from_utf8(output.stdout).unwrap();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"))
}

/// Without blanks: lines wrap and `-layout` pads with spaces, so running
/// text is compared as one string of characters.
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn assert_reads(pdf: &[u8], expected: &[&str]) -> String {
    let text = text(pdf);
    let flat = squash(&text);
    for want in expected {
        assert!(
            flat.contains(&squash(want)),
            "{want:?} does not read back from the PDF:\n{text}"
        );
    }
    text
}

/// Words with their boxes (top-left origin), from `pdftotext -bbox`.
#[derive(Debug)]
struct Word {
    page: usize,
    text: String,
    x_min: f32,
    y_min: f32,
    x_max: f32,
    y_max: f32,
}

fn words(pdf: &[u8]) -> (Vec<Word>, Vec<(f32, f32)>) {
    let html = run_on_pdf("pdftotext", &["-bbox"], pdf);
    let attr = |line: &str, name: &str| -> f32 {
        let key = format!("{name}=\"");
        line.split(&key)
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(f32::NAN)
    };
    let mut words = Vec::new();
    let mut sizes = Vec::new();
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page") {
            sizes.push((attr(line, "width"), attr(line, "height")));
        } else if line.starts_with("<word") {
            let text = line
                .split('>')
                .nth(1)
                .and_then(|rest| rest.split('<').next())
                .unwrap_or("")
                .to_owned();
            words.push(Word {
                page: sizes.len() - 1,
                text,
                x_min: attr(line, "xMin"),
                y_min: attr(line, "yMin"),
                x_max: attr(line, "xMax"),
                y_max: attr(line, "yMax"),
            });
        }
    }
    (words, sizes)
}

/// Nothing outside the margins (10 mm from every edge).
fn assert_inside_margins(pdf: &[u8]) {
    let margin = 10.0 * 72.0 / 25.4;
    let (words, sizes) = words(pdf);
    assert!(!words.is_empty());
    for word in &words {
        let (w, h) = sizes[word.page];
        assert!(
            word.x_min >= margin
                && word.x_max <= w - margin
                && word.y_min >= margin
                && word.y_max <= h - margin,
            "{word:?} is outside the margins of a {w}x{h} page"
        );
    }
}

/// The seal slot: a 42 mm square over the department's name and the date.
fn assert_seal_over_issuing_line(doc: &RenderedDocument, department: &str, date: &str) {
    let [llx, lly, urx, ury] = doc.seal_slot.rect;
    let side = 42.0 * 72.0 / 25.4;
    assert!(
        (urx - llx - side).abs() < 0.5 && (ury - lly - side).abs() < 0.5,
        "{:?}",
        doc.seal_slot
    );
    let (words, sizes) = words(&doc.pdf);
    let page = doc.seal_slot.page_index;
    assert!(
        page < sizes.len(),
        "the seal slot is on page {page} of {}",
        sizes.len()
    );
    let height = sizes[page].1;
    // pdftotext's boxes have their origin at the top left.
    let (top, bottom) = (height - ury, height - lly);
    for wanted in [department, date] {
        let word = words
            .iter()
            .rfind(|w| w.page == page && w.text.contains(wanted))
            .unwrap_or_else(|| panic!("{wanted} not on page {page}"));
        // Where in the word the wanted text is (a label may precede it).
        let total = word.text.chars().count() as f32;
        let before = word.text.split(wanted).next().unwrap_or("").chars().count() as f32;
        let length = wanted.chars().count() as f32;
        let unit = (word.x_max - word.x_min) / total;
        let cx = word.x_min + unit * (before + length / 2.0);
        let cy = (word.y_min + word.y_max) / 2.0;
        assert!(
            cx > llx && cx < urx && cy > top && cy < bottom,
            "{wanted} at {word:?} is not under the seal slot {:?}",
            doc.seal_slot
        );
    }
}

#[test]
fn the_font_is_a_simplified_chinese_face() {
    let font = font();
    assert!(!font.name().is_empty());
    let uming = Path::new("/usr/share/fonts/truetype/arphic/uming.ttc");
    if uming.exists() {
        // The collection's first faces are the Taiwan and Hong Kong ones.
        assert_eq!(font.name(), "AR PL UMing CN");
        assert_eq!(font.path(), Some(uming));
        let again = DocumentFont::from_bytes(font.bytes().to_vec(), font.face_index()).unwrap();
        assert_eq!(again.name(), font.name());
        // A configured font is used as given.
        let configured = DocumentFont::discover(Some(uming)).unwrap();
        assert_eq!(configured.face_index(), font.face_index());
    }
}

#[test]
fn acceptance_notice_reads_back() {
    let notice = s::acceptance_notice();
    let doc = notice.render(font()).unwrap();
    assert_reads(
        &doc.pdf,
        &[
            s::DEPARTMENT,
            "受理通知书",
            "市市监食许受〔2026〕123号",
            "西安秦味餐饮管理有限公司：",
            "你（单位）于2026年3月2日提出的食品经营许可（新办）申请（办件编号：SX610100-20260302-000123），经审查，申请材料齐全、符合法定形式。",
            "《中华人民共和国行政许可法》第三十二条第一款第（五）项",
            "受理日期为2026年3月3日",
            "自受理之日起10个工作日内作出决定",
            "联系电话：029-86781234",
            "2026年3月3日",
            &format!("验证码：{}", doc.verification_code),
            "第 1 页 共 1 页",
        ],
    );
    assert_eq!(pages(&doc.pdf), 1);
    assert!(doc.pdf.len() < 200 * 1024, "{} bytes", doc.pdf.len());
    assert_inside_margins(&doc.pdf);
    assert_seal_over_issuing_line(&doc, s::DEPARTMENT, "2026年3月3日");
}

#[test]
fn a_full_length_case_number_leaves_the_page_number_clear() {
    // 办件编号 as the exchange gives it: 实施编码 + date + sequence, 37
    // characters, reaching past the middle of the footer.
    let mut notice = s::acceptance_notice();
    notice.header.case_number = "11610122MB2961374C4000172006000202612080001".into();
    let doc = notice.render(font()).unwrap();
    let (words, _) = words(&doc.pdf);
    let footer: Vec<&Word> = words
        .iter()
        .filter(|w| {
            w.text.contains("办件编号") || w.text.contains("页") || w.text.contains("验证码")
        })
        .filter(|w| w.y_min > 780.0)
        .collect();
    assert!(footer.len() >= 3, "{footer:?}");
    for (i, a) in footer.iter().enumerate() {
        for b in &footer[i + 1..] {
            let apart = a.x_max <= b.x_min || b.x_max <= a.x_min;
            assert!(apart, "{a:?} overlaps {b:?}");
        }
    }
    assert_inside_margins(&doc.pdf);
}

#[test]
fn a_spread_title_reads_as_one_word() {
    // Drawn 受 理 通 知 书, read 受理通知书 (ActualText).
    let doc = s::acceptance_notice().render(font()).unwrap();
    let plain = run_on_pdf("pdftotext", &[], &doc.pdf);
    assert!(plain.lines().any(|l| l.trim() == "受理通知书"), "{plain}");
    let doc = s::certificate().render(font()).unwrap();
    let plain = run_on_pdf("pdftotext", &[], &doc.pdf);
    assert!(
        plain.lines().any(|l| l.trim() == "食品经营许可证"),
        "{plain}"
    );
}

#[test]
fn approval_decision_is_one_small_page() {
    let decision = s::approval_decision();
    let doc = decision.render(font()).unwrap();
    assert_reads(
        &doc.pdf,
        &[
            "准予行政许可决定书",
            "市市监食许准〔2026〕123号",
            "本机关于2026年3月3日依法受理",
            "根据《中华人民共和国行政许可法》第三十八条第一款、《中华人民共和国食品安全法》第三十五条第二款的规定，本机关决定准予行政许可：",
            "（一）许可证编号：JY16101130012345。",
            "（三）经营项目：热食类食品制售；冷食类食品制售；自制饮品制售。",
            "（四）有效期限：自2026年3月13日至2031年3月12日。",
            "如不服本决定，可以自收到本决定书之日起六十日内向西安市人民政府申请行政复议，也可以自收到本决定书之日起六个月内依法向西安铁路运输法院提起行政诉讼。",
            "办件编号：SX610100-20260302-000123",
        ],
    );
    assert_eq!(pages(&doc.pdf), 1, "a decision letter fits on one page");
    assert!(doc.pdf.len() < 200 * 1024, "{} bytes", doc.pdf.len());
    assert_eq!(doc.seal_slot.page_index, 0);
    assert_inside_margins(&doc.pdf);
    assert_seal_over_issuing_line(&doc, s::DEPARTMENT, "2026年3月13日");
}

#[test]
fn refusal_decision_states_reasons_basis_and_remedies() {
    let doc = s::refusal_decision().render(font()).unwrap();
    assert_reads(
        &doc.pdf,
        &[
            "不予行政许可决定书",
            "市市监食许不准〔2026〕9号",
            "你（单位）的申请存在以下问题：",
            "（一）经现场核查，你单位经营场所距离公共厕所不足25米，不符合《食品经营许可审查通则》第十条的要求。",
            "（二）你单位未设置与经营的食品品种、数量相适应的冷藏、冷冻设施。",
            "根据《中华人民共和国行政许可法》第三十八条第二款的规定，本机关决定不予行政许可。",
            "六十日内向西安市人民政府申请行政复议",
            "六个月内依法向西安铁路运输法院提起行政诉讼",
        ],
    );
    assert_eq!(pages(&doc.pdf), 1);
    assert_inside_margins(&doc.pdf);
    assert_seal_over_issuing_line(&doc, s::DEPARTMENT, "2026年3月13日");
}

#[test]
fn refusal_of_acceptance_reads_back() {
    let mut refusal = s::refusal_of_acceptance();
    refusal.refer_to = Some("西安市雁塔区市场监督管理局".into());
    let doc = refusal.render(font()).unwrap();
    assert_reads(
        &doc.pdf,
        &[
            "不予受理决定书",
            "市市监食许不受〔2026〕7号",
            "经审查，你单位申请的仅销售预包装食品依法实行备案管理，不需要取得食品经营许可。根据《中华人民共和国行政许可法》第三十二条第一款第（一）项、《中华人民共和国食品安全法》第三十五条第一款的规定，本机关决定不予受理。",
            "请你（单位）向西安市雁塔区市场监督管理局提出申请。",
            "六十日内向西安市人民政府申请行政复议",
        ],
    );
    assert_inside_margins(&doc.pdf);
}

#[test]
fn correction_notice_lists_every_material() {
    let notice = s::correction_notice();
    let doc = notice.render(font()).unwrap();
    let text = assert_reads(
        &doc.pdf,
        &[
            "补正材料一次性告知书",
            "市市监食许补〔2026〕45号",
            "现将需要补正的全部材料一次性告知如下（共5项）：",
            "《陕西省政务服务效能管理暂行办法》第十条",
            "本告知书所列材料以外，本机关不再要求你（单位）补正其他材料。",
        ],
    );
    // Table cells read row by row in layout mode, so check each material's
    // name and the start of its problem on its own.
    let flat = squash(&text);
    for entry in &notice.entries {
        let first_line: String = entry.material.chars().take(8).collect();
        assert!(flat.contains(&first_line), "{first_line} missing:\n{text}");
    }
    for word in [
        "食品经营许可申请书",
        "营业执照",
        "食品安全管理制度",
        "原件1份",
        "复印件1份",
    ] {
        assert!(flat.contains(word), "{word} missing");
    }
    assert_inside_margins(&doc.pdf);
}

#[test]
fn a_correction_notice_with_sixty_materials_runs_over_numbered_pages() {
    let notice = s::long_correction_notice(60);
    let doc = notice.render(font()).unwrap();
    let count = pages(&doc.pdf);
    assert!(count >= 4, "{count} pages");
    let text = text(&doc.pdf);
    for page in 1..=count {
        let marker = format!("第 {page} 页 共 {count} 页");
        assert!(text.contains(&marker), "{marker} missing");
    }
    let flat = squash(&text);
    for i in 1..=60 {
        assert!(flat.contains(&format!("材料{i}：")), "材料{i} missing");
    }
    assert!(flat.contains("材料60：授权委托书"));
    // The table's header repeats on every page the table runs over.
    let headers = text.matches("需要补正的内容").count();
    assert!(headers >= count - 1, "{headers} headers on {count} pages");
    // The issuing line and the seal come after the last material.
    assert_eq!(doc.seal_slot.page_index, count - 1);
    assert!(doc.pdf.len() < 200 * 1024, "{} bytes", doc.pdf.len());
    assert_inside_margins(&doc.pdf);
    assert_seal_over_issuing_line(&doc, s::DEPARTMENT, "2026年3月3日");
}

#[test]
fn a_row_longer_than_a_page_continues_on_the_next() {
    let mut notice = s::correction_notice();
    let long: String = (1..=120)
        .map(|i| format!("第{i}处：签字与盖章不一致，请重新签署。"))
        .collect();
    notice.entries[1].problem = long.clone();
    let doc = notice.render(font()).unwrap();
    assert!(pages(&doc.pdf) >= 3);
    let flat = squash(&text(&doc.pdf));
    for i in [1, 60, 120] {
        let part = format!("第{i}处：");
        assert!(flat.contains(&part), "{part} missing");
    }
    assert_inside_margins(&doc.pdf);
}

#[test]
fn certificate_reads_back() {
    let certificate = s::certificate();
    let doc = certificate.render(font()).unwrap();
    assert_reads(
        &doc.pdf,
        &[
            "编号：JY16101130012345",
            "经营者名称：",
            s::APPLICANT,
            "统一社会信用代码：",
            "91610113MA6U2Q8K7X",
            "经营项目：",
            "热食类食品制售；冷食类食品制售；自制饮品制售",
            "自2026年3月13日至2031年3月12日",
            "发证机关：西安市市场监督管理局",
            "发证日期：2026年3月13日",
            &doc.verification_code,
        ],
    );
    let flat = squash(&text(&doc.pdf));
    assert!(flat.contains("食品经营许可证"), "{flat}");
    assert_eq!(pages(&doc.pdf), 1);
    assert!(doc.pdf.len() < 200 * 1024);
    assert_inside_margins(&doc.pdf);
    assert_seal_over_issuing_line(&doc, "西安市市场监督管理局", "2026年3月13日");

    let mut portrait = certificate.clone();
    portrait.orientation = approval_docs::Orientation::Portrait;
    portrait.scope = "热食类食品制售；冷食类食品制售；生食类食品制售；糕点类食品制售（含裱花蛋糕）；自制饮品制售（含现制现售生鲜乳饮品）；".repeat(6);
    let doc = portrait.render(font()).unwrap();
    assert_eq!(pages(&doc.pdf), 1, "a certificate stays on one page");
    assert_inside_margins(&doc.pdf);
}

#[test]
fn documents_are_deterministic() {
    let a = s::approval_decision().render(font()).unwrap();
    let b = s::approval_decision().render(font()).unwrap();
    assert!(a.pdf == b.pdf, "two renderings differ");
    assert_eq!(a.seal_slot, b.seal_slot);
    let mut other = s::approval_decision();
    other.header.case_number.push('9');
    let c = other.render(font()).unwrap();
    assert_ne!(a.verification_code, c.verification_code);
    // The date of issue is the file's date.
    let info = String::from_utf8_lossy(&a.pdf).into_owned();
    assert!(info.contains("D:20260313000000+08'00'"));
}

#[test]
fn a_character_the_font_lacks_is_an_error_not_a_gap() {
    let mut notice = s::acceptance_notice();
    notice.applicant = "测试😀公司".into();
    match notice.render(font()) {
        Err(RenderError::MissingGlyphs { chars, .. }) => assert_eq!(chars, "😀"),
        other => panic!("expected MissingGlyphs, got {other:?}"),
    }
}

#[test]
fn empty_fields_are_refused() {
    let mut notice = s::acceptance_notice();
    notice.header.document_number = "  ".into();
    assert!(matches!(
        notice.render(font()),
        Err(RenderError::MissingField {
            field: "header.document_number"
        })
    ));
    let mut decision = s::refusal_decision();
    decision.legal_basis.clear();
    assert!(matches!(
        decision.render(font()),
        Err(RenderError::MissingField {
            field: "legal_basis"
        })
    ));
    let mut certificate = s::certificate();
    certificate.scope = "热食类食品制售；".repeat(400);
    assert!(matches!(
        certificate.render(font()),
        Err(RenderError::TooLong { .. })
    ));
    let mut certificate = s::certificate();
    certificate.valid_until = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    assert!(matches!(
        certificate.render(font()),
        Err(RenderError::InvalidField {
            field: "valid_until",
            ..
        })
    ));
}

fn material(id: &str, name: &str, form: MaterialForm) -> Material {
    Material {
        id: id.into(),
        name: name.into(),
        catalog_code: None,
        requirement: Requirement::Required,
        form,
        originals: 1,
        copies: 2,
        electronic_accepted: true,
        paper_required: false,
        paper_filing: None,
        format_notes: String::new(),
        filling_instructions: String::new(),
        sample: None,
    }
}

#[test]
fn notices_are_made_from_a_case_and_its_guide() {
    let (mut item, mut content): (_, GuideContent) = samples::construction_permit();
    item.name = "建筑工程施工许可证核发".into();
    content.materials = vec![
        material("M01", "建筑工程施工许可证申请表", MaterialForm::Original),
        material("M02", "建设工程规划许可证", MaterialForm::OriginalAndCopy),
        Material {
            requirement: Requirement::Conditional {
                condition: "委托办理的".into(),
            },
            ..material("M03", "授权委托书", MaterialForm::Original)
        },
    ];
    content.windows = vec![ServiceWindow {
        name: "市政务服务中心住建窗口".into(),
        address: "凤城八路109号".into(),
        hours: "工作日 9:00-17:00".into(),
    }];
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap();
    let version = GuideVersion {
        number: 3,
        state: VersionState::Published {
            effective_from: at("2026-01-01T00:00:00+08:00"),
            published_at: at("2025-12-20T10:00:00+08:00"),
            published_by: "editor".into(),
        },
        item: item.clone(),
        content,
    };
    let history = GuideHistory::from_versions(vec![version.clone()]);
    let transfer = Transfer {
        case_number: "SX-2026-000777".into(),
        item_code: item.code.clone(),
        applicant: Applicant {
            name: "陕西宏远建设有限公司".into(),
            id_type: "统一社会信用代码".into(),
            id_number: "91610000123456789X".into(),
            phone: String::new(),
        },
        window_unit: "市政务服务中心".into(),
        // 23:30 UTC is already the next day in Beijing.
        received_at: at("2026-03-01T23:30:00Z"),
        materials: vec![SubmittedMaterial {
            name: "申请表".into(),
            material_id: Some("M01".into()),
            form: SubmittedForm::Paper,
        }],
        bundle_instance: None,
    };
    let case = receive(transfer, Some(&history)).unwrap().case;
    let header = DocumentHeader {
        department: "西安市住房和城乡建设局".into(),
        document_number: "市住建许补〔2026〕12号".into(),
        case_number: case.number.clone(),
        issued_on: NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(),
        verification_url: None,
    };
    let items = vec![
        CorrectionItem {
            material_id: "M02".into(),
            problem: "复印件未加盖公章".into(),
            paper: true,
        },
        CorrectionItem {
            material_id: "M03".into(),
            problem: "未提交".into(),
            paper: false,
        },
    ];
    let notice = CorrectionNotice::for_case(header.clone(), &case, &version, &items).unwrap();
    assert_eq!(
        notice.applied_on,
        NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
    );
    assert_eq!(notice.entries[0].form, "原件1份、复印件2份（纸质）");
    assert_eq!(notice.entries[1].material, "授权委托书（委托办理的）");
    assert_eq!(notice.entries[1].form, "原件1份");
    assert_eq!(
        notice.submit_to.as_deref(),
        Some("市政务服务中心住建窗口（凤城八路109号）")
    );
    let doc = notice.render(font()).unwrap();
    assert_reads(
        &doc.pdf,
        &[
            "陕西宏远建设有限公司：",
            "你（单位）于2026年3月2日提出的建筑工程施工许可证核发申请（办件编号：SX-2026-000777）",
            "建设工程规划许可证",
            "复印件未加盖公章",
            "一并提交至市政务服务中心住建窗口（凤城八路109号）",
        ],
    );

    // Art 7: nothing outside the guide.
    let outside = vec![CorrectionItem {
        material_id: "M99".into(),
        problem: "补充说明".into(),
        paper: false,
    }];
    assert!(CorrectionNotice::for_case(header.clone(), &case, &version, &outside).is_err());

    // Decision letters take the acceptance and the decision from the case.
    let mut decided = case.clone();
    assert!(
        ApprovalDecision::for_case(header.clone(), &decided, &item, vec![], s::remedies()).is_err()
    );
    decided.acceptance = Some(Acceptance {
        at: at("2026-03-03T09:00:00+08:00"),
        deemed: false,
    });
    decided.decision = Some(Decision {
        outcome: Outcome::Rejected,
        opinion: "施工图设计文件未经审查合格\n未落实质量安全监督手续".into(),
        by: "officer".into(),
        at: at("2026-03-09T16:00:00+08:00"),
    });
    assert!(
        ApprovalDecision::for_case(header.clone(), &decided, &item, vec![], s::remedies()).is_err()
    );
    let basis = vec![approval_core::guide::LegalBasis {
        title: "建筑工程施工许可管理办法".into(),
        provision: "第四条".into(),
    }];
    let refusal =
        RefusalDecision::for_case(header.clone(), &decided, &item, basis, s::remedies()).unwrap();
    assert_eq!(refusal.reasons.len(), 2);
    assert_eq!(
        refusal.accepted_on,
        NaiveDate::from_ymd_opt(2026, 3, 3).unwrap()
    );
    let doc = refusal.render(font()).unwrap();
    assert_reads(
        &doc.pdf,
        &[
            "本机关于2026年3月3日依法受理",
            "（一）施工图设计文件未经审查合格。",
            "（二）未落实质量安全监督手续。",
            "根据《建筑工程施工许可管理办法》第四条的规定，本机关决定不予行政许可。",
        ],
    );

    let acceptance = AcceptanceNotice::for_case(
        header,
        &case,
        &item,
        NaiveDate::from_ymd_opt(2026, 3, 3).unwrap(),
    );
    assert_eq!(acceptance.promised_limit, item.promised_limit);
    let doc = acceptance.render(font()).unwrap();
    assert_reads(&doc.pdf, &["自受理之日起7个工作日内作出决定"]);
}

#[test]
fn the_flowchart_reads_back() {
    let (item, content) = samples::construction_permit();
    let pdf = guide_flowchart_pdf(&item, &content, font()).unwrap();
    assert_eq!(pages(&pdf), 1);
    let text = assert_reads(
        &pdf,
        &[
            "建筑工程施工许可证核发办事流程图",
            "实施主体：市住房和城乡建设局",
            "承诺时限：7个工作日",
            "法定时限：15个工作日",
            "特殊环节（不计入办理时限）",
            "法律依据：《建筑工程施工许可管理办法》第四条",
            "预估时限：5个工作日",
            "（《陕西省政务服务效能管理暂行办法》第十一条）",
            "流转方向",
        ],
    );
    let flat = squash(&text);
    for step in &content.flowchart.steps {
        if step.name.chars().count() <= 8 {
            assert!(
                flat.contains(&squash(&step.name)),
                "{} missing:\n{text}",
                step.name
            );
        }
    }
    assert!(pdf.len() < 200 * 1024);
    assert_inside_margins(&pdf);
}

#[test]
fn a_long_flowchart_runs_over_several_pages() {
    let count = 24;
    let ids: Vec<String> = (0..count).map(|i| format!("s{i}")).collect();
    let steps = (0..count)
        .map(|i| {
            let kind = match i {
                0 => StepKind::Start,
                _ if i == count - 1 => StepKind::End,
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
    let chart = samples::chart(steps, &edges);
    let text_in = ChartText {
        title: "长流程测试办事流程图".into(),
        subtitle: Some("共24个环节".into()),
        footer: vec!["注：测试用。".into()],
    };
    let pdf = render_flowchart_pdf(&chart, &[], &text_in, font()).unwrap();
    let n = pages(&pdf);
    assert!(n >= 2, "{n} pages");
    let text = text(&pdf);
    let flat = squash(&text);
    for i in 1..=count {
        let name = format!("第{i}环节审查");
        assert_eq!(flat.matches(&name).count(), 1, "{name}:\n{text}");
    }
    assert!(flat.contains(&format!("第1页共{n}页")));
    assert!(flat.contains("（接下页）") && flat.contains("（接上页）"));
    assert!(flat.contains("注：测试用。"));
    assert_inside_margins(&pdf);
}

fn page_size(pdf: &[u8]) -> (f32, f32) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("document.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new(tool("pdfinfo")).arg(&path).output().unwrap();
    let info = String::from_utf8(output.stdout).unwrap();
    let size = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap_or_else(|| panic!("no page size in {info}"));
    let numbers: Vec<f32> = size
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    (numbers[0], numbers[1])
}

#[test]
fn an_empty_chart_still_renders() {
    let pdf =
        render_flowchart_pdf(&Default::default(), &[], &ChartText::default(), font()).unwrap();
    assert_eq!(pages(&pdf), 1);
    assert!(squash(&text(&pdf)).contains("流转方向"));
}

#[test]
fn a_wide_flowchart_is_set_landscape() {
    let mut steps = vec![samples::step(
        "start",
        "收件",
        StepKind::Start,
        Some("综合窗口"),
        None,
    )];
    let mut edges = Vec::new();
    let names = [
        "规划审查",
        "消防审查",
        "人防审查",
        "环保审查",
        "交通审查",
        "水务审查",
        "园林审查",
    ];
    let ids: Vec<String> = (0..names.len()).map(|i| format!("b{i}")).collect();
    for (id, name) in ids.iter().zip(names) {
        steps.push(samples::step(
            id,
            name,
            StepKind::Step,
            Some("承办人"),
            Some(3),
        ));
    }
    steps.push(samples::step(
        "end",
        "联合出件",
        StepKind::End,
        Some("综合窗口"),
        None,
    ));
    for id in &ids {
        edges.push(("start", id.as_str()));
        edges.push((id.as_str(), "end"));
    }
    let chart = samples::chart(steps, &edges);
    let text_in = ChartText {
        title: "工程建设项目联合审查流程图".into(),
        subtitle: None,
        footer: Vec::new(),
    };
    let pdf = render_flowchart_pdf(&chart, &[], &text_in, font()).unwrap();
    let (w, h) = page_size(&pdf);
    assert!(w > h, "{w} x {h}");
    assert_eq!(pages(&pdf), 1);
    let flat = squash(&text(&pdf));
    for name in names {
        assert!(flat.contains(name), "{name} missing");
    }
    assert_inside_margins(&pdf);
}

#[test]
fn other_faces_work_too() {
    // WenQuanYi Micro Hei: a Hei face in a collection of two.
    let wqy = Path::new("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    if wqy.exists() {
        let font = DocumentFont::discover(Some(wqy)).unwrap();
        assert_eq!(font.name(), "WenQuanYi Micro Hei");
        let doc = s::approval_decision().render(&font).unwrap();
        assert_reads(
            &doc.pdf,
            &["准予行政许可决定书", "市市监食许准〔2026〕123号"],
        );
        assert!(doc.pdf.len() < 200 * 1024);
    }
    // A face without Chinese is refused, naming the file.
    let dejavu = Path::new("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    if dejavu.exists() {
        let err = DocumentFont::discover(Some(dejavu))
            .unwrap_err()
            .to_string();
        assert!(err.contains("DejaVuSans.ttf"), "{err}");
        assert!(err.contains("no glyph for"), "{err}");
    }
}
