//! How long the store and the engine take over many cases (`deskctl bench
//! cases`), filling a profile with many realistic cases (`deskctl bench
//! seed-inbox`) and how long the inbox takes over them (`deskctl bench
//! inbox`): the figures are measured here, over the profile's own units of
//! work, and printed by the front end; nothing is asserted.

use std::path::Path;
use std::time::{Duration, Instant};

use approval_core::case::{
    case_due, complexity_of, deemed_acceptance_sweep, receive, Applicant, SubmittedForm,
    SubmittedMaterial, Transfer,
};
use approval_core::china_time::CHINA_STANDARD_TIME;
use approval_core::clock::DeadlineOptions;
use approval_core::exchange::read_guide_file;
use approval_core::guide::{GuideHistory, ServiceItem};
use chrono::{DateTime, Duration as Span, FixedOffset, TimeZone};

use crate::cases::inbox_page;
use crate::views::inbox::InboxQuery;
use crate::{in_read_unit, in_write_unit, refused, Actor, ApiError, Desk};

mod inbox;

pub use inbox::{bench_inbox, seed_inbox, InboxBench, InboxFigure, InboxSeed};

/// The food licence guide of the fixtures: the bench's cases are bound to it.
const GUIDE: &str = include_str!("../../../tests/fixtures/guides/food-business-licence.json");

/// How many times the inbox page is read again after the first.
const INBOX_RUNS: usize = 10;

/// The figures of one bench over `count` cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasesBench {
    pub count: usize,
    /// Binding the transfers to their guide and computing their deadlines.
    pub binding: Duration,
    /// Binding and storing them all in one unit of work.
    pub ingest: Duration,
    /// The rows of the first inbox page (state received, by due date).
    pub inbox_rows: usize,
    /// The first page (with the count of all), just after opening the
    /// profile.
    pub inbox_first: Duration,
    /// The median of the page read again.
    pub inbox_median: Duration,
    /// The cases waiting for acceptance, loaded from the store.
    pub received: usize,
    pub load: Duration,
    /// How many of them the core sweep deems accepted, and how long it took
    /// (nothing is written).
    pub deemed: usize,
    pub sweep: Duration,
}

fn instant(y: i32, m: u32, d: u32, h: u32) -> Result<DateTime<FixedOffset>, ApiError> {
    CHINA_STANDARD_TIME
        .with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .ok_or_else(|| ApiError::internal("基准测试的时间无效", "bad bench instant"))
}

/// Publishes the bench's guide into the profile at `database`, ingests
/// `count` transfers of it (numbered `BENCH-<run>-…`, received over 2026 at
/// office hours, so the sweep finds some overdue), reopens the profile,
/// reads the first inbox page and runs the core sweep over the cases
/// waiting for acceptance on 2026-06-01.
pub async fn bench_cases(database: &Path, count: usize, run: u32) -> Result<CasesBench, ApiError> {
    let reading = read_guide_file(GUIDE);
    let file = reading.accepted().map_err(|_| {
        ApiError::internal(
            "基准测试的办事指南无法读取",
            "the bench guide does not read",
        )
    })?;
    let item = ServiceItem::new(file.item.clone());
    let mut history = GuideHistory::default();
    history.start_draft(&item)?;
    history.edit_draft(file.item.clone(), file.guide)?;
    history.publish(
        &item,
        instant(2026, 1, 1, 0)?,
        instant(2025, 12, 20, 9)?,
        "bench",
    )?;
    let code = item.definition.code.clone();
    let Some(guide) = history.latest_published().cloned() else {
        return Err(ApiError::internal(
            "基准测试的办事指南未发布",
            "the bench guide is not published",
        ));
    };
    let desk = Desk::open(database).await?;
    let calendar = desk.calendar()?;
    in_write_unit!(desk.db(), async |tx| {
        tx.save_item(&item).await?;
        tx.save_guide_history(&code, &history).await?;
        Ok(())
    })
    .await?;

    let start = instant(2026, 1, 5, 9)?;
    let transfers: Vec<Transfer> = (0..count)
        .map(|i| {
            let offset = i64::try_from(i % (300 * 8)).unwrap_or(0);
            Transfer {
                case_number: format!("BENCH-{run}-{i:07}"),
                item_code: code.clone(),
                applicant: Applicant {
                    name: format!("申请人{i}"),
                    id_type: "统一社会信用代码".to_owned(),
                    id_number: format!("9161012200{i:08}"),
                    phone: String::new(),
                },
                window_unit: "蓝田县政务服务中心".to_owned(),
                received_at: start + Span::days(offset / 8) + Span::hours(offset % 8),
                materials: vec![SubmittedMaterial {
                    name: "食品经营许可申请书".to_owned(),
                    material_id: Some("M01".to_owned()),
                    form: SubmittedForm::Paper,
                }],
                bundle_instance: None,
            }
        })
        .collect();

    let began = Instant::now();
    let mut batch = Vec::with_capacity(count);
    for transfer in transfers {
        let number = transfer.case_number.clone();
        let applied = receive(transfer, Some(&history)).map_err(|e| refused(&number, e))?;
        let due = case_due(&applied.case, &guide, &calendar, None);
        batch.push((applied, due));
    }
    let binding = began.elapsed();
    in_write_unit!(desk.db(), async |tx| {
        Ok(tx.insert_cases(&batch, &[]).await?)
    })
    .await?;
    let ingest = began.elapsed();
    drop(batch);

    // The inbox as an officer meets it: the app opens the profile and shows
    // the first page. Reopening also leaves the bulk load's own connection
    // state (its freshly written WAL) out of the figure.
    desk.close().await;
    let desk = Desk::open(database).await?;
    let query = InboxQuery {
        state: Some("received".to_owned()),
        limit: 50,
        ..InboxQuery::default()
    };
    let officer = Actor::new("bench");
    let now = instant(2026, 6, 1, 9)?;
    let first = Instant::now();
    let rows = inbox_page(&desk, &officer, &query, now).await?.rows;
    let inbox_first = first.elapsed();
    let mut runs = Vec::with_capacity(INBOX_RUNS);
    for _ in 0..INBOX_RUNS {
        let t = Instant::now();
        inbox_page(&desk, &officer, &query, now).await?;
        runs.push(t.elapsed());
    }
    runs.sort();
    let inbox_median = runs.get(runs.len() / 2).copied().unwrap_or_default();

    let t = Instant::now();
    let received = in_read_unit!(desk.db(), async |tx| { Ok(tx.received_cases().await?) }).await?;
    let load = t.elapsed();
    let t = Instant::now();
    let results = deemed_acceptance_sweep(
        received.iter().map(|stored| &stored.case),
        |_| Some(complexity_of(&guide)),
        &calendar,
        DeadlineOptions::default(),
        now,
    );
    let sweep = t.elapsed();
    desk.close().await;
    Ok(CasesBench {
        count,
        binding,
        ingest,
        inbox_rows: rows.len(),
        inbox_first,
        inbox_median,
        received: received.len(),
        load,
        deemed: results.iter().filter(|r| r.is_ok()).count(),
        sweep,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[tokio::test]
    async fn the_bench_ingests_reads_the_inbox_and_sweeps_its_cases() {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("bench.sqlite3");
        let figures = bench_cases(&database, 60, 7).await.unwrap();
        assert_eq!(figures.count, 60);
        assert_eq!(figures.inbox_rows, 50);
        assert_eq!(figures.received, 60);
        assert!(figures.deemed > 0, "{figures:?}");
        assert!(figures.ingest >= figures.binding);

        // A second run over the same profile: its numbers are new, the
        // guide is stored again as it is.
        let again = bench_cases(&database, 10, 8).await.unwrap();
        assert_eq!(again.received, 70);
    }
}
