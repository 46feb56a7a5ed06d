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

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use approval_desk_tests::workspace_binary;

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
    let output = Command::new(workspace_binary("deskctl"))
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

/// Whether the window can be shown: a display, or xvfb-run to make one.
fn display() -> Option<bool> {
    let display = std::env::var_os("DISPLAY").is_some();
    let xvfb = Command::new("xvfb-run")
        .arg("--help")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !display && !xvfb {
        eprintln!("skipped: no display and no xvfb-run (apt-get install xvfb)");
        return None;
    }
    Some(xvfb)
}

/// `approval-desk ARGS` on a virtual display (when xvfb is there) with
/// `home` as its home and data folders and `profile` as its database.
fn app_command(xvfb: bool, home: &Path, profile: &Path, args: &[&str]) -> Command {
    let mut command = if xvfb {
        let mut c = Command::new("xvfb-run");
        c.arg("-a").arg(workspace_binary("approval-desk"));
        c
    } else {
        Command::new(workspace_binary("approval-desk"))
    };
    command
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_RUNTIME_DIR", home)
        .env("APPROVAL_DESK_DB", profile)
        .env_remove("APPROVAL_DESK_DEMO")
        .env_remove("APPROVAL_DESK_USER")
        .env_remove("APPROVAL_DESK_HUB_PASSWORD")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    command
}

/// Waits (up to a minute, a bound on start-up rather than a measurement)
/// for `database` to have synced and pulled something; its hub status.
fn synced(app: &mut App, database: &Path) -> String {
    let started = Instant::now();
    loop {
        if let Some(exit) = app.0.try_wait().unwrap() {
            panic!("approval-desk exited early: {exit}");
        }
        if database.exists() {
            let status = hub_status(database);
            let synced = field(&status, "last success").is_some_and(|s| s != "never");
            let pulled = field(&status, "feed cursor")
                .and_then(|c| c.split_whitespace().next()?.parse::<i64>().ok())
                .is_some_and(|c| c > 0);
            if synced && pulled {
                return status;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no synced profile after a minute:\n{}",
            hub_status(database)
        );
        std::thread::sleep(Duration::from_millis(500));
    }
}

#[test]
fn the_app_started_with_demo_comes_up_bound_to_its_demo_hub_with_cases() {
    let Some(xvfb) = display() else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let profile = home.path().join("profile").join("desk.sqlite3");
    std::fs::create_dir_all(profile.parent().unwrap()).unwrap();
    let mut app = App(app_command(xvfb, home.path(), &profile, &["--demo"])
        .spawn()
        .unwrap());
    let demo = profile.parent().unwrap().join("demo").join("desk.sqlite3");
    let status = synced(&mut app, &demo);
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

/// How an end-to-end test starts the window on a real hub: a profile bound
/// with `deskctl hub sign-in --no-keyring` (CI has no keyring across
/// processes) as APPROVAL_DESK_DB, and the password in
/// APPROVAL_DESK_HUB_PASSWORD; the window syncs with that hub, no demo.
#[test]
fn the_app_on_a_bound_profile_syncs_with_its_hub() {
    let Some(xvfb) = display() else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let hub_db = format!("sqlite://{}", home.path().join("hub.sqlite3").display());
    // A case every second, one in four for the market's department.
    let mut hub = Command::new(workspace_binary("desk-hub"))
        .args(["--db", &hub_db, "--listen", "127.0.0.1:0", "--demo"])
        .args(["--demo-interval", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let url = {
        use std::io::BufRead;
        let stdout = hub.stdout.take().unwrap();
        let mut lines = std::io::BufReader::new(stdout).lines();
        loop {
            match lines.next() {
                Some(Ok(line)) => {
                    if let Some(url) = line.strip_prefix("listening on ") {
                        break url.trim().to_owned();
                    }
                }
                _ => {
                    let _ = hub.kill();
                    panic!("desk-hub did not say where it listens");
                }
            }
        }
    };
    let hub = App(hub);
    let profile = home.path().join("profile").join("desk.sqlite3");
    std::fs::create_dir_all(profile.parent().unwrap()).unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let deskctl = |args: &[&str], stdin: Option<&str>| {
        use std::io::Write;
        let mut child = Command::new(workspace_binary("deskctl"))
            .arg("--db")
            .arg(&profile)
            .args(args)
            .env_remove("APPROVAL_DESK_USER")
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
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "deskctl {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    let guide = fixtures.join("guides/food-business-licence.json");
    deskctl(&["guide", "import", guide.to_str().unwrap()], None);
    deskctl(
        &[
            "hub",
            "sign-in",
            "--url",
            &url,
            "--account",
            "officer-market",
            "--password-stdin",
            "--no-keyring",
        ],
        Some("demo-officer\n"),
    );
    let mut app = App(app_command(xvfb, home.path(), &profile, &[])
        .env("APPROVAL_DESK_HUB_PASSWORD", "demo-officer")
        .spawn()
        .unwrap());
    let status = synced(&mut app, &profile);
    assert_eq!(field(&status, "hub"), Some(url.as_str()), "{status}");
    assert!(
        !profile.parent().unwrap().join("demo").exists(),
        "a bound profile starts no demo"
    );
    drop(app);
    drop(hub);
}
