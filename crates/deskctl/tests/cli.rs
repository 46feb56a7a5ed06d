//! `deskctl` as scripts use it: exact output forms, exit codes and errors.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Profile {
    _dir: tempfile::TempDir,
    db: PathBuf,
}

fn profile() -> Profile {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.sqlite3");
    Profile { _dir: dir, db }
}

fn deskctl(profile: &Profile, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deskctl"))
        .arg("--db")
        .arg(&profile.db)
        .args(args)
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn deadline_json(profile: &Profile, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["deadline", "--json"];
    all.extend_from_slice(args);
    let output = deskctl(profile, &all);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).unwrap()
}

/// A made-up but well-formed 2027 notice, so the import path can be tested
/// before the real one is published.
const TEST_2027: &str = r#"{
  "year": 2027,
  "papers": ["测试用：国务院办公厅关于2027年部分节假日安排的通知"],
  "days": [
    {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
    {"name": "元旦", "date": "2027-01-02", "isOffDay": true},
    {"name": "元旦", "date": "2027-01-03", "isOffDay": true},
    {"name": "元旦", "date": "2027-01-04", "isOffDay": true},
    {"name": "春节", "date": "2027-02-05", "isOffDay": true},
    {"name": "春节", "date": "2027-02-06", "isOffDay": true},
    {"name": "春节", "date": "2027-02-07", "isOffDay": true},
    {"name": "春节", "date": "2027-02-08", "isOffDay": true},
    {"name": "清明节", "date": "2027-04-05", "isOffDay": true},
    {"name": "劳动节", "date": "2027-05-01", "isOffDay": true},
    {"name": "劳动节", "date": "2027-05-02", "isOffDay": true},
    {"name": "端午节", "date": "2027-06-09", "isOffDay": true},
    {"name": "中秋节", "date": "2027-09-15", "isOffDay": true},
    {"name": "国庆节", "date": "2027-10-01", "isOffDay": true},
    {"name": "国庆节", "date": "2027-10-02", "isOffDay": true},
    {"name": "国庆节", "date": "2027-10-03", "isOffDay": true},
    {"name": "元旦", "date": "2027-01-09", "isOffDay": false}
  ]
}"#;

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn calendar_days_prints_one_tab_separated_line_per_day() {
    let p = profile();
    let output = deskctl(
        &p,
        &[
            "calendar",
            "days",
            "--from",
            "2024-02-03",
            "--to",
            "2024-02-05",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "2024-02-03\trestday\n2024-02-04\tworkday\t春节\n2024-02-05\tworkday\n"
    );
    let output = deskctl(
        &p,
        &[
            "calendar",
            "days",
            "--from",
            "2024-02-10",
            "--to",
            "2024-02-10",
        ],
    );
    assert_eq!(stdout(&output), "2024-02-10\trestday\t春节\n");
}

#[test]
fn provisional_days_are_labelled() {
    let p = profile();
    let output = deskctl(
        &p,
        &[
            "calendar",
            "days",
            "--from",
            "2027-01-01",
            "--to",
            "2027-01-01",
        ],
    );
    assert!(output.status.success());
    assert_eq!(stdout(&output), "2027-01-01\trestday\t元旦\tprovisional\n");
    assert!(stderr(&output).contains("provisional"));
}

#[test]
fn deadline_json_gives_the_last_day_and_the_due_instant() {
    let p = profile();
    let json = deadline_json(
        &p,
        &[
            "--start",
            "2026-09-30T10:00:00+08:00",
            "--working-days",
            "3",
        ],
    );
    assert_eq!(json["last_day"], "2026-10-10");
    assert_eq!(json["due"], "2026-10-11T00:00:00+08:00");
    assert_eq!(json["provisional"], false);
    let json = deadline_json(
        &p,
        &[
            "--start",
            "2026-09-07T09:00:00+08:00",
            "--natural-days",
            "30",
        ],
    );
    assert_eq!(json["last_day"], "2026-10-08");
}

#[test]
fn a_period_into_an_unpublished_year_needs_provisional_and_is_then_labelled() {
    let p = profile();
    let refused = deskctl(
        &p,
        &[
            "deadline",
            "--start",
            "2026-12-30T10:00:00+08:00",
            "--working-days",
            "3",
            "--json",
        ],
    );
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("2027"), "{}", stderr(&refused));
    let json = deadline_json(
        &p,
        &[
            "--start",
            "2026-12-30T10:00:00+08:00",
            "--working-days",
            "3",
            "--provisional",
        ],
    );
    assert_eq!(json["provisional"], true);
    assert_eq!(json["last_day"], "2027-01-05");
}

#[test]
fn importing_a_year_replaces_the_provisional_days_and_a_bad_file_changes_nothing() {
    let p = profile();
    let dir = p.db.parent().unwrap().to_path_buf();
    let bad = write(
        &dir,
        "bad.json",
        &TEST_2027.replace("2027-01-09", "2027-01-11"),
    );
    let output = deskctl(&p, &["calendar", "import", bad.to_str().unwrap()]);
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("days[16].isOffDay"),
        "{}",
        stderr(&output)
    );
    let still = deadline_json(
        &p,
        &[
            "--start",
            "2026-12-30T10:00:00+08:00",
            "--working-days",
            "3",
            "--provisional",
        ],
    );
    assert_eq!(still["provisional"], true);

    let good = write(&dir, "2027.json", TEST_2027);
    let output = deskctl(&p, &["calendar", "import", good.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    // Now official: 1–4 Jan rest, no --provisional needed; 31 Dec, 5 and 6 Jan count.
    let json = deadline_json(
        &p,
        &[
            "--start",
            "2026-12-30T10:00:00+08:00",
            "--working-days",
            "3",
        ],
    );
    assert_eq!(json["provisional"], false);
    assert_eq!(json["last_day"], "2027-01-06");
    let output = deskctl(
        &p,
        &[
            "calendar",
            "days",
            "--from",
            "2027-01-09",
            "--to",
            "2027-01-09",
        ],
    );
    assert_eq!(stdout(&output), "2027-01-09\tworkday\t元旦\n");
}

#[test]
fn explain_lists_the_days_with_their_reasons() {
    let p = profile();
    let output = deskctl(
        &p,
        &[
            "deadline",
            "--start",
            "2026-11-02T10:00:00+08:00",
            "--working-days",
            "10",
            "--pause",
            "2026-11-04T14:00:00+08:00/2026-11-09T11:00:00+08:00#现场勘察",
            "--explain",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("2026-11-05 星期四  暂停计时（现场勘察）"),
        "{text}"
    );
    assert!(text.contains("期限届满：2026-11-19"), "{text}");
}

#[test]
fn an_open_pause_leaves_the_deadline_unknown() {
    let p = profile();
    let json = deadline_json(
        &p,
        &[
            "--start",
            "2026-11-02T10:00:00+08:00",
            "--working-days",
            "10",
            "--pause",
            "2026-11-04T14:00:00+08:00/#专家论证",
        ],
    );
    assert_eq!(json["outcome"], "suspended");
    assert_eq!(json["last_day"], serde_json::Value::Null);
    assert_eq!(json["remaining_days"], 8);
}

#[test]
fn bad_input_gets_a_clear_error_and_a_non_zero_exit() {
    let p = profile();
    for (args, expected) in [
        (
            vec![
                "deadline",
                "--start",
                "2019-12-30T10:00:00+08:00",
                "--working-days",
                "3",
            ],
            "before 2020",
        ),
        (
            vec![
                "deadline",
                "--start",
                "2026-13-01T10:00:00+08:00",
                "--working-days",
                "3",
            ],
            "not an RFC 3339 instant",
        ),
        (
            vec![
                "deadline",
                "--start",
                "2026-11-02T10:00:00+08:00",
                "--working-days",
                "0",
            ],
            "at least one day",
        ),
        (
            vec![
                "calendar",
                "days",
                "--from",
                "2026-02-01",
                "--to",
                "2026-01-01",
            ],
            "reversed",
        ),
        (
            vec![
                "deadline",
                "--start",
                "2026-11-02T10:00:00+08:00",
                "--working-days",
                "3",
                "--pause",
                "2026-11-05T10:00:00+08:00/2026-11-04T10:00:00+08:00",
            ],
            "ends",
        ),
    ] {
        let output = deskctl(&p, &args);
        assert!(!output.status.success(), "{args:?} should fail");
        assert!(
            stderr(&output).contains(expected),
            "{args:?}: {}",
            stderr(&output)
        );
    }
}

#[test]
fn the_profile_named_by_approval_desk_db_is_the_one_used_unless_db_is_given() {
    let by_env = profile();
    let by_flag = profile();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_deskctl"))
            .env("APPROVAL_DESK_DB", &by_env.db)
            .args(args)
            .output()
            .unwrap()
    };
    let output = run(&["hub", "status"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        by_env.db.exists(),
        "the app's variable names deskctl's profile too"
    );
    let flag = by_flag.db.to_str().unwrap();
    let output = run(&["--db", flag, "hub", "status"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(by_flag.db.exists(), "--db wins over the variable");
}
