//! The hub's test harness: a real hub on 127.0.0.1:0 over SQLite (a fresh
//! file) or PostgreSQL (a fresh schema of `HUB_TEST_POSTGRES_URL` or
//! `DATABASE_URL`, so tests run in parallel), seeded with the demo data, and
//! a small HTTP client.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use approval_hub::{Hub, HubConfig};
use base64::Engine as _;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub fn postgres_url() -> Option<String> {
    std::env::var("HUB_TEST_POSTGRES_URL")
        .ok()
        .or_else(|| std::env::var("DATABASE_URL").ok())
        .filter(|u| u.starts_with("postgres"))
}

/// Runs a test body on both databases (PostgreSQL skipped with a notice
/// when no URL is set).
#[macro_export]
macro_rules! on_both {
    ($name:ident, $body:path) => {
        mod $name {
            use super::*;
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn sqlite() {
                $body(common::Backend::Sqlite).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn postgres() {
                if common::postgres_url().is_none() {
                    eprintln!("skipped on PostgreSQL: set HUB_TEST_POSTGRES_URL or DATABASE_URL (scripts/postgres.sh)");
                    return;
                }
                $body(common::Backend::Postgres).await;
            }
        }
    };
}

/// A database for one test.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

fn random_name() -> String {
    let mut bytes = [0u8; 8];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
    hex::encode(bytes)
}

pub async fn test_db(backend: Backend) -> TestDb {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().unwrap();
            let url = format!("sqlite://{}", dir.path().join("hub.db").display());
            TestDb {
                url,
                _dir: Some(dir),
            }
        }
        Backend::Postgres => {
            let base = postgres_url().expect("a PostgreSQL URL");
            sqlx::any::install_default_drivers();
            let schema = format!("hub_test_{}", random_name());
            let pool = sqlx::AnyPool::connect(&base).await.unwrap();
            sqlx::query(&format!("CREATE SCHEMA {schema}"))
                .execute(&pool)
                .await
                .unwrap();
            pool.close().await;
            let separator = if base.contains('?') { '&' } else { '?' };
            let url = format!("{base}{separator}options=-c%20search_path%3D{schema}");
            TestDb { url, _dir: None }
        }
    }
}

/// A running hub.
pub struct TestHub {
    pub base: String,
    pub hub: Hub,
    pub db: std::sync::Arc<TestDb>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for TestHub {
    fn drop(&mut self) {
        self.task.abort();
    }
}

pub fn small_config() -> HubConfig {
    HubConfig {
        max_body_bytes: 256 * 1024,
        max_file_bytes: 64 * 1024,
        session_ttl: Duration::from_secs(3600),
    }
}

/// A hub on a fresh database, seeded with the demo data.
pub async fn start(backend: Backend) -> TestHub {
    start_with(backend, small_config()).await
}

pub async fn start_with(backend: Backend, config: HubConfig) -> TestHub {
    let db = std::sync::Arc::new(test_db(backend).await);
    let hub = serve_on(db.clone(), config).await;
    approval_hub::demo::seed(&hub.hub).await.unwrap();
    hub
}

/// Another hub process's worth (its own pool and router) on `db`.
pub async fn serve_on(db: std::sync::Arc<TestDb>, config: HubConfig) -> TestHub {
    let hub = Hub::open(&db.url, config).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let served = hub.clone();
    let task = tokio::spawn(async move {
        let _ = approval_hub::serve(listener, served, std::future::pending()).await;
    });
    TestHub {
        base,
        hub,
        db,
        task,
    }
}

/// The demo passwords by account prefix.
pub fn password_of(account: &str) -> &'static str {
    match account {
        "admin" => "demo-admin",
        "manager" => "demo-manager",
        "editor" => "demo-editor",
        a if a.starts_with("window-") => "demo-window",
        _ => "demo-officer",
    }
}

#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub token: Option<String>,
}

pub struct Answer {
    pub status: StatusCode,
    pub body: Value,
}

impl Answer {
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }
}

impl Client {
    pub fn anonymous(base: &str) -> Client {
        Client {
            http: reqwest::Client::new(),
            base: base.to_owned(),
            token: None,
        }
    }

    pub async fn signed_in(base: &str, account: &str) -> Client {
        let mut client = Client::anonymous(base);
        let answer = client
            .send(
                Method::POST,
                approval_contract::paths::SESSION,
                None,
                Some(json!({"account": account, "password": password_of(account)})),
            )
            .await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "sign in {account}: {}",
            answer.body
        );
        client.token = Some(answer.body["token"].as_str().unwrap().to_owned());
        client
    }

    /// The same session against another hub.
    pub fn at(&self, base: &str) -> Client {
        Client {
            base: base.to_owned(),
            ..self.clone()
        }
    }

    pub async fn send(
        &self,
        method: Method,
        path: &str,
        key: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        let mut request = self.http.request(method, format!("{}{}", self.base, path));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some(key) = key {
            request = request.header(approval_contract::IDEMPOTENCY_KEY_HEADER, key);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let bytes = response.bytes().await.unwrap();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Answer { status, body }
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(Method::GET, path, None, None).await
    }

    pub async fn push(&self, path: &str, key: &str, body: Value) -> Answer {
        self.send(Method::POST, path, Some(key), Some(body)).await
    }
}

pub fn file(name: &str, bytes: &[u8]) -> Value {
    json!({
        "file_name": name,
        "media_type": if bytes.starts_with(b"%PDF-") { "application/pdf" } else { "text/plain" },
        "content_base64": base64::engine::general_purpose::STANDARD.encode(bytes),
        "sha256": hex::encode(Sha256::digest(bytes)),
    })
}

pub const COUNTY: &str = approval_hub::demo::COUNTY;
pub const CITY: &str = approval_hub::demo::CITY;
pub const DISTRICT: &str = approval_hub::demo::DISTRICT;
pub const PROVINCE: &str = approval_hub::demo::PROVINCE;
pub const FOOD: &str = "610122-SCJG-XK-0001";
pub const FIRE: &str = "610122-XF-XK-0001";
pub const ECOLOGY: &str = "610122-STHJ-BA-0001";
pub const MARKET: &str = "蓝田县市场监督管理局";

pub fn item(code: &str) -> &'static approval_core::ids::samples::SampleItem {
    approval_core::ids::samples::item(code).unwrap()
}

/// A valid case number of `item`, the `sequence`th of 2026-03-02.
pub fn case_number(code: &str, sequence: u32) -> String {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    item(code)
        .case_number(date, sequence)
        .unwrap()
        .as_str()
        .to_owned()
}

/// A new case body.
pub fn new_case(code: &str, sequence: u32, receiving: &str, handling: Option<&str>) -> Value {
    let mut case = json!({
        "case_number": case_number(code, sequence),
        "implementation_code": item(code).implementation_code().as_str(),
        "kind": "02",
        "applicant": {
            "kind": "2",
            "name": "蓝田县味道餐饮有限公司",
            "certificate_type": "001",
            "certificate_number": "91350100M000100Y43",
            "phone": "029-80000000",
            "address": "蓝田县蓝关街道 1 号"
        },
        "received_at": "2026-03-02T10:00:00+08:00",
        "receiving_window": receiving,
        "materials": [
            {"name": "申请书", "material_id": "M01", "file": file("申请书.txt", "申请书内容".as_bytes())},
            {"name": "营业执照", "material_id": "M02"}
        ]
    });
    if let Some(handling) = handling {
        case["handling_window"] = json!(handling);
    }
    case
}

pub fn department_of(code: &str) -> &'static str {
    item(code).department.name
}

pub fn officer_of(code: &str) -> &'static str {
    match code {
        FOOD => "officer-market",
        FIRE => "officer-fire",
        ECOLOGY => "officer-ecology",
        _ => "officer-housing",
    }
}

/// Creates a case at `receiving` and transfers it to its department.
pub async fn create_and_transfer(
    window: &Client,
    code: &str,
    sequence: u32,
    receiving: &str,
    handling: Option<&str>,
) -> String {
    let number = case_number(code, sequence);
    let answer = window
        .push(
            approval_contract::paths::WINDOW_CASES,
            &format!("create-{number}"),
            new_case(code, sequence, receiving, handling),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "create: {}", answer.body);
    let answer = window
        .push(
            &approval_contract::paths::fill(approval_contract::paths::WINDOW_TRANSFER, &number),
            &format!("transfer-{number}"),
            json!({"department": department_of(code)}),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK, "transfer: {}", answer.body);
    number
}

pub fn pdf() -> Vec<u8> {
    b"%PDF-1.7\n% a sealed decision (test stand-in)\n%%EOF\n".to_vec()
}

pub fn result_body(outcome: &str) -> Value {
    json!({
        "outcome": outcome,
        "opinion": "符合条件，准予许可",
        "decided_at": "2026-03-10T15:00:00+08:00",
        "document": file("决定书.pdf", &pdf()),
        "paper": {"method": "2", "tracking_number": "ZW1234567890"}
    })
}

pub fn path(template: &str, value: &str) -> String {
    approval_contract::paths::fill(template, value)
}
