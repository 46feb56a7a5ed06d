//! `deskctl role …` and `deskctl filing …`, and the effect of an approved
//! serial-approval filing on `deskctl case act`, against a real profile.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use approval_core::access::{Grant, Role, Scope};

const FOOD: &str = "蓝田县市场监督管理局";
const FIRE: &str = "蓝田县消防救援大队";

fn fixture(relative: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(relative)
        .to_str()
        .unwrap()
        .to_owned()
}

struct Profile {
    dir: tempfile::TempDir,
}

impl Profile {
    fn db(&self) -> PathBuf {
        self.dir.path().join("desk.sqlite3")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_deskctl"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .output()
            .unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "{args:?} failed:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    fn fails(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(!output.status.success(), "{args:?} should fail");
        assert_eq!(output.status.code(), Some(1));
        String::from_utf8_lossy(&output.stderr).into_owned()
    }

    fn write(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    }

    /// The guides, the restaurant bundle, and the people: a bootstrap admin
    /// who grants the officers; the managers are appointed at installation
    /// (outside the app: `authorize` never lets a manager role be granted),
    /// here written straight into the store.
    fn new() -> Self {
        let p = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        p.ok(&[
            "guide",
            "import",
            &fixture("guides/food-business-licence.json"),
        ]);
        for guide in [
            "guides/fire-safety-inspection.json",
            "guides/pollutant-discharge-registration.json",
        ] {
            p.ok(&[
                "guide",
                "import",
                &fixture(guide),
                "--effective-from",
                "2026-01-01T00:00:00+08:00",
            ]);
        }
        p.ok(&["bundle", "import", &fixture("bundles/open-restaurant.json")]);

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
        let err = p.fails(&[
            "role",
            "grant",
            "钱科长",
            "manager",
            "--department",
            FOOD,
            "--as",
            "管理员",
        ]);
        assert!(err.contains("access_role_not_grantable"), "{err}");
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
                    db.grant(&Grant::new(person, Role::Manager, Scope::All))
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
                "replaces": null,
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
            let out = self.act(number, action, at, extra);
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
            &["--outcome", "approved", "--opinion", "准予"],
        )
    }
}

const FOOD_CASE: &str = "SX2026-000201";
const FIRE_CASE: &str = "SX2026-000202";

#[test]
fn before_approval_the_food_licence_decides_at_once() {
    let p = Profile::new();
    assert!(p.submit_serial("BA-1", "王科员", FOOD).status.success());
    let list = p.ok(&["filing", "list"]);
    assert_eq!(
        list.trim(),
        format!("BA-1\tserial_approval\t{FOOD}\tsubmitted\t王科员")
    );
    p.ok(&["case", "receive", &fixture("cases/restaurant-bundle.json")]);
    p.to_decision(FOOD_CASE);
    assert!(p
        .decide(FOOD_CASE, "2026-03-09T10:00:00+08:00")
        .status
        .success());
}

#[test]
fn an_approved_serial_filing_holds_the_food_licence_until_the_fire_inspection_decides() {
    let p = Profile::new();
    let submitted = p.submit_serial("BA-1", "王科员", FOOD);
    assert!(submitted.status.success());
    let show = p.ok(&["filing", "show", "BA-1"]);
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
    assert!(!p.ok(&["filing", "list"]).contains("BA-9"));

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
        p.ok(&["filing", "list", "--state", "approved"])
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

    p.ok(&["case", "receive", &fixture("cases/restaurant-bundle.json")]);
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
    let list = p.ok(&["guide", "list"]);
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
    let list = p.ok(&["guide", "list"]);
    assert!(list.contains("食品经营许可（含小餐饮）"), "{list}");
}
