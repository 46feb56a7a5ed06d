//! A desk's audit checkpoints belong to its department: another
//! department's account can neither read them nor push a longer chain that
//! would make the desk's own pushes look like a rewritten history; on
//! SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use approval_contract::paths;
use common::*;
use reqwest::StatusCode;
use serde_json::json;

const DESK: &str = "desk-0b6f4e2a-5d1c-4b7e-9a43-checkpoints";

fn checkpoint(length: u64) -> serde_json::Value {
    json!({
        "desk": DESK,
        "length": length,
        "head": format!("{:064x}", length),
        "at": "2026-11-02T10:00:00+08:00",
    })
}

async fn belong_to_their_department(backend: Backend) {
    let hub = start(backend).await;
    let market = Client::signed_in(&hub.base, "officer-market").await;
    let fire = Client::signed_in(&hub.base, "officer-fire").await;
    let manager = Client::signed_in(&hub.base, "manager").await;
    let list = format!("{}?desk={DESK}", paths::CHECKPOINTS);

    let answer = market.push(paths::CHECKPOINTS, "c-4", checkpoint(4)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);

    // Another department: the desk does not exist for it, and its longer
    // chain is not taken.
    let answer = fire
        .push(paths::CHECKPOINTS, "c-999", checkpoint(999))
        .await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND, "{}", answer.body);
    let answer = fire.get(&list).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND, "{}", answer.body);

    // The desk's own department goes on; a manager of all departments reads.
    let answer = market.push(paths::CHECKPOINTS, "c-5", checkpoint(5)).await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    for reader in [&market, &manager] {
        let answer = reader.get(&list).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        let lengths: Vec<u64> = answer.body["checkpoints"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["length"].as_u64().unwrap())
            .collect();
        assert_eq!(lengths, [4, 5]);
    }
}
on_both!(
    a_desks_checkpoints_belong_to_its_department,
    belong_to_their_department
);
