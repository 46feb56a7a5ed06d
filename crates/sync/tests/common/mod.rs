//! What the exchange tests share: a stub hub on loopback whose answers each
//! test queues (and which records every request), a raw TCP server that
//! answers with whatever bytes a test gives, and sample bodies.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use approval_contract::cases::Receipt;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Router;
use chrono::{DateTime, FixedOffset};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A request as the stub saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    pub key: Option<String>,
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// An answer the stub gives.
#[derive(Debug, Clone)]
pub struct Canned {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Canned {
    pub fn json(status: u16, body: &impl serde::Serialize) -> Self {
        Self {
            status,
            headers: vec![("content-type", "application/json".into())],
            body: serde_json::to_vec(body).unwrap(),
        }
    }

    pub fn raw(status: u16, content_type: &str, body: &[u8]) -> Self {
        Self {
            status,
            headers: vec![("content-type", content_type.to_owned())],
            body: body.to_vec(),
        }
    }

    pub fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_owned()));
        self
    }
}

/// A stub hub: answers from a queue (200 `{}` when empty), records every
/// request. With `idempotent`, a POST whose key it has seen gets the first
/// answer again and has no second effect (`effects` counts effects by key).
#[derive(Clone, Default)]
pub struct Stub {
    pub seen: Arc<Mutex<Vec<Seen>>>,
    pub answers: Arc<Mutex<VecDeque<Canned>>>,
    pub idempotent: bool,
    pub effects: Arc<Mutex<HashMap<String, (u32, Canned)>>>,
}

impl Stub {
    pub fn answer(&self, canned: Canned) {
        self.answers.lock().unwrap().push_back(canned);
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// How many times each key's push took effect.
    pub fn effects(&self) -> HashMap<String, u32> {
        self.effects
            .lock()
            .unwrap()
            .iter()
            .map(|(k, (n, _))| (k.clone(), *n))
            .collect()
    }
}

async fn handle(State(stub): State<Stub>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default()
        .to_vec();
    let header = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let seen = Seen {
        method: parts.method.to_string(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        key: header("idempotency-key"),
        authorization: header("authorization"),
        content_type: header("content-type"),
        body,
    };
    stub.seen.lock().unwrap().push(seen.clone());
    let canned = match (&seen.key, stub.idempotent) {
        (Some(key), true) => {
            let mut effects = stub.effects.lock().unwrap();
            if let Some((_, first)) = effects.get(key) {
                first.clone()
            } else {
                let canned = stub.answers.lock().unwrap().pop_front().unwrap_or_else(|| {
                    Canned::json(200, &receipt(&format!("effect-{key}"), false))
                });
                effects.insert(key.clone(), (1, canned.clone()));
                canned
            }
        }
        _ => stub
            .answers
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| Canned::raw(200, "application/json", b"{}")),
    };
    let mut response = Response::new(Body::from(canned.body));
    *response.status_mut() = StatusCode::from_u16(canned.status).unwrap();
    for (name, value) in canned.headers {
        response.headers_mut().insert(
            HeaderName::from_static(name),
            HeaderValue::from_str(&value).unwrap(),
        );
    }
    response
}

/// Starts `stub` on a loopback port.
pub async fn serve_stub(stub: Stub) -> SocketAddr {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = Router::new().fallback(handle).with_state(stub);
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    addr
}

/// A server that reads a request's head, then writes `answer` and closes
/// (or, with `None`, never answers).
pub async fn serve_raw(answer: Option<Vec<u8>>) -> SocketAddr {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((mut stream, _)) = listener.accept().await else {
                return;
            };
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                match answer {
                    Some(bytes) => {
                        let _ = stream.write_all(&bytes).await;
                        let _ = stream.shutdown().await;
                    }
                    None => tokio::time::sleep(Duration::from_secs(3600)).await,
                }
            });
        }
    });
    addr
}

pub fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap()
}

pub fn receipt(id: &str, replayed: bool) -> Receipt {
    Receipt {
        id: id.to_owned(),
        recorded_at: at("2025-03-03T09:00:00+08:00"),
        replayed,
    }
}
