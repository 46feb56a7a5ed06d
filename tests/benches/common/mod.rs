//! What the benchmarks share: a real hub on a loopback port (on a runtime
//! of its own, as a separate process would have), its database (a fresh
//! SQLite file or a fresh PostgreSQL schema), transferred cases seeded
//! through the hub's own handlers, and figures printed as a table.
//!
//! Benchmarks measure; they never assert anything about time.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use approval_contract::cases::{
    Applicant, FileUpload, MaterialUpload, NewCase, Receipt, TransferRequest,
};
use approval_contract::codes::{ApplicantKind, CaseKind, CertificateType};
use approval_core::access::Grant;
use approval_core::china_time::CHINA_STANDARD_TIME;
use approval_core::ids::samples;
use approval_hub::auth::Caller;
use approval_hub::extract::{Body, IdemKey, PathParam};
use approval_hub::{cases, demo, Hub, HubConfig};
use axum::extract::State;
use base64::Engine as _;
use chrono::{DateTime, FixedOffset, Utc};
use sha2::{Digest, Sha256};

/// The service item every seeded case is for: the food business licence of
/// 蓝田县市场监督管理局, so one department's feed holds them all.
pub const ITEM: &str = "610122-SCJG-XK-0001";
/// Its officer among the demo accounts, and the password.
pub const OFFICER: (&str, &str) = ("officer-market", "demo-officer");
/// The window clerk who creates and transfers the cases.
pub const CLERK: &str = "window-county";

/// True when run by `cargo bench` (which passes `--bench`); under `cargo
/// test --benches` the program only says how to run it.
pub fn run_as_bench(name: &str) -> bool {
    if std::env::args().any(|a| a == "--bench") {
        return true;
    }
    println!(
        "{name}: a benchmark; run it with `cargo bench -p approval-desk-tests --bench {name}`"
    );
    false
}

/// A number from the environment, or `default`.
pub fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The PostgreSQL server to use, if any.
pub fn postgres_url() -> Option<String> {
    std::env::var("HUB_TEST_POSTGRES_URL")
        .ok()
        .or_else(|| std::env::var("DATABASE_URL").ok())
        .filter(|u| u.starts_with("postgres"))
}

fn random_suffix() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{:x}{:x}", nanos, std::process::id())
}

/// A database the benchmark owns: a SQLite file in a temporary folder, or a
/// schema of its own in the PostgreSQL database (dropped at the end).
pub struct BenchDb {
    pub url: String,
    pub label: &'static str,
    dir: Option<tempfile::TempDir>,
    postgres: Option<(String, String)>,
}

impl BenchDb {
    pub fn sqlite() -> BenchDb {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("hub.db").display());
        BenchDb {
            url,
            label: "SQLite",
            dir: Some(dir),
            postgres: None,
        }
    }

    pub async fn postgres(base: &str) -> BenchDb {
        sqlx::any::install_default_drivers();
        let schema = format!("hub_bench_{}", random_suffix());
        let pool = sqlx::AnyPool::connect(base).await.unwrap();
        sqlx::query(&format!("CREATE SCHEMA {schema}"))
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
        let separator = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{separator}options=-c%20search_path%3D{schema}");
        BenchDb {
            url,
            label: "PostgreSQL",
            dir: None,
            postgres: Some((base.to_owned(), schema)),
        }
    }

    /// Drops the PostgreSQL schema (the SQLite folder goes with `self`).
    pub async fn remove(self) {
        if let Some((base, schema)) = &self.postgres {
            let pool = sqlx::AnyPool::connect(base).await.unwrap();
            let _ = sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
                .execute(&pool)
                .await;
            pool.close().await;
        }
    }
}

/// A hub serving on 127.0.0.1 from a runtime of its own (two worker
/// threads), so the load generator and the hub do not share a scheduler,
/// as with a separate process.
pub struct RunningHub {
    pub base: String,
    pub hub: Hub,
    runtime: Option<tokio::runtime::Runtime>,
}

impl RunningHub {
    /// Opens (migrates) the database at `url`, and serves it. `seed`: the
    /// demo's units, departments, accounts and guides.
    pub fn start(url: &str, seed: bool) -> RunningHub {
        let url = url.to_owned();
        // Built and entered on a thread of its own: the caller may be
        // inside another runtime, where blocking on this one is refused.
        let (runtime, hub, addr) = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .thread_name("hub")
                .build()
                .unwrap();
            let (hub, addr): (Hub, SocketAddr) = runtime.block_on(async move {
                let hub = Hub::open(&url, HubConfig::default()).await.unwrap();
                if seed {
                    demo::seed(&hub).await.unwrap();
                }
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                let addr = listener.local_addr().unwrap();
                tokio::spawn(approval_hub::serve(
                    listener,
                    hub.clone(),
                    std::future::pending(),
                ));
                (hub, addr)
            });
            (runtime, hub, addr)
        })
        .join()
        .unwrap();
        RunningHub {
            base: format!("http://{addr}"),
            hub,
            runtime: Some(runtime),
        }
    }

    /// Runs `future` on the hub's runtime (its pool's connections live
    /// there) and waits for it from any runtime.
    pub async fn on_hub<F>(&self, future: F) -> F::Output
    where
        F: std::future::Future + Send + 'static,
        F::Output: Send + 'static,
    {
        self.runtime.as_ref().unwrap().spawn(future).await.unwrap()
    }
}

impl Drop for RunningHub {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

fn clerk() -> Caller {
    let account = demo::accounts()
        .into_iter()
        .find(|a| a.account == CLERK)
        .unwrap();
    let grants = account
        .grants
        .iter()
        .map(|(role, scope)| Grant::new(account.account, *role, scope.clone()))
        .collect();
    Caller::internal(account.account, account.name, grants)
}

/// A body as the hub's extractor makes it: the value and the SHA-256 of its
/// canonical JSON, which idempotency compares.
fn body<T: serde::Serialize>(value: T) -> Body<T> {
    let canonical = serde_json::to_vec(&serde_json::to_value(&value).unwrap()).unwrap();
    Body {
        hash: Sha256::digest(&canonical)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect(),
        value,
    }
}

fn new_case(number: &str, sequence: u32, now: DateTime<FixedOffset>) -> NewCase {
    let item = samples::item(ITEM).unwrap();
    let text = format!("{} 申请书（基准测试 {sequence}）", item.item_name);
    let bytes = text.as_bytes();
    NewCase {
        case_number: number.to_owned(),
        implementation_code: item.implementation_code().as_str().to_owned(),
        handling_item_code: None,
        kind: CaseKind::Promised,
        applicant: Applicant {
            kind: ApplicantKind::LegalPerson,
            name: format!("蓝田县基准餐饮有限公司{sequence}"),
            certificate_type: CertificateType::UnifiedSocialCreditCode,
            certificate_number: "91350100M000100Y43".to_owned(),
            phone: "029-8000-0000".to_owned(),
            address: Some("陕西省西安市蓝田县蓝关街道示范路 1 号".to_owned()),
        },
        received_at: now,
        receiving_window: demo::COUNTY.to_owned(),
        handling_window: None,
        materials: vec![MaterialUpload {
            name: "申请书".to_owned(),
            material_id: Some("M01".to_owned()),
            file: Some(FileUpload {
                file_name: "M01.txt".to_owned(),
                media_type: "text/plain; charset=utf-8".to_owned(),
                content_base64: base64::engine::general_purpose::STANDARD.encode(bytes),
                sha256: Sha256::digest(bytes)
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect(),
            }),
        }],
        direct_mailing: false,
    }
}

async fn create_and_transfer(
    hub: Hub,
    caller: Caller,
    sequence: u32,
    now: DateTime<FixedOffset>,
) -> String {
    let item = samples::item(ITEM).unwrap();
    let number = item
        .case_number(now.date_naive(), sequence)
        .unwrap()
        .as_str()
        .to_owned();
    let key = format!("bench-case-{number}");
    let created: Result<axum::Json<Receipt>, _> = cases::create_case(
        State(hub.clone()),
        caller.clone(),
        IdemKey(key.clone()),
        body(new_case(&number, sequence, now)),
    )
    .await;
    if let Err(e) = created {
        panic!("seeding case {number}: {:?}", e.wire);
    }
    let transferred = cases::transfer(
        State(hub),
        caller,
        PathParam(number.clone()),
        IdemKey(format!("{key}-transfer")),
        body(TransferRequest {
            department: item.department.name.to_owned(),
        }),
    )
    .await;
    if let Err(e) = transferred {
        panic!("transferring case {number}: {:?}", e.wire);
    }
    number
}

/// Creates `count` cases of [`ITEM`] at the county window and transfers
/// each to its department, through the hub's own handlers (the same checks
/// and idempotency as over HTTP, without the HTTP). Returns the case
/// numbers in sequence order and the time it took.
pub async fn seed_transferred(running: &RunningHub, count: u32) -> (Vec<String>, Duration) {
    let hub = running.hub.clone();
    let started = Instant::now();
    let numbers = running
        .on_hub(async move {
            let now = Utc::now().with_timezone(&CHINA_STANDARD_TIME);
            let caller = clerk();
            // A few at a time: the hub's writes are serialized by its
            // counter row anyway, but reading and checking overlap.
            let workers = 4u32;
            let mut tasks = tokio::task::JoinSet::new();
            for worker in 0..workers {
                let hub = hub.clone();
                let caller = caller.clone();
                tasks.spawn(async move {
                    let mut made = Vec::new();
                    let mut sequence = worker + 1;
                    while sequence <= count {
                        made.push((
                            sequence,
                            create_and_transfer(hub.clone(), caller.clone(), sequence, now).await,
                        ));
                        sequence += workers;
                    }
                    made
                });
            }
            let mut all = Vec::new();
            while let Some(made) = tasks.join_next().await {
                all.extend(made.unwrap());
            }
            all.sort();
            all.into_iter().map(|(_, n)| n).collect::<Vec<_>>()
        })
        .await;
    (numbers, started.elapsed())
}

/// Signs `account` in over HTTP and returns the bearer token.
pub async fn sign_in(
    client: &reqwest::Client,
    base: &str,
    account: &str,
    password: &str,
) -> String {
    let session: approval_contract::auth::Session = client
        .post(format!("{base}{}", approval_contract::paths::SESSION))
        .json(&approval_contract::auth::SignIn {
            account: account.to_owned(),
            password: password.to_owned(),
        })
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap()
        .json()
        .await
        .unwrap();
    session.token
}

/// Latencies in microseconds, summarised.
pub struct Latencies {
    sorted: Vec<u64>,
}

impl Latencies {
    pub fn new(mut micros: Vec<u64>) -> Latencies {
        micros.sort_unstable();
        Latencies { sorted: micros }
    }

    pub fn len(&self) -> usize {
        self.sorted.len()
    }

    /// The `p`th percentile (0–100) in milliseconds (nearest rank).
    pub fn percentile_ms(&self, p: f64) -> f64 {
        if self.sorted.is_empty() {
            return 0.0;
        }
        let rank = ((p / 100.0) * self.sorted.len() as f64).ceil() as usize;
        let index = rank.clamp(1, self.sorted.len()) - 1;
        self.sorted[index] as f64 / 1000.0
    }

    pub fn max_ms(&self) -> f64 {
        self.sorted.last().copied().unwrap_or_default() as f64 / 1000.0
    }
}

/// A plain text table: a header and rows, columns padded to their widest.
pub fn print_table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(cell.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c:<width$}", width = widths[i]))
            .collect();
        format!("| {} |", padded.join(" | "))
    };
    println!("{}", line(header.iter().map(|h| (*h).to_owned()).collect()));
    println!(
        "|{}|",
        widths
            .iter()
            .map(|w| "-".repeat(w + 2))
            .collect::<Vec<_>>()
            .join("|")
    );
    for row in rows {
        println!("{}", line(row.clone()));
    }
}

/// The machine the figures are from.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    format!(
        "{cores} cores available, {} {}",
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}
