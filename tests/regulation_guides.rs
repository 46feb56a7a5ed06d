//! Scenario tests of guides, flowcharts and bundles, written from the
//! articles of 陕西省政务服务效能管理暂行办法 on the realistic fixtures.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::Path;

use approval_core::bundle::{check_bundle, consolidated_materials};
use approval_core::exchange::{read_bundle_file, read_guide_file, GuideFile};
use approval_core::guide::{
    check_guide, FindingCode, GuideHistory, GuideVersion, ItemChange, Material, PendingChange,
    ServiceItem, StageDuration, VersionError, VersionState,
};
use approval_desk_tests::beijing;

fn guide(name: &str) -> GuideFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/guides")
        .join(name);
    read_guide_file(&std::fs::read_to_string(path).unwrap())
        .accepted()
        .unwrap_or_else(|findings| panic!("{name}: {findings:?}"))
}

fn codes(file: &GuideFile) -> Vec<(FindingCode, String)> {
    check_guide(&file.item, &file.guide)
        .into_iter()
        .filter(|f| f.is_error())
        .map(|f| (f.code, f.path))
        .collect()
}

/// A history with `file` published at `effective_from`.
fn publish(
    history: &mut GuideHistory,
    item: &ServiceItem,
    file: &GuideFile,
    effective_from: &str,
    now: &str,
) -> u32 {
    if history.draft().is_none() {
        history.start_draft(item).unwrap();
    }
    history
        .edit_draft(file.item.clone(), file.guide.clone())
        .unwrap();
    history
        .publish(item, beijing(effective_from), beijing(now), "editor-1")
        .unwrap()
        .number
}

#[test]
fn art5_an_item_rename_takes_effect_only_after_approval() {
    let file = guide("food-business-licence.json");
    let mut item = ServiceItem::new(file.item.clone());
    let mut history = GuideHistory::default();
    publish(
        &mut history,
        &item,
        &file,
        "2026-01-01 00:00",
        "2025-12-01 09:00",
    );

    item.request_change(PendingChange {
        change: ItemChange::Rename {
            name: "食品经营许可（新）".into(),
        },
        reason: "事项库名称规范".into(),
        requested_by: "editor-1".into(),
        requested_at: beijing("2026-11-26 10:00"),
    })
    .unwrap();
    let mut renamed = file.clone();
    renamed.item.name = "食品经营许可（新）".into();
    history.start_draft(&item).unwrap();
    history
        .edit_draft(renamed.item.clone(), renamed.guide.clone())
        .unwrap();
    let refused = history.publish(
        &item,
        beijing("2026-12-01 00:00"),
        beijing("2026-11-26 10:00"),
        "editor-1",
    );
    assert_eq!(
        refused.map(|v| v.number),
        Err(VersionError::ItemChangeNeedsApproval { field: "name" })
    );

    item.approve_pending().unwrap();
    let number = history
        .publish(
            &item,
            beijing("2026-12-01 00:00"),
            beijing("2026-11-27 10:00"),
            "editor-1",
        )
        .unwrap()
        .number;
    assert_eq!(number, 2);
}

#[test]
fn art6_every_step_states_its_longest_time_and_the_total_fits_the_promise() {
    let file = guide("food-business-licence.json");
    assert!(codes(&file).is_empty());
    let mut no_limit = file.clone();
    let timed = no_limit
        .guide
        .flowchart
        .steps
        .iter()
        .position(|s| s.is_timed_work())
        .unwrap();
    no_limit.guide.flowchart.steps[timed].limit = None;
    assert!(codes(&no_limit).contains(&(
        FindingCode::StepWithoutLimit,
        format!("guide.flowchart.steps[{timed}].limit")
    )));

    let mut too_long = file.clone();
    too_long.item.promised_limit.days = 3;
    assert!(codes(&too_long)
        .iter()
        .any(|(c, _)| *c == FindingCode::LongestPathExceedsLimit));
}

#[test]
fn art7_a_case_is_judged_by_the_guide_version_in_force_when_it_was_received() {
    let v1 = guide("food-business-licence.json");
    let item = ServiceItem::new(v1.item.clone());
    let mut history = GuideHistory::default();
    publish(
        &mut history,
        &item,
        &v1,
        "2026-01-01 00:00",
        "2025-12-01 09:00",
    );
    let mut v2 = v1.clone();
    let mut extra: Material = v2.guide.materials[0].clone();
    extra.id = "M99".into();
    extra.name = "新增材料".into();
    v2.guide.materials.push(extra);
    publish(
        &mut history,
        &item,
        &v2,
        "2027-01-01 00:00",
        "2026-11-26 09:00",
    );

    let bound = history.in_force_at(beijing("2026-12-31 16:00")).unwrap();
    assert_eq!(bound.number, 1);
    assert!(
        bound.content.material("M99").is_none(),
        "a December case cannot be asked for the new material"
    );
    let later = history.in_force_at(beijing("2027-01-04 09:00")).unwrap();
    assert!(later.content.material("M99").is_some());
}

#[test]
fn art9_drawings_are_asked_on_paper_only_under_an_approved_filing() {
    let file = guide("construction-works-permit.json");
    assert!(codes(&file).is_empty());
    let mut no_filing = file.clone();
    let drawings = no_filing
        .guide
        .materials
        .iter()
        .position(|m| m.paper_required)
        .unwrap();
    no_filing.guide.materials[drawings].paper_filing = None;
    assert_eq!(
        codes(&no_filing),
        vec![(
            FindingCode::PaperWithoutFiling,
            format!("guide.materials[{drawings}].paper_required")
        )]
    );
}

#[test]
fn art11_special_stages_state_basis_method_and_duration_or_rest_on_a_filing() {
    let permit = guide("construction-works-permit.json");
    assert!(matches!(
        permit.guide.special_stages[0].duration,
        StageDuration::ByFiling { .. }
    ));
    let mut no_filing = permit.clone();
    no_filing.guide.special_stages[0].duration = StageDuration::ByFiling {
        filing: String::new(),
    };
    assert!(codes(&no_filing).contains(&(
        FindingCode::StageIncomplete,
        "guide.special_stages[0].duration.filing".into()
    )));

    let food = guide("food-business-licence.json");
    let mut no_basis = food.clone();
    no_basis.guide.special_stages[0].legal_basis.clear();
    assert!(codes(&no_basis).contains(&(
        FindingCode::StageIncomplete,
        "guide.special_stages[0].legal_basis".into()
    )));
}

fn published(file: GuideFile) -> GuideVersion {
    GuideVersion {
        number: 1,
        state: VersionState::Published {
            effective_from: beijing("2026-01-01 00:00"),
            published_at: beijing("2025-12-01 09:00"),
            published_by: "editor-1".into(),
        },
        item: file.item,
        content: file.guide,
    }
}

fn restaurant_guides() -> HashMap<String, GuideVersion> {
    [
        "food-business-licence.json",
        "fire-safety-inspection.json",
        "pollutant-discharge-registration.json",
    ]
    .into_iter()
    .map(|name| {
        let version = published(guide(name));
        (version.item.code.clone(), version)
    })
    .collect()
}

#[test]
fn art15_the_bundle_lists_a_material_shared_by_several_departments_once() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bundles/open-restaurant.json");
    let guides = restaurant_guides();
    let bundle = read_bundle_file(&std::fs::read_to_string(path).unwrap(), &guides)
        .accepted()
        .unwrap()
        .bundle;
    let list = consolidated_materials(&bundle, &guides);
    let total: usize = guides.values().map(|g| g.content.materials.len()).sum();
    assert!(
        list.len() < total,
        "shared materials merged: {} of {total}",
        list.len()
    );
    let licence = list.iter().find(|m| m.name.contains("营业执照")).unwrap();
    assert_eq!(
        licence.used_by.len(),
        3,
        "营业执照 once for all three departments"
    );
}

#[test]
fn art17_prerequisites_form_a_dag() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bundles/open-restaurant.json");
    let guides = restaurant_guides();
    let mut bundle = read_bundle_file(&std::fs::read_to_string(path).unwrap(), &guides)
        .accepted()
        .unwrap()
        .bundle;
    let back = bundle.prerequisites[0].clone();
    bundle
        .prerequisites
        .push(approval_core::bundle::Prerequisite {
            prerequisite: back.dependent,
            dependent: back.prerequisite,
        });
    assert!(check_bundle(&bundle, &guides)
        .iter()
        .any(|f| f.code == FindingCode::BundleCycle));
}

#[test]
fn art8_art9_a_paper_only_material_needs_an_approved_paper_filing() {
    let file = approval_desk_tests::guide_file("food-business-licence.json");
    let mut content = file.guide.clone();
    // A material that accepts no electronic copy asks for paper only.
    content.materials[1].electronic_accepted = false;
    content.materials[1].paper_required = false;
    content.materials[1].paper_filing = None;
    let findings = check_guide(&file.item, &content);
    assert!(
        findings
            .iter()
            .any(|f| f.code == FindingCode::PaperOnlyWithoutFiling
                && f.path == "guide.materials[1].electronic_accepted"
                && f.is_error()),
        "{findings:?}"
    );
    content.materials[1].paper_filing = Some("ZZCL-2026-0003".into());
    assert!(!check_guide(&file.item, &content)
        .iter()
        .any(|f| f.code == FindingCode::PaperOnlyWithoutFiling));
}

#[test]
fn art15_materials_without_a_catalogue_code_merge_only_within_one_department() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bundles/open-restaurant.json");
    let mut guides = restaurant_guides();
    // Each department's own application form, named alike, no catalogue code.
    for guide in guides.values_mut() {
        guide.content.materials[0].name = "申请书".into();
        guide.content.materials[0].catalog_code = None;
    }
    let bundle = read_bundle_file(&std::fs::read_to_string(path).unwrap(), &guides)
        .accepted()
        .unwrap()
        .bundle;
    let list = consolidated_materials(&bundle, &guides);
    let forms: Vec<_> = list.iter().filter(|m| m.name == "申请书").collect();
    assert_eq!(forms.len(), bundle.members.len(), "{forms:?}");
    assert!(forms.iter().all(|m| m.used_by.len() == 1), "{forms:?}");
}
