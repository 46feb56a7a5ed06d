//! The session against a real hub: desk-hub's library on a loopback port,
//! demo-seeded, over a SQLite file — sign in and bind, the bound client
//! from a token store, a sync round that stores a transferred case, the
//! refusals (wrong password, no token, unbound profile), and binding again
//! when the same hub comes back on another port.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use approval_api::guides::{check_guide_file, import_guide, GuideImportRequest};
use approval_api::{Actor, Desk, ErrorCode};
use approval_hub::{demo, Hub, HubConfig};
use approval_session::{
    bound_client, bound_client_if_any, connect, sync_round, Credentials, SessionError,
};
use approval_sync::{MemoryTokenStore, TokenStore};
use chrono::{DateTime, FixedOffset, Utc};

/// The demo officer of the food licence's department.
const OFFICER: &str = "officer-market";
const PASSWORD: &str = "demo-officer";
const FOOD_GUIDE: &str = include_str!("../../../tests/fixtures/guides/food-business-licence.json");

fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&FixedOffset::east_opt(8 * 3600).unwrap())
}

struct Served {
    url: String,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Served {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(hub: &Hub) -> Served {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let served = hub.clone();
    let task = tokio::spawn(async move {
        let _ = approval_hub::serve(listener, served, std::future::pending()).await;
    });
    Served { url, task }
}

async fn hub(folder: &Path) -> Hub {
    let url = format!("sqlite://{}", folder.join("hub.sqlite3").display());
    let hub = Hub::open(&url, HubConfig::default()).await.unwrap();
    demo::seed(&hub).await.unwrap();
    hub
}

/// A desk with the food licence's guide (so its transfers are stored).
async fn desk(folder: &Path) -> Desk {
    let desk = Desk::open(&folder.join("desk.sqlite3")).await.unwrap();
    let file = check_guide_file(FOOD_GUIDE).accepted("food").unwrap();
    import_guide(
        &desk,
        &Actor::new("installer"),
        now(),
        GuideImportRequest {
            file,
            draft_only: false,
            effective_from: None,
        },
    )
    .await
    .unwrap();
    desk
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_desk_signs_in_binds_syncs_and_rebinds_when_the_port_changes() {
    let folder = tempfile::tempdir().unwrap();
    let hub = hub(folder.path()).await;
    let first = serve(&hub).await;
    let desk = desk(folder.path()).await;
    let tokens = MemoryTokenStore::new();

    // Unbound: no client, and a sync's client is refused.
    assert!(bound_client_if_any(&desk, Credentials::Store(&tokens))
        .await
        .unwrap()
        .is_none());
    let refused = bound_client(&desk, Credentials::Store(&tokens))
        .await
        .unwrap_err();
    assert_eq!(
        approval_api::ApiError::from(refused).code,
        ErrorCode::HubNotBound
    );

    // A wrong password binds nothing and keeps no token.
    let wrong = connect(
        &desk,
        &first.url,
        None,
        OFFICER,
        "not-the-password",
        Some(&tokens),
        now(),
    )
    .await
    .unwrap_err();
    let SessionError::Api(wrong) = wrong else {
        panic!("expected the hub's refusal: {wrong:?}");
    };
    assert_eq!(wrong.code, ErrorCode::HubUnauthorized, "{wrong:?}");
    assert!(!wrong.message.is_empty());
    assert!(desk.db().hub_binding().await.unwrap().is_none());
    assert!(tokens.load(OFFICER, &first.url).unwrap().is_none());

    // Connecting binds the desk as the signed-in person with the hub's
    // grants, and keeps the token.
    let connected = connect(
        &desk,
        &first.url,
        None,
        OFFICER,
        PASSWORD,
        Some(&tokens),
        now(),
    )
    .await
    .unwrap();
    let binding = connected.status.binding.clone().unwrap();
    assert_eq!(binding.url, first.url);
    assert_eq!(binding.account, OFFICER);
    assert!(!connected.grants.grants.is_empty());
    let desk_id = connected.status.state.clone().unwrap().desk_id;
    assert!(tokens.load(OFFICER, &first.url).unwrap().is_some());

    // A case transferred to the market department comes in with a round.
    let number = demo::make_case(&hub, 0).await.unwrap();
    let client = bound_client(&desk, Credentials::Store(&tokens))
        .await
        .unwrap();
    let round = sync_round(&desk, &client, now(), None).await;
    assert!(matches!(round.grants, Some(Ok(_))), "{:?}", round.grants);
    let report = round.sync.unwrap();
    assert_eq!(report.cases_stored, 1, "{report:?}");
    assert!(round.calendar.is_some());
    assert!(approval_api::exchange::hub_status(&desk)
        .await
        .unwrap()
        .state
        .unwrap()
        .last_error
        .is_none());

    // No token in the store: the client is refused as signed out.
    let empty = MemoryTokenStore::new();
    let signed_out = bound_client(&desk, Credentials::Store(&empty))
        .await
        .unwrap_err();
    assert_eq!(
        approval_api::ApiError::from(signed_out).code,
        ErrorCode::HubUnauthorized
    );

    // The same hub on another port: binding again keeps the desk id and
    // the cursor, so nothing is pulled twice.
    drop(first);
    let second = serve(&hub).await;
    let again = connect(
        &desk,
        &second.url,
        None,
        OFFICER,
        PASSWORD,
        Some(&tokens),
        now(),
    )
    .await
    .unwrap();
    assert_eq!(again.status.state.unwrap().desk_id, desk_id);
    let second_number = demo::make_case(&hub, 4).await.unwrap();
    assert_ne!(second_number, number);
    let client = bound_client(&desk, Credentials::Store(&tokens))
        .await
        .unwrap();
    let report = sync_round(&desk, &client, now(), None).await.sync.unwrap();
    assert_eq!(report.cases_stored, 1, "{report:?}");
    assert_eq!(report.skipped, 0, "{report:?}");

    // No hub answering: the round fails as unavailable and is recorded.
    let nobody = approval_session::client("http://127.0.0.1:9", None)
        .unwrap()
        .with_token("expired");
    let failed = sync_round(&desk, &nobody, now(), None).await;
    assert!(failed.grants.is_none());
    assert_eq!(failed.sync.unwrap_err().code, ErrorCode::HubUnavailable);
    assert!(failed.calendar.is_none());
    let recorded = approval_api::exchange::hub_status(&desk).await.unwrap();
    assert_eq!(
        recorded.state.unwrap().last_error.unwrap().0,
        "hub_unavailable"
    );
    drop(second);
    desk.close().await;
}
