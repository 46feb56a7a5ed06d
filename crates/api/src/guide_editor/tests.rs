#![allow(clippy::unwrap_used, clippy::expect_used)]

use approval_core::access::{Role, Scope};
use approval_core::error_code::ErrorCode;
use approval_core::guide::FindingCode;
use proptest::prelude::*;

use super::*;
use crate::guides::{check_guide_file, import_guide, GuideImportRequest};
use crate::testing::{at, desk, grant, publish, FIRE, FOOD, MARKET};

const FOOD_CODE: &str = "610122-SCJG-XK-0001";
const FIRE_CODE_PART: &str = "消防";

fn food() -> serde_json::Value {
    serde_json::from_str(FOOD).unwrap()
}

#[test]
fn a_good_draft_has_no_error_and_is_laid_out_as_the_public_chart() {
    let check = check_guide_draft(&food());
    assert_eq!(check.errors, 0, "{:?}", check.findings);
    assert!(check.publishable);
    let layout = check.layout.unwrap();
    let file = check_guide_file(FOOD).accepted("food.json").unwrap();
    let public =
        approval_docs::layout_with_stages(&file.guide.flowchart, &file.guide.special_stages);
    assert_eq!(layout.nodes.len(), file.guide.flowchart.steps.len());
    assert_eq!(layout.width, public.width);
    assert_eq!(layout.height, public.height);
    for (node, placed) in layout.nodes.iter().zip(&public.boxes) {
        assert_eq!(node.step_index as usize, placed.step_index);
        assert_eq!(node.id, file.guide.flowchart.steps[placed.step_index].id);
        assert_eq!((node.x, node.y), (placed.x, placed.y));
        assert_eq!((node.width, node.height), (placed.width, placed.height));
    }
    assert_eq!(layout.edges.len(), public.edges.len());
    assert_eq!(layout.edges[0].from, "receive");
}

#[test]
fn a_draft_with_errors_gives_them_with_their_paths_errors_first() {
    let mut draft = food();
    draft["guide"]["flowchart"]["steps"][1]["limit"] = serde_json::Value::Null;
    let check = check_guide_draft(&draft);
    assert!(!check.publishable);
    let missing = check
        .findings
        .iter()
        .find(|f| f.code == FindingCode::StepWithoutLimit)
        .unwrap();
    assert_eq!(missing.severity, Severity::Error);
    assert_eq!(missing.path, "guide.flowchart.steps[1].limit");
    assert!(!missing.message.is_empty());
    let first_warning = check
        .findings
        .iter()
        .position(|f| f.severity == Severity::Warning)
        .unwrap_or(check.findings.len());
    assert!(check.findings[first_warning..]
        .iter()
        .all(|f| f.severity == Severity::Warning));
    assert_eq!(check.errors as usize, first_warning);
    assert!(check.layout.is_some());
}

#[test]
fn a_malformed_draft_gives_a_malformed_finding_with_its_path_and_still_a_layout() {
    let mut draft = food();
    draft["item"]["statutory_limit"]["days"] = serde_json::json!("twenty");
    let check = check_guide_draft(&draft);
    assert_eq!(check.errors, 1);
    assert_eq!(check.findings[0].code, FindingCode::Malformed);
    assert_eq!(check.findings[0].path, "item.statutory_limit.days");
    // The chart's own shape is right: it is still drawn.
    assert_eq!(check.layout.unwrap().nodes.len(), 7);

    // A chart whose shape is wrong is not.
    draft["guide"]["flowchart"]["steps"] = serde_json::json!(7);
    assert!(check_guide_draft(&draft).layout.is_none());
    // Nor is anything when there is nothing.
    let nothing = check_guide_draft(&serde_json::Value::Null);
    assert_eq!(nothing.findings[0].code, FindingCode::Malformed);
    assert!(nothing.layout.is_none());
}

#[test]
fn a_wrong_format_is_a_finding() {
    let mut draft = food();
    draft["format"] = serde_json::json!("something/2");
    let check = check_guide_draft(&draft);
    assert_eq!(check.findings[0].path, "format");
    let mut file = check_guide_file(FOOD).accepted("food.json").unwrap();
    file.format = "something/2".into();
    assert_eq!(check_guide_file_draft(&file).findings[0].path, "format");
}

/// Edits a draft might go through: values of every JSON kind put anywhere.
fn mutate(value: &mut serde_json::Value, path: &[usize], replacement: &serde_json::Value) {
    let Some((&first, rest)) = path.split_first() else {
        *value = replacement.clone();
        return;
    };
    match value {
        serde_json::Value::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(first % map.len()).cloned().unwrap();
            if rest.is_empty() && first % 5 == 0 {
                map.remove(&key);
            } else {
                mutate(map.get_mut(&key).unwrap(), rest, replacement);
            }
        }
        serde_json::Value::Array(items) if !items.is_empty() => {
            let len = items.len();
            if rest.is_empty() && first % 4 == 0 {
                items.push(replacement.clone());
            } else {
                mutate(&mut items[first % len], rest, replacement);
            }
        }
        _ => *value = replacement.clone(),
    }
}

fn any_json() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        (0u32..30).prop_map(serde_json::Value::from),
        ".{0,6}".prop_map(serde_json::Value::from),
        Just(serde_json::json!({})),
        Just(serde_json::json!([])),
        Just(serde_json::json!({"id": "receive", "name": "x", "kind": "end"})),
        Just(serde_json::json!({"from": "decide", "to": "receive"})),
        Just(serde_json::json!({"days": 0, "unit": "natural_days"})),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn checking_never_panics_on_a_mutated_draft(
        edits in proptest::collection::vec(
            (proptest::collection::vec(0usize..16, 0..6), any_json()),
            1..6,
        )
    ) {
        let mut draft = food();
        for (path, replacement) in &edits {
            mutate(&mut draft, path, replacement);
        }
        let check = check_guide_draft(&draft);
        prop_assert_eq!(check.publishable, check.errors == 0);
        prop_assert_eq!(
            check.findings.len(),
            (check.errors + check.warnings) as usize
        );
        if let Some(layout) = &check.layout {
            prop_assert!(layout.nodes.iter().all(|n| n.width > 0.0 && n.height > 0.0));
        }
    }
}

#[tokio::test]
async fn the_view_starts_from_the_version_in_force_then_shows_the_draft() {
    let (_dir, desk) = desk().await;
    publish(&desk, FOOD).await;
    let actor = Actor::new("editor");
    let view = guide_editor_view(&desk, &actor, FOOD_CODE, at(2026, 2, 1))
        .await
        .unwrap();
    assert_eq!(view.code, FOOD_CODE);
    assert_eq!(view.department, MARKET);
    assert_eq!(view.draft_number, None);
    assert!(view.from_published);
    assert_eq!(view.published_number, Some(1));
    let published = view.published.unwrap();
    assert_eq!(view.draft.guide, published.guide);
    assert_eq!(view.draft.effective_from, None);
    assert!(view.check.publishable);
    assert_eq!(view.check.layout.unwrap().nodes.len(), 7);

    // A stored draft with an error is what the editor then opens.
    let mut file = check_guide_file(FOOD).accepted("food.json").unwrap();
    file.guide.flowchart.steps[1].limit = None;
    import_guide(
        &desk,
        &actor,
        at(2026, 2, 1),
        GuideImportRequest {
            file: file.clone(),
            draft_only: true,
            effective_from: None,
        },
    )
    .await
    .unwrap();
    let view = guide_editor_view(&desk, &actor, FOOD_CODE, at(2026, 2, 2))
        .await
        .unwrap();
    assert_eq!(view.draft_number, Some(2));
    assert!(!view.from_published);
    assert_eq!(view.draft.guide, file.guide);
    assert_eq!(view.published_number, Some(1));
    assert!(!view.check.publishable);
    assert!(view
        .check
        .findings
        .iter()
        .any(|f| f.path == "guide.flowchart.steps[1].limit"));
}

#[tokio::test]
async fn the_view_refuses_an_unknown_item_and_an_editor_of_another_department() {
    let (_dir, desk) = desk().await;
    let unknown = guide_editor_view(&desk, &Actor::new("editor"), "nope", at(2026, 2, 1))
        .await
        .unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
    assert_eq!(unknown.message_en, "no item nope is stored");

    publish(&desk, FOOD).await;
    grant(
        &desk,
        "fire",
        Role::GuideEditor,
        Scope::Department("蓝田县消防救援大队".into()),
    )
    .await;
    let denied = guide_editor_view(&desk, &Actor::new("fire"), FOOD_CODE, at(2026, 2, 1))
        .await
        .unwrap_err();
    assert_eq!(denied.code, ErrorCode::AccessOutOfScope);
    // An officer reads guides but does not edit them.
    grant(
        &desk,
        "officer",
        Role::Officer,
        Scope::Department(MARKET.into()),
    )
    .await;
    let officer = guide_editor_view(&desk, &Actor::new("officer"), FOOD_CODE, at(2026, 2, 1))
        .await
        .unwrap_err();
    assert_eq!(officer.code, ErrorCode::AccessNoRole);
}

#[tokio::test]
async fn the_items_are_those_the_actor_may_edit_and_match_the_search() {
    let (_dir, desk) = desk().await;
    publish(&desk, FOOD).await;
    publish(&desk, FIRE).await;
    let all = guide_editor_items(&desk, &Actor::new("editor"), None)
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    let food = all.iter().find(|i| i.code == FOOD_CODE).unwrap();
    assert_eq!(food.status, "active");
    assert!(!food.has_draft);
    assert_eq!(food.published_number, Some(1));
    assert!(food.published_effective_from.is_some());

    grant(
        &desk,
        "market",
        Role::GuideEditor,
        Scope::Department(MARKET.into()),
    )
    .await;
    let market = guide_editor_items(&desk, &Actor::new("market"), None)
        .await
        .unwrap();
    assert_eq!(
        market.iter().map(|i| i.code.as_str()).collect::<Vec<_>>(),
        [FOOD_CODE]
    );
    let by_code = guide_editor_items(&desk, &Actor::new("market"), Some(" scjg-xk "))
        .await
        .unwrap();
    assert_eq!(by_code.len(), 1);
    let by_name = guide_editor_items(&desk, &Actor::new("market"), Some("食品"))
        .await
        .unwrap();
    assert_eq!(by_name.len(), 1);
    let none = guide_editor_items(&desk, &Actor::new("market"), Some(FIRE_CODE_PART))
        .await
        .unwrap();
    assert!(none.is_empty());
    assert!(guide_editor_items(&desk, &Actor::new("stranger"), None)
        .await
        .unwrap()
        .is_empty());
}

fn food_file() -> GuideFile {
    check_guide_file(FOOD).accepted("food.json").unwrap()
}

#[tokio::test]
async fn a_draft_with_errors_is_saved_and_audited_but_not_published() {
    let (_dir, desk) = desk().await;
    publish(&desk, FOOD).await;
    let actor = Actor::new("editor");
    let mut file = food_file();
    file.guide.flowchart.steps[1].limit = None;
    let saved = save_guide_draft(&desk, &actor, FOOD_CODE, file.clone(), at(2026, 2, 1))
        .await
        .unwrap();
    assert_eq!(saved.draft_number, 2);
    assert!(!saved.check.publishable);
    let mut tx = desk.db().read().await.unwrap();
    let audit = tx
        .audit_entries_of(&format!("item:{FOOD_CODE}"))
        .await
        .unwrap();
    drop(tx);
    let last = &audit.last().unwrap().record;
    assert_eq!(last.action, "guide.draft_save");
    assert_eq!(last.actor, "editor");
    assert_eq!(last.after["number"], 2);
    assert_eq!(last.after["errors"], saved.check.errors);

    let refused = publish_guide_draft(&desk, &actor, FOOD_CODE, at(2026, 3, 1), at(2026, 2, 2))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::GuideInvalid);
    assert!(refused
        .details
        .iter()
        .any(|d| d.location == "guide.flowchart.steps[1].limit"
            && d.message_en == "step_without_limit"));
    let view = guide_editor_view(&desk, &actor, FOOD_CODE, at(2026, 2, 2))
        .await
        .unwrap();
    assert_eq!(view.published_number, Some(1));
    assert_eq!(view.draft_number, Some(2));

    // Saving again edits the same draft; once corrected it publishes.
    let saved = save_guide_draft(&desk, &actor, FOOD_CODE, food_file(), at(2026, 2, 3))
        .await
        .unwrap();
    assert_eq!(saved.draft_number, 2);
    assert!(saved.check.publishable);
    let published = publish_guide_draft(&desk, &actor, FOOD_CODE, at(2026, 3, 1), at(2026, 2, 3))
        .await
        .unwrap();
    assert_eq!(published.number, 2);
    assert_eq!(published.effective_from, "2026-03-01T09:00:00+08:00");
    let items = guide_editor_items(&desk, &actor, None).await.unwrap();
    assert!(!items[0].has_draft);
    assert_eq!(items[0].published_number, Some(2));
}

#[tokio::test]
async fn a_changed_code_needs_its_item_change_filing_and_nothing_is_published() {
    let (_dir, desk) = desk().await;
    publish(&desk, FOOD).await;
    let actor = Actor::new("editor");
    let mut file = food_file();
    file.item.code = "610122-SCJG-XK-0099".into();
    save_guide_draft(&desk, &actor, FOOD_CODE, file, at(2026, 2, 1))
        .await
        .unwrap();
    let refused = publish_guide_draft(&desk, &actor, FOOD_CODE, at(2026, 3, 1), at(2026, 2, 2))
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::GuideItemChangeNeedsApproval);
    assert_eq!(refused.field.as_deref(), Some("item.code"));
    assert!(
        refused.message.contains("事项变更备案"),
        "{}",
        refused.message
    );
    let view = guide_editor_view(&desk, &actor, FOOD_CODE, at(2026, 2, 2))
        .await
        .unwrap();
    assert_eq!(view.published_number, Some(1));
    assert_eq!(view.draft_number, Some(2));
}

#[tokio::test]
async fn saving_and_publishing_need_the_role_and_a_stored_item() {
    let (_dir, desk) = desk().await;
    let unknown = save_guide_draft(
        &desk,
        &Actor::new("editor"),
        "nope",
        food_file(),
        at(2026, 2, 1),
    )
    .await
    .unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
    let unknown = publish_guide_draft(
        &desk,
        &Actor::new("editor"),
        "nope",
        at(2026, 3, 1),
        at(2026, 2, 1),
    )
    .await
    .unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);

    publish(&desk, FOOD).await;
    grant(
        &desk,
        "fire",
        Role::GuideEditor,
        Scope::Department("蓝田县消防救援大队".into()),
    )
    .await;
    let denied = save_guide_draft(
        &desk,
        &Actor::new("fire"),
        FOOD_CODE,
        food_file(),
        at(2026, 2, 1),
    )
    .await
    .unwrap_err();
    assert_eq!(denied.code, ErrorCode::AccessOutOfScope);
    // An officer of the department reads guides but neither saves nor
    // publishes them.
    grant(
        &desk,
        "officer",
        Role::Officer,
        Scope::Department(MARKET.into()),
    )
    .await;
    let officer = save_guide_draft(
        &desk,
        &Actor::new("officer"),
        FOOD_CODE,
        food_file(),
        at(2026, 2, 1),
    )
    .await
    .unwrap_err();
    assert_eq!(officer.code, ErrorCode::AccessNoRole);
    let officer = publish_guide_draft(
        &desk,
        &Actor::new("officer"),
        FOOD_CODE,
        at(2026, 3, 1),
        at(2026, 2, 1),
    )
    .await
    .unwrap_err();
    assert_eq!(officer.code, ErrorCode::AccessNoRole);
    // Publishing without a draft says so.
    grant(
        &desk,
        "market",
        Role::GuideEditor,
        Scope::Department(MARKET.into()),
    )
    .await;
    let none = publish_guide_draft(
        &desk,
        &Actor::new("market"),
        FOOD_CODE,
        at(2026, 3, 1),
        at(2026, 2, 1),
    )
    .await
    .unwrap_err();
    assert_eq!(none.code, ErrorCode::GuideNoDraft);
}

#[tokio::test]
async fn the_diff_of_a_real_edit_has_one_row_per_change() {
    use approval_core::guide::{Fee, TimeLimit};

    use crate::views::guide_editor::{GuideChangeRowView, GuideEntryChangeView};

    let (_dir, desk) = desk().await;
    let actor = Actor::new("editor");
    let mut first = food_file();
    first.guide.fees.push(Fee {
        name: "工本费".into(),
        standard: "每证10元".into(),
        basis: "陕价费发〔2020〕1号".into(),
    });
    import_guide(
        &desk,
        &actor,
        at(2026, 1, 1),
        GuideImportRequest {
            file: first.clone(),
            draft_only: false,
            effective_from: None,
        },
    )
    .await
    .unwrap();
    let no_draft = guide_diff(&desk, &actor, FOOD_CODE).await.unwrap_err();
    assert_eq!(no_draft.code, ErrorCode::GuideNoDraft);

    let mut draft = first.clone();
    let mut added = draft.guide.materials[0].clone();
    added.id = "M07".into();
    added.name = "健康证明".into();
    draft.guide.materials.push(added);
    draft.guide.fees[0].standard = "免收".into();
    draft.guide.flowchart.steps[2].limit = Some(TimeLimit::working_days(3));
    save_guide_draft(&desk, &actor, FOOD_CODE, draft, at(2026, 2, 1))
        .await
        .unwrap();

    let diff = guide_diff(&desk, &actor, FOOD_CODE).await.unwrap();
    assert_eq!(diff.draft_number, 2);
    assert_eq!(diff.published_number, Some(1));
    assert_eq!(diff.fields, []);
    let row = |path: &str, label: &str, before: &str, after: &str| GuideChangeRowView {
        path: path.into(),
        label: label.into(),
        before: Some(before.into()),
        after: Some(after.into()),
    };
    assert_eq!(
        diff.entries,
        [
            GuideEntryChangeView {
                section: "materials".into(),
                section_label: "申请材料".into(),
                key: "M07".into(),
                change: "added".into(),
                path: "guide.materials[6]".into(),
                fields: vec![],
                rows: vec![],
            },
            GuideEntryChangeView {
                section: "fees".into(),
                section_label: "收费项目".into(),
                key: "工本费".into(),
                change: "changed".into(),
                path: "guide.fees[0]".into(),
                fields: vec!["standard".into()],
                rows: vec![row(
                    "guide.fees[0].standard",
                    "收费标准",
                    "每证10元",
                    "免收"
                )],
            },
            GuideEntryChangeView {
                section: "steps".into(),
                section_label: "流程环节".into(),
                key: "review".into(),
                change: "changed".into(),
                path: "guide.flowchart.steps[2]".into(),
                fields: vec!["limit".into()],
                rows: vec![row(
                    "guide.flowchart.steps[2].limit",
                    "时限",
                    "4个工作日",
                    "3个工作日"
                )],
            },
        ]
    );

    // A removed material, a changed item name and a stranger.
    let mut draft = first.clone();
    draft.guide.materials.remove(5);
    draft.item.name = "食品经营许可（变更）".into();
    save_guide_draft(&desk, &actor, FOOD_CODE, draft, at(2026, 2, 2))
        .await
        .unwrap();
    let diff = guide_diff(&desk, &actor, FOOD_CODE).await.unwrap();
    assert_eq!(
        diff.fields,
        [row(
            "item.name",
            "名称",
            "食品经营许可（新办）",
            "食品经营许可（变更）"
        )]
    );
    assert_eq!(diff.entries.len(), 1);
    assert_eq!(diff.entries[0].change, "removed");
    assert_eq!(diff.entries[0].key, "M06");
    assert_eq!(diff.entries[0].path, "guide.materials[5]");
    grant(
        &desk,
        "fire",
        Role::GuideEditor,
        Scope::Department("蓝田县消防救援大队".into()),
    )
    .await;
    let denied = guide_diff(&desk, &Actor::new("fire"), FOOD_CODE)
        .await
        .unwrap_err();
    assert_eq!(denied.code, ErrorCode::AccessOutOfScope);
    let unknown = guide_diff(&desk, &actor, "nope").await.unwrap_err();
    assert_eq!(unknown.code, ErrorCode::NotFound);
}
