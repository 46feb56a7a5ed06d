//! Two hub processes' worth (two pools, two routers, two ports) on one
//! database: clients alternate between them and exactly-once still holds
//! under concurrent repeated pushes, because idempotency and the feed's
//! order live in the database. On PostgreSQL (the deployment this is for)
//! and on SQLite (one file, two pools).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeSet;

use approval_contract::paths;
use common::*;
use reqwest::StatusCode;
use serde_json::json;

async fn two_hubs(backend: Backend) {
    let first = start(backend).await;
    let second = serve_on(first.db.clone(), small_config()).await;
    let bases = [first.base.clone(), second.base.clone()];
    // Signed in on one, the session works on the other.
    let window = Client::signed_in(&bases[0], "window-county").await;
    let officer = Client::signed_in(&bases[1], "officer-market").await;
    assert_eq!(
        window.at(&bases[1]).get(paths::SESSION).await.status,
        StatusCode::OK
    );

    // Ten cases, each created and transferred by four concurrent requests
    // alternating between the hubs with the same keys.
    let mut tasks = Vec::new();
    for sequence in 1..=10u32 {
        for attempt in 0..4 {
            let client = window.at(&bases[attempt % 2]);
            tasks.push(tokio::spawn(async move {
                let number = case_number(FOOD, sequence);
                let created = client
                    .push(
                        paths::WINDOW_CASES,
                        &format!("create-{number}"),
                        new_case(FOOD, sequence, COUNTY, None),
                    )
                    .await;
                assert_eq!(created.status, StatusCode::OK, "{}", created.body);
                let moved = client
                    .push(
                        &path(paths::WINDOW_TRANSFER, &number),
                        &format!("transfer-{number}"),
                        json!({"department": MARKET}),
                    )
                    .await;
                assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
                (
                    created.body["replayed"] == false,
                    moved.body["replayed"] == false,
                )
            }));
        }
    }
    let mut fresh = (0, 0);
    for task in tasks {
        let (created, moved) = task.await.unwrap();
        fresh.0 += usize::from(created);
        fresh.1 += usize::from(moved);
    }
    assert_eq!(fresh, (10, 10), "each case created and transferred once");

    // The feed, read alternately from both hubs a page of 3 at a time, has
    // every transfer once, in increasing order.
    let mut since = 0;
    let mut seen = Vec::new();
    for turn in 0.. {
        let page = officer
            .at(&bases[turn % 2])
            .get(&format!("{}?since={since}&limit=3", paths::FEED))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        for entry in page.body["entries"].as_array().unwrap() {
            let seq = entry["seq"].as_i64().unwrap();
            assert!(seq > since);
            since = seq;
            seen.push(entry["item"]["case_number"].as_str().unwrap().to_owned());
        }
        if page.body["more"] == false {
            break;
        }
    }
    let unique: BTreeSet<_> = seen.iter().collect();
    assert_eq!((seen.len(), unique.len()), (10, 10));

    // Every case gets its acceptance notice pushed eight times at once,
    // alternating hubs: one effect each.
    let mut tasks = Vec::new();
    for number in unique {
        for attempt in 0..8 {
            let client = officer.at(&bases[attempt % 2]);
            let number = number.clone();
            tasks.push(tokio::spawn(async move {
                let notice = json!({"notice": "acceptance", "accepted_at": "2026-03-03T09:00:00+08:00", "deemed": false});
                let answer = client.push(&path(paths::CASE_NOTICES, &number), &format!("accept-{number}"), notice).await;
                assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
                (number, answer.body["replayed"] == false, answer.body["id"].as_str().unwrap().to_owned())
            }));
        }
    }
    let mut per_case: std::collections::BTreeMap<String, (usize, BTreeSet<String>)> =
        Default::default();
    for task in tasks {
        let (number, fresh, id) = task.await.unwrap();
        let entry = per_case.entry(number).or_default();
        entry.0 += usize::from(fresh);
        entry.1.insert(id);
    }
    for (number, (fresh, ids)) in &per_case {
        assert_eq!((*fresh, ids.len()), (1, 1), "{number}");
        let status = window
            .at(&bases[1])
            .get(&path(paths::WINDOW_CASE, number))
            .await;
        let accepted = status.body["history"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["state"] == "20")
            .count();
        assert_eq!(accepted, 1, "{number}");
    }
}
on_both!(two_hubs_on_one_database_keep_exactly_once, two_hubs);
