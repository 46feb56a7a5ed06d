//! The window's demo mode, end to end: the real `approval-desk` binary
//! started with `--demo` on a virtual display (Xvfb), with a fresh home and
//! data folders, comes up with the demo hub in-process, its demo profile
//! in `demo/` beside the profile database, bound to that hub as the demo
//! officer and holding the cases the demo hub transferred — while the
//! profile itself stays unbound and empty.
//!
//! The binaries are the workspace's own (`scripts/test.sh` builds them
//! before the tests run).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A binary of the workspace, beside this test's own folder.
fn binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let folder = exe.parent().and_then(Path::parent).unwrap();
    let path = folder.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: build the binaries first (cargo build --workspace --bins), as scripts/test.sh does",
        path.display()
    );
    path
}

/// The app as started (xvfb-run starts Xvfb and the app as its
/// children), ended with every process it started, each by its own id.
struct App(Child);

/// The processes `pid` started, and theirs (Linux's /proc).
fn descendants(pid: u32) -> Vec<u32> {
    let children =
        std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).unwrap_or_default();
    let mut all = Vec::new();
    for child in children
        .split_whitespace()
        .filter_map(|c| c.parse::<u32>().ok())
    {
        all.extend(descendants(child));
        all.push(child);
    }
    all
}

/// Signals one process by its id — never a group, never -1.
fn signal(signal: &str, pid: u32) {
    if pid > 1 {
        let _ = Command::new("kill")
            .args(["-s", signal, &pid.to_string()])
            .status();
    }
}

impl Drop for App {
    fn drop(&mut self) {
        for pid in descendants(self.0.id()) {
            signal("TERM", pid);
        }
        std::thread::sleep(Duration::from_millis(500));
        // Whatever is still running under xvfb-run (by its id read again,
        // so no reused id is hit), then xvfb-run itself.
        for pid in descendants(self.0.id()) {
            signal("KILL", pid);
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn hub_status(database: &Path) -> String {
    let output = Command::new(binary("deskctl"))
        .arg("--db")
        .arg(database)
        .args(["hub", "status"])
        .env_remove("APPROVAL_DESK_USER")
        .output()
        .unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn field<'a>(status: &'a str, name: &str) -> Option<&'a str> {
    status
        .lines()
        .find_map(|line| line.strip_prefix(&format!("{name}\t")))
}

#[test]
fn the_app_started_with_demo_comes_up_bound_to_its_demo_hub_with_cases() {
    let display = std::env::var_os("DISPLAY").is_some();
    let xvfb = Command::new("xvfb-run")
        .arg("--help")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !display && !xvfb {
        eprintln!("skipped: no display and no xvfb-run (apt-get install xvfb)");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let profile = home.path().join("profile").join("desk.sqlite3");
    std::fs::create_dir_all(profile.parent().unwrap()).unwrap();
    let mut command = if xvfb {
        let mut c = Command::new("xvfb-run");
        c.arg("-a").arg(binary("approval-desk"));
        c
    } else {
        Command::new(binary("approval-desk"))
    };
    command
        .arg("--demo")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("XDG_RUNTIME_DIR", home.path())
        .env("APPROVAL_DESK_DB", &profile)
        .env_remove("APPROVAL_DESK_DEMO")
        .env_remove("APPROVAL_DESK_USER")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    let mut app = App(command.spawn().unwrap());

    let demo = profile.parent().unwrap().join("demo").join("desk.sqlite3");
    let started = Instant::now();
    let status = loop {
        if let Some(exit) = app.0.try_wait().unwrap() {
            panic!("approval-desk --demo exited early: {exit}");
        }
        if demo.exists() {
            let status = hub_status(&demo);
            let synced = field(&status, "last success").is_some_and(|s| s != "never");
            let pulled = field(&status, "feed cursor")
                .and_then(|c| c.split_whitespace().next()?.parse::<i64>().ok())
                .is_some_and(|c| c > 0);
            if synced && pulled {
                break status;
            }
        }
        // A bound on start-up, not a measurement.
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no synced demo profile after a minute:\n{}",
            hub_status(&demo)
        );
        std::thread::sleep(Duration::from_millis(500));
    };
    let hub = field(&status, "hub").unwrap();
    assert!(hub.starts_with("http://127.0.0.1:"), "{status}");
    assert!(
        field(&status, "account")
            .unwrap()
            .starts_with("officer-market"),
        "{status}"
    );
    assert_eq!(field(&status, "waiting transfers"), Some("0"), "{status}");
    assert!(
        profile
            .parent()
            .unwrap()
            .join("demo")
            .join("hub.sqlite3")
            .exists(),
        "the demo hub's database sits in demo/"
    );
    // The profile itself is left as it was: not bound, no demo data.
    drop(app);
    let own = hub_status(&profile);
    assert!(own.contains("not bound"), "{own}");
}
