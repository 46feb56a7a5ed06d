//! `deskctl bench cases|seed-inbox|inbox|pdf`: how long the store and the
//! engine take over many cases (`approval_api::bench`), a profile filled
//! with realistic cases and its inbox timed, and rendering and sealing many
//! letters (`approval_api::results`). Figures are printed, never asserted.

use std::path::Path;
use std::time::{Duration, Instant};

use approval_api::bench::{bench_cases, bench_inbox, seed_inbox};
use approval_api::results::{self, TestSeal, VisibleSeal, APPROVAL_SEAL_REASON};
use approval_api::results::{sample_documents, ResultDocument};
use approval_api::Actor;

use crate::args::{BenchCommand, Cli, KeyAlgorithm};
use crate::failure::Failure;
use crate::pdf_cmd;

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
        BenchCommand::SeedInbox { cases } => crate::block_on(seed(cli, *cases)),
        BenchCommand::Inbox { depth, runs, user } => {
            let actor = Actor::new(user.clone().unwrap_or_else(crate::identity::login_name));
            crate::block_on(inbox(cli, &actor, *depth, *runs))
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
    let font = results::discover_font(None)?;
    let template = sample_documents::approval_decision();
    let department = template.header.department.clone();
    let test_seal = TestSeal::issue(&department, pdf_cmd::key_kind(algorithm), crate::now())?;
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
    let approval_seal = VisibleSeal::approval_seal(&department, &font)?;
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
        let document = results::render_result(&ResultDocument::Approval(letter), &font)?;
        let t1 = Instant::now();
        let seal = approval_seal.moved_over(&document);
        let signed = results::seal_pdf(
            &document.pdf,
            test_seal.signer(),
            Some(&seal),
            APPROVAL_SEAL_REASON,
            None,
            crate::now(),
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

fn ms(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

/// Ingests `count` cases into the profile at `path`, reads the inbox and
/// runs the sweep, printing how long each took.
async fn cases(path: &Path, count: usize) -> Result<(), Failure> {
    let b = bench_cases(path, count, std::process::id()).await?;
    println!(
        "ingest: {count} cases in {} (binding and deadlines {}, one transaction), {:.0} cases/s",
        ms(b.ingest),
        ms(b.binding),
        count as f64 / b.ingest.as_secs_f64().max(1e-9)
    );
    println!(
        "inbox: one page of {} (state received, by due date) over {count} cases: first after opening {}, median {}",
        b.inbox_rows,
        ms(b.inbox_first),
        ms(b.inbox_median)
    );
    println!(
        "sweep: {} received cases, {} deemed accepted, core sweep {} (loading them from the store {})",
        b.received,
        b.deemed,
        ms(b.sweep),
        ms(b.load)
    );
    Ok(())
}

/// Fills the profile with `count` realistic cases, reporting progress on
/// standard error.
async fn seed(cli: &Cli, count: usize) -> Result<(), Failure> {
    let desk = crate::open_desk(cli).await?;
    let started = Instant::now();
    let progress = |stored: usize| {
        eprintln!(
            "  {stored}/{count} cases stored in {}",
            ms(started.elapsed())
        );
    };
    let seed = seed_inbox(&desk, count, std::process::id(), crate::now(), &progress).await?;
    desk.close().await;
    println!(
        "seeded: {} cases ({} bundle instances) in {} (engine {}), {:.0} cases/s",
        seed.cases,
        seed.bundle_instances,
        ms(seed.total),
        ms(seed.engine),
        seed.cases as f64 / seed.total.as_secs_f64().max(1e-9)
    );
    Ok(())
}

/// Times the profile's inbox as `actor` sees it now.
async fn inbox(cli: &Cli, actor: &Actor, depth: usize, runs: usize) -> Result<(), Failure> {
    let b = bench_inbox(&cli.database()?, actor, crate::now(), depth, runs).await?;
    println!(
        "inbox of {} cases as {}: scrolled {} rows (pages of 200) in {}",
        b.cases,
        actor.name(),
        b.depth,
        ms(b.scroll)
    );
    println!("query\trows\ttotal\tfirst\tmedian of {runs}");
    for f in &b.figures {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            f.label,
            f.rows,
            f.total,
            ms(f.first),
            ms(f.median)
        );
    }
    Ok(())
}
