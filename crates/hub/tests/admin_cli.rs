//! `desk-hub account|unit|department …`: a deployment's administration
//! through the real binary, then the hub it administers served by the same
//! binary (`desk-hub --db URL --listen ADDR`, no demo): an account added
//! and granted on the command line signs in over HTTP and acts; a revoked
//! grant refuses the action at the next request, a disabled account can no
//! longer sign in and its token stops working. On SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::Stdio;
use std::time::Duration;

use approval_contract::paths;
use common::{Backend, Client};
use reqwest::{Method, StatusCode};
use serde_json::json;
use tokio::io::{AsyncBufReadExt as _, AsyncWriteExt as _, BufReader};
use tokio::process::Command;

const HUB: &str = env!("CARGO_BIN_EXE_desk-hub");
const MARKET: &str = "蓝田县市场监督管理局";
const PROVINCE: &str = "陕西省政务服务中心";
const COUNTY: &str = "蓝田县政务服务中心";

struct Outcome {
    ok: bool,
    stdout: String,
    stderr: String,
}

/// Runs `desk-hub ARGS` with `stdin` as its standard input.
async fn hub(args: &[&str], stdin: &str) -> Outcome {
    let mut child = Command::new(HUB)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.as_bytes()).await.unwrap();
    drop(input);
    let output = tokio::time::timeout(Duration::from_secs(60), child.wait_with_output())
        .await
        .expect("desk-hub finishes")
        .unwrap();
    Outcome {
        ok: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// `desk-hub ARGS`, which must succeed.
async fn ok(args: &[&str]) -> String {
    let outcome = hub(args, "").await;
    assert!(outcome.ok, "desk-hub {args:?}: {}", outcome.stderr);
    outcome.stdout
}

/// `desk-hub ARGS`, which must fail with a message containing `message`.
async fn refused(args: &[&str], message: &str) {
    let outcome = hub(args, "").await;
    assert!(
        !outcome.ok,
        "desk-hub {args:?} succeeded: {}",
        outcome.stdout
    );
    assert!(
        outcome.stderr.contains(message),
        "desk-hub {args:?}: {:?} does not say {message:?}",
        outcome.stderr
    );
}

/// `desk-hub --db URL --listen 127.0.0.1:0` serving until dropped.
async fn serve(db: &str) -> (tokio::process::Child, String) {
    let mut child = Command::new(HUB)
        .args(["--db", db, "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let base = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(line) = lines.next_line().await.unwrap() {
            if let Some(address) = line.strip_prefix("listening on ") {
                return address.to_owned();
            }
        }
        panic!("desk-hub ended without listening");
    })
    .await
    .expect("desk-hub listens");
    (child, base)
}

async fn sign_in(base: &str, account: &str, password: &str) -> (StatusCode, serde_json::Value) {
    let answer = Client::anonymous(base)
        .send(
            Method::POST,
            paths::SESSION,
            None,
            Some(json!({"account": account, "password": password})),
        )
        .await;
    (answer.status, answer.body)
}

async fn administer_then_serve(backend: Backend) {
    let test_db = common::test_db(backend).await;
    let db = test_db.url.as_str();

    // Scopes first: a grant may only name what the hub knows.
    let out = ok(&["department", "add", "--db", db, "--name", MARKET]).await;
    assert!(out.contains("added"), "{out}");
    let out = ok(&["department", "add", "--db", db, "--name", MARKET]).await;
    assert!(out.contains("already"), "{out}");
    ok(&["unit", "add", "--db", db, "--name", PROVINCE]).await;
    ok(&[
        "unit", "add", "--db", db, "--name", COUNTY, "--parent", PROVINCE,
    ])
    .await;
    refused(
        &["unit", "add", "--db", db, "--name", "x", "--parent", "火星"],
        "no window unit \"火星\"",
    )
    .await;
    refused(
        &[
            "unit", "add", "--db", db, "--name", PROVINCE, "--parent", COUNTY,
        ],
        "below it",
    )
    .await;
    refused(
        &["unit", "add", "--db", db, "--name", MARKET],
        "is a department already",
    )
    .await;
    let units = ok(&["unit", "list", "--db", db]).await;
    assert!(units.contains(&format!("{COUNTY}\t{PROVINCE}")), "{units}");
    let departments = ok(&["department", "list", "--db", db]).await;
    assert_eq!(departments.trim(), MARKET);

    // Accounts: the password from stdin's first line.
    let added = hub(
        &[
            "account",
            "add",
            "--db",
            db,
            "--account",
            "li.officer",
            "--name",
            "李承办",
            "--password-stdin",
        ],
        "correct horse\nignored second line\n",
    )
    .await;
    assert!(added.ok, "{}", added.stderr);
    let again = hub(
        &[
            "account",
            "add",
            "--db",
            db,
            "--account",
            "li.officer",
            "--name",
            "冒名",
            "--password-stdin",
        ],
        "other password\n",
    )
    .await;
    assert!(
        !again.ok && again.stderr.contains("exists already"),
        "{}",
        again.stderr
    );
    let short = hub(
        &[
            "account",
            "add",
            "--db",
            db,
            "--account",
            "short",
            "--name",
            "短",
            "--password-stdin",
        ],
        "abc\n",
    )
    .await;
    assert!(
        !short.ok && short.stderr.contains("too short"),
        "{}",
        short.stderr
    );
    let clerk = hub(
        &[
            "account",
            "add",
            "--db",
            db,
            "--account",
            "liu.window",
            "--name",
            "刘收件",
            "--password-stdin",
        ],
        "window password\n",
    )
    .await;
    assert!(clerk.ok, "{}", clerk.stderr);
    let no_tty = hub(
        &[
            "account",
            "add",
            "--db",
            db,
            "--account",
            "x",
            "--name",
            "x",
        ],
        "",
    )
    .await;
    assert!(
        !no_tty.ok && no_tty.stderr.contains("--password-stdin"),
        "{}",
        no_tty.stderr
    );

    // Grants: roles by core's codes, scopes that exist and fit the role.
    let grant = |account: &'static str, role: &'static str, scope: Option<&'static str>| {
        let mut args = vec![
            "account",
            "grant",
            "--db",
            db,
            "--account",
            account,
            "--role",
            role,
        ];
        if let Some(scope) = scope {
            args.extend(["--scope", scope]);
        }
        args
    };
    ok(&grant("li.officer", "officer", Some(MARKET))).await;
    ok(&grant("liu.window", "window_clerk", Some(COUNTY))).await;
    refused(
        &grant("li.officer", "clerk", Some(MARKET)),
        "unknown role \"clerk\": the roles are officer, guide_editor",
    )
    .await;
    refused(
        &grant("li.officer", "officer", Some("火星市场监督管理局")),
        "no department \"火星市场监督管理局\"",
    )
    .await;
    refused(
        &grant("li.officer", "officer", Some(COUNTY)),
        "is a window unit, not a department",
    )
    .await;
    refused(
        &grant("liu.window", "window_clerk", Some(MARKET)),
        "is a department, not a window unit",
    )
    .await;
    refused(
        &grant("nobody", "officer", Some(MARKET)),
        "no account \"nobody\"",
    )
    .await;
    let list = ok(&["account", "list", "--db", db]).await;
    assert!(
        list.contains(&format!("li.officer\t李承办\tactive\tofficer ({MARKET})")),
        "{list}"
    );
    assert!(
        list.contains(&format!(
            "liu.window\t刘收件\tactive\twindow_clerk ({COUNTY})"
        )),
        "{list}"
    );

    // The same binary serves the database it administered.
    let (_server, base) = serve(db).await;
    let (status, _) = sign_in(&base, "li.officer", "wrong password").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, session) = sign_in(&base, "li.officer", "correct horse").await;
    assert_eq!(status, StatusCode::OK, "{session}");
    assert_eq!(session["name"], "李承办");
    assert_eq!(
        session["grants"],
        json!([{"role": "officer", "scope": MARKET}])
    );
    let officer = Client {
        token: Some(session["token"].as_str().unwrap().to_owned()),
        ..Client::anonymous(&base)
    };
    let feed = officer.get(paths::FEED).await;
    assert_eq!(feed.status, StatusCode::OK, "{}", feed.body);
    let (status, session) = sign_in(&base, "liu.window", "window password").await;
    assert_eq!(status, StatusCode::OK, "{session}");
    let window = Client {
        token: Some(session["token"].as_str().unwrap().to_owned()),
        ..Client::anonymous(&base)
    };
    let cases = window.get(paths::WINDOW_CASES).await;
    assert_eq!(cases.status, StatusCode::OK, "{}", cases.body);
    assert_eq!(cases.body, json!([]));
    // A window clerk is no officer.
    let feed = window.get(paths::FEED).await;
    assert_eq!(feed.status, StatusCode::FORBIDDEN, "{}", feed.body);

    // Revoked while signed in: refused at the next request.
    refused(
        &[
            "account",
            "revoke",
            "--db",
            db,
            "--account",
            "li.officer",
            "--role",
            "officer",
        ],
        "does not hold officer (all); it holds: officer (蓝田县市场监督管理局)",
    )
    .await;
    ok(&[
        "account",
        "revoke",
        "--db",
        db,
        "--account",
        "li.officer",
        "--role",
        "officer",
        "--scope",
        MARKET,
    ])
    .await;
    let feed = officer.get(paths::FEED).await;
    assert_eq!(
        (feed.status, feed.code()),
        (StatusCode::FORBIDDEN, "access_no_role"),
        "{}",
        feed.body
    );
    assert_eq!(officer.get(paths::SESSION).await.body["grants"], json!([]));

    // Disabled: the token stops working and the password no longer signs in.
    let out = ok(&["account", "disable", "--db", db, "--account", "liu.window"]).await;
    assert!(out.contains("1 session(s) ended"), "{out}");
    let cases = window.get(paths::WINDOW_CASES).await;
    assert_eq!(cases.status, StatusCode::UNAUTHORIZED, "{}", cases.body);
    let (status, body) = sign_in(&base, "liu.window", "window password").await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("sign_in_failed"))
    );
    let list = ok(&["account", "list", "--db", db]).await;
    assert!(list.contains("liu.window\t刘收件\tdisabled"), "{list}");

    // A new password enables it again.
    let reset = hub(
        &[
            "account",
            "password",
            "--db",
            db,
            "--account",
            "liu.window",
            "--password-stdin",
        ],
        "a new window password\n",
    )
    .await;
    assert!(reset.ok, "{}", reset.stderr);
    let (status, _) = sign_in(&base, "liu.window", "a new window password").await;
    assert_eq!(status, StatusCode::OK);
}

on_both!(administration, administer_then_serve);
