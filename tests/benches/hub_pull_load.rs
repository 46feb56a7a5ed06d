//! Requests per second of the hub's pull endpoint (`GET /v1/feed?since=…
//! &limit=100`) under a loopback load: N concurrent clients, each with its
//! own session and connection pool, each asking for one full page after a
//! random cursor of one department's feed, one request after the other,
//! for a fixed time after a warm-up.
//!
//! Four configurations: SQLite with one hub; SQLite with two hubs on the
//! same file; PostgreSQL with one hub; PostgreSQL with two hubs on one
//! database (the load-balanced deployment). With two hubs each client
//! alternates between them, request by request.
//!
//! `cargo bench -p approval-desk-tests --bench hub_pull_load`; knobs:
//! BENCH_CASES (3000), BENCH_CLIENTS (16), BENCH_SECONDS (10),
//! BENCH_WARMUP_SECONDS (2); PostgreSQL from HUB_TEST_POSTGRES_URL or
//! DATABASE_URL (`scripts/postgres.sh`), skipped with a notice when unset.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::{Duration, Instant};

use approval_contract::feed::FeedPage;
use approval_contract::paths;
use common::{env_number, BenchDb, Latencies, RunningHub};

const PAGE: usize = 100;

struct Settings {
    cases: u32,
    clients: usize,
    duration: Duration,
    warmup: Duration,
}

struct Figures {
    config: String,
    hubs: usize,
    requests: usize,
    errors: usize,
    entries: usize,
    bytes: u64,
    seconds: f64,
    latencies: Latencies,
}

/// Every feed entry's sequence number, by paging through the whole feed
/// once (which also shows the seeding is all there).
async fn feed_seqs(client: &reqwest::Client, base: &str, token: &str) -> Vec<i64> {
    let mut seqs = Vec::new();
    let mut since = 0;
    loop {
        let page: FeedPage = client
            .get(format!("{base}{}", paths::FEED))
            .query(&[("since", since.to_string()), ("limit", "1000".to_owned())])
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
            .error_for_status()
            .unwrap()
            .json()
            .await
            .unwrap();
        seqs.extend(page.entries.iter().map(|e| e.seq));
        match page.entries.last() {
            Some(last) if page.more => since = last.seq,
            _ => break,
        }
    }
    seqs
}

/// A small deterministic generator (xorshift64*): the cursors differ
/// between clients and runs compare.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

struct ClientRun {
    latencies: Vec<u64>,
    errors: usize,
    entries: usize,
    bytes: u64,
}

async fn one_client(
    index: usize,
    bases: Vec<String>,
    token: String,
    cursors: std::sync::Arc<Vec<i64>>,
    measure_from: Instant,
    end: Instant,
) -> ClientRun {
    let client = reqwest::Client::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (index as u64 + 1));
    let mut run = ClientRun {
        latencies: Vec::new(),
        errors: 0,
        entries: 0,
        bytes: 0,
    };
    let mut n = index;
    while Instant::now() < end {
        let base = &bases[n % bases.len()];
        n += 1;
        let since = cursors[(rng.next() % cursors.len() as u64) as usize];
        let sent = Instant::now();
        let answer = client
            .get(format!("{base}{}?since={since}&limit={PAGE}", paths::FEED))
            .bearer_auth(&token)
            .send()
            .await;
        let ok = match answer {
            Ok(answer) if answer.status().is_success() => match answer.bytes().await {
                Ok(bytes) => {
                    if sent >= measure_from {
                        run.bytes += bytes.len() as u64;
                        // Counting entries without parsing the page: each
                        // entry has exactly one "seq" key.
                        run.entries += count(&bytes, b"\"seq\":");
                    }
                    true
                }
                Err(_) => false,
            },
            _ => false,
        };
        if sent >= measure_from {
            if ok {
                run.latencies.push(sent.elapsed().as_micros() as u64);
            } else {
                run.errors += 1;
            }
        }
    }
    run
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// Loads `hubs` (all on one database, seeded) and measures.
async fn load(config: &str, hubs: &[&RunningHub], settings: &Settings) -> Figures {
    let bases: Vec<String> = hubs.iter().map(|h| h.base.clone()).collect();
    let setup = reqwest::Client::new();
    let (account, password) = common::OFFICER;
    let mut tokens = Vec::new();
    for _ in 0..settings.clients {
        tokens.push(common::sign_in(&setup, &bases[0], account, password).await);
    }
    let seqs = feed_seqs(&setup, &bases[0], &tokens[0]).await;
    assert!(
        seqs.len() >= settings.cases as usize,
        "the feed holds {} entries, {} were seeded",
        seqs.len(),
        settings.cases
    );
    // Cursors after which a full page follows: 0 and every seq but the
    // last PAGE ones.
    let mut cursors = vec![0];
    cursors.extend(seqs[..seqs.len() - PAGE].iter().copied());
    let cursors = std::sync::Arc::new(cursors);
    let start = Instant::now();
    let measure_from = start + settings.warmup;
    let end = measure_from + settings.duration;
    let mut tasks = tokio::task::JoinSet::new();
    for (index, token) in tokens.into_iter().enumerate() {
        tasks.spawn(one_client(
            index,
            bases.clone(),
            token,
            cursors.clone(),
            measure_from,
            end,
        ));
    }
    let mut latencies = Vec::new();
    let (mut errors, mut entries, mut bytes) = (0, 0, 0);
    while let Some(run) = tasks.join_next().await {
        let run = run.unwrap();
        latencies.extend(run.latencies);
        errors += run.errors;
        entries += run.entries;
        bytes += run.bytes;
    }
    let latencies = Latencies::new(latencies);
    Figures {
        config: config.to_owned(),
        hubs: hubs.len(),
        requests: latencies.len(),
        errors,
        entries,
        bytes,
        seconds: settings.duration.as_secs_f64(),
        latencies,
    }
}

/// One database: one hub, then a second hub on the same database beside it.
async fn both_ways(db: &BenchDb, settings: &Settings, figures: &mut Vec<Figures>) {
    let first = RunningHub::start(&db.url, true);
    let (numbers, took) = common::seed_transferred(&first, settings.cases).await;
    println!(
        "{}: seeded {} transferred cases for one department in {:.1} s ({:.2} ms per case: create + transfer)",
        db.label,
        numbers.len(),
        took.as_secs_f64(),
        took.as_secs_f64() * 1000.0 / numbers.len().max(1) as f64
    );
    figures.push(load(&format!("{} · 1 hub", db.label), &[&first], settings).await);
    let second = RunningHub::start(&db.url, false);
    figures.push(
        load(
            &format!("{} · 2 hubs, one database", db.label),
            &[&first, &second],
            settings,
        )
        .await,
    );
}

fn main() {
    if !common::run_as_bench("hub_pull_load") {
        return;
    }
    let settings = Settings {
        cases: env_number("BENCH_CASES", 3000),
        clients: env_number("BENCH_CLIENTS", 16),
        duration: Duration::from_secs(env_number("BENCH_SECONDS", 10)),
        warmup: Duration::from_secs(env_number("BENCH_WARMUP_SECONDS", 2)),
    };
    // The load generator's own runtime; each hub has another.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut figures = Vec::new();
        let sqlite = BenchDb::sqlite();
        both_ways(&sqlite, &settings, &mut figures).await;
        sqlite.remove().await;
        match common::postgres_url() {
            Some(base) => {
                let postgres = BenchDb::postgres(&base).await;
                both_ways(&postgres, &settings, &mut figures).await;
                postgres.remove().await;
            }
            None => println!(
                "PostgreSQL skipped: set HUB_TEST_POSTGRES_URL or DATABASE_URL (bash scripts/postgres.sh | tail -n 1)"
            ),
        }
        println!();
        println!(
            "GET /v1/feed?since=<random>&limit={PAGE}, {} clients, {} s after a {} s warm-up, {} cases in the feed; {}",
            settings.clients,
            settings.duration.as_secs(),
            settings.warmup.as_secs(),
            settings.cases,
            common::machine()
        );
        let rows: Vec<Vec<String>> = figures
            .iter()
            .map(|f| {
                vec![
                    f.config.clone(),
                    f.requests.to_string(),
                    f.errors.to_string(),
                    format!("{:.0}", f.requests as f64 / f.seconds),
                    format!("{:.0}", f.entries as f64 / f.seconds),
                    format!("{:.1}", f.bytes as f64 / f.seconds / 1_000_000.0),
                    format!("{:.1}", f.latencies.percentile_ms(50.0)),
                    format!("{:.1}", f.latencies.percentile_ms(99.0)),
                    format!("{:.1}", f.latencies.max_ms()),
                    f.hubs.to_string(),
                ]
            })
            .collect();
        common::print_table(
            &[
                "configuration",
                "requests",
                "errors",
                "requests/s",
                "entries/s",
                "MB/s",
                "p50 ms",
                "p99 ms",
                "max ms",
                "hubs",
            ],
            &rows,
        );
    });
}
