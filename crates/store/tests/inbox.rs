//! The inbox's keyset pages: each filter, the order (due ascending, cases
//! without a deadline last, then number), pages that concatenate to the
//! whole list with no gap or duplicate (also while cases arrive between
//! pages), the visibility filter keeping pages full, and the count.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use approval_core::bundle::BundleInstance;
use approval_core::case::{receive, Applicant, Applied, CaseState, SubmittedForm, Transfer};
use approval_core::guide::GuideHistory;
use approval_store::{
    CaseDue, Database, InboxCursor, InboxFilter, InboxRow, InboxVisibility, StoreTx,
};
use chrono::{DateTime, Duration, FixedOffset};
use common::{at, bundle, content, definition, item, ITEM};
use proptest::prelude::*;

type TestResult = Result<(), Box<dyn std::error::Error>>;
type Fallible<T> = Result<T, Box<dyn std::error::Error>>;

const OTHER_ITEM: &str = "610100-XF-0002";

fn history() -> Fallible<GuideHistory> {
    let item = item();
    let mut history = GuideHistory::default();
    history.start_draft(&item)?;
    history.edit_draft(definition(), content())?;
    history.publish(
        &item,
        at("2026-01-01T00:00:00+08:00"),
        at("2025-12-20T10:30:00+08:00"),
        "张科长",
    )?;
    Ok(history)
}

/// What a test case varies.
#[derive(Clone)]
struct Spec {
    number: String,
    item: &'static str,
    applicant: String,
    officer: Option<&'static str>,
    /// `None`: the case waits for corrections (no deadline runs).
    due: Option<DateTime<FixedOffset>>,
    bundle_instance: Option<&'static str>,
}

impl Spec {
    fn new(number: &str, due: Option<&str>) -> Self {
        Self {
            number: number.to_owned(),
            item: ITEM,
            applicant: format!("申请人{number}"),
            officer: None,
            due: due.map(at),
            bundle_instance: None,
        }
    }
}

fn applied(history: &GuideHistory, spec: &Spec) -> Fallible<(Applied, CaseDue)> {
    let transfer = Transfer {
        case_number: spec.number.clone(),
        item_code: ITEM.into(),
        applicant: Applicant {
            name: spec.applicant.clone(),
            id_type: "统一社会信用代码".into(),
            id_number: "92610122MA6TXXXX1A".into(),
            phone: String::new(),
        },
        window_unit: "蓝田县政务服务中心".into(),
        received_at: at("2026-03-02T10:00:00+08:00"),
        materials: vec![approval_core::case::SubmittedMaterial {
            name: "食品经营许可申请书".into(),
            material_id: Some("M01".into()),
            form: SubmittedForm::Paper,
        }],
        bundle_instance: None,
    };
    let mut applied = receive(transfer, Some(history))?;
    // The store takes the case as given: another item, a holder, a bundle
    // instance and a state without a deadline are set by hand.
    applied.case.item_code = spec.item.to_owned();
    applied.case.holder = spec.officer.map(str::to_owned);
    applied.case.bundle_instance = spec.bundle_instance.map(str::to_owned);
    if spec.due.is_none() {
        applied.case.state = CaseState::CorrectionRequested;
    }
    let due = CaseDue {
        acceptance_due: spec.due,
        processing_due: None,
    };
    Ok((applied, due))
}

async fn store(db: &Database, history: &GuideHistory, specs: &[Spec]) -> TestResult {
    let batch = specs
        .iter()
        .map(|spec| applied(history, spec))
        .collect::<Fallible<Vec<_>>>()?;
    db.insert_cases(&batch, &[]).await?;
    Ok(())
}

fn numbers(rows: &[InboxRow]) -> Vec<String> {
    rows.iter().map(|r| r.number.clone()).collect()
}

/// Every page of `limit` rows, following the cursor to the end.
async fn all_pages(
    db: &Database,
    filter: &InboxFilter,
    limit: u32,
) -> Fallible<Vec<Vec<InboxRow>>> {
    let mut pages = Vec::new();
    let mut after: Option<InboxCursor> = None;
    loop {
        let page = db.inbox(filter, after.as_ref(), limit).await?;
        let full = page.len() == limit as usize;
        after = page.last().map(InboxRow::cursor);
        if !page.is_empty() {
            pages.push(page);
        }
        if !full {
            return Ok(pages);
        }
    }
}

/// The inbox's order, computed here: due ascending, none last, then number.
fn sorted(specs: &[Spec]) -> Vec<String> {
    let mut keyed: Vec<_> = specs
        .iter()
        .map(|s| (s.due.is_none(), s.due, s.number.clone()))
        .collect();
    keyed.sort();
    keyed.into_iter().map(|(_, _, n)| n).collect()
}

fn day(d: u32) -> String {
    format!("2026-03-{d:02}T00:00:00+08:00")
}

#[tokio::test]
async fn pages_follow_the_order_and_concatenate_to_the_whole_list() -> TestResult {
    let db = Database::open_in_memory().await?;
    let history = history()?;
    // 57 cases over four due days (many ties), every seventh without one,
    // numbered against their due order.
    let specs: Vec<Spec> = (0..57u32)
        .map(|i| {
            let due = (i % 7 != 0).then(|| day(20 - i % 4));
            Spec::new(&format!("SX-{:03}", 100 - i), due.as_deref())
        })
        .collect();
    store(&db, &history, &specs).await?;
    let expected = sorted(&specs);
    let whole = db.inbox(&InboxFilter::default(), None, 200).await?;
    assert_eq!(numbers(&whole), expected);
    assert!(whole.iter().rev().take(9).all(|r| r.due.is_none()));
    for limit in [1, 10, 56, 57, 58] {
        let pages = all_pages(&db, &InboxFilter::default(), limit).await?;
        let concatenated: Vec<String> = pages.iter().flat_map(|p| numbers(p)).collect();
        assert_eq!(concatenated, expected, "pages of {limit}");
    }
    assert_eq!(db.inbox_count(&InboxFilter::default()).await?, 57);
    Ok(())
}

#[tokio::test]
async fn cases_arriving_between_pages_leave_no_gap_nor_duplicate() -> TestResult {
    let db = Database::open_in_memory().await?;
    let history = history()?;
    let specs: Vec<Spec> = (0..30u32)
        .map(|i| Spec::new(&format!("SX-{i:03}"), Some(&day(1 + i % 10))))
        .collect();
    store(&db, &history, &specs).await?;
    let filter = InboxFilter::default();
    let mut seen: Vec<String> = Vec::new();
    let mut after: Option<InboxCursor> = None;
    let mut arrivals = Vec::new();
    for round in 0.. {
        let page = db.inbox(&filter, after.as_ref(), 7).await?;
        seen.extend(numbers(&page));
        let Some(last) = page.last() else { break };
        after = Some(last.cursor());
        // A case due before the cursor (not shown: the officer has passed
        // it), one due on the cursor's own day after it, one far later.
        let new = [
            Spec::new(&format!("NEW-{round}-A"), Some(&day(1))),
            Spec::new(&format!("SX-{round}ZZ"), Some(&day(1 + round % 10))),
            Spec::new(&format!("NEW-{round}-C"), Some(&day(28))),
        ];
        store(&db, &history, &new).await?;
        arrivals.extend(new);
        if page.len() < 7 {
            break;
        }
    }
    let distinct: BTreeSet<&String> = seen.iter().collect();
    assert_eq!(distinct.len(), seen.len(), "no duplicate: {seen:?}");
    for spec in &specs {
        assert!(seen.contains(&spec.number), "{} was skipped", spec.number);
    }
    // What arrived after the cursor was met in its place, in order.
    let late: Vec<&String> = seen.iter().filter(|n| n.starts_with("NEW-")).collect();
    assert!(late.iter().all(|n| n.ends_with("-C")), "{late:?}");
    let mut ordered = seen.clone();
    let all: Vec<Spec> = specs.iter().chain(&arrivals).cloned().collect();
    let order = sorted(&all);
    ordered.sort_by_key(|n| order.iter().position(|o| o == n));
    assert_eq!(seen, ordered);
    Ok(())
}

#[tokio::test]
async fn each_filter_and_its_count() -> TestResult {
    let db = Database::open_in_memory().await?;
    let history = history()?;
    let instance = BundleInstance::new(
        "BI-1",
        bundle(),
        BTreeMap::from([
            ("610100-DJ-0001".to_owned(), "DJ-1".to_owned()),
            (ITEM.to_owned(), "SX-2".to_owned()),
            (OTHER_ITEM.to_owned(), "XF-1".to_owned()),
        ]),
    )?;
    let mut specs = [
        Spec::new("SX-1", Some(&day(3))),
        Spec::new("SX-2", Some(&day(5))),
        Spec::new("SX-3", None),
        Spec::new("XF-1", Some(&day(4))),
    ];
    specs[0].applicant = "蓝田县味道餐饮店".into();
    specs[1].officer = Some("王科员");
    specs[1].bundle_instance = Some("BI-1");
    specs[3].item = OTHER_ITEM;
    specs[3].bundle_instance = Some("BI-1");
    let batch = specs
        .iter()
        .map(|spec| applied(&history, spec))
        .collect::<Fallible<Vec<_>>>()?;
    db.insert_cases(&batch, &[instance]).await?;

    let check = |filter: InboxFilter, expected: &'static [&'static str]| {
        let db = &db;
        async move {
            let rows = db.inbox(&filter, None, 50).await?;
            assert_eq!(numbers(&rows), expected, "{filter:?}");
            assert_eq!(db.inbox_count(&filter).await?, expected.len() as u64);
            Ok::<_, Box<dyn std::error::Error>>(rows)
        }
    };
    let all = check(InboxFilter::default(), &["SX-1", "XF-1", "SX-2", "SX-3"]).await?;
    assert_eq!(all[0].applicant, "蓝田县味道餐饮店");
    assert_eq!(all[0].item_name.as_deref(), None, "no item stored yet");
    assert_eq!(all[2].bundle_code.as_deref(), Some("TC-0001"));
    assert_eq!(all[2].officer.as_deref(), Some("王科员"));
    assert_eq!(all[3].due, None);
    assert_eq!(all[3].state, "correction_requested");
    assert_eq!(all[0].received_at, at("2026-03-02T10:00:00+08:00"));
    let filter = |f: fn(&mut InboxFilter)| {
        let mut filter = InboxFilter::default();
        f(&mut filter);
        filter
    };
    check(
        filter(|f| f.state = Some("correction_requested".into())),
        &["SX-3"],
    )
    .await?;
    check(filter(|f| f.item_code = Some(OTHER_ITEM.into())), &["XF-1"]).await?;
    check(filter(|f| f.officer = Some("王科员".into())), &["SX-2"]).await?;
    check(
        filter(|f| f.due_before = Some(at(&day(5)))),
        &["SX-1", "XF-1"],
    )
    .await?;
    check(
        filter(|f| f.bundle_code = Some("TC-0001".into())),
        &["XF-1", "SX-2"],
    )
    .await?;
    check(
        filter(|f| f.search = Some("SX-".into())),
        &["SX-1", "SX-2", "SX-3"],
    )
    .await?;
    check(filter(|f| f.search = Some(" 味道 ".into())), &["SX-1"]).await?;
    check(filter(|f| f.search = Some("Q-9".into())), &[]).await?;
    check(
        filter(|f| f.search = Some("  ".into())),
        &["SX-1", "XF-1", "SX-2", "SX-3"],
    )
    .await?;
    check(
        filter(|f| f.visibility = InboxVisibility::Only(vec![OTHER_ITEM.into()])),
        &["XF-1"],
    )
    .await?;
    check(
        filter(|f| f.visibility = InboxVisibility::AllBut(vec![OTHER_ITEM.into()])),
        &["SX-1", "SX-2", "SX-3"],
    )
    .await?;
    check(
        filter(|f| f.visibility = InboxVisibility::Only(vec![])),
        &[],
    )
    .await?;
    // Filters combine.
    check(
        filter(|f| {
            f.bundle_code = Some("TC-0001".into());
            f.visibility = InboxVisibility::AllBut(vec![OTHER_ITEM.into()]);
        }),
        &["SX-2"],
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn hidden_items_leave_every_page_full() -> TestResult {
    let db = Database::open_in_memory().await?;
    let history = history()?;
    // Two visible cases in every five, interleaved in due order.
    let specs: Vec<Spec> = (0..100u32)
        .map(|i| {
            let mut spec = Spec::new(&format!("SX-{i:03}"), Some(&day(1 + i % 27)));
            if i % 5 >= 2 {
                spec.item = OTHER_ITEM;
            }
            spec
        })
        .collect();
    store(&db, &history, &specs).await?;
    let filter = InboxFilter {
        visibility: InboxVisibility::AllBut(vec![OTHER_ITEM.into()]),
        ..InboxFilter::default()
    };
    let pages = all_pages(&db, &filter, 10).await?;
    assert_eq!(
        pages.iter().map(Vec::len).collect::<Vec<_>>(),
        [10, 10, 10, 10]
    );
    assert!(pages.iter().flatten().all(|r| r.item_code == ITEM));
    assert_eq!(db.inbox_count(&filter).await?, 40);
    Ok(())
}

#[tokio::test]
async fn a_transition_keeps_the_inbox_columns_and_moves_the_case() -> TestResult {
    let db = Database::open_in_memory().await?;
    let history = history()?;
    let specs = [
        Spec::new("SX-1", Some(&day(3))),
        Spec::new("SX-2", Some(&day(4))),
    ];
    store(&db, &history, &specs).await?;
    let stored = db.stored_case("SX-1").await?.ok_or("SX-1 is not stored")?;
    let mut case = stored.case.clone();
    case.state = CaseState::InReview;
    case.holder = Some("王科员".into());
    let applied = Applied {
        case,
        events: vec![],
    };
    let due = CaseDue {
        acceptance_due: None,
        processing_due: Some(at(&day(20))),
    };
    db.record_transition(stored.version, &applied, due, vec![], None)
        .await?;
    let rows = db.inbox(&InboxFilter::default(), None, 10).await?;
    assert_eq!(numbers(&rows), ["SX-2", "SX-1"]);
    assert_eq!(rows[1].applicant, "申请人SX-1");
    assert_eq!(rows[1].state, "in_review");
    assert_eq!(rows[1].officer.as_deref(), Some("王科员"));
    assert_eq!(rows[1].due, Some(at(&day(20))));
    // A cursor named by its case: the page after SX-2.
    let cursor = db.inbox_cursor_of("SX-2").await?;
    let after = db
        .inbox(&InboxFilter::default(), cursor.as_ref(), 10)
        .await?;
    assert_eq!(numbers(&after), ["SX-1"]);
    assert_eq!(db.inbox_cursor_of("SX-9").await?, None);
    Ok(())
}

/// The stored case's item is shown with its name once the item is stored.
#[tokio::test]
async fn rows_name_their_item() -> TestResult {
    let db = Database::open_in_memory().await?;
    let history = history()?;
    db.save_item(&item()).await?;
    store(&db, &history, &[Spec::new("SX-1", Some(&day(3)))]).await?;
    let rows = db.inbox(&InboxFilter::default(), None, 10).await?;
    assert_eq!(rows[0].item_name.as_deref(), Some("食品经营许可"));
    Ok(())
}

async fn pages_in_one_unit(tx: &mut StoreTx, limit: u32) -> Fallible<Vec<String>> {
    let mut seen = Vec::new();
    let mut after: Option<InboxCursor> = None;
    loop {
        let page = tx
            .inbox(&InboxFilter::default(), after.as_ref(), limit)
            .await?;
        seen.extend(numbers(&page));
        match page.last() {
            Some(last) if page.len() == limit as usize => after = Some(last.cursor()),
            _ => return Ok(seen),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any dues (ties, none), any numbers, any page size: the pages are
    /// the whole list in the inbox's order.
    #[test]
    fn keyset_pages_are_the_sorted_list(
        cases in prop::collection::btree_map("[A-Z]{1,2}-[0-9]{1,3}", prop::option::of(0i64..6 * 24 * 60), 0..40),
        limit in 1u32..12,
    ) {
        let specs: Vec<Spec> = cases
            .iter()
            .map(|(number, minutes)| {
                let mut spec = Spec::new(number, None);
                spec.due = minutes.map(|m| at("2026-03-02T00:00:00+08:00") + Duration::minutes(m));
                spec
            })
            .collect();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        let seen = runtime.block_on(async {
            let db = Database::open_in_memory().await?;
            store(&db, &history()?, &specs).await?;
            let mut tx = db.read().await?;
            pages_in_one_unit(&mut tx, limit).await
        });
        let seen = seen.map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(seen, sorted(&specs));
    }
}
