//! `deskctl bench cases`: how long the store and the engine take over many
//! cases. Figures are printed, never asserted.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use approval_core::case::{
    deemed_acceptance_sweep, receive, Applicant, SubmittedForm, SubmittedMaterial, Transfer,
};
use approval_core::china_time::CHINA_STANDARD_TIME;
use approval_core::clock::DeadlineOptions;
use approval_core::exchange::read_guide_file;
use approval_core::guide::{GuideHistory, ServiceItem};
use approval_store::{open_profile_calendar, Database, InboxFilter, Page};
use chrono::{DateTime, Duration as Span, FixedOffset, TimeZone};

use crate::args::{BenchCommand, Cli, KeyAlgorithm};
use crate::failure::Failure;
use crate::pdf_cmd;
use approval_store::casework::{complexity, due_of};

/// The food licence guide of the fixtures: the bench's cases are bound to it.
const GUIDE: &str = include_str!("../../../tests/fixtures/guides/food-business-licence.json");

pub fn run(cli: &Cli, command: &BenchCommand) -> Result<(), Failure> {
    match command {
        BenchCommand::Cases { count } => {
            let (path, temporary) = match &cli.db {
                Some(path) => (path.clone(), None),
                None => {
                    let folder =
                        std::env::temp_dir().join(format!("deskctl-bench-{}", std::process::id()));
                    (folder.join("bench.sqlite3"), Some(folder))
                }
            };
            let result = crate::block_on(cases(&path, *count));
            if let Some(folder) = temporary {
                let _ = std::fs::remove_dir_all(folder);
            }
            result
        }
        BenchCommand::Pdf {
            count,
            out,
            algorithm,
        } => letters(*count, out.as_deref(), *algorithm),
    }
}

/// Renders and seals `count` one-page approval decisions, each with its own
/// document and case number, reporting progress on standard error.
fn letters(count: usize, out: Option<&Path>, algorithm: KeyAlgorithm) -> Result<(), Failure> {
    use approval_docs::font::DocumentFont;
    use approval_docs::sample_documents;

    let font = DocumentFont::discover(None).map_err(|e| Failure::Document(e.to_string()))?;
    let template = sample_documents::approval_decision();
    let department = template.header.department.clone();
    let (_ca, signer) = pdf_cmd::test_seal(&department, pdf_cmd::key_kind(algorithm))?;
    if let Some(dir) = out {
        std::fs::create_dir_all(dir).map_err(|source| Failure::WriteOutput {
            path: dir.display().to_string(),
            source,
        })?;
    }
    eprintln!(
        "bench pdf: {count} letters, font {} (face {}), {algorithm:?} seal",
        font.name(),
        font.face_index()
    );
    let approval_seal = pdf_cmd::VisibleSeal::approval_seal(&department, &font)?;
    let step = (count / 20).max(1);
    let mut render_times = Vec::with_capacity(count);
    let mut sign_times = Vec::with_capacity(count);
    let mut bytes = 0usize;
    let started = Instant::now();
    for n in 1..=count {
        let mut letter = template.clone();
        letter.header.document_number = format!("蓝市监食许〔2026〕{n}号");
        letter.header.case_number = format!("SX2026-{n:06}");
        let t0 = Instant::now();
        let document = letter
            .render(&font)
            .map_err(|e| Failure::Document(e.to_string()))?;
        let t1 = Instant::now();
        let seal = approval_seal.moved_over(&document);
        let signed = pdf_cmd::seal_pdf(
            &document.pdf,
            &signer,
            Some(&seal),
            "准予行政许可决定书电子签章",
            None,
            CHINA_STANDARD_TIME.from_utc_datetime(&chrono::Utc::now().naive_utc()),
        )?;
        let t2 = Instant::now();
        render_times.push(t1 - t0);
        sign_times.push(t2 - t1);
        bytes += signed.len();
        if let Some(dir) = out {
            let path = dir.join(format!("decision-{n:06}.pdf"));
            std::fs::write(&path, &signed).map_err(|source| Failure::WriteOutput {
                path: path.display().to_string(),
                source,
            })?;
        }
        if n % step == 0 || n == count {
            eprintln!(
                "  {n}/{count} ({:.0}%) in {}",
                n as f64 * 100.0 / count as f64,
                ms(started.elapsed())
            );
        }
    }
    let total = started.elapsed();
    let per_letter: Vec<Duration> = render_times
        .iter()
        .zip(&sign_times)
        .map(|(r, s)| *r + *s)
        .collect();
    println!("letters\t{count}");
    println!("total\t{}", ms(total));
    println!("render median\t{}", ms(percentile(&render_times, 50)));
    println!("sign median\t{}", ms(percentile(&sign_times, 50)));
    println!("render+sign median\t{}", ms(percentile(&per_letter, 50)));
    println!("render+sign p95\t{}", ms(percentile(&per_letter, 95)));
    println!("mean size\t{} bytes", bytes / count.max(1));
    Ok(())
}

/// The `p`th percentile of `times` (nearest rank).
fn percentile(times: &[Duration], p: usize) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (p * sorted.len()).div_ceil(100).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn instant(y: i32, m: u32, d: u32, h: u32) -> Result<DateTime<FixedOffset>, Failure> {
    CHINA_STANDARD_TIME
        .with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .ok_or_else(|| Failure::Usage("bad bench instant".to_owned()))
}

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

async fn cases(path: &Path, count: usize) -> Result<(), Failure> {
    let reading = read_guide_file(GUIDE);
    let file = reading
        .accepted()
        .map_err(|_| Failure::Usage("the bench guide does not read".to_owned()))?;
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
    let calendar = open_profile_calendar(&PathBuf::from(path))?;
    let db = Database::open(path).await?;
    db.save_item(&item).await?;
    db.save_guide_history(&code, &history).await?;
    let Some(guide) = history.latest_published().cloned() else {
        return Err(Failure::Usage(
            "the bench guide is not published".to_owned(),
        ));
    };

    // Received over 2026 at office hours, so the sweep finds some overdue.
    let start = instant(2026, 1, 5, 9)?;
    let run = std::process::id();
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
        let applied = receive(transfer, Some(&history))
            .map_err(|source| Failure::CaseRefused { number, source })?;
        let due = due_of(&applied.case, &guide, &calendar);
        batch.push((applied, due));
    }
    let bound = began.elapsed();
    db.insert_cases(&batch, &[]).await?;
    let ingest = began.elapsed();
    drop(batch);
    println!(
        "ingest: {count} cases in {} (binding and deadlines {}, one transaction), {:.0} cases/s",
        ms(ingest),
        ms(bound),
        count as f64 / ingest.as_secs_f64().max(1e-9)
    );

    // The inbox as an officer meets it: the app opens the profile and shows
    // the first page. Reopening also leaves the bulk load's own connection
    // state (its freshly written WAL) out of the figure.
    db.close().await;
    let db = Database::open(path).await?;
    let filter = InboxFilter {
        state: Some("received".to_owned()),
        ..InboxFilter::default()
    };
    let page = Page {
        limit: 50,
        offset: 0,
    };
    let first = Instant::now();
    let rows = db.inbox(&filter, page).await?;
    let first = first.elapsed();
    let mut runs = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        db.inbox(&filter, page).await?;
        runs.push(t.elapsed());
    }
    runs.sort();
    println!(
        "inbox: one page of {} (state received, by due date) over {count} cases: first after opening {}, median {}",
        rows.len(),
        ms(first),
        ms(runs[runs.len() / 2])
    );

    let t = Instant::now();
    let received = db.received_cases().await?;
    let load = t.elapsed();
    let now = instant(2026, 6, 1, 9)?;
    let t = Instant::now();
    let results = deemed_acceptance_sweep(
        &received,
        |_| Some(complexity(&guide)),
        &calendar,
        DeadlineOptions::default(),
        now,
    );
    let sweep = t.elapsed();
    let deemed = results.iter().filter(|r| r.is_ok()).count();
    println!(
        "sweep: {} received cases, {deemed} deemed accepted, core sweep {} (loading them from the store {})",
        received.len(),
        ms(sweep),
        ms(load)
    );
    db.close().await;
    Ok(())
}
