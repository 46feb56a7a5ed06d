//! Scenario tests of where an item lawfully exists and is handled, written
//! from the articles of 陕西省政务服务效能管理暂行办法: setting an item up
//! (Art 5), instant items with the approval bureau (Art 18) and classified
//! items (Art 28), through the use cases the window and `deskctl` share.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::HashMap;
use std::path::Path;

use approval_api::bundles::{bundle_summary, check_bundle_file};
use approval_api::cases::CaseActRequest;
use approval_api::cases::{act_on_case, case_detail, inbox_page, receive_transfers};
use approval_api::flowcharts::{bundle_flowchart_svg, guide_flowchart};
use approval_api::guides::{import_guide, list_guides, GuideImportRequest};
use approval_api::views::inbox::InboxQuery;
use approval_api::{Actor, Desk, ErrorCode};
use approval_core::access::{Grant, Role, Scope};
use approval_core::case::{admit_item, receive, Action, CaseError, DeskAction, Transfer};
use approval_core::exchange::GuideFile;
use approval_core::guide::{
    check_guide, ApprovalBureau, BureauMode, FindingCode, GuideVersion, InstantItem, ItemChange,
    PendingChange, ServiceItem, Severity, VersionError,
};
use approval_desk_tests::{beijing, guide_file, published_history};

const MARKET: &str = "蓝田县市场监督管理局";
const BUREAU: &str = "蓝田县行政审批服务局";

async fn desk() -> (tempfile::TempDir, Desk) {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(&dir.path().join("desk.sqlite3")).await.unwrap();
    (dir, desk)
}

async fn grant(desk: &Desk, person: &str, role: Role, scope: Scope) {
    desk.db()
        .grant(
            &Grant::new(person, role, scope),
            "安装",
            beijing("2026-01-01 09:00"),
        )
        .await
        .unwrap();
}

/// Stores `file`'s item and its guide, published from 2026-01-01.
async fn store_published(desk: &Desk, file: &GuideFile) {
    desk.db()
        .save_item(&ServiceItem::new(file.item.clone()))
        .await
        .unwrap();
    desk.db()
        .save_guide_history(&file.item.code, &published_history(file))
        .await
        .unwrap();
}

fn food_transfer(number: &str) -> Transfer {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/cases/food-single.json"),
    )
    .unwrap();
    Transfer {
        case_number: number.into(),
        ..serde_json::from_str(&text).unwrap()
    }
}

fn with_bureau() -> Option<InstantItem> {
    Some(InstantItem {
        handled_by: Some(ApprovalBureau {
            name: BUREAU.into(),
            mode: BureauMode::Entrusted,
        }),
    })
}

/// Art 5: a guide under a code no item has sets a new item up (设立): an
/// editor's import may not, the department administrator's may, and the act
/// is in the audit log.
#[tokio::test]
async fn art5_a_new_item_is_established_only_by_the_department_administrator_and_audited() {
    let (_dir, desk) = desk().await;
    let market = || Scope::Department(MARKET.into());
    grant(&desk, "安装管理员", Role::DepartmentAdmin, Scope::All).await;
    grant(&desk, "编辑", Role::GuideEditor, market()).await;
    grant(&desk, "管理员", Role::DepartmentAdmin, market()).await;
    grant(&desk, "管理员", Role::GuideEditor, market()).await;
    let file = guide_file("food-business-licence.json");
    let request = || GuideImportRequest {
        file: file.clone(),
        draft_only: true,
        effective_from: None,
    };
    let at = beijing("2026-01-02 09:00");
    let refused = import_guide(&desk, &Actor::new("编辑"), at, request())
        .await
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::AccessNoRole, "{refused:?}");
    assert!(
        desk.db().items().await.unwrap().is_empty(),
        "nothing stored"
    );

    import_guide(&desk, &Actor::new("管理员"), at, request())
        .await
        .unwrap();
    let entries = desk.db().audit_entries().await.unwrap();
    assert!(
        entries.iter().any(|e| e.record.action == "item.establish"
            && e.record.subject == format!("item:{}", file.item.code)
            && e.record.actor == "管理员"),
        "{entries:?}"
    );
    // The item exists now: the editor edits its guide as before.
    import_guide(&desk, &Actor::new("编辑"), at, request())
        .await
        .unwrap();
}

/// Art 18: an instant item (即办) still handled by its department is
/// flagged; handing it to the approval bureau is an item change approved
/// like a delegation; from then on its transfers are refused with where
/// they belong.
#[test]
fn art18_an_instant_item_with_the_approval_bureau_takes_no_cases_in_the_department() {
    let file = guide_file("food-business-licence.json");
    let mut instant = file.clone();
    instant.item.instant = Some(InstantItem { handled_by: None });
    let warning = check_guide(&instant.item, &instant.guide)
        .into_iter()
        .find(|f| f.code == FindingCode::InstantNotWithApprovalBureau)
        .expect("an instant item kept in the department is flagged");
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.path, "item.instant.handled_by");
    assert!(warning.message.contains("第十八条"), "{}", warning.message);

    // Editing the guide does not move the item: that is an item change.
    let mut item = ServiceItem::new(file.item.clone());
    let mut history = published_history(&file);
    let mut handed = file.clone();
    handed.item.instant = with_bureau();
    history.start_draft(&item).unwrap();
    history
        .edit_draft(handed.item.clone(), handed.guide.clone())
        .unwrap();
    let refused = history
        .publish(
            &item,
            beijing("2026-12-01 00:00"),
            beijing("2026-11-26 10:00"),
            "编辑",
        )
        .map(|v| v.number);
    assert_eq!(
        refused,
        Err(VersionError::ItemChangeNeedsApproval {
            field: "approval bureau"
        })
    );

    // Approved, the item's transfers belong to the bureau.
    admit_item(&item).unwrap();
    item.request_change(PendingChange {
        change: ItemChange::ApprovalBureau {
            handled_by: with_bureau().and_then(|i| i.handled_by),
        },
        reason: "即办事项委托本级行政审批服务局办理".into(),
        requested_by: "编辑".into(),
        requested_at: beijing("2026-11-26 10:00"),
    })
    .unwrap();
    item.approve_pending().unwrap();
    let refused = admit_item(&item).unwrap_err();
    assert_eq!(
        refused,
        CaseError::ItemWithApprovalBureau {
            item_code: file.item.code.clone(),
            bureau: BUREAU.into(),
            mode: BureauMode::Entrusted,
        }
    );
    assert_eq!(refused.code(), ErrorCode::CaseItemWithApprovalBureau);
    assert_eq!(
        refused.message_zh(),
        format!(
            "事项{}为即办事项，已委托至{BUREAU}在政务服务大厅直接办理，本部门不受理；请将办件转至{BUREAU}（第十八条）",
            file.item.code
        )
    );
    // The guide in force at receipt still binds a case: receiving itself
    // is not what refuses it, the item's handling is.
    assert!(receive(food_transfer("SX2026-001801"), Some(&history)).is_ok());
}

/// Art 18 through the use case: the transfer is refused, naming the bureau,
/// and nothing is stored.
#[tokio::test]
async fn art18_a_transfer_of_an_item_with_the_approval_bureau_is_refused_and_not_stored() {
    let (_dir, desk) = desk().await;
    let mut file = guide_file("food-business-licence.json");
    file.item.instant = with_bureau();
    store_published(&desk, &file).await;
    let refused = receive_transfers(
        &desk,
        &Actor::new("窗口"),
        vec![food_transfer("SX2026-001802")],
    )
    .await
    .unwrap_err();
    assert_eq!(refused.code, ErrorCode::CaseItemWithApprovalBureau);
    assert!(refused.message.contains(BUREAU), "{}", refused.message);
    assert!(desk.db().case("SX2026-001802").await.unwrap().is_none());
}

/// Art 28: a classified item's guide and flowchart never go into anything
/// published, alone or as a member of a bundle.
#[test]
fn art28_a_classified_items_guide_and_flowchart_never_appear_in_public_exports() {
    let mut food = guide_file("food-business-licence.json");
    assert!(guide_flowchart(&food).unwrap().contains("<svg"));
    food.item.classified = true;
    let refused = guide_flowchart(&food).unwrap_err();
    assert_eq!(refused.code, ErrorCode::ItemClassifiedNotPublic);
    assert!(
        refused.message.contains("第二十八条"),
        "{}",
        refused.message
    );

    let version =
        |file: &GuideFile| -> GuideVersion { published_history(file).versions()[0].clone() };
    let fire = guide_file("fire-safety-inspection.json");
    let pollutant = guide_file("pollutant-discharge-registration.json");
    let mut guides: HashMap<String, GuideVersion> = [&fire, &pollutant]
        .into_iter()
        .map(|f| (f.item.code.clone(), version(f)))
        .collect();
    guides.insert(food.item.code.clone(), version(&food));
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/bundles/open-restaurant.json"),
    )
    .unwrap();
    let bundle = check_bundle_file(&text, &guides)
        .accepted("open-restaurant.json")
        .unwrap();
    assert!(bundle_summary(&bundle, &guides).longest_chain.is_some());
    let refused = bundle_flowchart_svg(&bundle, &guides).unwrap_err();
    assert_eq!(refused.code, ErrorCode::ItemClassifiedNotPublic);
    assert!(refused.message.contains(&food.item.code));
}

/// Art 28: a classified item's cases and guide are seen only by people
/// holding the clearance for its department; everyone else finds them in
/// no list, and is refused by name when asking for one.
#[tokio::test]
async fn art28_a_classified_items_cases_are_seen_only_with_clearance() {
    let (_dir, desk) = desk().await;
    let market = || Scope::Department(MARKET.into());
    grant(&desk, "安装管理员", Role::DepartmentAdmin, Scope::All).await;
    grant(&desk, "张三", Role::Officer, market()).await;
    grant(&desk, "李四", Role::Officer, market()).await;
    grant(&desk, "李四", Role::ClassifiedClearance, market()).await;
    let mut food = guide_file("food-business-licence.json");
    food.item.classified = true;
    store_published(&desk, &food).await;
    store_published(&desk, &guide_file("fire-safety-inspection.json")).await;

    // Receiving needs the clearance too.
    let denied = receive_transfers(
        &desk,
        &Actor::new("张三"),
        vec![food_transfer("SX2026-002801")],
    )
    .await
    .unwrap_err();
    assert_eq!(denied.code, ErrorCode::AccessNoClearance, "{denied:?}");
    receive_transfers(
        &desk,
        &Actor::new("李四"),
        vec![food_transfer("SX2026-002801")],
    )
    .await
    .unwrap();

    let inbox = |who: &'static str| {
        let desk = &desk;
        async move {
            inbox_page(
                desk,
                &Actor::new(who),
                &InboxQuery {
                    limit: 50,
                    ..InboxQuery::default()
                },
                beijing("2026-03-02 11:00"),
            )
            .await
            .unwrap()
            .rows
            .into_iter()
            .map(|row| row.number)
            .collect::<Vec<_>>()
        }
    };
    assert_eq!(inbox("李四").await, vec!["SX2026-002801".to_owned()]);
    assert!(inbox("张三").await.is_empty());

    let at = beijing("2026-03-02 11:00");
    let denied = case_detail(&desk, &Actor::new("张三"), "SX2026-002801", at)
        .await
        .unwrap_err();
    assert_eq!(denied.code, ErrorCode::AccessNoClearance);
    assert!(denied.message.contains("涉密"), "{}", denied.message);
    let accept = || CaseActRequest {
        number: "SX2026-002801".into(),
        action: DeskAction::Case(Action::Accept),
        expected_version: None,
    };
    let denied = act_on_case(&desk, &Actor::new("张三"), at, accept())
        .await
        .unwrap_err();
    assert_eq!(denied.code, ErrorCode::AccessNoClearance);
    assert!(case_detail(&desk, &Actor::new("李四"), "SX2026-002801", at)
        .await
        .is_ok());
    act_on_case(&desk, &Actor::new("李四"), at, accept())
        .await
        .unwrap();

    // The guide list leaves the classified item out for the uncleared.
    let listed = |who: &'static str| {
        let desk = &desk;
        async move {
            list_guides(desk, &Actor::new(who))
                .await
                .unwrap()
                .into_iter()
                .map(|g| g.code)
                .collect::<Vec<_>>()
        }
    };
    assert!(!listed("张三").await.contains(&food.item.code));
    assert!(listed("李四").await.contains(&food.item.code));
}

#[test]
fn art28_the_clearance_is_held_like_a_role_and_allows_nothing_by_itself() {
    let grants = [Grant::new(
        "王五",
        Role::ClassifiedClearance,
        Scope::Department(MARKET.into()),
    )];
    let target = approval_core::access::Target::Classified(MARKET.into());
    let denied = approval_core::access::authorize(
        &grants,
        "王五",
        approval_core::access::Action::ViewCase,
        &target,
    )
    .unwrap_err();
    assert_eq!(denied.code(), ErrorCode::AccessNoRole);
}
