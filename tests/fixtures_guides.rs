//! The sample guides and the bundle of `tests/fixtures/` read cleanly in the
//! exchange format (docs/formats.md), and every deliberately bad file is
//! rejected with the finding code and JSON path `tests/fixtures/bad/EXPECTED.md`
//! records.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::PathBuf;

use approval_core::bundle::{bundle_flowchart, consolidated_materials, longest_chain};
use approval_core::exchange::{read_bundle_file, read_guide_file, GuideFile};
use approval_core::guide::{
    longest_step_path, Finding, FindingCode, GuideVersion, LimitUnit, StepKind, VersionState,
};
use chrono::DateTime;

const FOOD: &str = "610122-SCJG-XK-0001";
const FIRE: &str = "610122-XF-XK-0001";
const ENV: &str = "610122-STHJ-BA-0001";

const GOOD_GUIDES: &[&str] = &[
    "guides/food-business-licence.json",
    "guides/construction-works-permit.json",
    "guides/fire-safety-inspection.json",
    "guides/pollutant-discharge-registration.json",
];

/// The guides of the restaurant bundle's members.
const BUNDLE_GUIDES: &[&str] = &[
    "guides/food-business-licence.json",
    "guides/fire-safety-inspection.json",
    "guides/pollutant-discharge-registration.json",
];

const BUNDLE: &str = "bundles/open-restaurant.json";

fn fixture(relative: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "fixtures", relative]
        .iter()
        .collect();
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn listed(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("\n  {f}"))
        .collect::<String>()
}

/// A good guide file, which must read with no finding at all.
fn good_guide(relative: &str) -> GuideFile {
    let reading = read_guide_file(&fixture(relative));
    // Warnings would not block an import, but none of these realistic guides
    // has a reason to draw one: every count fits its form, every stage is
    // used, every chart has a decision.
    assert!(
        reading.findings.is_empty(),
        "{relative} should read with no finding:{}",
        listed(&reading.findings)
    );
    reading.file.expect("a guide without findings has parsed")
}

/// The guide as a published version, as the store would hold it.
fn published(file: GuideFile) -> GuideVersion {
    let effective_from = file.effective_from.unwrap_or_else(|| {
        DateTime::parse_from_rfc3339("2026-01-05T00:00:00+08:00").expect("fixture instant")
    });
    GuideVersion {
        number: 1,
        state: VersionState::Published {
            effective_from,
            published_at: effective_from,
            published_by: "fixtures".to_owned(),
        },
        item: file.item,
        content: file.guide,
    }
}

/// The published guides of the bundle's items, by item code.
fn bundle_guides() -> HashMap<String, GuideVersion> {
    BUNDLE_GUIDES
        .iter()
        .map(|relative| {
            let version = published(good_guide(relative));
            (version.item.code.clone(), version)
        })
        .collect()
}

#[test]
fn every_good_guide_reads_without_findings() {
    for relative in GOOD_GUIDES {
        let file = good_guide(relative);
        assert_eq!(file.format, "approval-desk.guide/1", "{relative}");
        let item = &file.item;
        assert!(
            item.promised_limit.unit == item.statutory_limit.unit
                && item.promised_limit.days <= item.statutory_limit.days,
            "{relative}: the promised limit is within the statutory limit"
        );
    }
}

#[test]
fn the_food_licence_is_free_declares_its_site_survey_and_fits_its_promise() {
    let file = good_guide("guides/food-business-licence.json");
    assert!(file.guide.fees.is_empty(), "食品经营许可不收费");
    assert_eq!(file.guide.special_stages.len(), 1);
    let sample = file.guide.materials[0]
        .sample
        .as_ref()
        .expect("the application form has a sample");
    let text = String::from_utf8(sample.content.clone()).expect("the sample is UTF-8 text");
    assert!(text.contains("食品经营许可申请书"), "{text}");
    let longest = longest_step_path(&file.guide.flowchart).expect("acyclic");
    // 受理 1 + 审查 4 + 审核 2 + 决定 2; 现场核查 is a special stage, not counted.
    assert_eq!(longest.days, 9);
    assert_eq!(longest.step_names, ["受理", "审查", "审核", "决定"]);
    assert!(longest.days <= file.item.promised_limit.days);
}

#[test]
fn the_works_permit_counts_natural_days_and_its_longest_branch_is_technical_review() {
    let file = good_guide("guides/construction-works-permit.json");
    assert_eq!(file.item.statutory_limit.unit, LimitUnit::NaturalDays);
    assert_eq!(file.item.statutory_limit.days, 7);
    let longest = longest_step_path(&file.guide.flowchart).expect("acyclic");
    // Two branches after 受理: 技术审查 (2, then 专家论证, not counted) and
    // 资料核验 (1); they join before 审核.
    assert_eq!(longest.days, 5);
    assert_eq!(longest.step_names, ["受理", "技术审查", "审核", "决定"]);
    let paper: Vec<_> = file
        .guide
        .materials
        .iter()
        .filter(|m| m.paper_required)
        .collect();
    assert_eq!(paper.len(), 1);
    assert!(paper[0].paper_filing.is_some());
}

#[test]
fn the_restaurant_bundle_reads_and_lists_shared_materials_once() {
    let guides = bundle_guides();
    let reading = read_bundle_file(&fixture(BUNDLE), &guides);
    assert!(
        reading.findings.is_empty(),
        "{BUNDLE} should read with no finding:{}",
        listed(&reading.findings)
    );
    let bundle = reading.file.expect("parsed").bundle;

    let list = consolidated_materials(&bundle, &guides);
    let users = |name: &str| -> Vec<(String, String)> {
        let lines: Vec<_> = list.iter().filter(|m| m.name == name).collect();
        assert_eq!(lines.len(), 1, "{name} is listed once: {list:#?}");
        lines[0]
            .used_by
            .iter()
            .map(|u| (u.item_code.clone(), u.material_id.clone()))
            .collect()
    };
    let pair = |code: &str, id: &str| (code.to_owned(), id.to_owned());
    // Named after the first member that uses it (the food licence).
    assert_eq!(
        users("营业执照"),
        [pair(FOOD, "M02"), pair(FIRE, "M02"), pair(ENV, "M02")]
    );
    assert_eq!(
        users("法定代表人（负责人）身份证明"),
        [pair(FOOD, "M03"), pair(FIRE, "M03"), pair(ENV, "M03")]
    );
    assert_eq!(
        users("授权委托书及受托人身份证明"),
        [pair(FOOD, "M06"), pair(FIRE, "M08")]
    );
    let proxy = list
        .iter()
        .find(|m| m.name == "授权委托书及受托人身份证明")
        .expect("listed");
    assert!(!proxy.required, "委托书 only where someone else applies");
    // The other names of the shared materials do not appear as lines.
    for other in ["营业执照或其他主体资格证明", "法定代表人身份证件"] {
        assert!(list.iter().all(|m| m.name != other), "{other} merged");
    }
    let materials: usize = guides.values().map(|g| g.content.materials.len()).sum();
    // 6 + 8 + 3 materials, of which 2 + 2 + 1 repeat an earlier line.
    assert_eq!(materials, 17);
    assert_eq!(list.len(), 12, "{list:#?}");

    let chain = longest_chain(&bundle, &guides).expect("acyclic");
    // 消防安全检查 (7 working days) → 食品经营许可 (10 working days).
    assert_eq!(chain.item_codes, [FIRE, FOOD]);
    assert_eq!(chain.days, 17);
    assert!(!chain.mixed_units);

    let chart = bundle_flowchart(&bundle, &guides);
    assert!(
        chart.topological_order().is_some(),
        "the joint chart is acyclic"
    );
    let count = |kind: StepKind| chart.steps.iter().filter(|s| s.kind == kind).count();
    assert_eq!(count(StepKind::Start), 1);
    assert_eq!(count(StepKind::End), 1);
    assert_eq!(count(StepKind::Decision), 3, "one decision per item");
    // Every item's own steps but its start and end: 5 + 5 + 1, plus receipt,
    // release, and the licence's gate before the release (it waits for the
    // fire inspection).
    assert_eq!(chart.steps.len(), 14);
    assert!(chart.step(&format!("{FIRE}/inspect")).is_some());
    assert!(chart.step(&format!("{FOOD}/release-gate")).is_some());
    assert!(chart.step(&format!("{FIRE}/release-gate")).is_none());
}

/// The file of `tests/fixtures/bad/` yields an error finding with `code` at
/// `path`, and so would not be imported.
fn check(file: &str, code: FindingCode, path: &str) {
    let json = fixture(&format!("bad/{file}"));
    let (findings, has_errors) = if file.starts_with("bundle-") {
        let reading = read_bundle_file(&json, &bundle_guides());
        (reading.findings.clone(), reading.has_errors())
    } else {
        let reading = read_guide_file(&json);
        (reading.findings.clone(), reading.has_errors())
    };
    assert!(has_errors, "{file} must be rejected:{}", listed(&findings));
    assert!(
        findings
            .iter()
            .any(|f| f.is_error() && f.code == code && f.path == path),
        "{file}: expected error[{}] at {path}, found:{}",
        code.as_str(),
        listed(&findings)
    );
    // One clear defect: every error finding is the expected one.
    let errors: Vec<_> = findings.iter().filter(|f| f.is_error()).collect();
    assert_eq!(
        errors.len(),
        1,
        "{file} has exactly one error:{}",
        listed(&findings)
    );
}

#[test]
fn every_bad_file_is_rejected_with_its_finding() {
    use FindingCode::*;
    let cases: &[(&str, FindingCode, &str)] = &[
        ("guide-cycle.json", FlowchartCycle, "guide.flowchart.edges"),
        (
            "guide-unknown-field.json",
            Malformed,
            "guide.materials[3].paper_requierd",
        ),
        (
            "guide-paper-without-filing.json",
            PaperWithoutFiling,
            "guide.materials[3].paper_required",
        ),
        (
            "guide-undeclared-stage.json",
            StageStepUndeclared,
            "guide.flowchart.steps[3].stage",
        ),
        (
            "guide-exceeds-limit.json",
            LongestPathExceedsLimit,
            "guide.flowchart.steps",
        ),
        (
            "guide-wrong-type.json",
            Malformed,
            "item.promised_limit.days",
        ),
        // serde_path_to_error stops inside the top-level object, after `item`
        // and before it knows the next key: it is located by line and column.
        ("guide-syntax-error.json", Malformed, "line 22, column 3"),
        ("bundle-cycle.json", BundleCycle, "bundle.prerequisites"),
        (
            "bundle-unknown-item.json",
            BundleEdgeUnknownItem,
            "bundle.prerequisites[1].prerequisite",
        ),
    ];
    for &(file, code, path) in cases {
        check(file, code, path);
    }
}

#[test]
fn a_syntax_error_names_its_line_and_column() {
    let reading = read_guide_file(&fixture("bad/guide-syntax-error.json"));
    assert!(reading.file.is_none());
    let finding = &reading.findings[0];
    assert!(
        finding.message.contains("第22行第3列"),
        "{finding}: the comma after `item` is missing"
    );
}

#[test]
fn expected_md_lists_every_bad_file() {
    let table = fixture("bad/EXPECTED.md");
    let dir: PathBuf = [env!("CARGO_MANIFEST_DIR"), "fixtures", "bad"]
        .iter()
        .collect();
    for entry in std::fs::read_dir(dir).expect("bad/ exists") {
        let name = entry
            .expect("entry")
            .file_name()
            .into_string()
            .expect("utf-8");
        if name.ends_with(".json") {
            assert!(
                table.contains(&format!("`{name}`")),
                "{name} in EXPECTED.md"
            );
        }
    }
}

/// The first ```json block after `heading` in docs/formats.md.
fn docs_example(heading: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "docs", "formats.md"]
        .iter()
        .collect();
    let text = std::fs::read_to_string(&path).expect("docs/formats.md");
    let after = &text[text.find(heading).expect(heading)..];
    let start = after.find("```json\n").expect("a json block") + "```json\n".len();
    let end = after[start..].find("```").expect("closed block");
    after[start..start + end].to_owned()
}

#[test]
fn the_examples_of_docs_formats_md_read_without_errors() {
    let guide = read_guide_file(&docs_example("### Guide example"));
    assert!(
        !guide.has_errors(),
        "guide example:{}",
        listed(&guide.findings)
    );
    let bundle = read_bundle_file(&docs_example("### Bundle example"), &bundle_guides());
    assert!(
        bundle.findings.is_empty(),
        "bundle example:{}",
        listed(&bundle.findings)
    );
}
