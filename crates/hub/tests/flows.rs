//! The hub's flows over real HTTP, each on SQLite and on PostgreSQL:
//! sessions, a case from the window unit to the department and back,
//! idempotency, refused requests that store nothing, the release gate and
//! Art 16's reporting.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use approval_contract::paths;
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

async fn sessions(backend: Backend) {
    let mut config = small_config();
    config.session_ttl = Duration::from_secs(2);
    let hub = start_with(backend, config).await;
    let anonymous = Client::anonymous(&hub.base);
    let answer = anonymous.get(paths::SESSION).await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::UNAUTHORIZED, "unauthenticated")
    );
    let answer = anonymous
        .send(
            Method::POST,
            paths::SESSION,
            None,
            Some(json!({"account": "manager", "password": "wrong"})),
        )
        .await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::UNAUTHORIZED, "sign_in_failed")
    );
    let answer = anonymous
        .send(
            Method::POST,
            paths::SESSION,
            None,
            Some(json!({"account": "nobody", "password": "x"})),
        )
        .await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::UNAUTHORIZED, "sign_in_failed")
    );

    let client = Client::signed_in(&hub.base, "window-county").await;
    let me = client.get(paths::SESSION).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["account"], "window-county");
    assert_eq!(
        me.body["grants"],
        json!([{"role": "window_clerk", "scope": COUNTY}])
    );
    // The token is stored hashed only.
    let token = client.token.clone().unwrap();
    let stored: i64 =
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM sessions WHERE token_hash = $1")
            .bind(&token)
            .fetch_one(&hub.hub.pool)
            .await
            .unwrap();
    assert_eq!(stored, 0);

    // Signing out withdraws the token.
    let other = Client::signed_in(&hub.base, "manager").await;
    assert_eq!(
        other
            .send(Method::DELETE, paths::SESSION, None, None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let answer = other.get(paths::SESSION).await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::UNAUTHORIZED, "unauthenticated")
    );

    // And a session expires.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let answer = client.get(paths::SESSION).await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::UNAUTHORIZED, "session_expired")
    );
}
on_both!(sign_in_whoami_sign_out_and_expiry, sessions);

async fn feed_since(client: &Client, since: i64) -> Vec<Value> {
    let answer = client.get(&format!("{}?since={since}", paths::FEED)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    answer.body["entries"].as_array().unwrap().clone()
}

async fn case_flow(backend: Backend) {
    let hub = start(backend).await;
    let window = Client::signed_in(&hub.base, "window-county").await;
    let officer = Client::signed_in(&hub.base, "officer-market").await;
    let number = create_and_transfer(&window, FOOD, 1, COUNTY, None).await;

    // The department pulls the transfer with its material file.
    let entries = feed_since(&officer, 0).await;
    assert_eq!(entries.len(), 1);
    let transfer = &entries[0]["item"];
    assert_eq!(transfer["type"], "transfer");
    assert_eq!(transfer["case_number"], number.as_str());
    assert_eq!(transfer["item_code"], FOOD);
    assert_eq!(transfer["department"], MARKET);
    let file = &transfer["materials"][0]["file"];
    let bytes = reqwest::Client::new()
        .get(format!(
            "{}{}",
            hub.base,
            path(paths::FILE, file["id"].as_str().unwrap())
        ))
        .bearer_auth(officer.token.as_ref().unwrap())
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(
        hex::encode(Sha256::digest(&bytes)),
        file["sha256"].as_str().unwrap()
    );
    assert_eq!(bytes.as_ref(), "申请书内容".as_bytes());
    let seq = entries[0]["seq"].as_i64().unwrap();
    assert!(feed_since(&officer, seq).await.is_empty());
    let ack = officer
        .send(
            Method::POST,
            paths::FEED_ACK,
            None,
            Some(json!({"up_to": seq})),
        )
        .await;
    assert_eq!(ack.status, StatusCode::NO_CONTENT);

    // Acceptance notice and result go back.
    let notice = json!({"notice": "acceptance", "accepted_at": "2026-03-03T09:00:00+08:00", "deemed": false});
    let answer = officer
        .push(&path(paths::CASE_NOTICES, &number), "accept-1", notice)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["replayed"], false);
    let answer = officer
        .push(
            &path(paths::CASE_RESULT, &number),
            "result-1",
            result_body("1"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);

    let status = window.get(&path(paths::WINDOW_CASE, &number)).await;
    assert_eq!(status.status, StatusCode::OK);
    assert_eq!(status.body["state"], "60");
    assert_eq!(status.body["department"], MARKET);
    let states: Vec<&str> = status.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["state"].as_str().unwrap())
        .collect();
    assert_eq!(
        states,
        ["10", "10", "10", "20", "60"],
        "received, transferred, acknowledged, accepted, decided"
    );
    assert_eq!(
        status.body["result"]["sent_to"],
        json!([COUNTY, "申请人：蓝田县味道餐饮有限公司"])
    );
    assert_eq!(
        status.body["result"]["paper"]["tracking_number"],
        "ZW1234567890"
    );
    assert_eq!(status.body["released"], false);
    // The window unit reads the sealed PDF.
    let document = &status.body["result"]["document"];
    let bytes = reqwest::Client::new()
        .get(format!(
            "{}{}",
            hub.base,
            path(paths::FILE, document["id"].as_str().unwrap())
        ))
        .bearer_auth(window.token.as_ref().unwrap())
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(bytes.as_ref(), pdf().as_slice());

    // Released (a case of no bundle), delivered, reviewed.
    let answer = window
        .send(
            Method::POST,
            &path(paths::WINDOW_CASE_RELEASE, &number),
            Some("release-1"),
            None,
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let delivery = json!({"delivered_at": "2026-03-12T10:00:00+08:00", "method": "2", "tracking_number": "ZW1234567890"});
    let answer = officer
        .push(&path(paths::CASE_DELIVERY, &number), "delivery-1", delivery)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let review = json!({"level": "2", "comment": "等待时间长", "at": "2026-03-12T11:00:00+08:00"});
    let answer = window
        .push(
            &path(paths::WINDOW_REVIEW, &number),
            "review-1",
            review.clone(),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let entries = feed_since(&officer, seq).await;
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0]["item"],
        json!({"type": "review", "case_number": number, "review": review})
    );
    let status = window.get(&path(paths::WINDOW_CASE, &number)).await;
    assert_eq!(status.body["state"], "70");
    assert_eq!(status.body["released"], true);
    assert_eq!(status.body["reviews"], json!([review]));
}
on_both!(
    a_case_goes_to_the_department_and_its_result_comes_back,
    case_flow
);

async fn history_len(window: &Client, number: &str) -> usize {
    window.get(&path(paths::WINDOW_CASE, number)).await.body["history"]
        .as_array()
        .unwrap()
        .len()
}

async fn idempotency(backend: Backend) {
    let hub = start(backend).await;
    let window = Client::signed_in(&hub.base, "window-county").await;
    let officer = Client::signed_in(&hub.base, "officer-market").await;
    let number = create_and_transfer(&window, FOOD, 1, COUNTY, None).await;
    let before = history_len(&window, &number).await;

    let notice = json!({"notice": "processing", "at": "2026-03-04T09:00:00+08:00"});
    let url = path(paths::CASE_NOTICES, &number);
    let first = officer.push(&url, "k-1", notice.clone()).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.body["replayed"], false);
    // The same body with its keys in another order is the same push.
    let again = officer
        .push(
            &url,
            "k-1",
            json!({"at": "2026-03-04T09:00:00+08:00", "notice": "processing"}),
        )
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.body["replayed"], true);
    assert_eq!(again.body["id"], first.body["id"]);
    assert_eq!(again.body["recorded_at"], first.body["recorded_at"]);
    let other = officer
        .push(
            &url,
            "k-1",
            json!({"notice": "processing", "at": "2026-03-05T09:00:00+08:00"}),
        )
        .await;
    assert_eq!(
        (other.status, other.code()),
        (StatusCode::CONFLICT, "idempotency_conflict")
    );
    // The same key on another case is another push: refused too.
    let number2 = create_and_transfer(&window, FOOD, 2, COUNTY, None).await;
    let elsewhere = officer
        .push(&path(paths::CASE_NOTICES, &number2), "k-1", notice.clone())
        .await;
    assert_eq!(
        (elsewhere.status, elsewhere.code()),
        (StatusCode::CONFLICT, "idempotency_conflict")
    );
    assert_eq!(history_len(&window, &number).await, before + 1);

    // A push without a key is refused.
    let answer = officer
        .send(Method::POST, &url, None, Some(notice.clone()))
        .await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::BAD_REQUEST, "idempotency_key_missing")
    );

    // Many at once with one key: one effect.
    let notice = json!({"notice": "special_stage_started", "at": "2026-03-06T09:00:00+08:00", "stage": "专家评审", "basis": "第十一条"});
    let mut tasks = Vec::new();
    for _ in 0..16 {
        let officer = officer.clone();
        let url = url.clone();
        let notice = notice.clone();
        tasks.push(tokio::spawn(async move {
            officer.push(&url, "k-concurrent", notice).await
        }));
    }
    let mut fresh = 0;
    let mut ids = std::collections::BTreeSet::new();
    for task in tasks {
        let answer = task.await.unwrap();
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        if answer.body["replayed"] == false {
            fresh += 1;
        }
        ids.insert(answer.body["id"].as_str().unwrap().to_owned());
    }
    assert_eq!((fresh, ids.len()), (1, 1));
    assert_eq!(history_len(&window, &number).await, before + 2);
}
on_both!(
    a_push_has_one_effect_and_a_reused_key_is_refused,
    idempotency
);

async fn raw(client: &Client, path: &str, content_type: &str, body: Vec<u8>) -> Answer {
    let response = client
        .http
        .post(format!("{}{}", client.base, path))
        .bearer_auth(client.token.as_ref().unwrap())
        .header("Idempotency-Key", "raw-1")
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let body = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap_or(Value::Null);
    Answer { status, body }
}

async fn refusals(backend: Backend) {
    let hub = start(backend).await;
    let window = Client::signed_in(&hub.base, "window-county").await;
    let good = new_case(FOOD, 1, COUNTY, None);
    let json_type = "application/json";

    let answer = raw(
        &window,
        paths::WINDOW_CASES,
        json_type,
        b"{\"case_number\":".to_vec(),
    )
    .await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::BAD_REQUEST, "malformed_json")
    );
    let answer = raw(
        &window,
        paths::WINDOW_CASES,
        "text/plain",
        serde_json::to_vec(&good).unwrap(),
    )
    .await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
    );
    let mut unknown = good.clone();
    unknown["surprise"] = json!(1);
    let answer = window.push(paths::WINDOW_CASES, "r-1", unknown).await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_body")
    );
    let mut wrong = good.clone();
    wrong["applicant"]["kind"] = json!("9");
    let answer = window.push(paths::WINDOW_CASES, "r-1", wrong).await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_body")
    );
    assert_eq!(answer.body["field"], "applicant.kind");

    // Identifiers: a wrong check character of the applicant's credit code, a
    // case number of another item.
    let mut bad_code = good.clone();
    bad_code["applicant"]["certificate_number"] = json!("91350100M000100Y44");
    let answer = window.push(paths::WINDOW_CASES, "r-1", bad_code).await;
    assert_eq!(
        answer.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        answer.body
    );
    assert_eq!(
        (answer.code(), answer.body["field"].as_str()),
        ("invalid_identifier", Some("applicant.certificate_number"))
    );
    // A person's resident identity number (居民身份证, GB 11643): its check
    // character, its birth date; a legal person must use its credit code.
    let mut person = good.clone();
    person["applicant"] = json!({
        "kind": "1",
        "name": "王申请",
        "certificate_type": "111",
        "certificate_number": "610122199001010000",
        "phone": "13800000000"
    });
    let answer = window
        .push(paths::WINDOW_CASES, "r-1", person.clone())
        .await;
    assert_eq!(
        (answer.status, answer.code(), answer.body["field"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_identifier",
            Some("applicant.certificate_number")
        ),
        "{}",
        answer.body
    );
    assert!(
        answer.body["message"]
            .as_str()
            .unwrap()
            .contains("公民身份号码第18位"),
        "{}",
        answer.body
    );
    person["applicant"]["certificate_number"] = json!("610122199002300003");
    let answer = window
        .push(paths::WINDOW_CASES, "r-1", person.clone())
        .await;
    assert_eq!(answer.code(), "invalid_identifier", "{}", answer.body);
    assert!(
        answer.body["message"]
            .as_str()
            .unwrap()
            .contains("出生日期"),
        "{}",
        answer.body
    );
    assert!(
        answer.body["message_en"]
            .as_str()
            .unwrap()
            .contains("birth date 19900230"),
        "{}",
        answer.body
    );
    let mut legal_by_id_card = good.clone();
    legal_by_id_card["applicant"]["certificate_type"] = json!("111");
    legal_by_id_card["applicant"]["certificate_number"] = json!("610122199001010007");
    let answer = window
        .push(paths::WINDOW_CASES, "r-1", legal_by_id_card)
        .await;
    assert_eq!(
        (answer.status, answer.code(), answer.body["field"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "certificate_type_mismatch",
            Some("applicant.certificate_type")
        ),
        "{}",
        answer.body
    );
    let mut mismatch = good.clone();
    mismatch["case_number"] = json!(case_number(FIRE, 1));
    let answer = window.push(paths::WINDOW_CASES, "r-1", mismatch).await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "case_number_mismatch")
    );
    let mut broken = good.clone();
    let mut number = case_number(FOOD, 1);
    number.replace_range(5..6, "Z");
    broken["case_number"] = json!(number);
    let answer = window.push(paths::WINDOW_CASES, "r-1", broken).await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "invalid_identifier")
    );

    // Files: a SHA-256 that does not match, one too large, a body too large.
    let mut sha = good.clone();
    sha["materials"][0]["file"]["sha256"] = json!("00".repeat(32));
    let answer = window.push(paths::WINDOW_CASES, "r-1", sha).await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "sha256_mismatch")
    );
    let mut large = good.clone();
    large["materials"][0]["file"] = file("big.bin", &vec![b'x'; 100 * 1024]);
    let answer = window.push(paths::WINDOW_CASES, "r-1", large).await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::PAYLOAD_TOO_LARGE, "file_too_large")
    );
    assert_eq!(answer.body["field"], "materials[0].file");
    let mut huge = good.clone();
    huge["materials"][0]["file"] = file("huge.bin", &vec![b'x'; 400 * 1024]);
    let answer = window.push(paths::WINDOW_CASES, "r-1", huge).await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::PAYLOAD_TOO_LARGE, "body_too_large")
    );
    // An unknown window unit, an item not in the catalogue.
    let mut unit = good.clone();
    unit["handling_window"] = json!("火星政务服务中心");
    let answer = window.push(paths::WINDOW_CASES, "r-1", unit).await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "unknown_window_unit")
    );

    // Nothing was stored: no case, no file, and the key is still free.
    assert_eq!(window.get(paths::WINDOW_CASES).await.body, json!([]));
    let files: i64 = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM files")
        .fetch_one(&hub.hub.pool)
        .await
        .unwrap();
    assert_eq!(files, 0);
    let answer = window.push(paths::WINDOW_CASES, "r-1", good).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["replayed"], false);

    // Unknown paths and methods answer in the same shape.
    let answer = window.get("/v1/nothing").await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::NOT_FOUND, "no_such_path")
    );
    let answer = window
        .send(Method::PUT, paths::WINDOW_CASES, None, None)
        .await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed")
    );
    let answer = window.get(&format!("{}?since=x", paths::FEED)).await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::BAD_REQUEST, "invalid_query")
    );
}
on_both!(bad_requests_are_4xx_and_store_nothing, refusals);

async fn release_gate(backend: Backend) {
    let hub = start(backend).await;
    let window = Client::signed_in(&hub.base, "window-county").await;
    let mut numbers = Vec::new();
    for code in [FOOD, FIRE, ECOLOGY] {
        let number = case_number(code, 7);
        let answer = window
            .push(
                paths::WINDOW_CASES,
                &format!("c-{number}"),
                new_case(code, 7, COUNTY, None),
            )
            .await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        numbers.push((code, number));
    }
    let cases: Vec<Value> = numbers
        .iter()
        .map(|(code, number)| json!({"item_code": code, "case_number": number, "department": department_of(code)}))
        .collect();
    let transfer =
        json!({"bundle_code": "610122-TC-0001", "instance": "BI-2026-0001", "cases": cases});
    let answer = window
        .push(paths::WINDOW_BUNDLES, "bundle-1", transfer)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let food = &numbers[0].1;
    assert_eq!(
        window.get(&path(paths::WINDOW_CASE, food)).await.body["bundle_instance"],
        "BI-2026-0001"
    );

    // The food licence is decided first (容缺): its result is held while the
    // fire inspection, its prerequisite, is undecided.
    let market = Client::signed_in(&hub.base, "officer-market").await;
    let answer = market
        .push(&path(paths::CASE_RESULT, food), "r-food", result_body("1"))
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let release = path(paths::WINDOW_BUNDLE_RELEASE, "BI-2026-0001");
    let answer = window
        .send(Method::POST, &release, Some("release-1"), None)
        .await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::CONFLICT, "release_gate_closed"),
        "{}",
        answer.body
    );
    let answer = window
        .send(
            Method::POST,
            &path(paths::WINDOW_CASE_RELEASE, food),
            Some("release-food"),
            None,
        )
        .await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::CONFLICT, "release_gate_closed")
    );
    let notice = json!({"from": "2026-03-11", "to": "2026-03-17", "text": "公示"});
    let answer = market
        .push(
            &path(paths::CASE_PUBLIC_NOTICE, food),
            "pn-food",
            notice.clone(),
        )
        .await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::CONFLICT, "release_gate_closed")
    );

    // The fire inspection is approved: the food licence may go; the bundle
    // still waits for the environmental record.
    let fire = Client::signed_in(&hub.base, "officer-fire").await;
    let answer = fire
        .push(
            &path(paths::CASE_RESULT, &numbers[1].1),
            "r-fire",
            result_body("1"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let answer = market
        .push(&path(paths::CASE_PUBLIC_NOTICE, food), "pn-food", notice)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let answer = window
        .send(Method::POST, &release, Some("release-2"), None)
        .await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::CONFLICT, "release_gate_closed")
    );
    let ecology = Client::signed_in(&hub.base, "officer-ecology").await;
    let answer = ecology
        .push(
            &path(paths::CASE_RESULT, &numbers[2].1),
            "r-eco",
            result_body("1"),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let answer = window
        .send(Method::POST, &release, Some("release-3"), None)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert_eq!(answer.body["released"].as_array().unwrap().len(), 3);
    let again = window
        .send(Method::POST, &release, Some("release-3"), None)
        .await;
    assert_eq!(again.body, answer.body);
    for (_, number) in &numbers {
        assert_eq!(
            window.get(&path(paths::WINDOW_CASE, number)).await.body["released"],
            true
        );
    }
}
on_both!(a_bundle_is_released_only_once_its_gate_opens, release_gate);

async fn art16(backend: Backend) {
    let hub = start(backend).await;
    let county = Client::signed_in(&hub.base, "window-county").await;
    let number = create_and_transfer(&county, FOOD, 3, COUNTY, Some(DISTRICT)).await;
    let city = Client::signed_in(&hub.base, "window-city").await;
    let district = Client::signed_in(&hub.base, "window-district").await;
    let province = Client::signed_in(&hub.base, "window-province").await;

    let seen = city.get(&path(paths::WINDOW_CASE, &number)).await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    assert_eq!(seen.body["reported_to"], json!([CITY]));
    assert_eq!(seen.body["receiving_window"], COUNTY);
    assert_eq!(seen.body["handling_window"], DISTRICT);
    assert_eq!(
        district
            .get(&path(paths::WINDOW_CASE, &number))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        province
            .get(&path(paths::WINDOW_CASE, &number))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let listed = city.get(paths::WINDOW_CASES).await;
    assert_eq!(listed.body.as_array().unwrap().len(), 1);
    // Reported to, the city sees the case but does not work it.
    let review = json!({"level": "5", "at": "2026-03-12T11:00:00+08:00"});
    let answer = city
        .push(&path(paths::WINDOW_REVIEW, &number), "rv", review)
        .await;
    assert_eq!(answer.status, StatusCode::FORBIDDEN, "{}", answer.body);

    // Results go to the receiving unit, the reported units and the
    // applicant. Government express is a plan when the result goes out;
    // its delivery carries the tracking number.
    let officer = Client::signed_in(&hub.base, "officer-market").await;
    let mut planned = result_body("1");
    planned["paper"] = json!({"method": "2", "planned_on": "2026-03-13"});
    let answer = officer
        .push(&path(paths::CASE_RESULT, &number), "res-0", planned)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    let seen = county.get(&path(paths::WINDOW_CASE, &number)).await;
    assert_eq!(
        seen.body["result"]["sent_to"],
        json!([COUNTY, CITY, "申请人：蓝田县味道餐饮有限公司"])
    );
    let untracked = json!({"delivered_at": "2026-03-13T10:00:00+08:00", "method": "2"});
    let answer = officer
        .push(&path(paths::CASE_DELIVERY, &number), "dl-0", untracked)
        .await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "tracking_number_missing")
    );
    let tracked = json!({"delivered_at": "2026-03-13T10:00:00+08:00", "method": "2", "tracking_number": "ZW2026031300001"});
    let answer = officer
        .push(&path(paths::CASE_DELIVERY, &number), "dl-1", tracked)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);

    // An applicant who asked for direct mailing gets it.
    let mut direct = new_case(FOOD, 4, COUNTY, None);
    direct["direct_mailing"] = json!(true);
    let number = case_number(FOOD, 4);
    assert_eq!(
        county.push(paths::WINDOW_CASES, "d-1", direct).await.status,
        StatusCode::OK
    );
    let transfer = json!({"department": MARKET});
    assert_eq!(
        county
            .push(&path(paths::WINDOW_TRANSFER, &number), "d-2", transfer)
            .await
            .status,
        StatusCode::OK
    );
    let answer = officer
        .push(
            &path(paths::CASE_RESULT, &number),
            "res-2",
            result_body("1"),
        )
        .await;
    assert_eq!(
        (answer.status, answer.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "direct_mailing_requested")
    );
    let mut mailed = result_body("1");
    mailed["paper"] = json!({"method": "3", "tracking_number": "EMS0001"});
    let answer = officer
        .push(&path(paths::CASE_RESULT, &number), "res-3", mailed)
        .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
}
on_both!(
    art16_cross_level_cases_are_reported_up_to_the_common_unit,
    art16
);

/// The demo's stream makes valid cases: a legal person's by its credit
/// code and a person's by a resident identity number with a right check
/// character (GB 11643).
async fn demo_cases(backend: Backend) {
    let hub = start(backend).await;
    let legal = approval_hub::demo::make_case(&hub.hub, 0).await.unwrap();
    let person = approval_hub::demo::make_case(&hub.hub, 1).await.unwrap();
    let mut conn = hub.hub.pool.acquire().await.unwrap();
    let legal = approval_hub::cases::load_case(&mut conn, &legal)
        .await
        .unwrap()
        .unwrap();
    let person = approval_hub::cases::load_case(&mut conn, &person)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(legal.applicant.certificate_number, "91350100M000100Y43");
    assert_eq!(person.applicant.certificate_number, "610122199001010007");
    assert_eq!(
        approval_core::ids::check_resident_id(&person.applicant.certificate_number),
        Ok(())
    );
}

on_both!(demo_cases_carry_valid_certificate_numbers, demo_cases);
