//! Every endpoint × role × foreign department or window unit: what belongs
//! to another department or unit is 404 (it does not exist for the
//! caller), what the caller's roles may not do at all is 403. One helper,
//! one table; on SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use approval_contract::paths;
use approval_core::access::{Role, Scope};
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

const FIRE_DEPARTMENT: &str = "蓝田县消防救援大队";

struct Row {
    what: &'static str,
    method: Method,
    path: String,
    key: bool,
    body: Option<Value>,
    /// (account, expected status, expected code or "").
    expect: Vec<(&'static str, u16, &'static str)>,
}

async fn check(hub: &TestHub, row: &Row) {
    for (account, status, code) in &row.expect {
        let client = Client::signed_in(&hub.base, account).await;
        let key = format!("perm-{account}-{}", row.what);
        let answer = client
            .send(
                row.method.clone(),
                &row.path,
                row.key.then_some(key.as_str()),
                row.body.clone(),
            )
            .await;
        assert_eq!(
            answer.status.as_u16(),
            *status,
            "{} by {account}: {}",
            row.what,
            answer.body
        );
        if !code.is_empty() {
            assert_eq!(answer.code(), *code, "{} by {account}", row.what);
        }
    }
}

async fn table(backend: Backend) {
    let hub = start(backend).await;
    // Accounts for the foreign scopes the demo lacks.
    for (account, grants) in [
        (
            "manager-fire",
            vec![(Role::Manager, Scope::Department(FIRE_DEPARTMENT.into()))],
        ),
        (
            "editor-fire",
            vec![(Role::GuideEditor, Scope::Department(FIRE_DEPARTMENT.into()))],
        ),
        (
            "officer-manager",
            vec![
                (Role::Officer, Scope::Department(MARKET.into())),
                (Role::Manager, Scope::All),
            ],
        ),
    ] {
        approval_hub::auth::upsert_account(
            &hub.hub.pool,
            account,
            account,
            "demo-officer",
            &grants,
        )
        .await
        .unwrap();
    }
    let window = Client::signed_in(&hub.base, "window-county").await;
    let number = create_and_transfer(&window, FOOD, 1, COUNTY, None).await;
    let officer = Client::signed_in(&hub.base, "officer-market").await;
    let entries = officer.get(&format!("{}?since=0", paths::FEED)).await.body["entries"].clone();
    let file_id = entries[0]["item"]["materials"][0]["file"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // A result, so releases and deliveries reach their permission check.
    assert_eq!(
        officer
            .push(&path(paths::CASE_RESULT, &number), "res", result_body("1"))
            .await
            .status,
        StatusCode::OK
    );
    // A filing of the market department, by officer-manager.
    let filing = json!({"filing": {
        "id": "BA-2026-0001", "department": MARKET, "filed_by": "officer-manager",
        "subject": {"type": "paper_materials", "item_code": FOOD, "material_id": "M02", "why_scanning_cannot_serve": "原件须核验"},
        "state": {"state": "submitted", "at": "2026-03-01T09:00:00+08:00"}
    }});
    let submitter = Client::signed_in(&hub.base, "officer-manager").await;
    let answer = submitter
        .push(paths::FILINGS, "filing-1", filing.clone())
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);

    let notice = json!({"notice": "processing", "at": "2026-03-04T09:00:00+08:00"});
    let decide = json!({"verdict": "approve", "comment": "", "at": "2026-03-05T09:00:00+08:00"});
    let review = json!({"level": "4", "at": "2026-03-12T11:00:00+08:00"});
    let delivery = json!({"delivered_at": "2026-03-12T10:00:00+08:00", "method": "1"});
    let public_notice = json!({"from": "2026-03-11", "to": "2026-03-17", "text": "公示"});
    let efficiency = json!({"department": MARKET, "day": "2026-03-02", "figures": {"on_time": 1}});
    let guide: Value = serde_json::from_str(approval_hub::demo::GUIDES[0]).unwrap();
    let publication = json!({"implementation_code": item(FOOD).implementation_code().as_str(), "version": 2, "guide": guide});
    let new = new_case(FOOD, 9, COUNTY, None);

    // Foreign to the market department and the county unit: officer-fire,
    // manager-fire, editor-fire, window-district; no role at all for the
    // thing: the others.
    let department_push = |what, path: String, body: Value| Row {
        what,
        method: Method::POST,
        path,
        key: true,
        body: Some(body),
        expect: vec![
            ("officer-fire", 404, "not_found"),
            ("window-district", 403, "access_no_role"),
            ("editor", 403, "access_no_role"),
            ("manager", 403, "access_no_role"),
            ("admin", 403, "access_no_role"),
        ],
    };
    let window_action = |what, method: Method, path: String, key: bool, body: Option<Value>| Row {
        what,
        method,
        path,
        key,
        body,
        expect: vec![
            ("window-district", 404, "not_found"),
            ("window-province", 404, "not_found"),
            ("officer-fire", 403, "access_no_role"),
            ("officer-market", 403, "access_no_role"),
            ("manager", 403, "access_no_role"),
            ("admin", 403, "access_no_role"),
        ],
    };
    let rows = vec![
        department_push("notice", path(paths::CASE_NOTICES, &number), notice),
        department_push(
            "result",
            path(paths::CASE_RESULT, &number),
            result_body("1"),
        ),
        department_push(
            "public_notice",
            path(paths::CASE_PUBLIC_NOTICE, &number),
            public_notice,
        ),
        department_push("delivery", path(paths::CASE_DELIVERY, &number), delivery),
        Row {
            what: "file",
            method: Method::GET,
            path: path(paths::FILE, &file_id),
            key: false,
            body: None,
            expect: vec![
                ("officer-fire", 404, "not_found"),
                ("window-district", 404, "not_found"),
                ("editor", 404, "not_found"),
                ("manager-fire", 404, "not_found"),
                ("admin", 404, "not_found"),
            ],
        },
        Row {
            what: "feed",
            method: Method::GET,
            path: paths::FEED.to_owned(),
            key: false,
            body: None,
            expect: vec![
                ("window-district", 403, "access_no_role"),
                ("admin", 403, "access_no_role"),
            ],
        },
        Row {
            what: "ack",
            method: Method::POST,
            path: paths::FEED_ACK.to_owned(),
            key: false,
            body: Some(json!({"up_to": 1})),
            expect: vec![
                ("window-district", 403, "access_no_role"),
                ("manager", 403, "access_no_role"),
            ],
        },
        window_action(
            "window_case",
            Method::GET,
            path(paths::WINDOW_CASE, &number),
            false,
            None,
        ),
        window_action(
            "release",
            Method::POST,
            path(paths::WINDOW_CASE_RELEASE, &number),
            true,
            None,
        ),
        window_action(
            "review",
            Method::POST,
            path(paths::WINDOW_REVIEW, &number),
            true,
            Some(review),
        ),
        window_action(
            "transfer",
            Method::POST,
            path(paths::WINDOW_TRANSFER, &number),
            true,
            Some(json!({"department": MARKET})),
        ),
        window_action(
            "bundle_release",
            Method::POST,
            path(paths::WINDOW_BUNDLE_RELEASE, "BI-none"),
            true,
            None,
        ),
        Row {
            what: "window_cases",
            method: Method::GET,
            path: paths::WINDOW_CASES.to_owned(),
            key: false,
            body: None,
            expect: vec![
                ("officer-market", 403, "access_no_role"),
                ("manager", 403, "access_no_role"),
            ],
        },
        Row {
            what: "create_case",
            method: Method::POST,
            path: paths::WINDOW_CASES.to_owned(),
            key: true,
            body: Some(new),
            expect: vec![
                ("window-district", 403, "access_out_of_scope"),
                ("officer-market", 403, "access_no_role"),
                ("admin", 403, "access_no_role"),
            ],
        },
        Row {
            what: "bundle_transfer",
            method: Method::POST,
            path: paths::WINDOW_BUNDLES.to_owned(),
            key: true,
            body: Some(json!({"bundle_code": "610122-TC-0001", "instance": "BI-x",
                "cases": [{"item_code": FOOD, "case_number": number, "department": MARKET}]})),
            expect: vec![
                ("window-district", 404, "not_found"),
                ("officer-market", 403, "access_no_role"),
            ],
        },
        Row {
            what: "decide_filing",
            method: Method::POST,
            path: path(paths::FILING_DECISION, "BA-2026-0001"),
            key: true,
            body: Some(decide),
            expect: vec![
                ("manager-fire", 404, "not_found"),
                ("officer-manager", 403, "access_own_filing"),
                ("officer-market", 403, "access_no_role"),
                ("window-county", 403, "access_no_role"),
            ],
        },
        Row {
            what: "submit_filing",
            method: Method::POST,
            path: paths::FILINGS.to_owned(),
            key: true,
            body: Some(filing),
            expect: vec![
                ("officer-fire", 403, "access_out_of_scope"),
                ("manager", 403, "access_no_role"),
                ("window-county", 403, "access_no_role"),
            ],
        },
        Row {
            what: "list_filings",
            method: Method::GET,
            path: paths::FILINGS.to_owned(),
            key: false,
            body: None,
            expect: vec![
                ("window-county", 403, "access_no_role"),
                ("admin", 403, "access_no_role"),
            ],
        },
        Row {
            what: "efficiency",
            method: Method::POST,
            path: paths::EFFICIENCY.to_owned(),
            key: true,
            body: Some(efficiency),
            expect: vec![
                ("officer-fire", 403, "access_out_of_scope"),
                ("window-county", 403, "access_no_role"),
                ("editor", 403, "access_no_role"),
            ],
        },
        Row {
            what: "publish_guide",
            method: Method::POST,
            path: paths::CATALOGUE_GUIDES.to_owned(),
            key: true,
            body: Some(publication),
            expect: vec![
                ("editor-fire", 403, "access_out_of_scope"),
                ("officer-market", 403, "access_no_role"),
                ("window-county", 403, "access_no_role"),
            ],
        },
        Row {
            what: "publish_bundle",
            method: Method::POST,
            path: paths::CATALOGUE_BUNDLES.to_owned(),
            key: true,
            body: Some(
                json!({"bundle": serde_json::from_str::<Value>(approval_hub::demo::BUNDLES[0]).unwrap()}),
            ),
            expect: vec![
                ("editor-fire", 403, "access_out_of_scope"),
                ("officer-market", 403, "access_no_role"),
            ],
        },
    ];
    for row in &rows {
        check(&hub, row).await;
    }

    // A manager of all departments watches their cases (view_case).
    let manager = Client::signed_in(&hub.base, "manager").await;
    let file = manager
        .send(Method::GET, &path(paths::FILE, &file_id), None, None)
        .await;
    assert_eq!(file.status, StatusCode::OK);

    // The lists show only what is the caller's.
    let fire = Client::signed_in(&hub.base, "officer-fire").await;
    assert_eq!(fire.get(paths::FEED).await.body["entries"], json!([]));
    assert_eq!(fire.get(paths::FILINGS).await.body, json!([]));
    let district = Client::signed_in(&hub.base, "window-district").await;
    assert_eq!(district.get(paths::WINDOW_CASES).await.body, json!([]));
    let manager_fire = Client::signed_in(&hub.base, "manager-fire").await;
    assert_eq!(manager_fire.get(paths::FILINGS).await.body, json!([]));
    // And the rightful ones do it: another manager decides; the decision
    // reaches the market department's feed.
    let manager = Client::signed_in(&hub.base, "manager").await;
    assert_eq!(
        manager
            .get(paths::FILINGS)
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let decide =
        json!({"verdict": "approve", "comment": "同意", "at": "2026-03-05T09:00:00+08:00"});
    let answer = manager
        .push(
            &path(paths::FILING_DECISION, "BA-2026-0001"),
            "decide",
            decide,
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let entries = officer.get(paths::FEED).await.body["entries"].clone();
    let last = entries.as_array().unwrap().last().unwrap();
    assert_eq!(last["item"]["type"], "filing_decided");
    assert_eq!(last["item"]["filing_id"], "BA-2026-0001");
    assert_eq!(fire.get(paths::FEED).await.body["entries"], json!([]));
}
on_both!(every_endpoint_refuses_foreign_departments_and_units, table);
