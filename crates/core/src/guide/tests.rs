//! Unit tests of items, versions and guide checks.

use super::sample::{at, content, edge, item, step};
use super::*;

fn codes(item: &ItemDefinition, content: &GuideContent) -> Vec<(FindingCode, String)> {
    check_guide(item, content)
        .into_iter()
        .map(|f| (f.code, f.path))
        .collect()
}

fn has(item: &ItemDefinition, content: &GuideContent, code: FindingCode, path: &str) {
    let found = codes(item, content);
    assert!(
        found.iter().any(|(c, p)| *c == code && p == path),
        "expected {code:?} at {path}, found {found:?}"
    );
}

#[test]
fn the_sample_guide_has_no_findings() {
    assert_eq!(codes(&item(), &content()), vec![]);
}

#[test]
fn the_longest_path_excludes_special_stages() {
    let longest = longest_step_path(&content().flowchart).expect("acyclic");
    assert_eq!(longest.days, 8);
    assert_eq!(longest.step_names, vec!["受理", "审查", "决定"]);
}

#[test]
fn art6_every_timed_step_needs_a_role_and_a_limit_and_the_sum_fits_the_promise() {
    let mut guide = content();
    guide.flowchart.steps[2].limit = None;
    guide.flowchart.steps[4].role = None;
    has(
        &item(),
        &guide,
        FindingCode::StepWithoutLimit,
        "guide.flowchart.steps[2].limit",
    );
    has(
        &item(),
        &guide,
        FindingCode::StepWithoutRole,
        "guide.flowchart.steps[4].role",
    );

    let mut guide = content();
    guide.flowchart.steps[2].limit = Some(TimeLimit::working_days(8));
    has(
        &item(),
        &guide,
        FindingCode::LongestPathExceedsLimit,
        "guide.flowchart.steps",
    );
}

#[test]
fn promised_limits_never_exceed_statutory_ones() {
    let mut definition = item();
    definition.promised_limit = TimeLimit::working_days(25);
    has(
        &definition,
        &content(),
        FindingCode::PromisedExceedsStatutory,
        "item.promised_limit.days",
    );
}

#[test]
fn the_flowchart_has_one_start_reaches_every_step_and_ends() {
    let mut guide = content();
    guide.flowchart.steps.push(step(
        "orphan",
        "孤立环节",
        StepKind::Step,
        Some("承办人"),
        Some(1),
    ));
    has(
        &item(),
        &guide,
        FindingCode::StepUnreachable,
        "guide.flowchart.steps[6].id",
    );
    has(
        &item(),
        &guide,
        FindingCode::StepCannotReachEnd,
        "guide.flowchart.steps[6].id",
    );

    let mut guide = content();
    guide.flowchart.edges.push(edge("decide", "review"));
    has(
        &item(),
        &guide,
        FindingCode::FlowchartCycle,
        "guide.flowchart.edges",
    );

    let mut guide = content();
    guide.flowchart.steps[1].kind = StepKind::Start;
    has(
        &item(),
        &guide,
        FindingCode::FlowchartManyStarts,
        "guide.flowchart.steps[1].kind",
    );

    let mut guide = content();
    guide.flowchart.edges.push(edge("decide", "nowhere"));
    has(
        &item(),
        &guide,
        FindingCode::EdgeUnknownStep,
        "guide.flowchart.edges[6].to",
    );
}

#[test]
fn art11_a_special_stage_must_be_declared_with_basis_method_and_duration_or_a_filing() {
    let mut guide = content();
    guide.special_stages[0].method = " ".into();
    has(
        &item(),
        &guide,
        FindingCode::StageIncomplete,
        "guide.special_stages[0].method",
    );

    let mut guide = content();
    guide.special_stages[0].duration = StageDuration::ByFiling {
        filing: "TSHJ-2026-0001".into(),
    };
    assert_eq!(
        codes(&item(), &guide),
        vec![],
        "a filing stands in for the duration"
    );

    let mut guide = content();
    guide.flowchart.steps[3].stage = Some("S9".into());
    has(
        &item(),
        &guide,
        FindingCode::StageStepUndeclared,
        "guide.flowchart.steps[3].stage",
    );
}

#[test]
fn art9_paper_is_asked_only_with_a_filing() {
    let mut guide = content();
    guide.materials[1].paper_required = true;
    has(
        &item(),
        &guide,
        FindingCode::PaperWithoutFiling,
        "guide.materials[1].paper_required",
    );
    guide.materials[1].paper_filing = Some("ZZCL-2026-0003".into());
    assert_eq!(codes(&item(), &guide), vec![]);
}

#[test]
fn conditional_materials_state_their_condition() {
    let mut guide = content();
    guide.materials[1].requirement = Requirement::Conditional {
        condition: String::new(),
    };
    has(
        &item(),
        &guide,
        FindingCode::ConditionalWithoutCondition,
        "guide.materials[1].requirement.condition",
    );
}

#[test]
fn art5_item_changes_wait_for_approval_apart_from_the_definition_in_force() {
    let mut service = ServiceItem::new(item());
    let change = PendingChange {
        change: ItemChange::Rename {
            name: "食品经营许可（含仅销售预包装食品备案）".into(),
        },
        reason: "机构改革后事项名称调整".into(),
        requested_by: "editor-1".into(),
        requested_at: at("2026-11-26T10:00:00+08:00"),
    };
    service.request_change(change.clone()).expect("requested");
    assert_eq!(service.status(), ItemStatus::ChangePending);
    assert_eq!(
        service.definition.name, "食品经营许可",
        "the name in force stays until approval"
    );
    assert_eq!(
        service.request_change(change),
        Err(ItemError::ChangeAlreadyPending {
            code: "610100-XK-0001".into()
        })
    );
    service.approve_pending().expect("approved");
    assert_eq!(
        service.definition.name,
        "食品经营许可（含仅销售预包装食品备案）"
    );
    assert_eq!(service.status(), ItemStatus::Active);

    service
        .request_change(PendingChange {
            change: ItemChange::Cancellation,
            reason: "事项取消".into(),
            requested_by: "editor-1".into(),
            requested_at: at("2026-11-27T10:00:00+08:00"),
        })
        .expect("requested");
    service.reject_pending().expect("rejected");
    assert_eq!(service.status(), ItemStatus::Active);
}

#[test]
fn a_change_that_changes_nothing_is_refused() {
    let mut service = ServiceItem::new(item());
    let same = PendingChange {
        change: ItemChange::Rename {
            name: "食品经营许可".into(),
        },
        reason: "无".into(),
        requested_by: "editor-1".into(),
        requested_at: at("2026-11-26T10:00:00+08:00"),
    };
    assert!(matches!(
        service.request_change(same),
        Err(ItemError::ChangesNothing { .. })
    ));
}

fn published_history() -> (ServiceItem, GuideHistory) {
    let service = ServiceItem::new(item());
    let mut history = GuideHistory::default();
    history.start_draft(&service).expect("draft");
    history.edit_draft(item(), content()).expect("edit");
    history
        .publish(
            &service,
            at("2026-01-01T00:00:00+08:00"),
            at("2025-12-20T09:00:00+08:00"),
            "editor-1",
        )
        .expect("publish v1");
    (service, history)
}

#[test]
fn a_case_binds_to_the_version_in_force_when_it_was_received() {
    let (service, mut history) = published_history();
    history.start_draft(&service).expect("draft v2");
    let mut v2 = content();
    v2.materials
        .push(super::sample::material("M03", "食品安全管理制度"));
    history.edit_draft(item(), v2).expect("edit v2");
    history
        .publish(
            &service,
            at("2026-12-01T00:00:00+08:00"),
            at("2026-11-26T09:00:00+08:00"),
            "editor-1",
        )
        .expect("publish v2");

    let number_at = |t: &str| history.in_force_at(at(t)).map(|v| v.number);
    assert_eq!(number_at("2025-12-31T23:59:59+08:00"), None);
    assert_eq!(number_at("2026-11-30T23:59:59+08:00"), Some(1));
    assert_eq!(number_at("2026-12-01T00:00:00+08:00"), Some(2));
    assert_eq!(
        history.versions()[0].content.materials.len(),
        2,
        "v1 untouched"
    );
}

#[test]
fn only_a_first_version_may_state_a_past_effective_date() {
    let service = ServiceItem::new(item());
    let mut history = GuideHistory::default();
    history.start_draft(&service).expect("draft");
    history.edit_draft(item(), content()).expect("edit");
    let now = at("2026-11-26T09:00:00+08:00");
    let first = history
        .publish(&service, at("2026-01-05T00:00:00+08:00"), now, "editor-1")
        .expect("first version");
    assert_eq!(first.number, 1);
    history.start_draft(&service).expect("draft");
    assert!(matches!(
        history.publish(&service, at("2026-06-01T00:00:00+08:00"), now, "editor-1"),
        Err(VersionError::EffectiveInThePast { .. })
    ));
}

#[test]
fn a_new_draft_starts_from_the_last_published_version() {
    let (service, mut history) = published_history();
    let draft = history.start_draft(&service).expect("draft");
    assert_eq!(draft.number, 2);
    assert_eq!(draft.content, content());
    assert!(matches!(
        history.start_draft(&service),
        Err(VersionError::DraftExists { number: 2, .. })
    ));
}

#[test]
fn publishing_refuses_errors_backdating_and_unapproved_item_changes() {
    let (service, mut history) = published_history();
    history.start_draft(&service).expect("draft");
    let mut broken = content();
    broken.flowchart.edges.clear();
    history.edit_draft(item(), broken).expect("edit");
    let now = at("2026-11-26T09:00:00+08:00");
    assert!(matches!(
        history.publish(&service, now, now, "editor-1"),
        Err(VersionError::Invalid(findings)) if findings.iter().any(|f| f.code == FindingCode::StepUnreachable)
    ));

    history.edit_draft(item(), content()).expect("edit");
    assert!(matches!(
        history.publish(&service, at("2026-11-01T00:00:00+08:00"), now, "editor-1"),
        Err(VersionError::EffectiveInThePast { .. })
    ));

    let mut renamed = item();
    renamed.name = "新名称".into();
    history.edit_draft(renamed, content()).expect("edit");
    assert_eq!(
        history
            .publish(&service, now, now, "editor-1")
            .map(|v| v.number),
        Err(VersionError::ItemChangeNeedsApproval { field: "name" })
    );

    let mut longer = item();
    longer.promised_limit = TimeLimit::working_days(15);
    history.edit_draft(longer, content()).expect("edit");
    assert_eq!(
        history
            .publish(&service, now, now, "editor-1")
            .map(|v| v.number),
        Ok(2),
        "limits are the guide's to set"
    );
}
