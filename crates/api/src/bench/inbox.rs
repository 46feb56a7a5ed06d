//! A profile full of realistic cases, and the inbox timed over it.
//!
//! [`seed_inbox`] stores cases the way receipts and the first actions store
//! them: each transfer is received by the engine (`receive`, bound to the
//! guide version in force), most are then accepted or sent a correction
//! notice by the engine (`apply`), and their deadlines are computed on the
//! desk's calendar (`case_due`); the rows and events are those the real
//! path writes, only stored many at a time (the audit entries and outbox
//! notices of those actions are left out: the inbox reads neither). Four
//! items of four departments, one bundle (开办餐馆) every 25 receipts,
//! applicants' names from a pool, receipts spread over the 60 days before
//! `now`, held by one of five officers or the department's pool.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use approval_core::bundle::{BundleDefinition, BundleInstance};
use approval_core::case::{
    apply, case_due, receive, Action, Applicant, Applied, CaseContext, CaseDue, CorrectionItem,
    SubmittedForm, SubmittedMaterial, Transfer,
};
use approval_core::clock::DeadlineOptions;
use approval_core::exchange::{read_guide_file, BundleFile};
use approval_core::guide::{GuideHistory, GuideVersion, ServiceItem};
use chrono::{DateTime, Duration as Span, FixedOffset};

use crate::cases::inbox_page;
use crate::views::inbox::{InboxCursorView, InboxQuery};
use crate::{in_write_unit, refused, Actor, ApiError, Desk};

const GUIDES: [&str; 4] = [
    include_str!("../../../../tests/fixtures/guides/food-business-licence.json"),
    include_str!("../../../../tests/fixtures/guides/fire-safety-inspection.json"),
    include_str!("../../../../tests/fixtures/guides/pollutant-discharge-registration.json"),
    include_str!("../../../../tests/fixtures/guides/construction-works-permit.json"),
];
const BUNDLE: &str = include_str!("../../../../tests/fixtures/bundles/open-restaurant.json");

/// Cases stored per unit of work.
const CHUNK: usize = 5_000;
/// One bundle instance (its three members) every this many receipts.
const BUNDLE_EVERY: usize = 25;

const OFFICERS: [&str; 5] = ["张承办", "李承办", "王承办", "赵承办", "陈承办"];
const PLACES: [&str; 6] = ["蓝田县", "灞桥区", "长安区", "临潼区", "未央区", "雁塔区"];
const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "高", "罗",
];
/// Per item (in the order of [`GUIDES`]): the kinds of applicant.
const TRADES: [&[&str]; 4] = [
    &["餐饮店", "小吃店", "面馆", "火锅店", "烘焙坊"],
    &["商贸有限公司", "酒店", "超市", "影院"],
    &["汽修厂", "洗车行", "印刷厂", "食品厂"],
    &["建设有限公司", "置业有限公司", "建筑工程有限公司"],
];

/// What [`seed_inbox`] stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxSeed {
    pub cases: usize,
    pub bundle_instances: usize,
    /// Receiving, acting and computing deadlines in the engine.
    pub engine: Duration,
    /// Everything, storing included.
    pub total: Duration,
}

/// One guide the seed receives cases for.
struct Seeded {
    history: GuideHistory,
    guide: GuideVersion,
}

/// The item's stored guide history, or the fixture's guide published when
/// the profile has none (in force from a year before `now`).
async fn guide_of(desk: &Desk, json: &str, now: DateTime<FixedOffset>) -> Result<Seeded, ApiError> {
    let file = read_guide_file(json).accepted().map_err(|_| {
        ApiError::internal("基准测试的办事指南无法读取", "a bench guide does not read")
    })?;
    let code = file.item.code.clone();
    let history = in_write_unit!(desk.db(), async |tx| {
        let stored = tx.guide_history(&code).await?;
        if stored.latest_published().is_some() {
            return Ok(stored);
        }
        let item = ServiceItem::new(file.item.clone());
        let mut history = GuideHistory::default();
        history.start_draft(&item)?;
        history.edit_draft(file.item.clone(), file.guide.clone())?;
        let effective = now - Span::days(365);
        history.publish(&item, effective, effective - Span::days(1), "bench")?;
        if tx.item(&code).await?.is_none() {
            tx.save_item(&item).await?;
        }
        tx.save_guide_history(&code, &history).await?;
        Ok(history)
    })
    .await?;
    let guide = history.latest_published().cloned().ok_or_else(|| {
        ApiError::internal("基准测试的办事指南未发布", "a bench guide is not published")
    })?;
    Ok(Seeded { history, guide })
}

fn transfer(
    number: String,
    seeded: &Seeded,
    which: usize,
    n: usize,
    received_at: DateTime<FixedOffset>,
    bundle_instance: Option<String>,
) -> Transfer {
    let place = PLACES[n % PLACES.len()];
    let surname = SURNAMES[(n / PLACES.len()) % SURNAMES.len()];
    let trades = TRADES[which];
    let trade = trades[(n / 7) % trades.len()];
    Transfer {
        case_number: number,
        item_code: seeded.guide.item.code.clone(),
        applicant: Applicant {
            name: format!("{place}{surname}记{trade}"),
            id_type: "统一社会信用代码".to_owned(),
            id_number: format!("91610122{n:010}"),
            phone: String::new(),
        },
        window_unit: "蓝田县政务服务中心".to_owned(),
        received_at,
        materials: seeded
            .guide
            .content
            .materials
            .iter()
            .map(|m| SubmittedMaterial {
                name: m.name.clone(),
                material_id: Some(m.id.clone()),
                form: SubmittedForm::Electronic {
                    file_name: format!("{}.pdf", m.name),
                    sealed: true,
                },
            })
            .collect(),
        bundle_instance,
    }
}

/// Receives `transfer` and, by `n`, leaves it waiting for acceptance,
/// accepts it (held by an officer or in the pool) or sends the one-time
/// correction notice: what the engine would have recorded.
fn received(
    seeded: &Seeded,
    calendar: &approval_core::calendar::WorkingCalendar,
    transfer: Transfer,
    n: usize,
    act: bool,
    now: DateTime<FixedOffset>,
) -> Result<(Applied, CaseDue), ApiError> {
    let number = transfer.case_number.clone();
    let received_at = transfer.received_at;
    let mut applied = receive(transfer, Some(&seeded.history)).map_err(|e| refused(&number, e))?;
    let at = received_at + Span::hours(2);
    let action = match n % 10 {
        4..=8 if act && at < now => Some(Action::Accept),
        9 if act && at < now => {
            seeded
                .guide
                .content
                .materials
                .first()
                .map(|m| Action::RequestCorrection {
                    items: vec![CorrectionItem {
                        material_id: m.id.clone(),
                        problem: "材料未加盖公章".to_owned(),
                        paper: false,
                    }],
                    second_notice_reason: None,
                })
        }
        _ => None,
    };
    if let Some(action) = action {
        let ctx = CaseContext {
            guide: &seeded.guide,
            calendar,
            options: DeadlineOptions::default(),
            bundle: None,
            filings: None,
        };
        // Every officer gets cases of every item (n / 10 runs apart from
        // n % 4, the item, and n % 10, the action).
        let officer = OFFICERS[(n / 10) % OFFICERS.len()];
        let next =
            apply(&applied.case, &ctx, officer, at, action).map_err(|e| refused(&number, e))?;
        applied.case = next.case;
        applied.events.extend(next.events);
        // Four in five accepted cases are held by an officer (as an
        // assignment would leave them; the rest stay in the pool).
        if applied.case.acceptance.is_some() && !n.is_multiple_of(5) {
            applied.case.holder = Some(officer.to_owned());
        }
    }
    let due = case_due(&applied.case, &seeded.guide, calendar, None);
    Ok((applied, due))
}

/// Fills the profile of `desk` with `count` realistic cases (see the
/// module's note), numbered `SX2026-<run>-<n>`, received over the 60 days
/// before `now`; the four fixture guides and the restaurant bundle are
/// stored first where the profile lacks them. `progress` is told the cases
/// stored so far after each unit of work.
pub async fn seed_inbox(
    desk: &Desk,
    count: usize,
    run: u32,
    now: DateTime<FixedOffset>,
    progress: &dyn Fn(usize),
) -> Result<InboxSeed, ApiError> {
    let started = Instant::now();
    let calendar = desk.calendar()?;
    let mut seeded = Vec::with_capacity(GUIDES.len());
    for json in GUIDES {
        seeded.push(guide_of(desk, json, now).await?);
    }
    let bundle: BundleDefinition = serde_json::from_str::<BundleFile>(BUNDLE)
        .map_err(|_| {
            ApiError::internal("基准测试的套餐无法读取", "the bench bundle does not read")
        })?
        .bundle;
    in_write_unit!(desk.db(), async |tx| {
        if tx.bundle(&bundle.code).await?.is_none() {
            tx.save_bundle(&bundle).await?;
        }
        Ok(())
    })
    .await?;
    let span_minutes = 60 * 24 * 60;
    let mut engine = Duration::ZERO;
    let mut stored = 0;
    let mut instances_stored = 0;
    let mut n = 0usize;
    while stored < count {
        let began = Instant::now();
        let mut batch = Vec::with_capacity(CHUNK + 3);
        let mut instances = Vec::new();
        while batch.len() < CHUNK && stored + batch.len() < count {
            // Spread over the window, most recent last, at a prime stride
            // so neighbours differ.
            let minutes = i64::try_from((n * 7919) % span_minutes).unwrap_or(0);
            let received_at = now - Span::minutes(minutes + 1);
            let number = |k: usize| format!("SX2026-{run}-{:07}", n * 3 + k);
            let left = count - stored - batch.len();
            if n.is_multiple_of(BUNDLE_EVERY) && left >= bundle.members.len() {
                // An instance of the bundle: one case per member, each of
                // its item's guide, all waiting for acceptance.
                let id = format!("BI-{run}-{n:07}");
                let mut members = BTreeMap::new();
                for (k, member) in bundle.members.iter().enumerate() {
                    let Some(which) = seeded
                        .iter()
                        .position(|s| s.guide.item.code == member.item_code)
                    else {
                        continue;
                    };
                    let t = transfer(
                        number(k),
                        &seeded[which],
                        which,
                        n + k,
                        received_at,
                        Some(id.clone()),
                    );
                    members.insert(member.item_code.clone(), t.case_number.clone());
                    batch.push(received(&seeded[which], &calendar, t, n + k, false, now)?);
                }
                let instance =
                    BundleInstance::new(id.clone(), bundle.clone(), members).map_err(|e| {
                        ApiError::internal(
                            format!("基准测试的套餐实例{id}无效：{e}"),
                            format!("bench bundle instance {id}: {e}"),
                        )
                    })?;
                instances.push(instance);
            } else {
                let which = n % seeded.len();
                let t = transfer(number(0), &seeded[which], which, n, received_at, None);
                batch.push(received(&seeded[which], &calendar, t, n, true, now)?);
            }
            n += 1;
        }
        engine += began.elapsed();
        let added = batch.len();
        let new_instances = instances.len();
        in_write_unit!(desk.db(), async |tx| {
            Ok(tx.insert_cases(&batch, &instances).await?)
        })
        .await?;
        stored += added;
        instances_stored += new_instances;
        progress(stored);
    }
    Ok(InboxSeed {
        cases: stored,
        bundle_instances: instances_stored,
        engine,
        total: started.elapsed(),
    })
}

/// One timed inbox query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxFigure {
    pub label: &'static str,
    /// The rows on the page and the total the filters let through.
    pub rows: usize,
    pub total: u64,
    /// The first run, then the median of the runs after it.
    pub first: Duration,
    pub median: Duration,
}

/// The inbox over a profile, as the window reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxBench {
    pub cases: u64,
    /// How deep the deep page starts (rows before it).
    pub depth: usize,
    /// Reading every page of 200 from the start down to that depth.
    pub scroll: Duration,
    /// Each page query (with its count), and the count alone.
    pub figures: Vec<InboxFigure>,
}

async fn timed(
    desk: &Desk,
    actor: &Actor,
    label: &'static str,
    query: &InboxQuery,
    now: DateTime<FixedOffset>,
    runs: usize,
) -> Result<InboxFigure, ApiError> {
    let t = Instant::now();
    let page = inbox_page(desk, actor, query, now).await?;
    let first = t.elapsed();
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        inbox_page(desk, actor, query, now).await?;
        times.push(t.elapsed());
    }
    times.sort();
    Ok(InboxFigure {
        label,
        rows: page.rows.len(),
        total: page.total,
        first,
        median: times.get(times.len() / 2).copied().unwrap_or(first),
    })
}

/// Times the inbox of the profile at `database` as `actor` at `now`: the
/// first page of 50 just after opening, a page of 50 after `depth` rows
/// (reached by following the cursor, pages of 200), filtered pages (a
/// state, an officer's own, overdue, a search by a part of an applicant's
/// name), and the count of all cases alone. Each is run `runs` more times
/// after the first; nothing is asserted.
pub async fn bench_inbox(
    database: &Path,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    depth: usize,
    runs: usize,
) -> Result<InboxBench, ApiError> {
    let desk = Desk::open(database).await?;
    let first_page = InboxQuery {
        limit: 50,
        ..InboxQuery::default()
    };
    let mut figures = vec![timed(&desk, actor, "first page", &first_page, now, runs).await?];

    // Scroll down to `depth` as the window would, a page of 200 at a time.
    let t = Instant::now();
    let mut after: Option<InboxCursorView> = None;
    let mut read = 0;
    while read < depth {
        let query = InboxQuery {
            limit: u32::try_from((depth - read).min(200)).unwrap_or(200),
            after: after.clone(),
            ..InboxQuery::default()
        };
        let page = inbox_page(&desk, actor, &query, now).await?;
        read += page.rows.len();
        match page.next {
            Some(next) => after = Some(next),
            None => break,
        }
    }
    let scroll = t.elapsed();
    let deep = InboxQuery {
        after,
        limit: 50,
        ..InboxQuery::default()
    };
    figures.push(timed(&desk, actor, "page after the scroll", &deep, now, runs).await?);
    let filtered = [
        (
            "state in_review",
            InboxQuery {
                state: Some("in_review".to_owned()),
                ..first_page.clone()
            },
        ),
        (
            "assigned to me",
            InboxQuery {
                assigned_to_me: true,
                ..first_page.clone()
            },
        ),
        (
            "overdue",
            InboxQuery {
                overdue: true,
                ..first_page.clone()
            },
        ),
        (
            "search 王记面馆",
            InboxQuery {
                search: Some("王记面馆".to_owned()),
                ..first_page.clone()
            },
        ),
    ];
    for (label, query) in &filtered {
        figures.push(timed(&desk, actor, label, query, now, runs).await?);
    }
    let t = Instant::now();
    let cases = desk.db().inbox_count(&Default::default()).await?;
    let count_first = t.elapsed();
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        desk.db().inbox_count(&Default::default()).await?;
        times.push(t.elapsed());
    }
    times.sort();
    figures.push(InboxFigure {
        label: "count of all (store)",
        rows: 0,
        total: cases,
        first: count_first,
        median: times.get(times.len() / 2).copied().unwrap_or(count_first),
    });
    desk.close().await;
    Ok(InboxBench {
        cases,
        depth: read,
        scroll,
        figures,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::testing::at;

    #[tokio::test]
    async fn the_seed_stores_realistic_cases_and_the_bench_reads_them() {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("seed.sqlite3");
        let desk = Desk::open(&database).await.unwrap();
        let now = at(2026, 6, 1);
        let seen = std::sync::Mutex::new(Vec::new());
        let seed = seed_inbox(&desk, 120, 7, now, &|n| seen.lock().unwrap().push(n))
            .await
            .unwrap();
        assert_eq!(seed.cases, 120);
        assert_eq!(*seen.lock().unwrap(), [120]);
        assert!(seed.bundle_instances >= 1);
        let page = inbox_page(
            &desk,
            &Actor::new("bench"),
            &InboxQuery {
                limit: 200,
                ..InboxQuery::default()
            },
            now,
        )
        .await
        .unwrap();
        assert_eq!(page.total, 120);
        let states: std::collections::BTreeSet<&str> =
            page.rows.iter().map(|r| r.state.as_str()).collect();
        for state in ["received", "in_review", "correction_requested"] {
            assert!(states.contains(state), "{states:?}");
        }
        assert!(page.rows.iter().any(|r| r.bundle.is_some()));
        assert!(page
            .rows
            .iter()
            .any(|r| r.officer.as_deref() == Some(OFFICERS[0])));
        assert!(page.rows.iter().any(|r| r.timeliness == Some("overdue")));
        assert!(page.rows.iter().any(|r| r.timeliness == Some("on_time")));
        // A second seed adds to the profile with its own numbers.
        seed_inbox(&desk, 10, 8, now, &|_| {}).await.unwrap();
        desk.close().await;

        let bench = bench_inbox(&database, &Actor::new("张承办"), now, 60, 2)
            .await
            .unwrap();
        assert_eq!(bench.cases, 130);
        assert_eq!(bench.depth, 60);
        assert_eq!(bench.figures.len(), 7);
        assert_eq!(bench.figures[0].rows, 50);
        assert_eq!(bench.figures[1].rows, 50);
    }
}
