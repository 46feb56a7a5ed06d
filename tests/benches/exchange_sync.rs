//! The desk's sync with a real hub over HTTP on loopback (SQLite hub, the
//! desk's own SQLite profile), through `approval_api::exchange::sync_once`
//! and the real client (`approval_sync::HubClient`):
//!
//! (a) pulling 10,000 transferred cases (each with one material file,
//!     fetched and checked against its SHA-256) into the local cache, and
//!     acknowledging them;
//! (b) pushing 1,000 results, each with a 100 KB sealed PDF.
//!
//! For (b) the cases are not driven through the engine to a decision (the
//! flowchart's steps are not the subject): each chosen case gets the
//! result record a decision's transition writes (`record_transition`), and
//! its own ~100 KB one-page PDF naming it, sealed (`results::seal_pdf`, a
//! P-256 seal under a throwaway test root) and stored as its result
//! document (`save_result_document`). Sealing and storing are timed apart
//! from the push.
//!
//! `cargo bench -p approval-desk-tests --bench exchange_sync`; knobs:
//! EXCHANGE_CASES (10000), EXCHANGE_RESULTS (1000), EXCHANGE_PDF_KB (100).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use approval_api::exchange::{bind_hub, sync_once, BindRequest, SyncOptions};
use approval_api::guides::{check_guide_file, import_guide, GuideImportRequest};
use approval_api::results::{seal_pdf, TestSeal};
use approval_api::{Actor, Desk};
use approval_core::bundle::Outcome;
use approval_core::case::{Applied, Decision};
use approval_core::china_time::CHINA_STANDARD_TIME;
use approval_esign::KeyKind;
use approval_store::{OutboxKind, OutboxRecord, ResultDocumentFile};
use chrono::{DateTime, FixedOffset, Utc};
use common::{env_number, BenchDb, RunningHub};
use sha2::{Digest, Sha256};

const FOOD: &str = include_str!("../fixtures/guides/food-business-licence.json");
/// The market officer's name as the demo hub's session gives it.
const OFFICER_NAME: &str = "张承办（市场监管）";
const DEPARTMENT: &str = "蓝田县市场监督管理局";

fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&CHINA_STANDARD_TIME)
}

fn never_soon(_attempts: u32) -> Duration {
    Duration::from_secs(60)
}

/// Seals a one-page PDF whose page names case `number` and whose text
/// stream is sized so that the sealed file is about `kb` kilobytes.
struct Sealer {
    seal: TestSeal,
    /// What sealing adds to a PDF (the signature's dictionary, its
    /// reserved CMS, the incremental update).
    overhead: usize,
    kb: usize,
}

impl Sealer {
    fn new(kb: usize) -> Sealer {
        let seal = TestSeal::issue(DEPARTMENT, KeyKind::P256, now()).unwrap();
        let small = approval_esign::testca::one_page_pdf("x");
        let sealed = seal_pdf(&small, seal.signer(), None, "准予行政许可", None, now()).unwrap();
        Sealer {
            overhead: sealed.len().saturating_sub(small.len()) + small.len(),
            seal,
            kb,
        }
    }

    fn seal(&self, number: &str) -> Vec<u8> {
        let line = format!("Decision letter of case {number}: approved under Art 38 of the Administrative Licensing Law. ");
        let wanted = (self.kb * 1024)
            .saturating_sub(self.overhead)
            .max(line.len());
        let text = line.repeat(wanted / line.len() + 1);
        let pdf = approval_esign::testca::one_page_pdf(&text[..wanted]);
        seal_pdf(&pdf, self.seal.signer(), None, "准予行政许可", None, now()).unwrap()
    }
}

async fn bound_desk(dir: &std::path::Path, hub_url: &str) -> Desk {
    let desk = Desk::open(&dir.join("desk.sqlite3")).await.unwrap();
    let file = check_guide_file(FOOD).accepted("guide").unwrap();
    import_guide(
        &desk,
        &Actor::new("editor"),
        now() - chrono::Duration::days(1),
        GuideImportRequest {
            file,
            draft_only: false,
            effective_from: None,
        },
    )
    .await
    .unwrap();
    bind_hub(
        &desk,
        BindRequest {
            url: hub_url.to_owned(),
            account: common::OFFICER.0.to_owned(),
            person: OFFICER_NAME.to_owned(),
            ca_path: None,
        },
        now(),
    )
    .await
    .unwrap();
    desk
}

/// Puts a result record in case `number`'s outbox (what the transition
/// that pushes a decided case's result writes) and stores `pdf` as its
/// sealed result document.
async fn result_waiting(desk: &Desk, number: &str, pdf: &[u8], sha256: &str) {
    let at = now();
    let stored = desk.db().stored_case(number).await.unwrap().unwrap();
    let due = desk.db().case_due(number).await.unwrap().unwrap();
    let decision = Decision {
        outcome: Outcome::Approved,
        opinion: "申请材料齐全，符合法定形式，准予行政许可".to_owned(),
        by: OFFICER_NAME.to_owned(),
        at,
    };
    let payload = serde_json::json!({
        "case": number,
        "window_unit": stored.case.window_unit,
        "decision": decision,
    });
    let applied = Applied {
        case: stored.case,
        events: Vec::new(),
    };
    desk.db()
        .record_transition(
            stored.version,
            &applied,
            due,
            vec![OutboxRecord {
                kind: OutboxKind::Result,
                payload,
                created_at: at,
            }],
            None,
        )
        .await
        .unwrap();
    desk.db()
        .save_result_document(&ResultDocumentFile {
            case_number: number.to_owned(),
            file_name: format!("{number}-决定书.pdf"),
            media_type: "application/pdf".to_owned(),
            sha256: sha256.to_owned(),
            content: pdf.to_vec(),
            verification_code: "BENCH-00000".to_owned(),
            sealed_at: at,
        })
        .await
        .unwrap();
}

fn per_item_ms(took: Duration, count: usize) -> String {
    format!("{:.2}", took.as_secs_f64() * 1000.0 / count.max(1) as f64)
}

fn per_second(took: Duration, count: usize) -> String {
    format!("{:.0}", count as f64 / took.as_secs_f64().max(1e-9))
}

fn main() {
    if !common::run_as_bench("exchange_sync") {
        return;
    }
    let cases: u32 = env_number("EXCHANGE_CASES", 10_000);
    let results: usize = env_number("EXCHANGE_RESULTS", 1_000);
    let pdf_kb: usize = env_number("EXCHANGE_PDF_KB", 100);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut rows: Vec<Vec<String>> = Vec::new();
        let db = BenchDb::sqlite();
        let hub = RunningHub::start(&db.url, true);
        let (numbers, seeding) = common::seed_transferred(&hub, cases).await;
        rows.push(vec![
            "hub: create + transfer (seeding, no HTTP)".into(),
            numbers.len().to_string(),
            format!("{:.1}", seeding.as_secs_f64()),
            per_item_ms(seeding, numbers.len()),
            per_second(seeding, numbers.len()),
            "-".into(),
        ]);

        let dir = tempfile::tempdir().unwrap();
        let desk = bound_desk(dir.path(), &hub.base).await;
        let client = approval_sync::HubClient::new(
            approval_sync::HubConfig::new(hub.base.clone())
                .with_timeouts(Duration::from_secs(5), Duration::from_secs(120)),
        )
        .unwrap();
        client
            .sign_in(common::OFFICER.0, common::OFFICER.1)
            .await
            .unwrap();
        let options = SyncOptions {
            retry_delay: &never_soon,
            progress: None,
        };

        // (a) the pull.
        let started = Instant::now();
        let pulled = sync_once(&desk, &client, now(), &options).await.unwrap();
        let pull = started.elapsed();
        assert_eq!(pulled.cases_stored, numbers.len(), "{pulled:?}");
        rows.push(vec![
            "(a) sync_once: pull, store, acknowledge".into(),
            pulled.cases_stored.to_string(),
            format!("{:.1}", pull.as_secs_f64()),
            per_item_ms(pull, pulled.cases_stored),
            per_second(pull, pulled.cases_stored),
            format!(
                "{} feed pages of 100, 1 file each",
                pulled.pulled.div_ceil(100)
            ),
        ]);
        let started = Instant::now();
        let idle = sync_once(&desk, &client, now(), &options).await.unwrap();
        let idle_took = started.elapsed();
        assert_eq!(idle.pulled, 0);
        rows.push(vec![
            "    sync_once again, nothing new".into(),
            "0".into(),
            format!("{:.3}", idle_took.as_secs_f64()),
            "-".into(),
            "-".into(),
            "-".into(),
        ]);

        // (b) the push: each chosen case decided, its own letter sealed
        // and stored, its result record in the outbox.
        let chosen = &numbers[..results.min(numbers.len())];
        let sealer = Sealer::new(pdf_kb);
        let mut sealing = Duration::ZERO;
        let mut storing = Duration::ZERO;
        let mut pdf_bytes = 0usize;
        for number in chosen {
            let started = Instant::now();
            let pdf = sealer.seal(number);
            sealing += started.elapsed();
            pdf_bytes += pdf.len();
            let sha256: String = Sha256::digest(&pdf)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            let started = Instant::now();
            result_waiting(&desk, number, &pdf, &sha256).await;
            storing += started.elapsed();
        }
        let average_kb = pdf_bytes as f64 / chosen.len().max(1) as f64 / 1024.0;
        rows.push(vec![
            format!("    sealing each case's {average_kb:.0} KB PDF (setup)"),
            chosen.len().to_string(),
            format!("{:.1}", sealing.as_secs_f64()),
            per_item_ms(sealing, chosen.len()),
            per_second(sealing, chosen.len()),
            "seal_pdf, P-256 test seal, invisible".into(),
        ]);
        rows.push(vec![
            "    outbox record + stored document (setup)".into(),
            chosen.len().to_string(),
            format!("{:.1}", storing.as_secs_f64()),
            per_item_ms(storing, chosen.len()),
            per_second(storing, chosen.len()),
            "record_transition, save_result_document".into(),
        ]);
        let started = Instant::now();
        let pushed = sync_once(&desk, &client, now(), &options).await.unwrap();
        let push = started.elapsed();
        assert_eq!(pushed.pushed, chosen.len(), "{pushed:?}");
        let megabytes = pdf_bytes as f64 / 1_000_000.0;
        rows.push(vec![
            "(b) sync_once: push results with sealed PDF".into(),
            pushed.pushed.to_string(),
            format!("{:.1}", push.as_secs_f64()),
            per_item_ms(push, pushed.pushed),
            per_second(push, pushed.pushed),
            format!(
                "{:.1} MB of PDF ({:.1} MB/s), base64 in JSON",
                megabytes,
                megabytes / push.as_secs_f64()
            ),
        ]);

        println!();
        println!(
            "desk sync against a SQLite hub on loopback; {}",
            common::machine()
        );
        common::print_table(
            &["step", "count", "total s", "ms each", "per s", "notes"],
            &rows,
        );
        drop(hub);
        db.remove().await;
    });
}
