//! The exchange under injected faults (issue 13): a real hub on a loopback
//! port behind the fault-injection proxy; window-unit cases created and
//! transferred as the demo window clerk; a desk (a temporary profile) that
//! syncs through the proxy round after round while the proxy, on a seeded
//! random plan, drops connections before and after the hub, delays past
//! the client's timeout, answers 500 and 429 with Retry-After and cuts
//! answers in half; between rounds the desk works its cases (accepts,
//! sends a correction notice, refuses, decides, pushes and seals results)
//! and the window unit records reviews. Then the faults stop, rounds run
//! until the outbox is empty, and every notice and result is on the hub
//! exactly once, nothing is lost from the local cache and no pulled case
//! or review is stored twice. On SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod exchange_support;

use std::collections::BTreeMap;
use std::time::Duration;

use approval_api::exchange::{audit_against_hub, bind_hub, BindRequest};
use approval_api::Actor;
use approval_sync::fault_proxy::{Fault, Plan, Stats};
use exchange_support::{
    check_exactly_once, now, open_desk, perform, postgres_skipped, postgres_url, review, signed_in,
    sync_round, transfer_cases, Backend, Clock, Rig, Script, CLERK, OFFICER,
};

/// Cases the window unit transfers.
const CASES: u32 = 30;
/// The plan's seed: the same faults in the same order at every run
/// (`EXCHANGE_FAULTS_SEED` tries another).
const SEED: u64 = 0x1313_2026;
/// The share of requests the proxy interferes with.
const PROBABILITY: f64 = 0.3;
/// The desk's client gives up on a request after this …
const CLIENT_TIMEOUT: Duration = Duration::from_millis(1000);
/// … and a delayed request reaches the hub after this.
const DELAY: Duration = Duration::from_millis(1600);
/// Rounds under the storm at least, and at most (a bound, not a measure).
const MIN_ROUNDS: usize = 40;
const MAX_ROUNDS: usize = 600;

fn seed() -> u64 {
    std::env::var("EXCHANGE_FAULTS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(SEED)
}

fn storm() -> Plan {
    Plan::random(
        seed(),
        PROBABILITY,
        vec![
            Fault::DropBeforeForward,
            Fault::DropAfterForward,
            Fault::Delay(DELAY),
            Fault::Status500,
            Fault::Status429 {
                retry_after_secs: 2,
            },
            Fault::CutResponse,
        ],
    )
}

/// Every kind of fault happened, some to pushes the hub had taken.
fn assert_every_fault(stats: &Stats) {
    assert!(stats.dropped_before > 0, "{stats:?}");
    assert!(stats.dropped_after > 0, "{stats:?}");
    assert!(stats.delayed > 0, "{stats:?}");
    assert!(stats.answered_500 > 0, "{stats:?}");
    assert!(stats.answered_429 > 0, "{stats:?}");
    assert!(stats.cut > 0, "{stats:?}");
}

async fn faults_then_exactly_once(backend: Backend) {
    let rig = Rig::start(&backend).await;
    let (window, _) = signed_in(&rig.hub_url, CLERK, Duration::from_secs(20)).await;
    let (officer_direct, _) = signed_in(&rig.hub_url, OFFICER, Duration::from_secs(20)).await;
    let sent = transfer_cases(&window, 1..=CASES).await;
    let scripts: Vec<Script> = (0..sent.len()).map(Script::of).collect();

    let dir = tempfile::tempdir().unwrap();
    let desk = open_desk(dir.path()).await;
    let (officer, person) = signed_in(&rig.proxy.url(), OFFICER, CLIENT_TIMEOUT).await;
    bind_hub(
        &desk,
        BindRequest {
            url: rig.proxy.url(),
            account: OFFICER.0.into(),
            person: person.clone(),
            ca_path: None,
        },
        now(),
    )
    .await
    .unwrap();
    let actor = Actor::new(person);
    let mut clock = Clock::new(10);

    // The storm: the desk acts on what it has, then syncs through faults.
    rig.proxy.set_plan(storm());
    let mut next_step = vec![0usize; sent.len()];
    let mut reviewed: Vec<String> = Vec::new();
    let mut failed_rounds = 0;
    let mut rounds = 0;
    loop {
        rounds += 1;
        assert!(
            rounds <= MAX_ROUNDS,
            "the storm's work was not done in {MAX_ROUNDS} rounds: {:?}",
            rig.proxy.stats()
        );
        // The window unit records a review of every sixth case, one a round,
        // so reviews join the feed while it is being pulled.
        if let Some(case) = sent.iter().step_by(6).nth(reviewed.len()) {
            review(&window, &case.number, clock.at()).await;
            reviewed.push(case.number.clone());
        }
        for (i, case) in sent.iter().enumerate() {
            if desk.db().case(&case.number).await.unwrap().is_none() {
                continue;
            }
            if let Some(step) = scripts[i].steps(clock.at()).get(next_step[i]) {
                perform(&desk, &actor, &case.number, step, clock.tick()).await;
                next_step[i] += 1;
            }
        }
        if sync_round(&desk, &officer, clock.tick()).await.is_err() {
            failed_rounds += 1;
        }
        let done = sent
            .iter()
            .zip(&scripts)
            .enumerate()
            .all(|(i, (_, script))| next_step[i] == script.steps(clock.at()).len());
        // Under the storm until everything is pulled and pushed: the faults
        // hit the whole of the work, not its first part.
        if done
            && rounds >= MIN_ROUNDS
            && reviewed.len() == sent.iter().step_by(6).count()
            && desk.db().pending_pushes().await.unwrap().is_empty()
        {
            break;
        }
    }
    let stats = rig.proxy.stats();
    eprintln!(
        "seed {}: {rounds} rounds under the storm, {failed_rounds} cut short, {} outbox records pushed: {stats:?}",
        seed(),
        desk.db().outbox().await.unwrap().len()
    );
    assert_every_fault(&stats);
    // Some push was sent again under its key after the hub had taken it.
    let mut forwarded_keys: BTreeMap<String, usize> = BTreeMap::new();
    for record in rig.proxy.log() {
        let forwarded = matches!(
            record.fault,
            Fault::Pass | Fault::DropAfterForward | Fault::Delay(_) | Fault::CutResponse
        );
        if let (true, Some(key)) = (forwarded, record.request.idempotency_key) {
            *forwarded_keys.entry(key).or_default() += 1;
        }
    }
    assert!(
        forwarded_keys.values().any(|n| *n > 1),
        "no push reached the hub twice: the storm proved nothing"
    );

    // The faults stop; what is still in flight lands; rounds run until
    // the outbox is empty.
    rig.proxy.heal();
    rig.settle().await;
    let mut healed_rounds = 0;
    loop {
        healed_rounds += 1;
        assert!(healed_rounds <= 5, "the outbox did not empty once healed");
        let report = sync_round(&desk, &officer, clock.tick())
            .await
            .unwrap_or_else(|e| panic!("a sync failed with the faults stopped: {e:?}"));
        assert_eq!(report.failed, 0, "{report:?}");
        if desk.db().pending_pushes().await.unwrap().is_empty() && report.pulled == 0 {
            break;
        }
    }

    check_exactly_once(&desk, &window, &officer_direct, &sent, &scripts, &reviewed).await;
    // The audit checkpoints pushed through the storm match the local chain.
    let audit = audit_against_hub(&desk, &officer_direct).await.unwrap();
    assert!(audit.is_intact(), "{audit:?}");
    assert!(audit.checkpoints > 0, "{audit:?}");

    desk.close().await;
    rig.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite() {
    faults_then_exactly_once(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres() {
    let Some(url) = postgres_url() else {
        postgres_skipped("exchange_faults");
        return;
    };
    faults_then_exactly_once(Backend::Postgres(url)).await;
}
