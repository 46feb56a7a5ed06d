//! `deskctl case …`, `deskctl sweep` and `deskctl bench cases` against a
//! real profile database, with the fixtures of tests/fixtures.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::{fixture, Profile};

impl Profile {
    fn list(&self, extra: &[&str]) -> Vec<String> {
        let mut args = vec!["case", "list"];
        args.extend_from_slice(extra);
        self.ok(&args).lines().map(str::to_owned).collect()
    }
}

const SINGLES: [&str; 4] = [
    "cases/food-single.json",
    "cases/fire-single.json",
    "cases/construction-single.json",
    "cases/environment-single.json",
];

#[test]
fn cases_are_received_bound_to_the_guide_in_force_and_listed_by_due_date() {
    let p = Profile::with_guides();
    for file in SINGLES {
        p.ok(&["case", "receive", &fixture(file)]);
    }
    let out = p.ok(&["case", "receive", &fixture("cases/restaurant-bundle.json")]);
    assert!(out.contains("bundle instance BI-2026-0001"), "{out}");
    let all = p.list(&[]);
    assert_eq!(all.len(), 7, "{all:?}");
    // Sorted by the acceptance deadline: the food case (1 working day from
    // 2026-03-02) comes first, the bundle (2026-03-04) after the singles
    // but before the construction permit (complex: 5 working days).
    assert!(
        all[0].starts_with("SX2026-000101\t610122-SCJG-XK-0001\treceived\t"),
        "{all:?}"
    );
    assert!(
        all.last().unwrap().starts_with("SX2026-000103\t"),
        "{all:?}"
    );
    let food = p.list(&["--item", "610122-SCJG-XK-0001"]);
    assert_eq!(food.len(), 2);
    let soon = p.list(&["--due-before", "2026-03-04T12:00:00+08:00"]);
    assert_eq!(soon.len(), 2, "{soon:?}");
    assert!(p.list(&["--state", "in_review"]).is_empty());
    p.fails(&["case", "list", "--state", "dreaming"]);

    // The same file twice: refused, nothing changes.
    let err = p.fails(&["case", "receive", &fixture("cases/food-single.json")]);
    assert!(err.contains("already stored"), "{err}");
    assert_eq!(p.list(&[]).len(), 7);
}

#[test]
fn bad_transfers_are_rejected_and_nothing_is_stored() {
    let p = Profile::with_guides();
    let err = p.fails(&["case", "receive", &fixture("cases/bad/unknown-item.json")]);
    assert!(err.contains("610122-XX-XK-9999"), "{err}");
    let err = p.fails(&["case", "receive", &fixture("cases/bad/malformed.json")]);
    assert!(err.contains("not valid JSON"), "{err}");
    let err = p.fails(&["case", "receive", &fixture("cases/bad/before-guide.json")]);
    assert!(err.contains("no published guide in force"), "{err}");
    assert!(p.list(&[]).is_empty());

    // A batch with one bad transfer stores none of them.
    let good: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture("cases/fire-single.json")).unwrap())
            .unwrap();
    let bad: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixture("cases/bad/unknown-item.json")).unwrap(),
    )
    .unwrap();
    let mixed = p.dir.path().join("mixed.json");
    std::fs::write(&mixed, serde_json::to_string(&[good, bad]).unwrap()).unwrap();
    p.fails(&["case", "receive", mixed.to_str().unwrap()]);
    assert!(p.list(&[]).is_empty());
}

#[test]
fn a_case_runs_its_happy_path_with_outbox_and_audit() {
    let p = Profile::with_guides();
    p.ok(&["case", "receive", &fixture("cases/food-single.json")]);
    let show = p.ok(&["case", "show", "SX2026-000101"]);
    assert!(show.contains("deadline: acceptance"), "{show}");
    let act = |action: &str, at: &str, extra: &[&str]| {
        let mut args = vec![
            "case",
            "act",
            "SX2026-000101",
            action,
            "--at",
            at,
            "--as",
            "李审批",
        ];
        args.extend_from_slice(extra);
        p.ok(&args)
    };
    assert!(act("accept", "2026-03-02T14:00:00+08:00", &[]).contains("in_review"));
    act(
        "complete_step",
        "2026-03-02T15:00:00+08:00",
        &["--step", "accept", "--opinion", "材料齐全"],
    );
    act(
        "complete_step",
        "2026-03-03T10:00:00+08:00",
        &["--step", "review", "--opinion", "符合条件"],
    );
    let out = act(
        "start_special_stage",
        "2026-03-03T11:00:00+08:00",
        &["--stage", "S01"],
    );
    assert!(out.contains("special_stage"), "{out}");
    act("end_special_stage", "2026-03-05T17:00:00+08:00", &[]);
    act(
        "complete_step",
        "2026-03-06T10:00:00+08:00",
        &["--step", "check", "--opinion", "核查通过"],
    );
    // A refused action names the rule and changes nothing.
    let err = p.fails(&[
        "case",
        "act",
        "SX2026-000101",
        "release",
        "--at",
        "2026-03-06T11:00:00+08:00",
    ]);
    assert!(err.contains("SX2026-000101"), "{err}");
    act(
        "decide",
        "2026-03-06T15:00:00+08:00",
        &["--outcome", "approved", "--opinion", "准予许可"],
    );
    act("prepare_result", "2026-03-09T09:00:00+08:00", &[]);
    act("push_result", "2026-03-09T10:00:00+08:00", &[]);
    act("deliver_paper", "2026-03-09T15:00:00+08:00", &[]);
    assert!(act("release", "2026-03-10T10:00:00+08:00", &[]).contains("released"));
    let show = p.ok(&["case", "show", "SX2026-000101"]);
    assert!(show.contains("state\treleased"), "{show}");
    assert!(show.contains("\"event\":\"result_pushed\""), "{show}");
    assert!(show.contains("deadline: processing"), "{show}");
    // Every transition went into the audit log.
    let audit = p.ok(&["audit", "verify"]);
    // Four items established by the guide imports, then every transition.
    assert!(audit.contains("15 entries"), "{audit}");
}

#[test]
fn the_sweep_deems_overdue_received_cases_accepted() {
    let p = Profile::with_guides();
    for file in SINGLES {
        p.ok(&["case", "receive", &fixture(file)]);
    }
    // 2026-03-03 noon: only the food and fire cases (received 03-02, one
    // working day) are overdue.
    let out = p.ok(&["sweep", "--now", "2026-03-03T12:00:00+08:00"]);
    assert!(out.contains("deemed accepted: 0 of 4"), "{out}");
    let out = p.ok(&["sweep", "--now", "2026-03-04T12:00:00+08:00"]);
    assert!(out.contains("deemed accepted: 2 of 4"), "{out}");
    let reviewed = p.list(&["--state", "in_review"]);
    assert_eq!(reviewed.len(), 2, "{reviewed:?}");
    let show = p.ok(&["case", "show", "SX2026-000102"]);
    assert!(show.contains("(deemed)"), "{show}");
    assert!(show.contains("deemed_acceptance"), "{show}");
    // Sweeping again finds nothing new.
    let out = p.ok(&["sweep", "--now", "2026-03-04T12:00:00+08:00"]);
    assert!(out.contains("deemed accepted: 0 of 2"), "{out}");
}

#[test]
fn the_bench_prints_its_three_figures() {
    let p = Profile::empty();
    let out = p.ok(&["bench", "cases", "--count", "200"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines.iter().any(|l| l.starts_with("ingest: 200 cases")),
        "{out}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("inbox: one page of 50")),
        "{out}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("sweep: 200 received cases")),
        "{out}"
    );
}

#[test]
fn with_a_department_workflow_cases_are_assigned_in_turn_and_only_the_right_people_act() {
    let p = Profile::with_guides();
    let bad = p.dir.path().join("bad-workflow.json");
    std::fs::write(
        &bad,
        std::fs::read_to_string(fixture("departments/market-regulation.json"))
            .unwrap()
            .replace(
                "\"urge_interval_minutes\": 240",
                "\"urge_interval_minutes\": 0",
            ),
    )
    .unwrap();
    assert!(p
        .fails(&["department", "set", bad.to_str().unwrap()])
        .contains("urge_interval_minutes"));
    p.ok(&[
        "department",
        "set",
        &fixture("departments/market-regulation.json"),
    ]);
    p.ok(&["case", "receive", &fixture("cases/food-single.json")]);
    assert!(p
        .ok(&["case", "show", "SX2026-000101"])
        .contains("\"event\":\"assigned\",\"to\":\"张三\""));

    let act = |who: &str, action: &str, at: &str, extra: &[&str]| {
        let mut args = vec![
            "case",
            "act",
            "SX2026-000101",
            action,
            "--at",
            at,
            "--as",
            who,
        ];
        args.extend_from_slice(extra);
        p.run(&args)
    };
    let stranger = act("李四", "accept", "2026-03-02T14:00:00+08:00", &[]);
    assert!(!stranger.status.success(), "only the holder accepts");
    assert!(act("张三", "accept", "2026-03-02T14:00:00+08:00", &[])
        .status
        .success());
    // 李四 stands in for 张三 during the delegation window, and it shows.
    let delegated = act(
        "李四",
        "complete_step",
        "2026-03-09T10:00:00+08:00",
        &["--step", "accept", "--opinion", "材料齐全"],
    );
    assert!(
        delegated.status.success(),
        "{}",
        String::from_utf8_lossy(&delegated.stderr)
    );
    assert!(p
        .ok(&["case", "show", "SX2026-000101"])
        .contains("李四（代张三）"));
    // Urging is the supervisor's, and not twice within the interval.
    let officer = act(
        "张三",
        "urge",
        "2026-03-09T11:00:00+08:00",
        &["--note", "请加快"],
    );
    assert!(!officer.status.success());
    assert!(act(
        "孙科长",
        "urge",
        "2026-03-09T11:00:00+08:00",
        &["--note", "请加快"]
    )
    .status
    .success());
    assert!(!act(
        "孙科长",
        "urge",
        "2026-03-09T12:00:00+08:00",
        &["--note", "再催"]
    )
    .status
    .success());
    let moved = act(
        "孙科长",
        "reassign",
        "2026-03-09T13:00:00+08:00",
        &["--to", "李四", "--reason", "工作调整"],
    );
    assert!(
        moved.status.success(),
        "{}",
        String::from_utf8_lossy(&moved.stderr)
    );
    assert!(p
        .ok(&["case", "list", "--officer", "李四"])
        .contains("SX2026-000101"));
}

#[test]
fn the_bundle_view_says_which_result_waits_on_what() {
    let p = Profile::with_guides();
    p.ok(&["case", "receive", &fixture("cases/restaurant-bundle.json")]);
    let status = p.ok(&["bundle", "status", "BI-2026-0001"]);
    assert_eq!(status.matches("not decided").count(), 3, "{status}");
    let act = |number: &str, action: &str, at: &str, extra: &[&str]| {
        let mut args = vec!["case", "act", number, action, "--at", at];
        args.extend_from_slice(extra);
        p.ok(&args)
    };
    // The food licence decides at once under the tolerance mechanism …
    act("SX2026-000201", "accept", "2026-03-04T10:00:00+08:00", &[]);
    act(
        "SX2026-000201",
        "complete_step",
        "2026-03-04T11:00:00+08:00",
        &["--step", "accept", "--opinion", "齐全"],
    );
    act(
        "SX2026-000201",
        "complete_step",
        "2026-03-05T11:00:00+08:00",
        &["--step", "review", "--opinion", "符合"],
    );
    act(
        "SX2026-000201",
        "start_special_stage",
        "2026-03-05T12:00:00+08:00",
        &["--stage", "S01"],
    );
    act(
        "SX2026-000201",
        "end_special_stage",
        "2026-03-06T12:00:00+08:00",
        &[],
    );
    act(
        "SX2026-000201",
        "complete_step",
        "2026-03-06T15:00:00+08:00",
        &["--step", "check", "--opinion", "通过"],
    );
    act(
        "SX2026-000201",
        "decide",
        "2026-03-09T10:00:00+08:00",
        &["--outcome", "approved", "--opinion", "准予"],
    );
    // … but its result waits on the fire safety inspection.
    let status = p.ok(&["bundle", "status", "BI-2026-0001"]);
    let food = status
        .lines()
        .find(|l| l.starts_with("610122-SCJG-XK-0001"))
        .unwrap();
    assert!(
        food.contains("approved") && food.contains("withheld: waits on 610122-XF-XK-0001 pending"),
        "{status}"
    );
    // The environmental record has no prerequisite: once decided it is releasable.
    act("SX2026-000203", "accept", "2026-03-04T10:00:00+08:00", &[]);
    act(
        "SX2026-000203",
        "decide",
        "2026-03-04T11:00:00+08:00",
        &["--outcome", "approved", "--opinion", "予以备案"],
    );
    let status = p.ok(&["bundle", "status", "BI-2026-0001"]);
    let env = status
        .lines()
        .find(|l| l.starts_with("610122-STHJ-BA-0001"))
        .unwrap();
    assert!(env.ends_with("releasable"), "{status}");
}

#[test]
fn once_roles_are_granted_every_command_goes_through_the_permission_check() {
    let p = Profile::with_guides();
    p.ok(&["case", "receive", &fixture("cases/food-single.json")]);
    // The installation's first administrator, then the department's people.
    p.ok(&[
        "role",
        "grant",
        "root",
        "department_admin",
        "--as",
        "installer",
    ]);
    let market = "蓝田县市场监督管理局";
    let housing = "蓝田县住房和城乡建设局";
    p.ok(&[
        "role",
        "grant",
        "张三",
        "officer",
        "--department",
        market,
        "--as",
        "root",
    ]);
    p.ok(&[
        "role",
        "grant",
        "编辑甲",
        "guide_editor",
        "--department",
        market,
        "--as",
        "root",
    ]);
    p.ok(&[
        "role",
        "grant",
        "编辑乙",
        "guide_editor",
        "--department",
        housing,
        "--as",
        "root",
    ]);

    let food = fixture("guides/food-business-licence.json");
    let later = "2030-01-01T00:00:00+08:00";
    let denied = p.fails(&[
        "guide",
        "import",
        &food,
        "--effective-from",
        later,
        "--as",
        "张三",
    ]);
    assert!(denied.contains("access_no_role"), "{denied}");
    let denied = p.fails(&[
        "guide",
        "import",
        &food,
        "--effective-from",
        later,
        "--as",
        "编辑乙",
    ]);
    assert!(denied.contains("access_out_of_scope"), "{denied}");
    p.ok(&[
        "guide",
        "import",
        &food,
        "--effective-from",
        later,
        "--as",
        "编辑甲",
    ]);

    let act = |who: &str| {
        p.run(&[
            "case",
            "act",
            "SX2026-000101",
            "accept",
            "--at",
            "2026-03-02T14:00:00+08:00",
            "--as",
            who,
        ])
    };
    assert!(
        !act("编辑甲").status.success(),
        "a guide editor does no case work"
    );
    assert!(!act("陌生人").status.success(), "no grant, no work");
    assert!(act("张三").status.success());

    // An officer of another department never sees the case.
    p.ok(&[
        "role",
        "grant",
        "李住建",
        "officer",
        "--department",
        housing,
        "--as",
        "root",
    ]);
    assert!(p
        .ok(&["case", "list", "--as", "张三"])
        .contains("SX2026-000101"));
    assert!(!p
        .ok(&["case", "list", "--as", "李住建"])
        .contains("SX2026-000101"));
    let hidden = p.fails(&["case", "show", "SX2026-000101", "--as", "李住建"]);
    assert!(hidden.contains("access_out_of_scope"), "{hidden}");

    let calendar = p.fails(&[
        "calendar",
        "import",
        &fixture("../../crates/core/data/holidays/2026.json"),
        "--as",
        "张三",
    ]);
    assert!(calendar.contains("access_no_role"), "{calendar}");
}

/// A refused command leaves its code in the profile's rolling log (the
/// window has no console; deskctl logs the same way), never its arguments.
#[test]
fn a_refused_command_is_logged_with_its_code_beside_the_profile() {
    let profile = Profile::with_guides();
    let stderr = profile.fails(&["case", "act", "SX2026-999999", "accept", "--as", "张三"]);
    assert!(stderr.contains("(not_found)"), "{stderr}");
    let logs = profile.dir.path().join("logs");
    let text: String = std::fs::read_dir(&logs)
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    assert!(text.contains("code=\"not_found\""), "{text}");
    assert!(text.contains("deskctl case failed"), "{text}");
    assert!(
        !text.contains("SX2026-999999"),
        "the arguments stay out of the log: {text}"
    );
}

/// `case show` explains in Chinese what went wrong and where each open
/// step stands against its maximum time (Art 6).
#[test]
fn case_show_explains_violations_and_step_limits_in_chinese() {
    let p = Profile::with_guides();
    p.ok(&["case", "receive", &fixture("cases/food-single.json")]);
    let act = |action: &str, at: &str, extra: &[&str]| {
        let mut args = vec!["case", "act", "SX2026-000101", action, "--at", at];
        args.extend_from_slice(extra);
        p.ok(&args)
    };
    act("accept", "2026-03-02T10:00:00+08:00", &[]);
    act(
        "complete_step",
        "2026-03-02T11:00:00+08:00",
        &["--step", "accept", "--opinion", "材料齐全"],
    );
    // The review (at most 4 working days from 2 Mar) is due by 6 Mar: long
    // past today, so the officer sees it overdue before completing it.
    let show = p.ok(&["case", "show", "SX2026-000101"]);
    assert!(show.contains("steps (环节时限):"), "{show}");
    let review = show
        .lines()
        .find(|l| l.trim_start().starts_with("review\t"))
        .unwrap_or_default();
    assert!(review.contains("2026-03-06 24:00"), "{show}");
    assert!(review.contains("已超时"), "{show}");
    act(
        "complete_step",
        "2026-03-12T11:00:00+08:00",
        &["--step", "review", "--opinion", "审查通过"],
    );
    let show = p.ok(&["case", "show", "SX2026-000101"]);
    assert!(show.contains("violations (效能问题):"), "{show}");
    assert!(
        show.contains("流程环节“review”超过环节最长时限（2026-03-06 24:00）完成（第六条）"),
        "{show}"
    );
    // The site survey is next; the check step waits for it, so no step
    // with a limit is ready: none is listed.
    assert!(!show.contains("steps (环节时限):"), "{show}");
}

#[test]
fn the_inbox_bench_seeds_a_profile_times_its_inbox_and_case_list_pages_on() {
    let p = Profile::empty();
    let out = p.ok(&["bench", "seed-inbox", "--cases", "120"]);
    assert!(out.contains("seeded: 120 cases"), "{out}");
    let out = p.ok(&["bench", "inbox", "--depth", "60", "--runs", "1"]);
    assert!(out.starts_with("inbox of 120 cases"), "{out}");
    for label in [
        "first page\t50\t120\t",
        "page after the scroll\t50\t120\t",
        "state in_review\t",
        "assigned to me\t",
        "overdue\t",
        "search ",
        "count of all (store)\t0\t120\t",
    ] {
        assert!(out.lines().any(|l| l.starts_with(label)), "{label}: {out}");
    }

    // The list a page at a time: the next page starts after the last case
    // listed, and the pages make the whole list.
    let whole = p.list(&["--limit", "200"]);
    assert_eq!(whole.len(), 120);
    let first = p.run(&["case", "list", "--limit", "70"]);
    let stderr = String::from_utf8_lossy(&first.stderr);
    let last = whole[69].split('\t').next().unwrap();
    assert!(
        stderr.contains(&format!("70 of 120 cases; the next page: --after {last}")),
        "{stderr}"
    );
    let rest = p.list(&["--limit", "70", "--after", last]);
    assert_eq!(rest, whole[70..]);
    let overdue = p.list(&["--overdue", "--limit", "200"]);
    assert!(!overdue.is_empty() && overdue.len() < 120);
    p.fails(&["case", "list", "--limit", "500"]);
    p.fails(&["case", "list", "--after", "NO-SUCH-CASE"]);
}
