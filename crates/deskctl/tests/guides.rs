//! `deskctl guide|bundle|flowchart` against a real profile database, with
//! the realistic fixtures of tests/fixtures.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::Profile;

use std::path::{Path, PathBuf};

fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(relative)
}

const GUIDES: [&str; 3] = [
    "guides/food-business-licence.json",
    "guides/fire-safety-inspection.json",
    "guides/pollutant-discharge-registration.json",
];

/// A guide file as the model reads it (defaults filled in).
fn parse(json: &str) -> approval_core::exchange::GuideFile {
    approval_core::exchange::read_guide_file(json)
        .accepted()
        .unwrap()
}

fn item_code(file: &Path) -> String {
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    json["item"]["code"].as_str().unwrap().to_owned()
}

#[test]
fn guide_check_passes_good_files_and_fails_bad_ones_with_paths() {
    let p = Profile::empty();
    for good in GUIDES
        .iter()
        .chain(["guides/construction-works-permit.json"].iter())
    {
        p.ok(&["guide", "check", fixture(good).to_str().unwrap()]);
    }
    let output = p.run(&[
        "guide",
        "check",
        fixture("bad/guide-cycle.json").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("error[flowchart_cycle]"));
    let output = p.run(&[
        "guide",
        "check",
        fixture("bad/guide-unknown-field.json").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("paper_requierd"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn an_imported_guide_exports_as_it_was_imported() {
    let p = Profile::empty();
    let file = fixture("guides/food-business-licence.json");
    let printed = p.ok(&[
        "guide",
        "import",
        file.to_str().unwrap(),
        "--as",
        "editor-1",
    ]);
    assert!(printed.contains("version 1\tpublished"), "{printed}");
    let code = item_code(&file);
    let exported = parse(&p.ok(&["guide", "export", &code]));
    let original = parse(&std::fs::read_to_string(&file).unwrap());
    assert_eq!(exported.item, original.item);
    assert_eq!(exported.guide, original.guide);

    // A second import makes version 2; version 1 is still there, unchanged.
    // A later version may not reach back before now.
    let output = p.run(&["guide", "import", file.to_str().unwrap()]);
    assert!(
        !output.status.success(),
        "a backdated second version must be refused"
    );
    p.ok(&[
        "guide",
        "import",
        file.to_str().unwrap(),
        "--effective-from",
        "2035-01-01T00:00:00+08:00",
    ]);
    let listed = p.ok(&["guide", "list"]);
    assert!(
        listed.contains("v1 from") && listed.contains("v2 from"),
        "{listed}"
    );
    let v1 = parse(&p.ok(&["guide", "export", &code, "--version", "1"]));
    assert_eq!(v1.guide, original.guide);
}

#[test]
fn a_rejected_import_changes_nothing() {
    let p = Profile::empty();
    p.ok(&[
        "guide",
        "import",
        fixture("guides/food-business-licence.json")
            .to_str()
            .unwrap(),
    ]);
    let before = p.ok(&["guide", "list"]);
    for bad in [
        "bad/guide-cycle.json",
        "bad/guide-paper-without-filing.json",
        "bad/guide-syntax-error.json",
        "bad/guide-wrong-type.json",
    ] {
        let output = p.run(&["guide", "import", fixture(bad).to_str().unwrap()]);
        assert!(!output.status.success(), "{bad} was accepted");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("nothing was changed"),
            "{bad}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert_eq!(p.ok(&["guide", "list"]), before);
}

#[test]
fn a_bundle_checks_against_stored_guides_or_given_files() {
    let p = Profile::empty();
    let bundle = fixture("bundles/open-restaurant.json");
    let mut args = vec![
        "bundle".to_owned(),
        "check".to_owned(),
        bundle.display().to_string(),
    ];
    for guide in GUIDES {
        args.push("--guide".to_owned());
        args.push(fixture(guide).display().to_string());
    }
    let printed = p.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(printed.contains("consolidated materials"), "{printed}");
    assert!(printed.contains("longest chain"), "{printed}");

    let output = p.run(&["bundle", "import", bundle.to_str().unwrap()]);
    assert!(
        !output.status.success(),
        "no guides stored yet: the bundle must be refused"
    );
    for guide in GUIDES {
        p.ok(&["guide", "import", fixture(guide).to_str().unwrap()]);
    }
    p.ok(&["bundle", "import", bundle.to_str().unwrap()]);
    p.ok(&["bundle", "check", bundle.to_str().unwrap()]);
    let output = p.run(&[
        "bundle",
        "check",
        fixture("bad/bundle-cycle.json").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn flowcharts_render_to_svg() {
    let p = Profile::empty();
    let out = p.dir.path().join("chart.svg");
    p.ok(&[
        "flowchart",
        "render",
        fixture("guides/construction-works-permit.json")
            .to_str()
            .unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(
        svg.starts_with("<?xml") || svg.starts_with("<svg"),
        "{}",
        &svg[..80.min(svg.len())]
    );
    assert!(svg.contains("特殊环节"));

    let bundle_svg = p.dir.path().join("bundle.svg");
    let mut args = vec![
        "flowchart".to_owned(),
        "render".to_owned(),
        fixture("bundles/open-restaurant.json")
            .display()
            .to_string(),
        "--out".to_owned(),
        bundle_svg.display().to_string(),
    ];
    for guide in GUIDES {
        args.push("--guide".to_owned());
        args.push(fixture(guide).display().to_string());
    }
    p.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(std::fs::read_to_string(&bundle_svg)
        .unwrap()
        .contains("统一出件"));
}
