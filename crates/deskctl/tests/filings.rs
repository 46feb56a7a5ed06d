//! `deskctl role …` and `deskctl filing …`, and the effect of an approved
//! serial-approval filing on `deskctl case act`, against a real profile.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
use common::{fixture, Profile};

use std::process::Output;

use approval_core::access::{Grant, Role, Scope};

const FOOD: &str = "蓝田县市场监督管理局";
const FIRE: &str = "蓝田县消防救援大队";
const ENV: &str = "西安市生态环境局蓝田分局";
const BUILD: &str = "蓝田县住房和城乡建设局";

impl Profile {
    /// The guides, the restaurant bundle, and the people: a bootstrap admin
    /// who grants the officers; the managers are appointed at installation
    /// (outside the app: `authorize` never lets a manager role be granted),
    /// here written straight into the store.
    fn new() -> Self {
        Self::with_cases(&[])
    }

    /// As [`Profile::new`], with the construction permit's guide too and
    /// the transfers `cases` (fixture files, or files written by `prepare`
    /// into the profile's folder) received before anyone is granted a role.
    fn with_cases(cases: &[&str]) -> Self {
        Self::with_cases_prepared(cases, |_| Vec::new())
    }

    fn with_cases_prepared(cases: &[&str], prepare: impl Fn(&Self) -> Vec<String>) -> Self {
        let p = Self::with_guides();
        for case in cases {
            p.ok(&["case", "receive", &fixture(case)]);
        }
        for file in prepare(&p) {
            p.ok(&["case", "receive", &file]);
        }

        let out = p.ok(&[
            "role",
            "grant",
            "管理员",
            "department_admin",
            "--as",
            "installer",
        ]);
        assert!(out.contains("first grant"), "{out}");
        let grant = |person: &str, department: &str| {
            p.ok(&[
                "role",
                "grant",
                person,
                "officer",
                "--department",
                department,
                "--as",
                "管理员",
            ])
        };
        grant("王科员", FOOD);
        grant("孙科长", FOOD);
        grant("赵消防", FIRE);
        grant("周环保", ENV);
        grant("吴环保", ENV);
        grant("郑住建", BUILD);
        // Only the installation's administrator appoints managers.
        p.ok(&[
            "role",
            "grant",
            "科室管理员",
            "department_admin",
            "--department",
            FOOD,
            "--as",
            "管理员",
        ]);
        let err = p.fails(&[
            "role",
            "grant",
            "钱科长",
            "manager",
            "--department",
            FOOD,
            "--as",
            "科室管理员",
        ]);
        assert!(err.contains("access_role_not_grantable"), "{err}");
        p.ok(&[
            "role",
            "grant",
            "食品科经理",
            "manager",
            "--department",
            FOOD,
            "--as",
            "管理员",
        ]);
        let err = p.fails(&["role", "grant", "钱科长", "officer", "--as", "王科员"]);
        assert!(err.contains("access_wrong_target"), "{err}");
        let err = p.fails(&[
            "role",
            "grant",
            "钱科长",
            "officer",
            "--department",
            FOOD,
            "--as",
            "王科员",
        ]);
        assert!(err.contains("access_no_role"), "{err}");

        let db = p.db();
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(async {
                let db = approval_store::Database::open(&db).await.unwrap();
                for person in ["孙科长", "钱科长"] {
                    let at =
                        chrono::DateTime::parse_from_rfc3339("2026-01-01T09:00:00+08:00").unwrap();
                    db.grant(
                        &Grant::new(person, Role::Manager, Scope::All),
                        "installer",
                        at,
                    )
                    .await
                    .unwrap();
                }
                db.close().await;
            });
        let roles = p.ok(&["role", "list"]);
        assert!(roles.contains("管理员\tdepartment_admin\t*"), "{roles}");
        assert!(
            roles.contains(&format!("王科员\tofficer\t{FOOD}")),
            "{roles}"
        );
        p
    }

    fn submit_serial(&self, id: &str, by: &str, department: &str) -> Output {
        self.submit_serial_replacing(id, by, department, None)
    }

    fn submit_serial_replacing(
        &self,
        id: &str,
        by: &str,
        department: &str,
        replaces: Option<&str>,
    ) -> Output {
        let note = self.write("说明.txt", "消防验收不合格则无法审查");
        let file = self.write(
            &format!("{id}.json"),
            &serde_json::json!({
                "id": id,
                "department": department,
                "subject": {
                    "type": "serial_approval",
                    "bundle_code": "610122-TC-0001",
                    "prerequisite": "610122-XF-XK-0001",
                    "dependent": "610122-SCJG-XK-0001",
                    "ground": "review_cannot_start",
                    "explanation": "未通过消防安全检查的场所不能开展食品经营许可审查"
                },
                "replaces": replaces,
                "attachments": [note]
            })
            .to_string(),
        );
        self.run(&[
            "filing",
            "submit",
            &file,
            "--as",
            by,
            "--at",
            "2026-03-03T09:00:00+08:00",
        ])
    }

    fn act(&self, number: &str, action: &str, at: &str, extra: &[&str]) -> Output {
        let mut args = vec!["case", "act", number, action, "--at", at];
        args.extend_from_slice(extra);
        self.run(&args)
    }

    /// Runs a case of the bundle through to its decision point.
    fn to_decision(&self, number: &str) {
        let steps: [(&str, &str, &[&str]); 6] = [
            ("accept", "2026-03-04T10:00:00+08:00", &[]),
            (
                "complete_step",
                "2026-03-04T11:00:00+08:00",
                &["--step", "accept", "--opinion", "齐全"],
            ),
            (
                "complete_step",
                "2026-03-05T11:00:00+08:00",
                &["--step", "review", "--opinion", "符合"],
            ),
            (
                "start_special_stage",
                "2026-03-05T12:00:00+08:00",
                &["--stage", "S01"],
            ),
            ("end_special_stage", "2026-03-06T12:00:00+08:00", &[]),
            (
                "complete_step",
                "2026-03-06T15:00:00+08:00",
                &["--step", "check", "--opinion", "通过"],
            ),
        ];
        for (action, at, extra) in steps {
            let mut args = vec!["--as", officer_of(number)];
            args.extend_from_slice(extra);
            let out = self.act(number, action, at, &args);
            assert!(
                out.status.success(),
                "{number} {action}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }

    fn decide(&self, number: &str, at: &str) -> Output {
        self.act(
            number,
            "decide",
            at,
            &[
                "--outcome",
                "approved",
                "--opinion",
                "准予",
                "--as",
                officer_of(number),
            ],
        )
    }
}

const FOOD_CASE: &str = "SX2026-000201";
const FIRE_CASE: &str = "SX2026-000202";

/// The officer of the department that handles case `number` of the bundle.
fn officer_of(number: &str) -> &'static str {
    if number == FIRE_CASE {
        "赵消防"
    } else {
        "王科员"
    }
}

#[test]
fn before_approval_the_food_licence_decides_at_once() {
    let p = Profile::with_cases(&["cases/restaurant-bundle.json"]);
    assert!(p.submit_serial("BA-1", "王科员", FOOD).status.success());
    let list = p.ok(&["filing", "list", "--as", "钱科长"]);
    assert_eq!(
        list.trim(),
        format!("BA-1\tserial_approval\t{FOOD}\tsubmitted\t王科员")
    );
    p.to_decision(FOOD_CASE);
    assert!(p
        .decide(FOOD_CASE, "2026-03-09T10:00:00+08:00")
        .status
        .success());
}

#[test]
fn an_approved_serial_filing_holds_the_food_licence_until_the_fire_inspection_decides() {
    let p = Profile::with_cases(&["cases/restaurant-bundle.json"]);
    let submitted = p.submit_serial("BA-1", "王科员", FOOD);
    assert!(submitted.status.success());
    let show = p.ok(&["filing", "show", "BA-1", "--as", "钱科长"]);
    let shown: serde_json::Value = serde_json::from_str(&show).unwrap();
    assert_eq!(shown["attachments"][0]["file_name"], "说明.txt");
    assert_eq!(shown["attachments"][0]["media_type"], "text/plain");
    assert_eq!(
        shown["attachments"][0]["sha256_hex"]
            .as_str()
            .unwrap()
            .len(),
        64
    );
    assert_eq!(shown["history"].as_array().unwrap().len(), 1);

    // An officer of another department is refused; nothing is stored.
    let out = p.submit_serial("BA-9", "赵消防", FOOD);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("access_out_of_scope"), "{err}");
    assert!(!p.ok(&["filing", "list", "--as", "钱科长"]).contains("BA-9"));

    // A manager cannot decide a filing of their own.
    assert!(p.submit_serial("BA-2", "孙科长", FOOD).status.success());
    let err = p.fails(&["filing", "decide", "BA-2", "approve", "--as", "孙科长"]);
    assert!(err.contains("access_own_filing"), "{err}");
    assert!(err.contains("本人提交的备案"), "{err}");
    // A rejection needs a comment.
    let err = p.fails(&["filing", "decide", "BA-2", "reject", "--as", "钱科长"]);
    assert!(err.contains("filing_comment_required"), "{err}");
    p.ok(&[
        "filing",
        "decide",
        "BA-2",
        "reject",
        "--comment",
        "重复申报",
        "--as",
        "钱科长",
        "--at",
        "2026-03-03T09:30:00+08:00",
    ]);
    // An officer cannot decide.
    let err = p.fails(&["filing", "decide", "BA-1", "approve", "--as", "王科员"]);
    assert!(err.contains("access_no_role"), "{err}");

    let out = p.ok(&[
        "filing",
        "decide",
        "BA-1",
        "approve",
        "--comment",
        "同意串联",
        "--as",
        "孙科长",
        "--at",
        "2026-03-03T10:00:00+08:00",
    ]);
    assert!(out.contains("BA-1\tapproved"), "{out}");
    assert_eq!(
        p.ok(&["filing", "list", "--state", "approved", "--as", "钱科长"])
            .lines()
            .count(),
        1
    );
    // A decided filing is not decided again.
    let err = p.fails(&[
        "filing",
        "decide",
        "BA-1",
        "reject",
        "--comment",
        "x",
        "--as",
        "钱科长",
    ]);
    assert!(err.contains("filing_decided"), "{err}");

    p.to_decision(FOOD_CASE);
    let refused = p.decide(FOOD_CASE, "2026-03-09T10:00:00+08:00");
    assert!(
        !refused.status.success(),
        "the serial edge holds the food licence"
    );
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains(FOOD_CASE), "{err}");

    p.to_decision(FIRE_CASE);
    assert!(p
        .decide(FIRE_CASE, "2026-03-09T11:00:00+08:00")
        .status
        .success());
    assert!(p
        .decide(FOOD_CASE, "2026-03-09T12:00:00+08:00")
        .status
        .success());
}

/// The food licence's line of `deskctl case list`: its stored due.
fn listed_due(p: &Profile, number: &str) -> String {
    p.ok(&["case", "list", "--as", officer_of(number)])
        .lines()
        .find(|l| l.starts_with(number))
        .and_then(|l| l.split('\t').nth(3))
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_serial_wait_is_not_the_food_licences_time_and_a_late_fire_inspection_answers_for_itself() {
    let p = Profile::with_cases(&["cases/restaurant-bundle.json"]);
    assert!(p.submit_serial("BA-1", "王科员", FOOD).status.success());
    p.ok(&[
        "filing",
        "decide",
        "BA-1",
        "approve",
        "--comment",
        "同意串联",
        "--as",
        "孙科长",
        "--at",
        "2026-03-03T10:00:00+08:00",
    ]);
    p.to_decision(FOOD_CASE);
    // While the fire inspection has no result the licence's clock is held.
    let show = p.ok(&["case", "show", FOOD_CASE, "--as", "王科员"]);
    assert!(show.contains("串联审批：自2026-03-04 10:00起"), "{show}");
    assert!(show.contains("仍在等待"), "{show}");
    assert_eq!(listed_due(&p, FOOD_CASE), "-");

    // The fire inspection decides on 3-24, past its own deadline; the
    // licence decides that afternoon, past the deadline it would have had
    // without the wait, and is not late.
    p.to_decision(FIRE_CASE);
    assert!(p
        .decide(FIRE_CASE, "2026-03-24T10:00:00+08:00")
        .status
        .success());
    let fire = p.ok(&["case", "show", FIRE_CASE, "--as", "赵消防"]);
    assert!(
        fire.contains("violations"),
        "the fire inspection is late: {fire}"
    );
    // Its decision ends the licence's wait: the licence's clock runs again.
    assert_ne!(listed_due(&p, FOOD_CASE), "-");
    assert!(p
        .decide(FOOD_CASE, "2026-03-24T15:00:00+08:00")
        .status
        .success());
    let show = p.ok(&["case", "show", FOOD_CASE, "--as", "王科员"]);
    assert!(!show.contains("violations"), "{show}");
    assert!(show.contains("至2026-03-24 10:00止"), "{show}");
    assert!(
        show.contains("超期责任由“蓝田县消防救援大队”承担"),
        "{show}"
    );
}

#[test]
fn an_item_change_renames_the_item_only_once_approved() {
    let p = Profile::new();
    let file = p.write(
        "rename.json",
        &serde_json::json!({
            "id": "BG-1",
            "department": FOOD,
            "subject": {
                "type": "item_change",
                "item_code": "610122-SCJG-XK-0001",
                "change": {"change": "rename", "name": "食品经营许可（含小餐饮）"}
            },
            "reason": "目录调整"
        })
        .to_string(),
    );
    p.ok(&[
        "filing",
        "submit",
        &file,
        "--as",
        "王科员",
        "--at",
        "2026-03-03T09:00:00+08:00",
    ]);
    let list = p.ok(&["guide", "list", "--as", "王科员"]);
    assert!(!list.contains("食品经营许可（含小餐饮）"), "{list}");
    p.ok(&[
        "filing",
        "decide",
        "BG-1",
        "approve",
        "--as",
        "钱科长",
        "--at",
        "2026-03-03T10:00:00+08:00",
    ]);
    let list = p.ok(&["guide", "list", "--as", "王科员"]);
    assert!(list.contains("食品经营许可（含小餐饮）"), "{list}");
}

/// Submits the filing `subject` of `department` as `id`, by `by` at `at`.
fn submit_filing(
    p: &Profile,
    id: &str,
    department: &str,
    subject: serde_json::Value,
    by: &str,
    at: &str,
) -> Output {
    let file = p.write(
        &format!("{id}.json"),
        &serde_json::json!({"id": id, "department": department, "subject": subject}).to_string(),
    );
    p.run(&["filing", "submit", &file, "--as", by, "--at", at])
}

fn shown(p: &Profile, id: &str) -> serde_json::Value {
    serde_json::from_str(&p.ok(&["filing", "show", id, "--as", "钱科长"])).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const ENV_CASE: &str = "SX2026-000104";
const ENV_CASE_DELAYED: &str = "SX2026-000105";

/// The environmental record (submit → record (decision) → publish) twice,
/// decided on Wednesday 2026-03-04 and its result prepared.
fn decided_environment_cases() -> Profile {
    let p = Profile::with_cases_prepared(&["cases/environment-single.json"], |p| {
        let mut second: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(fixture("cases/environment-single.json")).unwrap(),
        )
        .unwrap();
        second["case_number"] = ENV_CASE_DELAYED.into();
        vec![p.write("environment-second.json", &second.to_string())]
    });
    for number in [ENV_CASE, ENV_CASE_DELAYED] {
        let steps: [(&str, &str, &[&str]); 3] = [
            ("accept", "2026-03-03T15:00:00+08:00", &[]),
            (
                "decide",
                "2026-03-04T11:00:00+08:00",
                &["--outcome", "approved", "--opinion", "予以备案"],
            ),
            ("prepare_result", "2026-03-04T12:00:00+08:00", &[]),
        ];
        for (action, at, extra) in steps {
            let mut args = vec!["--as", "周环保"];
            args.extend_from_slice(extra);
            let out = p.act(number, action, at, &args);
            assert!(out.status.success(), "{number} {action}: {}", stderr(&out));
        }
    }
    p
}

#[test]
fn a_result_delay_moves_the_paper_delivery_deadline_computed_from_the_decision() {
    let p = decided_environment_cases();
    let subject = |number: &str| {
        serde_json::json!({
            "type": "result_delay",
            "case_number": number,
            "reason": "证照印制设备故障",
            "new_date": "2026-03-11",
            // Whatever the file says, the deadline comes from the case.
            "result_deadline": "2026-12-31T00:00:00+08:00"
        })
    };
    // A case that is not stored has no decision to count from.
    let out = submit_filing(
        &p,
        "YQ-0",
        ENV,
        subject("SX2026-999999"),
        "周环保",
        "2026-03-05T09:00:00+08:00",
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("SX2026-999999"), "{}", stderr(&out));

    let out = submit_filing(
        &p,
        "YQ-1",
        ENV,
        subject(ENV_CASE_DELAYED),
        "周环保",
        "2026-03-05T09:00:00+08:00",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let filing = shown(&p, "YQ-1");
    // Decided Wednesday 2026-03-04 11:00: three working days on is the end
    // of Monday 2026-03-09 (24:00, i.e. 2026-03-10 00:00), not the file's value.
    assert_eq!(
        filing["subject"]["result_deadline"], "2026-03-10T00:00:00+08:00",
        "{filing}"
    );
    p.ok(&[
        "filing",
        "decide",
        "YQ-1",
        "approve",
        "--comment",
        "同意延期",
        "--as",
        "钱科长",
        "--at",
        "2026-03-05T10:00:00+08:00",
    ]);

    // Delivered on Tuesday 2026-03-10, after the standard deadline: late
    // without a filing, in time under the approved delay (to 2026-03-11 24:00).
    let late = p.act(
        ENV_CASE,
        "deliver_paper",
        "2026-03-10T10:00:00+08:00",
        &["--as", "周环保"],
    );
    assert!(late.status.success(), "{}", stderr(&late));
    let out = String::from_utf8_lossy(&late.stdout);
    assert!(out.contains("late_paper_delivery"), "{out}");
    let delayed = p.act(
        ENV_CASE_DELAYED,
        "deliver_paper",
        "2026-03-10T10:00:00+08:00",
        &["--as", "周环保"],
    );
    assert!(delayed.status.success(), "{}", stderr(&delayed));
    let out = String::from_utf8_lossy(&delayed.stdout);
    assert!(out.contains("paper_delivered"), "{out}");
    assert!(!out.contains("late_paper_delivery"), "{out}");
}

#[test]
fn an_approved_replacement_supersedes_the_filing_it_replaces() {
    let p = Profile::new();
    assert!(p.submit_serial("BA-1", "王科员", FOOD).status.success());
    p.ok(&[
        "filing",
        "decide",
        "BA-1",
        "approve",
        "--as",
        "孙科长",
        "--at",
        "2026-03-03T10:00:00+08:00",
    ]);
    let out = p.submit_serial_replacing("BA-3", "王科员", FOOD, Some("BA-1"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(shown(&p, "BA-3")["replaces"], "BA-1");
    // Until the replacement is approved the old filing stands.
    assert_eq!(shown(&p, "BA-1")["state"]["state"], "approved");
    p.ok(&[
        "filing",
        "decide",
        "BA-3",
        "approve",
        "--comment",
        "以新替旧",
        "--as",
        "钱科长",
        "--at",
        "2026-03-04T10:00:00+08:00",
    ]);
    let old = shown(&p, "BA-1");
    assert_eq!(old["state"]["state"], "superseded", "{old}");
    assert_eq!(old["state"]["by_filing"], "BA-3", "{old}");
    assert_eq!(shown(&p, "BA-3")["state"]["state"], "approved");
    let list = p.ok(&["filing", "list", "--state", "superseded", "--as", "钱科长"]);
    assert!(list.starts_with("BA-1\t"), "{list}");
}

#[test]
fn only_the_filer_withdraws_a_submitted_filing() {
    let p = Profile::new();
    assert!(p.submit_serial("BA-4", "王科员", FOOD).status.success());
    // Another officer of the department is not the filer.
    let err = p.fails(&[
        "filing",
        "withdraw",
        "BA-4",
        "--as",
        "孙科长",
        "--at",
        "2026-03-03T10:00:00+08:00",
    ]);
    assert!(err.contains("filing_not_filer"), "{err}");
    // An officer of another department is out of scope.
    let err = p.fails(&[
        "filing",
        "withdraw",
        "BA-4",
        "--as",
        "赵消防",
        "--at",
        "2026-03-03T10:00:00+08:00",
    ]);
    assert!(err.contains("access_out_of_scope"), "{err}");
    assert_eq!(shown(&p, "BA-4")["state"]["state"], "submitted");
    let out = p.ok(&[
        "filing",
        "withdraw",
        "BA-4",
        "--as",
        "王科员",
        "--at",
        "2026-03-03T10:00:00+08:00",
    ]);
    assert!(out.contains("BA-4\twithdrawn"), "{out}");
    assert_eq!(shown(&p, "BA-4")["state"]["state"], "withdrawn");
    // A withdrawn filing is not decided.
    let err = p.fails(&["filing", "decide", "BA-4", "approve", "--as", "钱科长"]);
    assert!(err.contains("filing_"), "{err}");
}

#[test]
fn a_revocation_needs_a_reason_and_is_kept_with_it() {
    let p = Profile::new();
    assert!(p.submit_serial("BA-5", "王科员", FOOD).status.success());
    p.ok(&[
        "filing",
        "decide",
        "BA-5",
        "approve",
        "--as",
        "孙科长",
        "--at",
        "2026-03-03T10:00:00+08:00",
    ]);
    let err = p.fails(&[
        "filing",
        "revoke",
        "BA-5",
        "--as",
        "钱科长",
        "--at",
        "2026-03-04T10:00:00+08:00",
    ]);
    assert!(err.contains("filing_reason_required"), "{err}");
    let err = p.fails(&[
        "filing",
        "revoke",
        "BA-5",
        "--reason",
        "情况变化",
        "--as",
        "王科员",
        "--at",
        "2026-03-04T10:00:00+08:00",
    ]);
    assert!(err.contains("access_no_role"), "{err}");
    let out = p.ok(&[
        "filing",
        "revoke",
        "BA-5",
        "--reason",
        "情况变化",
        "--as",
        "钱科长",
        "--at",
        "2026-03-04T10:00:00+08:00",
    ]);
    assert!(out.contains("BA-5\trevoked"), "{out}");
    let state = &shown(&p, "BA-5")["state"];
    assert_eq!(state["state"], "revoked", "{state}");
    assert_eq!(state["reason"], "情况变化", "{state}");
    assert_eq!(state["by"], "钱科长", "{state}");
    assert_eq!(state["approved_by"], "孙科长", "{state}");
}

#[test]
fn paper_is_asked_for_only_under_the_approved_paper_materials_filing_the_guide_names() {
    const CASE: &str = "SX2026-000103";
    let p = Profile::with_cases(&["cases/construction-single.json"]);
    let ask = |at: &str| {
        p.act(
            CASE,
            "request_correction",
            at,
            &[
                "--material",
                "M08",
                "--problem",
                "需核验原件",
                "--paper-material",
                "M08",
                "--as",
                "郑住建",
            ],
        )
    };
    let refused = ask("2026-03-03T10:00:00+08:00");
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("M08"), "{}", stderr(&refused));

    let subject = serde_json::json!({
        "type": "paper_materials",
        "item_code": "610122-ZJ-XK-0001",
        "material_id": "M08",
        "why_scanning_cannot_serve": "需现场核验原件"
    });
    let out = submit_filing(
        &p,
        "ZZBA-2026-0003",
        BUILD,
        subject,
        "郑住建",
        "2026-03-03T10:30:00+08:00",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // Submitted is not approved.
    let refused = ask("2026-03-03T11:00:00+08:00");
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("M08"), "{}", stderr(&refused));

    p.ok(&[
        "filing",
        "decide",
        "ZZBA-2026-0003",
        "approve",
        "--as",
        "钱科长",
        "--at",
        "2026-03-03T11:30:00+08:00",
    ]);
    let asked = ask("2026-03-03T12:00:00+08:00");
    assert!(asked.status.success(), "{}", stderr(&asked));
    let show = p.ok(&["case", "show", CASE, "--as", "钱科长"]);
    assert!(show.contains("correction_requested"), "{show}");
}

#[test]
fn an_expert_review_without_a_stated_duration_pauses_only_under_its_approved_filing() {
    const CASE: &str = "SX2026-000103";
    let p = Profile::with_cases(&["cases/construction-single.json"]);
    let officer = ["--as", "郑住建"];
    for (action, at, extra) in [
        ("accept", "2026-03-03T10:00:00+08:00", &[][..]),
        (
            "complete_step",
            "2026-03-03T11:00:00+08:00",
            &["--step", "accept", "--opinion", "受理"][..],
        ),
        (
            "complete_step",
            "2026-03-03T15:00:00+08:00",
            &["--step", "technical", "--opinion", "技术审查通过"][..],
        ),
    ] {
        let mut args = extra.to_vec();
        args.extend_from_slice(&officer);
        let out = p.act(CASE, action, at, &args);
        assert!(out.status.success(), "{action}: {}", stderr(&out));
    }
    let start = |at: &str| {
        p.act(
            CASE,
            "start_special_stage",
            at,
            &["--stage", "S01", "--as", "郑住建"],
        )
    };
    let refused = start("2026-03-04T09:00:00+08:00");
    assert!(!refused.status.success());
    assert!(
        stderr(&refused).contains("TSHJ-2026-0012"),
        "{}",
        stderr(&refused)
    );

    let subject = serde_json::json!({
        "type": "special_stage",
        "item_code": "610122-ZJ-XK-0001",
        "stage_id": "S01",
        "why_duration_cannot_be_stated": "省级专家库组织论证，时间由专家库安排"
    });
    let out = submit_filing(
        &p,
        "TSHJ-2026-0012",
        BUILD,
        subject,
        "郑住建",
        "2026-03-04T09:30:00+08:00",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    p.ok(&[
        "filing",
        "decide",
        "TSHJ-2026-0012",
        "approve",
        "--as",
        "钱科长",
        "--at",
        "2026-03-04T10:00:00+08:00",
    ]);
    let paused = start("2026-03-04T10:30:00+08:00");
    assert!(paused.status.success(), "{}", stderr(&paused));
    assert!(p
        .ok(&["case", "show", CASE, "--as", "钱科长"])
        .contains("special_stage"));
    let listed_due = || {
        p.ok(&["case", "list", "--as", "郑住建"])
            .lines()
            .find(|l| l.starts_with(CASE))
            .and_then(|l| l.split('\t').nth(3))
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(listed_due(), "-", "the expert review holds the clock");

    // Revoked while the review still runs: its pause ends at the
    // revocation and the clock runs again from there (Art 11).
    p.ok(&[
        "filing",
        "revoke",
        "TSHJ-2026-0012",
        "--reason",
        "专家库已可确定论证时间",
        "--as",
        "钱科长",
        "--at",
        "2026-03-10T09:00:00+08:00",
    ]);
    let show = p.ok(&["case", "show", CASE, "--as", "郑住建"]);
    assert!(show.contains("stage_pause_ended_by_revocation"), "{show}");
    assert!(
        show.contains("特殊环节备案TSHJ-2026-0012已于2026-03-10 09:00撤销"),
        "{show}"
    );
    assert!(show.contains("special_stage"), "the review itself goes on");
    assert_ne!(listed_due(), "-", "{show}");
}

const FOOD_ITEM: &str = "610122-SCJG-XK-0001";
const FIRE_ITEM: &str = "610122-XF-XK-0001";

#[test]
fn guides_are_read_only_within_the_reader_s_departments() {
    let p = Profile::new();
    let listed = p.ok(&["guide", "list", "--as", "王科员"]);
    assert!(listed.contains(FOOD_ITEM), "{listed}");
    assert!(!listed.contains(FIRE_ITEM), "{listed}");
    let listed = p.ok(&["guide", "list", "--as", "赵消防"]);
    assert!(
        listed.contains(FIRE_ITEM) && !listed.contains(FOOD_ITEM),
        "{listed}"
    );

    let exported = p.ok(&["guide", "export", FOOD_ITEM, "--as", "王科员"]);
    assert!(exported.contains("食品经营许可"), "{exported}");
    let err = p.fails(&["guide", "export", FIRE_ITEM, "--as", "王科员"]);
    assert!(err.contains("access_out_of_scope"), "{err}");
    let err = p.fails(&["guide", "export", FOOD_ITEM, "--as", "路人"]);
    assert!(err.contains("access_no_role"), "{err}");
}

#[test]
fn a_bundle_is_stored_only_by_an_editor_of_every_department_it_spans() {
    let p = Profile::new();
    let bundle = fixture("bundles/open-restaurant.json");
    let editor = |department: &str| {
        p.ok(&[
            "role",
            "grant",
            "指南编辑",
            "guide_editor",
            "--department",
            department,
            "--as",
            "管理员",
        ])
    };
    editor(FOOD);
    editor(FIRE);
    // Missing the environment bureau: refused, and the stored bundle stays.
    let err = p.fails(&["bundle", "import", &bundle, "--as", "指南编辑"]);
    assert!(err.contains("access_out_of_scope"), "{err}");
    assert!(err.contains(ENV), "{err}");
    let err = p.fails(&["bundle", "import", &bundle, "--as", "王科员"]);
    assert!(err.contains("access_no_role"), "{err}");

    editor(ENV);
    let out = p.ok(&["bundle", "import", &bundle, "--as", "指南编辑"]);
    assert!(out.contains("stored"), "{out}");
}

#[test]
fn the_bundle_status_shows_outcomes_to_its_departments_and_case_numbers_only_in_their_own() {
    let p = Profile::with_cases(&["cases/restaurant-bundle.json"]);
    let status = p.ok(&["bundle", "status", "BI-2026-0001", "--as", "王科员"]);
    let food_line = status.lines().find(|l| l.starts_with(FOOD_ITEM)).unwrap();
    assert!(food_line.contains(FOOD_CASE), "{status}");
    let fire_line = status.lines().find(|l| l.starts_with(FIRE_ITEM)).unwrap();
    assert!(fire_line.contains("(其他部门)"), "{status}");
    assert!(fire_line.contains("undecided"), "{status}");

    let err = p.fails(&["bundle", "status", "BI-2026-0001", "--as", "郑住建"]);
    assert!(err.contains("access_out_of_scope"), "{err}");
}
