//! The desk killed mid-push (issue 13): a desk profile with many outbox
//! records waiting (40 transferred cases worked locally: acceptances,
//! correction notices, refusals, decided cases with their sealed results),
//! pushed by the real `deskctl sync` — a separate process — through the
//! fault proxy holding each request a while, killed with SIGKILL at
//! several points (a request in flight at the proxy, or just answered and
//! the desk writing) — the first ones while it pulls cases transferred
//! meanwhile — and started again until it is done. Then every notice and
//! result is on the hub exactly once, the local outbox shows every record
//! pushed, and every case is stored once. On SQLite and on PostgreSQL.
//!
//! `deskctl` is the binary next to this test's (target/debug/deskctl):
//! `scripts/test.sh` builds the binaries before the tests; alone, run
//! `cargo build -p deskctl` first.

#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod exchange_support;

use std::collections::BTreeMap;
use std::io::Write as _;
use std::os::unix::process::ExitStatusExt as _;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use approval_api::{Actor, Desk};
use approval_desk_tests::workspace_binary;
use approval_sync::fault_proxy::{Fault, Plan};
use exchange_support::{
    check_exactly_once, open_desk, perform, postgres_skipped, postgres_url, signed_in, sync_round,
    transfer_cases, Backend, Clock, Rig, Script, CLERK, OFFICER,
};

/// Cases transferred and worked at the desk before the pushes.
const CASES: u32 = 40;
/// Cases transferred after that, for the killed runs to pull.
const LATE: u32 = 8;
/// How long the proxy holds every request before passing it on: the
/// window in which a kill finds a request in flight.
const HOLD: Duration = Duration::from_millis(150);
/// Where each run is killed: once the proxy has seen this many of the
/// run's requests (the first is its sign-in, the second its feed pull,
/// then the late cases' files, the acknowledgement and the pushes), and
/// after this much more. No extra wait kills it
/// with a request held at the proxy (which still reaches the hub: its
/// answer is lost); a wait beyond the hold kills it after the answer, as
/// the desk records the push or sends the next.
const KILLS: [(u64, Duration); 10] = [
    (2, Duration::ZERO),
    (3, Duration::ZERO),
    (4, Duration::from_millis(170)),
    (6, Duration::ZERO),
    (5, Duration::from_millis(60)),
    (8, Duration::from_millis(240)),
    (7, Duration::ZERO),
    (4, Duration::from_millis(155)),
    (9, Duration::ZERO),
    (6, Duration::from_millis(300)),
];
/// A bound on one run (not a measure): far beyond what it needs.
const RUN_BOUND: Duration = Duration::from_secs(120);

/// How a run ended.
#[derive(Debug)]
enum Ended {
    /// Killed by us, with the proxy having seen this many of its requests.
    Killed {
        requests: u64,
    },
    Exited(ExitStatus),
}

/// `deskctl --db DB sync --password-stdin`, killed with SIGKILL once the
/// proxy has seen `kill.0` of its requests and `kill.1` has passed; run to
/// its end without `kill`.
fn run_sync(
    deskctl: &Path,
    db: &Path,
    logs: &Path,
    run: usize,
    rig: &Rig,
    kill: Option<(u64, Duration)>,
) -> Ended {
    let log = |name: &str| std::fs::File::create(logs.join(format!("run-{run}.{name}"))).unwrap();
    let before = rig.proxy.stats().requests;
    let mut child = Command::new(deskctl)
        .arg("--db")
        .arg(db)
        .args(["sync", "--password-stdin"])
        .env_remove("APPROVAL_DESK_USER")
        .stdin(Stdio::piped())
        .stdout(log("out"))
        .stderr(log("err"))
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(format!("{}\n", OFFICER.1).as_bytes())
        .unwrap();
    drop(stdin);
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Ended::Exited(status);
        }
        assert!(
            started.elapsed() < RUN_BOUND,
            "run {run} neither ended nor reached its kill point"
        );
        if let Some((requests, extra)) = kill {
            let seen = rig.proxy.stats().requests - before;
            if seen >= requests {
                std::thread::sleep(extra);
                let seen = rig.proxy.stats().requests - before;
                // SIGKILL: no destructor, no flush, no rollback runs.
                let _ = child.kill();
                let status = child.wait().unwrap();
                return match status.signal() {
                    Some(9) => Ended::Killed { requests: seen },
                    _ => Ended::Exited(status),
                };
            }
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn stderr_of(logs: &Path, run: usize) -> String {
    std::fs::read_to_string(logs.join(format!("run-{run}.err"))).unwrap_or_default()
}

/// The desk's work before any push: the cases pulled (straight from the
/// hub) and each worked through its script, the decided ones sealed.
async fn work_the_cases(desk: &Desk, rig: &Rig, sent: &[exchange_support::Sent]) {
    let (officer, person) = signed_in(&rig.hub_url, OFFICER, Duration::from_secs(20)).await;
    let report = sync_round(desk, &officer, exchange_support::now())
        .await
        .unwrap();
    assert_eq!(report.cases_stored, sent.len(), "{report:?}");
    let actor = Actor::new(person);
    let mut clock = Clock::new(1);
    for (i, case) in sent.iter().enumerate() {
        for k in 0..Script::of(i).steps(clock.at()).len() {
            // A step's own instants (corrections received) fall after the
            // step before it, and before the step itself.
            let step = Script::of(i).steps(clock.tick())[k].clone();
            perform(desk, &actor, &case.number, &step, clock.tick()).await;
        }
    }
}

fn killed_mid_push(backend: Backend) {
    let deskctl = workspace_binary("deskctl");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let rig = runtime.block_on(Rig::start(&backend));
    let (window, officer_direct, mut sent) = runtime.block_on(async {
        let (window, _) = signed_in(&rig.hub_url, CLERK, Duration::from_secs(20)).await;
        let (officer, _) = signed_in(&rig.hub_url, OFFICER, Duration::from_secs(20)).await;
        let sent = transfer_cases(&window, 1..=CASES).await;
        (window, officer, sent)
    });
    let mut scripts: Vec<Script> = (0..sent.len()).map(Script::of).collect();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    let logs = dir.path();
    runtime.block_on(async { open_desk(dir.path()).await.close().await });

    // Bound to the hub through the proxy by the real command (no keyring:
    // each sync signs in with the password on stdin).
    let output = Command::new(&deskctl)
        .arg("--db")
        .arg(&db)
        .args(["hub", "sign-in", "--url", &rig.proxy.url()])
        .args(["--account", OFFICER.0, "--password-stdin", "--no-keyring"])
        .env_remove("APPROVAL_DESK_USER")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            child
                .stdin
                .take()
                .unwrap()
                .write_all(format!("{}\n", OFFICER.1).as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert!(
        output.status.success(),
        "deskctl hub sign-in: {}",
        String::from_utf8_lossy(&output.stderr)
    );

    let waiting = runtime.block_on(async {
        let desk = Desk::open(&db).await.unwrap();
        work_the_cases(&desk, &rig, &sent).await;
        let waiting = desk.db().pending_pushes().await.unwrap().len();
        desk.close().await;
        waiting
    });
    assert!(waiting >= 40, "only {waiting} outbox records wait");
    // More cases arrive meanwhile: the first runs are killed pulling them.
    sent.extend(runtime.block_on(transfer_cases(&window, CASES + 1..=CASES + LATE)));
    scripts.resize(sent.len(), Script::Untouched);

    // Killed at each point, then run to its end.
    rig.proxy.set_plan(Plan::always(Fault::Delay(HOLD)));
    let mut killed = 0;
    let mut run = 0;
    for kill in KILLS {
        run += 1;
        match run_sync(&deskctl, &db, logs, run, &rig, Some(kill)) {
            Ended::Killed { requests } => {
                killed += 1;
                eprintln!("run {run}: killed after {requests} requests");
            }
            Ended::Exited(status) => {
                assert!(status.success(), "run {run}: {}", stderr_of(logs, run));
                eprintln!("run {run}: ended by itself before its kill point");
            }
        }
    }
    assert!(killed >= KILLS.len() / 2, "only {killed} runs were killed");
    let pending = |runtime: &tokio::runtime::Runtime| {
        runtime.block_on(async {
            let desk = Desk::open(&db).await.unwrap();
            let pending = desk.db().pending_pushes().await.unwrap().len();
            desk.close().await;
            pending
        })
    };
    assert!(
        pending(&runtime) > 0,
        "the kills left nothing to push: they came too late to prove anything"
    );
    loop {
        run += 1;
        assert!(run <= KILLS.len() + 5, "the outbox never emptied");
        match run_sync(&deskctl, &db, logs, run, &rig, None) {
            Ended::Exited(status) => {
                assert!(status.success(), "run {run}: {}", stderr_of(logs, run))
            }
            Ended::Killed { .. } => unreachable!("not killed without a kill point"),
        }
        if pending(&runtime) == 0 {
            break;
        }
    }

    // What the killed runs left in flight has landed; exactly once?
    runtime.block_on(rig.settle());
    let mut forwarded_keys: BTreeMap<String, usize> = BTreeMap::new();
    for record in rig.proxy.log() {
        if let Some(key) = record.request.idempotency_key {
            *forwarded_keys.entry(key).or_default() += 1;
        }
    }
    assert!(
        forwarded_keys
            .iter()
            .any(|(key, n)| *n > 1 && key.contains("-outbox-")),
        "no push was sent again after a kill: the kills proved nothing"
    );
    rig.proxy.heal();
    runtime.block_on(async {
        let desk = Desk::open(&db).await.unwrap();
        check_exactly_once(&desk, &window, &officer_direct, &sent, &scripts, &[]).await;
        desk.close().await;
    });
    runtime.block_on(rig.finish());
}

#[test]
fn sqlite() {
    killed_mid_push(Backend::Sqlite);
}

#[test]
fn postgres() {
    let Some(url) = postgres_url() else {
        postgres_skipped("exchange_kill");
        return;
    };
    killed_mid_push(Backend::Postgres(url));
}
