//! The exchange hub's client (交换平台客户端): the contract of
//! `approval-contract` over HTTP(S), and nothing of the desk's rules.
//!
//! Every answer is sorted into the three ways a call can fail that the
//! caller must tell apart ([`ExchangeError`]):
//!
//! | the hub's answer | the error |
//! | --- | --- |
//! | 2xx with a body that reads and parses | (success) |
//! | 2xx cut short, unparsable or larger than the limit | `Unavailable` |
//! | 401 | `Unauthorized` |
//! | 408, 429, 5xx (with `Retry-After` seconds or date when given) | `Unavailable` |
//! | another 4xx | `Refused { status, error }` |
//! | no answer: refused connection, TLS failure, timeout, reset | `Unavailable` |
//! | 1xx or 3xx (redirects are not followed: the token stays with the hub) | `Unavailable` |
//!
//! A refusal's body is the contract's [`WireError`]; one that is not (a
//! proxy's HTML page) becomes a `WireError` with code `unexpected_answer`.
//! Nothing a network peer sends can make this module panic.
//!
//! The session token is held in memory wiped on drop and sent as
//! `Authorization: Bearer …` marked sensitive; it never appears in `Debug`
//! output or an error. Keeping it between runs is [`crate::credentials`]'s
//! job (the OS keyring).

use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use approval_contract::audit::{Checkpoint, Checkpoints};
use approval_contract::auth::{Session, SignIn, Whoami};
use approval_contract::cases::{
    BundleRelease, BundleTransfer, CaseStatus, DeliveryPush, NewCase, Notice, PublicNoticePush,
    Receipt, ResultPush, ReviewPush, TransferRequest,
};
use approval_contract::catalogue::{
    BundleEntry, BundlePublication, CalendarYears, CatalogueEntry, GuidePublication,
};
use approval_contract::feed::{Ack, FeedPage};
use approval_contract::filings::{DecideFiling, FilingRecord, FilingSubmission};
use approval_contract::paths;
use approval_contract::reports::EfficiencyReport;
use approval_contract::{Exchange, ExchangeError, ExchangeResult, WireError};
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Method, StatusCode, Url};
use serde::de::DeserializeOwned;
use serde::Serialize;
use zeroize::Zeroizing;

/// How long establishing a connection (TCP and TLS) may take.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long one call may take in all, body included: a result carries its
/// e-sealed PDF, a pulled material may be large.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(120);
/// The largest answer read (a material file is the largest thing pulled).
pub const DEFAULT_MAX_ANSWER_BYTES: u64 = 128 * 1024 * 1024;

/// The code of the [`WireError`] made for a refusal whose body is not the
/// contract's error shape.
pub const UNEXPECTED_ANSWER: &str = "unexpected_answer";

/// Where the hub is and how to reach it.
#[derive(Clone)]
pub struct HubConfig {
    /// `http://` or `https://`, optionally with a path prefix
    /// (`https://hub.example.cn/exchange`).
    pub base_url: String,
    /// One or more PEM certificates trusted as roots besides the OS's and
    /// webpki's (a province's own CA).
    pub extra_ca_pem: Option<Vec<u8>>,
    pub connect_timeout: Duration,
    pub request_timeout: Duration,
    pub max_answer_bytes: u64,
}

impl HubConfig {
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            extra_ca_pem: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            max_answer_bytes: DEFAULT_MAX_ANSWER_BYTES,
        }
    }

    pub fn with_extra_ca_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.extra_ca_pem = Some(pem.into());
        self
    }

    pub fn with_timeouts(mut self, connect: Duration, request: Duration) -> Self {
        self.connect_timeout = connect;
        self.request_timeout = request;
        self
    }

    pub fn with_max_answer_bytes(mut self, limit: u64) -> Self {
        self.max_answer_bytes = limit;
        self
    }
}

impl std::fmt::Debug for HubConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HubConfig")
            .field("base_url", &self.base_url)
            .field("extra_ca_pem", &self.extra_ca_pem.as_ref().map(Vec::len))
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("max_answer_bytes", &self.max_answer_bytes)
            .finish()
    }
}

/// Why a client could not be made (the configuration, not the network).
#[derive(Debug, thiserror::Error)]
pub enum HubClientError {
    #[error("交换平台地址“{url}”无效：应为 http:// 或 https:// 地址")]
    BadAddress { url: String },
    #[error("附加信任的根证书无法读取：{reason}")]
    BadCertificate { reason: String },
    #[error("无法创建 HTTP 客户端：{reason}")]
    Client { reason: String },
}

/// The exchange hub's client. Cheap to clone; clones share the session.
#[derive(Clone)]
pub struct HubClient {
    http: reqwest::Client,
    /// The base address without a trailing slash.
    base: String,
    max_answer_bytes: u64,
    token: Arc<RwLock<Option<Zeroizing<String>>>>,
}

impl std::fmt::Debug for HubClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HubClient")
            .field("base", &self.base)
            .field("signed_in", &self.has_token())
            .finish()
    }
}

impl HubClient {
    pub fn new(config: HubConfig) -> Result<Self, HubClientError> {
        let trimmed = config.base_url.trim().trim_end_matches('/').to_owned();
        let bad_address = || HubClientError::BadAddress {
            url: config.base_url.clone(),
        };
        let parsed = Url::parse(&trimmed).map_err(|_| bad_address())?;
        if !matches!(parsed.scheme(), "http" | "https")
            || parsed.host_str().is_none_or(str::is_empty)
            || parsed.query().is_some()
            || parsed.fragment().is_some()
        {
            return Err(bad_address());
        }
        let mut builder = reqwest::Client::builder()
            .use_rustls_tls()
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            // A redirect would carry the caller elsewhere with a push's body;
            // the contract has none, so one is an answer to report.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("approval-desk/", env!("CARGO_PKG_VERSION")));
        if let Some(pem) = &config.extra_ca_pem {
            let certificates = reqwest::Certificate::from_pem_bundle(pem).map_err(|e| {
                HubClientError::BadCertificate {
                    reason: e.to_string(),
                }
            })?;
            if certificates.is_empty() {
                return Err(HubClientError::BadCertificate {
                    reason: "文件中没有 PEM 证书".into(),
                });
            }
            for certificate in certificates {
                builder = builder.add_root_certificate(certificate);
            }
        }
        let http = builder.build().map_err(|e| HubClientError::Client {
            reason: error_chain(&e),
        })?;
        Ok(Self {
            http,
            base: trimmed,
            max_answer_bytes: config.max_answer_bytes,
            token: Arc::new(RwLock::new(None)),
        })
    }

    /// The same client with `token` as its session (read from the keyring).
    pub fn with_token(self, token: impl Into<String>) -> Self {
        self.set_token(Some(token.into()));
        self
    }

    /// Replaces (or with `None` forgets) the session token.
    pub fn set_token(&self, token: Option<String>) {
        let mut slot = self
            .token
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *slot = token.map(Zeroizing::new);
    }

    pub fn has_token(&self) -> bool {
        self.token
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .is_some()
    }

    /// The base address, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    // --- the session -------------------------------------------------------

    /// Signs in and keeps the session's token for the calls that follow.
    /// The caller stores `Session::token` in the keyring.
    pub async fn sign_in(&self, account: &str, password: &str) -> ExchangeResult<Session> {
        let body = SignIn {
            account: account.to_owned(),
            password: password.to_owned(),
        };
        let session: Session = self
            .json(Method::POST, paths::SESSION, &[], Some(&body), None)
            .await?;
        self.set_token(Some(session.token.clone()));
        Ok(session)
    }

    /// Who the current token belongs to.
    pub async fn whoami(&self) -> ExchangeResult<Whoami> {
        self.json(Method::GET, paths::SESSION, &[], None::<&()>, None)
            .await
    }

    /// Withdraws the session at the hub. The token is forgotten here
    /// whatever the hub answers: the person asked to be signed out.
    pub async fn sign_out(&self) -> ExchangeResult<()> {
        let outcome = self
            .send(Method::DELETE, paths::SESSION, &[], None::<&()>, None)
            .await
            .map(drop);
        self.set_token(None);
        outcome
    }

    /// `GET /health`: whether the hub answers at all.
    pub async fn health(&self) -> ExchangeResult<()> {
        self.send(Method::GET, paths::HEALTH, &[], None::<&()>, None)
            .await
            .map(drop)
    }

    /// The hub's OpenAPI document.
    pub async fn openapi(&self) -> ExchangeResult<serde_json::Value> {
        self.json(Method::GET, paths::OPENAPI, &[], None::<&()>, None)
            .await
    }

    // --- the catalogue (read by window units and departments) ---------------

    pub async fn catalogue_guides(&self) -> ExchangeResult<Vec<CatalogueEntry>> {
        self.json(Method::GET, paths::CATALOGUE_GUIDES, &[], None::<&()>, None)
            .await
    }

    pub async fn catalogue_bundles(&self) -> ExchangeResult<Vec<BundleEntry>> {
        self.json(
            Method::GET,
            paths::CATALOGUE_BUNDLES,
            &[],
            None::<&()>,
            None,
        )
        .await
    }

    // --- the window unit's side ---------------------------------------------

    /// 接件: the window unit creates a case with its materials.
    pub async fn create_case(&self, key: &str, case: &NewCase) -> ExchangeResult<Receipt> {
        self.json(
            Method::POST,
            paths::WINDOW_CASES,
            &[],
            Some(case),
            Some(key),
        )
        .await
    }

    /// 转办: the case goes to the department that implements its item.
    pub async fn transfer_case(
        &self,
        case_number: &str,
        key: &str,
        transfer: &TransferRequest,
    ) -> ExchangeResult<Receipt> {
        let path = fill(paths::WINDOW_TRANSFER, case_number);
        self.json(Method::POST, &path, &[], Some(transfer), Some(key))
            .await
    }

    /// 并联办理: a bundle's cases, each to its department.
    pub async fn transfer_bundle(
        &self,
        key: &str,
        bundle: &BundleTransfer,
    ) -> ExchangeResult<Receipt> {
        self.json(
            Method::POST,
            paths::WINDOW_BUNDLES,
            &[],
            Some(bundle),
            Some(key),
        )
        .await
    }

    /// The cases the window unit may see (its own and those reported to it).
    pub async fn list_cases(&self) -> ExchangeResult<Vec<CaseStatus>> {
        self.json(Method::GET, paths::WINDOW_CASES, &[], None::<&()>, None)
            .await
    }

    /// A case with its history, result and reviews, as the window unit sees it.
    pub async fn case_status(&self, case_number: &str) -> ExchangeResult<CaseStatus> {
        let path = fill(paths::WINDOW_CASE, case_number);
        self.json(Method::GET, &path, &[], None::<&()>, None).await
    }

    /// Hands a case's result to the applicant (a case outside any bundle).
    pub async fn release_case(&self, case_number: &str, key: &str) -> ExchangeResult<Receipt> {
        let path = fill(paths::WINDOW_CASE_RELEASE, case_number);
        self.json(Method::POST, &path, &[], None::<&()>, Some(key))
            .await
    }

    /// Hands out every result of a bundle instance; refused
    /// (`release_gate_closed`) while its gate is closed.
    pub async fn release_bundle(&self, instance: &str, key: &str) -> ExchangeResult<BundleRelease> {
        let path = fill(paths::WINDOW_BUNDLE_RELEASE, instance);
        self.json(Method::POST, &path, &[], None::<&()>, Some(key))
            .await
    }

    /// 好差评: an applicant's review of a case.
    pub async fn review(
        &self,
        case_number: &str,
        key: &str,
        review: &ReviewPush,
    ) -> ExchangeResult<Receipt> {
        let path = fill(paths::WINDOW_REVIEW, case_number);
        self.json(Method::POST, &path, &[], Some(review), Some(key))
            .await
    }

    // --- the manager's side -------------------------------------------------

    /// The filings of the departments in the manager's scope (the hub
    /// decides the scope from the token).
    pub async fn list_filings(&self) -> ExchangeResult<Vec<FilingRecord>> {
        self.json(Method::GET, paths::FILINGS, &[], None::<&()>, None)
            .await
    }

    pub async fn decide_filing(
        &self,
        filing_id: &str,
        key: &str,
        decision: &DecideFiling,
    ) -> ExchangeResult<Receipt> {
        let path = fill(paths::FILING_DECISION, filing_id);
        self.json(Method::POST, &path, &[], Some(decision), Some(key))
            .await
    }

    // --- the wire -------------------------------------------------------------

    async fn json<T: DeserializeOwned, B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&B>,
        key: Option<&str>,
    ) -> ExchangeResult<T> {
        let bytes = self.send(method, path, query, body, key).await?;
        decode(&bytes)
    }

    /// One request; the body of a 2xx answer, read whole, or the error the
    /// answer means.
    async fn send<B: Serialize + ?Sized>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&B>,
        key: Option<&str>,
    ) -> ExchangeResult<Vec<u8>> {
        let mut url = Url::parse(&format!("{}{path}", self.base)).map_err(|e| {
            refused_locally(
                "invalid_request",
                format!("the address cannot be made: {e}"),
            )
        })?;
        if !query.is_empty() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in query {
                pairs.append_pair(name, value);
            }
        }
        let mut request = self.http.request(method, url);
        if let Some(token) = self.bearer() {
            request = request.header(AUTHORIZATION, token);
        }
        if let Some(key) = key {
            let value = HeaderValue::from_str(key).map_err(|_| {
                refused_locally(
                    "invalid_idempotency_key",
                    "the idempotency key is not a valid header value".to_owned(),
                )
            })?;
            request = request.header(approval_contract::IDEMPOTENCY_KEY_HEADER, value);
        }
        if let Some(body) = body {
            let bytes = serde_json::to_vec(body).map_err(|e| {
                refused_locally(
                    "invalid_request",
                    format!("the body cannot be written: {e}"),
                )
            })?;
            request = request.header(CONTENT_TYPE, "application/json").body(bytes);
        }
        let response = request
            .send()
            .await
            .map_err(|e| ExchangeError::Unavailable {
                reason: error_chain(&e),
                retry_after: None,
            })?;
        let status = response.status();
        let retry_after = retry_after(response.headers(), SystemTime::now());
        let read = read_capped(response, self.max_answer_bytes).await;
        classify(status, retry_after, read)
    }

    fn bearer(&self) -> Option<HeaderValue> {
        let slot = self
            .token
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let token = slot.as_ref()?;
        let mut value = HeaderValue::from_str(&format!("Bearer {}", token.as_str())).ok()?;
        // Kept out of reqwest's and hyper's Debug output.
        value.set_sensitive(true);
        Some(value)
    }
}

impl Exchange for HubClient {
    async fn pull_feed(&self, since: i64, limit: u32) -> ExchangeResult<FeedPage> {
        let query = [("since", since.to_string()), ("limit", limit.to_string())];
        self.json(Method::GET, paths::FEED, &query, None::<&()>, None)
            .await
    }

    async fn acknowledge(&self, up_to: i64) -> ExchangeResult<()> {
        // Acknowledging is idempotent by itself (up to a cursor): no key.
        self.send(
            Method::POST,
            paths::FEED_ACK,
            &[],
            Some(&Ack { up_to }),
            None,
        )
        .await
        .map(drop)
    }

    async fn fetch_file(&self, id: &str) -> ExchangeResult<Vec<u8>> {
        let path = fill(paths::FILE, id);
        self.send(Method::GET, &path, &[], None::<&()>, None).await
    }

    async fn push_notice(
        &self,
        case_number: &str,
        key: &str,
        notice: &Notice,
    ) -> ExchangeResult<Receipt> {
        let path = fill(paths::CASE_NOTICES, case_number);
        self.json(Method::POST, &path, &[], Some(notice), Some(key))
            .await
    }

    async fn push_result(
        &self,
        case_number: &str,
        key: &str,
        result: &ResultPush,
    ) -> ExchangeResult<Receipt> {
        let path = fill(paths::CASE_RESULT, case_number);
        self.json(Method::POST, &path, &[], Some(result), Some(key))
            .await
    }

    async fn push_public_notice(
        &self,
        case_number: &str,
        key: &str,
        notice: &PublicNoticePush,
    ) -> ExchangeResult<Receipt> {
        let path = fill(paths::CASE_PUBLIC_NOTICE, case_number);
        self.json(Method::POST, &path, &[], Some(notice), Some(key))
            .await
    }

    async fn push_delivery(
        &self,
        case_number: &str,
        key: &str,
        delivery: &DeliveryPush,
    ) -> ExchangeResult<Receipt> {
        let path = fill(paths::CASE_DELIVERY, case_number);
        self.json(Method::POST, &path, &[], Some(delivery), Some(key))
            .await
    }

    async fn submit_filing(&self, key: &str, filing: &FilingSubmission) -> ExchangeResult<Receipt> {
        self.json(Method::POST, paths::FILINGS, &[], Some(filing), Some(key))
            .await
    }

    async fn filings(&self) -> ExchangeResult<Vec<FilingRecord>> {
        self.json(Method::GET, paths::FILINGS, &[], None::<&()>, None)
            .await
    }

    async fn calendar(&self) -> ExchangeResult<CalendarYears> {
        self.json(Method::GET, paths::CALENDAR, &[], None::<&()>, None)
            .await
    }

    async fn publish_guide(&self, key: &str, guide: &GuidePublication) -> ExchangeResult<Receipt> {
        self.json(
            Method::POST,
            paths::CATALOGUE_GUIDES,
            &[],
            Some(guide),
            Some(key),
        )
        .await
    }

    async fn publish_bundle(
        &self,
        key: &str,
        bundle: &BundlePublication,
    ) -> ExchangeResult<Receipt> {
        self.json(
            Method::POST,
            paths::CATALOGUE_BUNDLES,
            &[],
            Some(bundle),
            Some(key),
        )
        .await
    }

    async fn upload_efficiency(
        &self,
        key: &str,
        report: &EfficiencyReport,
    ) -> ExchangeResult<Receipt> {
        self.json(
            Method::POST,
            paths::EFFICIENCY,
            &[],
            Some(report),
            Some(key),
        )
        .await
    }

    async fn push_checkpoint(&self, key: &str, checkpoint: &Checkpoint) -> ExchangeResult<Receipt> {
        self.json(
            Method::POST,
            paths::CHECKPOINTS,
            &[],
            Some(checkpoint),
            Some(key),
        )
        .await
    }

    async fn checkpoints(&self, desk: &str) -> ExchangeResult<Checkpoints> {
        let query = [("desk", desk.to_owned())];
        self.json(Method::GET, paths::CHECKPOINTS, &query, None::<&()>, None)
            .await
    }
}

/// A contract path with its parameter filled, percent-encoded (the
/// contract's identifiers are ASCII, but a path must stay one path whatever
/// the caller passes).
pub fn fill(path: &str, value: &str) -> String {
    paths::fill(path, &percent_encode(value))
}

fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// What an answer's status, `Retry-After` and body (read or not) mean.
fn classify(
    status: StatusCode,
    retry_after: Option<Duration>,
    body: Result<Vec<u8>, String>,
) -> ExchangeResult<Vec<u8>> {
    let code = status.as_u16();
    if status.is_success() {
        return body.map_err(|reason| ExchangeError::Unavailable {
            reason: format!("the answer (HTTP {code}) was cut short: {reason}"),
            retry_after: None,
        });
    }
    if status == StatusCode::UNAUTHORIZED {
        return Err(ExchangeError::Unauthorized(wire_error(code, &body)));
    }
    if status == StatusCode::REQUEST_TIMEOUT
        || status == StatusCode::TOO_MANY_REQUESTS
        || status.is_server_error()
    {
        let error = wire_error(code, &body);
        return Err(ExchangeError::Unavailable {
            reason: format!("HTTP {code}: {error}"),
            retry_after,
        });
    }
    if status.is_client_error() {
        return Err(ExchangeError::Refused {
            status: code,
            error: wire_error(code, &body),
        });
    }
    Err(ExchangeError::Unavailable {
        reason: format!("unexpected answer HTTP {code}"),
        retry_after,
    })
}

/// The refusal's `WireError`, or one saying the body was not one.
fn wire_error(status: u16, body: &Result<Vec<u8>, String>) -> WireError {
    if let Ok(bytes) = body {
        if let Ok(error) = serde_json::from_slice::<WireError>(bytes) {
            return error;
        }
    }
    let excerpt = match body {
        Ok(bytes) => {
            let text: String = String::from_utf8_lossy(bytes)
                .chars()
                .filter(|c| !c.is_control())
                .take(120)
                .collect();
            if text.is_empty() {
                "empty body".to_owned()
            } else {
                format!("body “{text}”")
            }
        }
        Err(reason) => format!("body unreadable: {reason}"),
    };
    WireError::new(
        UNEXPECTED_ANSWER,
        format!("交换平台的答复（HTTP {status}）不是约定的错误格式：{excerpt}"),
        format!("The hub's answer (HTTP {status}) is not the contract's error shape: {excerpt}"),
    )
}

fn decode<T: DeserializeOwned>(bytes: &[u8]) -> ExchangeResult<T> {
    // An empty 2xx body reads as JSON null, so a `()` answer may be empty.
    let bytes: &[u8] = if bytes.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        bytes
    };
    serde_json::from_slice(bytes).map_err(|e| ExchangeError::Unavailable {
        reason: format!("the answer could not be read: {e}"),
        retry_after: None,
    })
}

/// A refusal made before anything was sent (status 0: no hub said it).
fn refused_locally(code: &str, message_en: String) -> ExchangeError {
    ExchangeError::Refused {
        status: 0,
        error: WireError::new(code, format!("请求未发出：{message_en}"), message_en),
    }
}

/// Reads the body whole, up to `limit` bytes.
async fn read_capped(mut response: reqwest::Response, limit: u64) -> Result<Vec<u8>, String> {
    if response
        .content_length()
        .is_some_and(|length| length > limit)
    {
        return Err(format!("the answer is larger than {limit} bytes"));
    }
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if (body.len() + chunk.len()) as u64 > limit {
                    return Err(format!("the answer is larger than {limit} bytes"));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(e) => return Err(error_chain(&e)),
        }
    }
}

/// `Retry-After` as delay-seconds or an HTTP date (RFC 9110 10.2.3); a
/// date in the past means now, an unreadable value is ignored.
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let at = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(date.timestamp()).ok()?);
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// An error with its causes: reqwest's own message says little ("error
/// sending request"); the cause says which (refused, timed out, reset).
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_percent_encoded_into_one_segment() {
        assert_eq!(
            fill(paths::WINDOW_CASE, "ABC-1.2_3~"),
            "/v1/window/cases/ABC-1.2_3~"
        );
        assert_eq!(fill(paths::FILE, "../x y"), "/v1/files/..%2Fx%20y");
        assert_eq!(fill(paths::FILE, "办"), "/v1/files/%E5%8A%9E");
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        let mut headers = HeaderMap::new();
        assert_eq!(retry_after(&headers, now), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(7)));
        // 2015-10-21T07:28:00Z is 1445412480.
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:29:00 GMT"),
        );
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(60)));
        headers.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:00:00 GMT"),
        );
        assert_eq!(retry_after(&headers, now), Some(Duration::ZERO));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers, now), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("-3"));
        assert_eq!(retry_after(&headers, now), None);
    }

    #[test]
    fn addresses_are_checked() {
        for good in ["http://127.0.0.1:8080", "https://hub.example.cn/exchange/"] {
            assert!(HubClient::new(HubConfig::new(good)).is_ok(), "{good}");
        }
        for bad in [
            "ftp://hub",
            "hub.example.cn",
            "http://",
            "",
            "http://h/?a=1",
        ] {
            assert!(
                matches!(
                    HubClient::new(HubConfig::new(bad)),
                    Err(HubClientError::BadAddress { .. })
                ),
                "{bad}"
            );
        }
        let client = HubClient::new(HubConfig::new("https://hub.example.cn/exchange/")).unwrap();
        assert_eq!(client.base_url(), "https://hub.example.cn/exchange");
    }

    #[test]
    fn a_certificate_that_is_not_pem_is_refused() {
        let config =
            HubConfig::new("https://hub.example.cn").with_extra_ca_pem(b"nonsense".to_vec());
        assert!(matches!(
            HubClient::new(config),
            Err(HubClientError::BadCertificate { .. })
        ));
    }

    #[test]
    fn the_token_never_shows_in_debug() {
        let client = HubClient::new(HubConfig::new("http://127.0.0.1:1"))
            .unwrap()
            .with_token("very-secret-token");
        let shown = format!("{client:?}");
        assert!(!shown.contains("very-secret"), "{shown}");
        assert!(shown.contains("signed_in: true"), "{shown}");
        let bearer = client.bearer().unwrap();
        assert!(bearer.is_sensitive());
        assert!(!format!("{bearer:?}").contains("very-secret"));
    }
}
