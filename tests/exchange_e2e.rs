//! The exchange end to end, through real HTTP between real processes: a
//! `desk-hub` (SQLite, then PostgreSQL), the window unit's `deskctl window`
//! and departments' desks (`deskctl` on their own profiles, bound to the hub
//! by signing in). Issue 13's "done when":
//!
//! - a case created at the window unit reaches the department's local cache;
//! - its acceptance notice and its e-sealed result come back to the window
//!   unit (Art 10, 12), and the result's seal verifies;
//! - a bundle's release is refused until its gate opens (Art 15, 17;
//!   DESIGN.md 3.6);
//! - an applicant's review reaches the department (Art 26);
//! - a cross-region case is reported up to the common window unit and its
//!   paper result's government-express tracking number reaches the window
//!   unit with its delivery (Art 16).
//!
//! The binaries are the workspace's own (`scripts/test.sh` builds them
//! before the tests run).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use approval_core::ids::samples;
use approval_desk_tests::workspace_binary;
use approval_esign::keys::KeyKind;
use approval_esign::testca::TestCa;
use chrono::{NaiveDate, Utc};
use serde_json::{json, Value};

const FOOD: &str = "610122-SCJG-XK-0001";
const FIRE: &str = "610122-XF-XK-0001";
const ECOLOGY: &str = "610122-STHJ-BA-0001";
const MARKET: &str = "蓝田县市场监督管理局";
const FIRE_BRIGADE: &str = "蓝田县消防救援大队";
const ECOLOGY_BRANCH: &str = "西安市生态环境局蓝田分局";
const COUNTY_WINDOW: &str = "蓝田县政务服务中心";
const DISTRICT_WINDOW: &str = "西安市长安区政务服务中心";
const CITY_WINDOW: &str = "西安市政务服务中心";
const SEAL_PASSWORD_VAR: &str = "E2E_SEAL_PASSWORD";
const SEAL_PASSWORD: &str = "测试口令";

fn fixture(relative: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(relative)
        .to_str()
        .unwrap()
        .to_owned()
}

fn stdout_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A `desk-hub` process with its demo accounts (no demo stream).
struct HubProcess {
    child: Child,
    url: String,
}

impl HubProcess {
    fn start(database: &str) -> Self {
        let mut child = Command::new(workspace_binary("desk-hub"))
            .args(["--db", database, "--listen", "127.0.0.1:0", "--demo"])
            .args(["--demo-interval", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (lines, seen) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        // Waiting for the hub's first line is a bound on start-up, not a
        // measurement: a hub that never says where it listens fails here.
        let url = loop {
            match seen.recv_timeout(Duration::from_secs(120)) {
                Ok(line) => {
                    if let Some(url) = line.strip_prefix("listening on ") {
                        break url.trim().to_owned();
                    }
                }
                Err(e) => {
                    let _ = child.kill();
                    panic!("desk-hub did not say where it listens: {e}");
                }
            }
        };
        Self { child, url }
    }
}

impl Drop for HubProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `deskctl` on a profile of its own.
struct Deskctl {
    dir: tempfile::TempDir,
}

impl Deskctl {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run(&self, args: &[&str], stdin: Option<&str>) -> Output {
        let mut child = Command::new(workspace_binary("deskctl"))
            .arg("--db")
            .arg(self.path("desk.sqlite3"))
            .args(args)
            .env_remove("APPROVAL_DESK_USER")
            .env(SEAL_PASSWORD_VAR, SEAL_PASSWORD)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut input = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            input.write_all(text.as_bytes()).unwrap();
        }
        drop(input);
        child.wait_with_output().unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        self.ok_with_input(args, None)
    }

    fn ok_with_input(&self, args: &[&str], stdin: Option<&str>) -> String {
        let output = self.run(args, stdin);
        assert!(
            output.status.success(),
            "deskctl {args:?} failed:\n{}\n{}",
            stdout_of(&output),
            stderr_of(&output)
        );
        stdout_of(&output)
    }

    fn fails(&self, args: &[&str]) -> String {
        let output = self.run(args, None);
        assert_eq!(
            output.status.code(),
            Some(1),
            "deskctl {args:?} should be refused:\n{}\n{}",
            stdout_of(&output),
            stderr_of(&output)
        );
        stderr_of(&output)
    }
}

/// The window unit's system: `deskctl window` as the county clerk.
struct Window<'h> {
    hub: &'h HubProcess,
    deskctl: Deskctl,
}

impl<'h> Window<'h> {
    fn new(hub: &'h HubProcess) -> Self {
        Self {
            hub,
            deskctl: Deskctl::new(),
        }
    }

    fn args<'a>(&'a self, rest: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec![
            "window",
            "--hub",
            &self.hub.url,
            "--account",
            "window-county",
            "--password-stdin",
        ];
        args.extend_from_slice(rest);
        args
    }

    fn ok(&self, rest: &[&str]) -> String {
        self.deskctl
            .ok_with_input(&self.args(rest), Some("demo-window\n"))
    }

    fn refused(&self, rest: &[&str]) -> String {
        let output = self.deskctl.run(&self.args(rest), Some("demo-window\n"));
        assert_eq!(
            output.status.code(),
            Some(1),
            "window {rest:?} should be refused:\n{}",
            stdout_of(&output)
        );
        stderr_of(&output)
    }

    fn status(&self, case: &str) -> Value {
        serde_json::from_str(&self.ok(&["status", case])).unwrap()
    }

    /// Writes a submission of `item` with one electronic material and
    /// returns its path.
    fn submission(&self, item: &str, case: &str, material: &str) -> String {
        self.submission_handled_by(item, case, material, COUNTY_WINDOW)
    }

    /// A submission received at the county window and handled by
    /// `handling` (another region's unit for a cross-region case, Art 16).
    fn submission_handled_by(
        &self,
        item: &str,
        case: &str,
        material: &str,
        handling: &str,
    ) -> String {
        let file = self.deskctl.path(&format!("{case}.json"));
        let material_file = format!("{case}-M01.txt");
        std::fs::write(
            self.deskctl.path(&material_file),
            format!("{material}（端到端测试）"),
        )
        .unwrap();
        let sample = samples::item(item).unwrap();
        let submission = json!({
            "case_number": case,
            "implementation_code": sample.implementation_code().as_str(),
            "kind": "02",
            "applicant": {
                "kind": "2",
                "name": "蓝田县端到端餐饮有限公司",
                "certificate_type": "001",
                "certificate_number": "91350100M000100Y43",
                "phone": "029-8000-0199"
            },
            "received_at": "2026-11-02T10:00:00+08:00",
            "receiving_window": COUNTY_WINDOW,
            "handling_window": handling,
            "materials": [
                {"name": material, "material_id": "M01", "path": material_file},
                {"name": "营业执照", "material_id": "M02"}
            ]
        });
        std::fs::write(&file, submission.to_string()).unwrap();
        file.to_str().unwrap().to_owned()
    }
}

/// A department's desk bound to the hub as `account`, with the sample
/// guides and the restaurant bundle, and a seal key of the department.
struct Department {
    deskctl: Deskctl,
    name: &'static str,
    seal: PathBuf,
    root: PathBuf,
}

impl Department {
    fn signed_in(hub: &HubProcess, account: &str, name: &'static str) -> Self {
        let deskctl = Deskctl::new();
        deskctl.ok(&[
            "guide",
            "import",
            &fixture("guides/food-business-licence.json"),
        ]);
        for guide in [
            "guides/fire-safety-inspection.json",
            "guides/pollutant-discharge-registration.json",
            "guides/construction-works-permit.json",
        ] {
            deskctl.ok(&[
                "guide",
                "import",
                &fixture(guide),
                "--effective-from",
                "2026-01-01T00:00:00+08:00",
            ]);
        }
        deskctl.ok(&["bundle", "import", &fixture("bundles/open-restaurant.json")]);
        deskctl.ok_with_input(
            &[
                "hub",
                "sign-in",
                "--url",
                &hub.url,
                "--account",
                account,
                "--password-stdin",
                // CI machines have no usable OS keyring across processes:
                // each sync signs in with the password instead.
                "--no-keyring",
            ],
            Some("demo-officer\n"),
        );
        let from = Utc::now() - chrono::Duration::days(1);
        let until = from + chrono::Duration::days(365);
        let ca =
            TestCa::generate(&format!("{name}测试根证书"), KeyKind::P256, from, until).unwrap();
        let key = ca.issue_seal(name, KeyKind::P256, from, until).unwrap();
        let seal = deskctl.path("seal.p12");
        std::fs::write(&seal, key.to_pkcs12(SEAL_PASSWORD, "seal").unwrap()).unwrap();
        let root = deskctl.path("seal-ca.pem");
        std::fs::write(&root, ca.root_pem().unwrap()).unwrap();
        Self {
            deskctl,
            name,
            seal,
            root,
        }
    }

    fn sync(&self) -> String {
        let report = self
            .deskctl
            .ok_with_input(&["sync", "--password-stdin"], Some("demo-officer\n"));
        eprintln!("{} sync:\n{report}", self.name);
        report
    }

    fn act(&self, case: &str, action: &str, at: &str, extra: &[&str]) -> String {
        let mut args = vec!["case", "act", case, action, "--at", at];
        args.extend_from_slice(extra);
        self.deskctl.ok(&args)
    }

    /// Works an accepted case through its steps (a name starting with `S`
    /// is a special stage) to a decision, seals its letter and pushes the
    /// result.
    fn decide_and_push(&self, case: &str, steps: &[&str]) {
        for (i, step) in steps.iter().enumerate() {
            let day = 3 + i;
            if step.starts_with('S') {
                // A declared special stage (特别程序, Art 11): its time is
                // paused out of the clock.
                self.act(
                    case,
                    "start_special_stage",
                    &format!("2026-11-0{day}T10:00:00+08:00"),
                    &["--stage", step],
                );
                self.act(
                    case,
                    "end_special_stage",
                    &format!("2026-11-0{day}T16:00:00+08:00"),
                    &[],
                );
            } else {
                self.act(
                    case,
                    "complete_step",
                    &format!("2026-11-0{day}T10:00:00+08:00"),
                    &["--step", step, "--opinion", "符合要求"],
                );
            }
        }
        self.act(
            case,
            "decide",
            "2026-11-06T15:00:00+08:00",
            &["--outcome", "approved", "--opinion", "准予许可"],
        );
        self.act(case, "prepare_result", "2026-11-09T09:00:00+08:00", &[]);
        self.deskctl.ok(&[
            "case",
            "seal-result",
            case,
            "--p12",
            self.seal.to_str().unwrap(),
            "--password-env",
            SEAL_PASSWORD_VAR,
            "--department",
            self.name,
            "--document-number",
            "蓝许〔2026〕1号",
            "--review-body",
            "蓝田县人民政府",
            "--court",
            "蓝田县人民法院",
        ]);
        self.act(case, "push_result", "2026-11-09T10:00:00+08:00", &[]);
        self.sync();
    }
}

fn case_number(item: &str, sequence: u32) -> String {
    let day = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    samples::case_number(item, day, sequence)
        .unwrap()
        .unwrap()
        .as_str()
        .to_owned()
}

fn states(status: &Value) -> Vec<String> {
    status["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["state"].as_str().unwrap().to_owned())
        .collect()
}

/// One case from the window unit to the market department and back.
fn one_case_there_and_back(hub: &HubProcess) {
    let window = Window::new(hub);
    let market = Department::signed_in(hub, "officer-market", MARKET);
    let number = case_number(FOOD, 1);
    let submission = window.submission(FOOD, &number, "食品经营许可申请书");
    assert_eq!(
        window
            .ok(&["submit", &submission, "--transfer", MARKET])
            .trim(),
        number
    );

    // It reaches the department's local cache, with its material's file.
    market.sync();
    let show = market.deskctl.ok(&["case", "show", &number]);
    assert!(show.contains("state\treceived"), "{show}");
    // A second sync stores nothing twice.
    market.sync();
    let list = market.deskctl.ok(&["case", "list"]);
    assert_eq!(list.matches(&number).count(), 1, "{list}");

    // The bound desk acts as the signed-in officer: naming another is refused.
    let refused = market
        .deskctl
        .fails(&["case", "show", &number, "--as", "李四"]);
    assert!(refused.contains("hub_identity_bound"), "{refused}");

    // Acceptance (Art 10) goes back to the window unit.
    market.act(&number, "accept", "2026-11-02T14:00:00+08:00", &[]);
    market.sync();
    let status = window.status(&number);
    assert_eq!(status["state"], "20", "{status}");
    assert!(states(&status).contains(&"20".to_owned()), "{status}");

    // The e-sealed result (Art 12) goes back too, and its seal verifies.
    market.decide_and_push(&number, &["accept", "review", "S01", "check"]);
    let pdf = window.deskctl.path("result.pdf");
    let status: Value = serde_json::from_str(&window.ok(&[
        "status",
        &number,
        "--save-result",
        pdf.to_str().unwrap(),
    ]))
    .unwrap();
    assert_eq!(status["state"], "60", "{status}");
    assert_eq!(status["result"]["outcome"], "1", "{status}");
    let sent_to = status["result"]["sent_to"].to_string();
    assert!(sent_to.contains(COUNTY_WINDOW), "{status}");
    let report = market.deskctl.ok(&[
        "pdf",
        "verify",
        pdf.to_str().unwrap(),
        "--trust",
        market.root.to_str().unwrap(),
    ]);
    assert!(report.contains(MARKET), "{report}");
    // Exactly once: one acceptance and one result on the hub.
    let history = states(&status);
    assert_eq!(history.iter().filter(|s| *s == "20").count(), 1, "{status}");
    assert_eq!(history.iter().filter(|s| *s == "60").count(), 1, "{status}");

    // Released to the applicant; the applicant's review reaches the
    // department (Art 26).
    window.ok(&["release", &number]);
    window.ok(&[
        "review",
        &number,
        "--level",
        "不满意",
        "--comment",
        "等候时间较长",
        "--at",
        "2026-11-10T09:00:00+08:00",
    ]);
    market.sync();
    let show = market.deskctl.ok(&["case", "show", &number]);
    assert!(show.contains("不满意"), "{show}");
    assert!(show.contains("等候时间较长"), "{show}");
}

/// A bundle's results are withheld until its gate opens (Art 15, 17;
/// DESIGN.md 3.6): each department's desk receives its own member with
/// the names of its partners, decides it and pushes its sealed result; the
/// window unit cannot hand the bundle out before every prerequisite is
/// approved.
fn a_bundle_waits_for_its_gate(hub: &HubProcess) {
    let window = Window::new(hub);
    let market = Department::signed_in(hub, "officer-market", MARKET);
    let fire = Department::signed_in(hub, "officer-fire", FIRE_BRIGADE);
    let ecology = Department::signed_in(hub, "officer-ecology", ECOLOGY_BRANCH);
    let members = [
        (FOOD, case_number(FOOD, 2), MARKET, "食品经营许可申请书"),
        (
            FIRE,
            case_number(FIRE, 2),
            FIRE_BRIGADE,
            "消防安全检查申请表",
        ),
        (
            ECOLOGY,
            case_number(ECOLOGY, 2),
            ECOLOGY_BRANCH,
            "排污登记表",
        ),
    ];
    let mut cases = Vec::new();
    for (item, number, department, material) in &members {
        let submission = window.submission(item, number, material);
        window.ok(&["submit", &submission]);
        cases.push(json!({"item_code": item, "case_number": number, "department": department}));
    }
    let bundle = window.deskctl.path("bundle.json");
    std::fs::write(
        &bundle,
        json!({"bundle_code": "610122-TC-0001", "instance": "BI-E2E-0001", "cases": cases})
            .to_string(),
    )
    .unwrap();
    window.ok(&["bundle", bundle.to_str().unwrap()]);
    for (department, (_, number, _, _)) in [&market, &fire, &ecology].into_iter().zip(&members) {
        department.sync();
        let show = department.deskctl.ok(&["case", "show", number]);
        assert!(show.contains("bundle instance\tBI-E2E-0001"), "{show}");
    }
    let refused = window.refused(&["release", "BI-E2E-0001", "--bundle"]);
    assert!(refused.contains("release_gate_closed"), "{refused}");

    // The food licence is decided first (容缺) and its result pushed: the
    // window unit may not hand it out while the fire inspection it depends
    // on is undecided.
    let food = &members[0].1;
    market.act(food, "accept", "2026-11-02T14:00:00+08:00", &[]);
    market.decide_and_push(food, &["accept", "review", "S01", "check"]);
    assert_eq!(window.status(food)["state"], "60");
    let refused = window.refused(&["release", food]);
    assert!(refused.contains("release_gate_closed"), "{refused}");
    let refused = window.refused(&["release", "BI-E2E-0001", "--bundle"]);
    assert!(refused.contains("release_gate_closed"), "{refused}");

    // The fire inspection and the environmental record are decided: the
    // gate opens and every result goes out.
    let fire_case = &members[1].1;
    fire.act(fire_case, "accept", "2026-11-02T14:00:00+08:00", &[]);
    fire.decide_and_push(fire_case, &["accept", "review", "S01", "check"]);
    let ecology_case = &members[2].1;
    ecology.act(ecology_case, "accept", "2026-11-02T14:00:00+08:00", &[]);
    ecology.decide_and_push(ecology_case, &[]);
    let released = window.ok(&["release", "BI-E2E-0001", "--bundle"]);
    for (_, number, _, _) in &members {
        assert!(released.contains(number.as_str()), "{released}");
        assert_eq!(window.status(number)["released"], true);
    }
}

/// A cross-region case (Art 16): received at the county window, handled
/// by the district's, reported to the city above both; its paper result
/// travels by government express (政务专递), whose delivery waits at the
/// desk until the officer records the tracking number, then carries it.
fn a_cross_region_case_travels_by_government_express(hub: &HubProcess) {
    let window = Window::new(hub);
    let market = Department::signed_in(hub, "officer-market", MARKET);
    let number = case_number(FOOD, 3);
    let submission =
        window.submission_handled_by(FOOD, &number, "食品经营许可申请书", DISTRICT_WINDOW);
    window.ok(&["submit", &submission, "--transfer", MARKET]);
    market.sync();
    market.act(&number, "accept", "2026-11-02T14:00:00+08:00", &[]);
    market.decide_and_push(&number, &["accept", "review", "S01", "check"]);
    let status = window.status(&number);
    assert_eq!(status["result"]["paper"]["method"], "2", "{status}");
    assert!(
        status["reported_to"].to_string().contains(CITY_WINDOW),
        "{status}"
    );

    market.act(&number, "deliver_paper", "2026-11-10T10:00:00+08:00", &[]);
    let report = market.sync();
    assert!(report.contains("waiting 1"), "{report}");
    assert_ne!(window.status(&number)["state"], "70");
    market
        .deskctl
        .ok(&["case", "tracking", &number, "ZW2026111000001"]);
    market.sync();
    let status = window.status(&number);
    assert_eq!(status["state"], "70", "{status}");
    let delivered = status["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|entry| entry["state"] == "70")
        .unwrap();
    assert_eq!(delivered["detail"]["tracking_number"], "ZW2026111000001");
}

fn exchange_end_to_end(database: &str) {
    let hub = HubProcess::start(database);
    one_case_there_and_back(&hub);
    a_bundle_waits_for_its_gate(&hub);
    a_cross_region_case_travels_by_government_express(&hub);
}

#[test]
fn the_exchange_end_to_end_on_sqlite() {
    let folder = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", folder.path().join("hub.sqlite3").display());
    exchange_end_to_end(&database);
}

/// On PostgreSQL: a fresh schema of `HUB_TEST_POSTGRES_URL` (scripts/test.sh
/// always sets it; a local run without it says so and skips).
#[test]
fn the_exchange_end_to_end_on_postgres() {
    let Ok(base) = std::env::var("HUB_TEST_POSTGRES_URL") else {
        eprintln!("HUB_TEST_POSTGRES_URL is not set: the PostgreSQL run is skipped (scripts/test.sh sets it)");
        return;
    };
    let schema = format!("e2e_{}", std::process::id());
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        use sqlx::Connection;
        let mut connection = sqlx::PgConnection::connect(&base).await.unwrap();
        sqlx::query(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
            .execute(&mut connection)
            .await
            .unwrap();
        sqlx::query(&format!("CREATE SCHEMA {schema}"))
            .execute(&mut connection)
            .await
            .unwrap();
    });
    let separator = if base.contains('?') { '&' } else { '?' };
    exchange_end_to_end(&format!(
        "{base}{separator}options=-c%20search_path%3D{schema}"
    ));
}
