//! A fault-injection proxy for tests (feature `fault-proxy`): an HTTP/1.1
//! proxy on `127.0.0.1:0` in front of a hub, whose behaviour a test switches
//! while it runs — pass the request through, drop the connection before
//! forwarding, forward and then drop the answer (the request had its effect,
//! the caller never learns it), delay, answer 500, answer 429 with
//! `Retry-After`, or cut the answer in half. What it does is decided per
//! request by a [`Plan`] (always one fault, a script by request number, or a
//! seeded probability) and counted in [`Stats`] and a log.
//!
//! Each connection carries one request: the proxy asks the hub with
//! `Connection: close` and answers the client with it, so every request's
//! fate is decided alone and a client never reuses a connection the proxy
//! cut. The messages are framed by `Content-Length` or chunked encoding and
//! passed on byte for byte otherwise.
//!
//! ```no_run
//! # async fn demo(hub: std::net::SocketAddr) -> std::io::Result<()> {
//! use approval_sync::fault_proxy::{Fault, FaultProxy, Plan};
//! let proxy = FaultProxy::start(hub).await?;
//! // The first two pushes are lost after the hub took them, then all pass.
//! proxy.set_plan(
//!     Plan::script(vec![Fault::DropAfterForward; 2], Fault::Pass).only(|r| r.method == "POST"),
//! );
//! let base_url = proxy.url(); // give this to the client
//! # let _ = base_url;
//! assert_eq!(proxy.stats().dropped_after, 0);
//! # Ok(()) }
//! ```

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinSet;

use crate::backoff::{Jitter, SplitMix64};

/// The longest request or answer head read (a hub's heads are small).
const MAX_HEAD: usize = 64 * 1024;
/// The longest body passed on (results carry PDFs; tests stay far below).
const MAX_BODY: usize = 256 * 1024 * 1024;

/// What the proxy does with one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// Forward it and pass the answer back unchanged.
    Pass,
    /// Read the request, then close the connection: the hub never sees it.
    DropBeforeForward,
    /// Forward it, read the hub's whole answer, then close the connection
    /// without a byte: the request had its effect, its answer is lost.
    DropAfterForward,
    /// Wait, then forward as `Pass` (long enough, the client times out and
    /// the hub may still act on it).
    Delay(Duration),
    /// Answer 500 without forwarding.
    Status500,
    /// Answer 429 with `Retry-After: <seconds>` without forwarding.
    Status429 { retry_after_secs: u64 },
    /// Forward it and pass back the answer's head and half its body (half
    /// the head when it has none), then close: a 2xx cut short.
    CutResponse,
}

/// A request as the plan sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestInfo {
    /// The request's number among all the proxy has read, from 0.
    pub number: u64,
    pub method: String,
    /// The request target (path and query).
    pub path: String,
    pub idempotency_key: Option<String>,
}

/// One request and what the proxy did with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub request: RequestInfo,
    pub fault: Fault,
    /// The hub's status, when it was asked and answered.
    pub upstream_status: Option<u16>,
}

/// Counts of what the proxy did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Requests read from clients.
    pub requests: u64,
    pub passed: u64,
    pub dropped_before: u64,
    pub dropped_after: u64,
    pub delayed: u64,
    pub answered_500: u64,
    pub answered_429: u64,
    pub cut: u64,
    /// Forwarding failed (hub down): the client got a 502.
    pub upstream_failed: u64,
}

impl Stats {
    /// Requests that reached the hub (and so may have had their effect).
    pub fn forwarded(&self) -> u64 {
        self.passed + self.dropped_after + self.delayed + self.cut
    }

    /// Requests the proxy interfered with.
    pub fn faults(&self) -> u64 {
        self.dropped_before
            + self.dropped_after
            + self.delayed
            + self.answered_500
            + self.answered_429
            + self.cut
    }
}

type Filter = Arc<dyn Fn(&RequestInfo) -> bool + Send + Sync>;

enum Schedule {
    Always(Fault),
    Script {
        faults: Vec<Fault>,
        then: Fault,
    },
    Random {
        seed: u64,
        probability: f64,
        faults: Vec<Fault>,
    },
}

/// Which fault each request gets. Requests the filter (`only`) leaves out
/// pass and do not advance a script.
pub struct Plan {
    schedule: Schedule,
    only: Option<Filter>,
}

impl std::fmt::Debug for Plan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let schedule = match &self.schedule {
            Schedule::Always(fault) => format!("always {fault:?}"),
            Schedule::Script { faults, then } => format!("script {faults:?} then {then:?}"),
            Schedule::Random {
                seed,
                probability,
                faults,
            } => format!("random p={probability} seed={seed} among {faults:?}"),
        };
        f.debug_struct("Plan")
            .field("schedule", &schedule)
            .field("filtered", &self.only.is_some())
            .finish()
    }
}

impl Plan {
    /// Every request gets `fault`.
    pub fn always(fault: Fault) -> Self {
        Self {
            schedule: Schedule::Always(fault),
            only: None,
        }
    }

    /// The n-th request (counted from the plan's start) gets `faults[n]`,
    /// those after the script `then`.
    pub fn script(faults: Vec<Fault>, then: Fault) -> Self {
        Self {
            schedule: Schedule::Script { faults, then },
            only: None,
        }
    }

    /// Each request gets, with `probability`, one of `faults` (uniformly),
    /// otherwise passes; the same seed gives the same sequence.
    pub fn random(seed: u64, probability: f64, faults: Vec<Fault>) -> Self {
        Self {
            schedule: Schedule::Random {
                seed,
                probability,
                faults,
            },
            only: None,
        }
    }

    /// The plan applies only to requests `filter` accepts; others pass.
    pub fn only(mut self, filter: impl Fn(&RequestInfo) -> bool + Send + Sync + 'static) -> Self {
        self.only = Some(Arc::new(filter));
        self
    }
}

struct State {
    target: SocketAddr,
    plan: Plan,
    rng: SplitMix64,
    /// Requests the current plan applied to.
    matched: u64,
    stats: Stats,
    log: Vec<Record>,
}

impl State {
    fn decide(&mut self, request: &RequestInfo) -> Fault {
        if let Some(only) = &self.plan.only {
            if !only(request) {
                return Fault::Pass;
            }
        }
        let n = self.matched;
        self.matched += 1;
        match &self.plan.schedule {
            Schedule::Always(fault) => fault.clone(),
            Schedule::Script { faults, then } => usize::try_from(n)
                .ok()
                .and_then(|n| faults.get(n))
                .unwrap_or(then)
                .clone(),
            Schedule::Random {
                probability,
                faults,
                ..
            } => {
                let roll = self.rng.unit();
                let pick = self.rng.next_u64();
                if faults.is_empty() || roll >= *probability {
                    Fault::Pass
                } else {
                    let index = usize::try_from(pick % faults.len() as u64).unwrap_or(0);
                    faults.get(index).cloned().unwrap_or(Fault::Pass)
                }
            }
        }
    }

    fn count(&mut self, fault: &Fault) {
        let counter = match fault {
            Fault::Pass => &mut self.stats.passed,
            Fault::DropBeforeForward => &mut self.stats.dropped_before,
            Fault::DropAfterForward => &mut self.stats.dropped_after,
            Fault::Delay(_) => &mut self.stats.delayed,
            Fault::Status500 => &mut self.stats.answered_500,
            Fault::Status429 { .. } => &mut self.stats.answered_429,
            Fault::CutResponse => &mut self.stats.cut,
        };
        *counter += 1;
    }
}

struct Shared {
    state: Mutex<State>,
}

impl Shared {
    fn state(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// The running proxy; dropping it stops it and its open connections.
pub struct FaultProxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: tokio::task::JoinHandle<()>,
}

impl std::fmt::Debug for FaultProxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaultProxy")
            .field("addr", &self.addr)
            .field("stats", &self.stats())
            .finish()
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl FaultProxy {
    /// Listens on `127.0.0.1:0` in front of `target`, passing everything.
    /// Must be called inside a tokio runtime.
    pub async fn start(target: SocketAddr) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                target,
                plan: Plan::always(Fault::Pass),
                rng: SplitMix64::seeded(0),
                matched: 0,
                stats: Stats::default(),
                log: Vec::new(),
            }),
        });
        let task = tokio::spawn(accept_loop(listener, Arc::clone(&shared)));
        Ok(Self { addr, shared, task })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:<port>`, the base URL to give a client.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Replaces the plan; its script and random sequence start afresh.
    pub fn set_plan(&self, plan: Plan) {
        let mut state = self.shared.state();
        if let Schedule::Random { seed, .. } = &plan.schedule {
            state.rng = SplitMix64::seeded(*seed);
        }
        state.plan = plan;
        state.matched = 0;
    }

    /// Every request from now on gets `fault`.
    pub fn set_fault(&self, fault: Fault) {
        self.set_plan(Plan::always(fault));
    }

    /// The faults stop: everything passes.
    pub fn heal(&self) {
        self.set_fault(Fault::Pass);
    }

    /// Forwards to another address from now on (a restarted hub).
    pub fn set_target(&self, target: SocketAddr) {
        self.shared.state().target = target;
    }

    pub fn stats(&self) -> Stats {
        self.shared.state().stats.clone()
    }

    /// Every request so far, in the order they were read.
    pub fn log(&self) -> Vec<Record> {
        self.shared.state().log.clone()
    }
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>) {
    // Dropping the set (when the proxy's task is aborted) aborts every
    // connection still open.
    let mut connections = JoinSet::new();
    loop {
        while connections.try_join_next().is_some() {}
        match listener.accept().await {
            Ok((stream, _)) => {
                connections.spawn(serve(stream, Arc::clone(&shared)));
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
}

/// A request or answer as read: its head (through the blank line) and its
/// body, both as they came.
struct Message {
    head: Vec<u8>,
    body: Vec<u8>,
}

async fn serve(client: TcpStream, shared: Arc<Shared>) {
    let mut client = Reader::new(client);
    let Ok(request) = client.read_message(None).await else {
        return;
    };
    let head = parse_head(&request.head);
    let (info, fault, target) = {
        let mut state = shared.state();
        let info = RequestInfo {
            number: state.stats.requests,
            method: head.first_word.clone(),
            path: head.second_word.clone(),
            idempotency_key: head.header("idempotency-key").map(str::to_owned),
        };
        state.stats.requests += 1;
        let fault = state.decide(&info);
        state.count(&fault);
        state.log.push(Record {
            request: info.clone(),
            fault: fault.clone(),
            upstream_status: None,
        });
        (info, fault, state.target)
    };
    let mut client = client.stream;
    match &fault {
        Fault::DropBeforeForward => return,
        Fault::Status500 => {
            let _ = client
                .write_all(&injected("500 Internal Server Error", "", "injected_fault"))
                .await;
            let _ = client.shutdown().await;
            return;
        }
        Fault::Status429 { retry_after_secs } => {
            let header = format!("Retry-After: {retry_after_secs}\r\n");
            let _ = client
                .write_all(&injected("429 Too Many Requests", &header, "rate_limited"))
                .await;
            let _ = client.shutdown().await;
            return;
        }
        Fault::Delay(wait) => tokio::time::sleep(*wait).await,
        Fault::Pass | Fault::DropAfterForward | Fault::CutResponse => {}
    }
    let is_head = info.method.eq_ignore_ascii_case("HEAD");
    let answer = match forward(target, &request, is_head).await {
        Ok(answer) => answer,
        Err(_) => {
            shared.state().stats.upstream_failed += 1;
            let _ = client
                .write_all(&injected("502 Bad Gateway", "", "upstream_failed"))
                .await;
            let _ = client.shutdown().await;
            return;
        }
    };
    let status = parse_head(&answer.head).second_word.parse::<u16>().ok();
    {
        let mut state = shared.state();
        if let Some(record) = state
            .log
            .iter_mut()
            .rev()
            .find(|record| record.request.number == info.number)
        {
            record.upstream_status = status;
        }
    }
    let head = with_connection_close(&answer.head);
    match fault {
        Fault::DropAfterForward => {}
        Fault::CutResponse => {
            let mut bytes = head;
            if answer.body.is_empty() {
                bytes.truncate(bytes.len() / 2);
            } else {
                bytes.extend_from_slice(&answer.body[..answer.body.len() / 2]);
            }
            let _ = client.write_all(&bytes).await;
        }
        _ => {
            let mut bytes = head;
            bytes.extend_from_slice(&answer.body);
            let _ = client.write_all(&bytes).await;
        }
    }
    let _ = client.shutdown().await;
}

/// Sends `request` to `target` on a connection of its own and reads the
/// answer.
async fn forward(target: SocketAddr, request: &Message, is_head: bool) -> std::io::Result<Message> {
    let mut upstream = TcpStream::connect(target).await?;
    let mut bytes = with_connection_close(&request.head);
    bytes.extend_from_slice(&request.body);
    upstream.write_all(&bytes).await?;
    let mut upstream = Reader::new(upstream);
    upstream.read_message(Some(is_head)).await
}

/// An answer the proxy makes itself, in the contract's error shape.
fn injected(status: &str, extra_headers: &str, code: &str) -> Vec<u8> {
    let body = format!(
        r#"{{"code":"{code}","message":"故障注入代理的答复","message_en":"answered by the fault-injection proxy ({status})"}}"#
    );
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra_headers}Connection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// The head with any `Connection`/`Keep-Alive` header replaced by
/// `Connection: close`.
fn with_connection_close(head: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(head);
    let mut lines = text.split("\r\n").filter(|line| !line.is_empty());
    let mut out = String::with_capacity(head.len() + 20);
    if let Some(first) = lines.next() {
        out.push_str(first);
        out.push_str("\r\n");
    }
    for line in lines {
        let name = line.split(':').next().unwrap_or("").trim();
        if name.eq_ignore_ascii_case("connection") || name.eq_ignore_ascii_case("keep-alive") {
            continue;
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str("Connection: close\r\n\r\n");
    out.into_bytes()
}

struct Head {
    /// The method of a request, the version of an answer.
    first_word: String,
    /// The target of a request, the status of an answer.
    second_word: String,
    headers: Vec<(String, String)>,
}

impl Head {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn parse_head(head: &[u8]) -> Head {
    let text = String::from_utf8_lossy(head);
    let mut lines = text.split("\r\n");
    let mut words = lines.next().unwrap_or("").split_whitespace();
    let first_word = words.next().unwrap_or("").to_owned();
    let second_word = words.next().unwrap_or("").to_owned();
    let headers = lines
        .filter_map(|line| {
            let (name, value) = line.split_once(':')?;
            Some((name.trim().to_owned(), value.trim().to_owned()))
        })
        .collect();
    Head {
        first_word,
        second_word,
        headers,
    }
}

/// A connection read through a buffer.
struct Reader {
    stream: TcpStream,
    buffer: Vec<u8>,
}

fn invalid(message: &str) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, message.to_owned())
}

impl Reader {
    fn new(stream: TcpStream) -> Self {
        Self {
            stream,
            buffer: Vec::new(),
        }
    }

    /// Reads more; an error at the end of the stream.
    async fn fill(&mut self) -> std::io::Result<()> {
        let mut chunk = [0u8; 16 * 1024];
        let n = self.stream.read(&mut chunk).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        self.buffer.extend_from_slice(&chunk[..n]);
        Ok(())
    }

    /// Bytes up to and including `delimiter`.
    async fn take_through(&mut self, delimiter: &[u8], limit: usize) -> std::io::Result<Vec<u8>> {
        loop {
            if let Some(at) = self
                .buffer
                .windows(delimiter.len())
                .position(|window| window == delimiter)
            {
                let rest = self.buffer.split_off(at + delimiter.len());
                return Ok(std::mem::replace(&mut self.buffer, rest));
            }
            if self.buffer.len() > limit {
                return Err(invalid("line or head too long"));
            }
            self.fill().await?;
        }
    }

    async fn take(&mut self, n: usize) -> std::io::Result<Vec<u8>> {
        while self.buffer.len() < n {
            self.fill().await?;
        }
        let rest = self.buffer.split_off(n);
        Ok(std::mem::replace(&mut self.buffer, rest))
    }

    async fn take_to_end(&mut self) -> std::io::Result<Vec<u8>> {
        loop {
            if self.buffer.len() > MAX_BODY {
                return Err(invalid("body too large"));
            }
            match self.fill().await {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                    return Ok(std::mem::take(&mut self.buffer))
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// A request (`answer_to_head: None`) or an answer (`Some(whether the
    /// request was HEAD)`), framed as RFC 9112 section 6 says.
    async fn read_message(&mut self, answer_to_head: Option<bool>) -> std::io::Result<Message> {
        let head = self.take_through(b"\r\n\r\n", MAX_HEAD).await?;
        let parsed = parse_head(&head);
        if let Some(is_head) = answer_to_head {
            let status = parsed.second_word.parse::<u16>().unwrap_or(0);
            if is_head || (100..200).contains(&status) || status == 204 || status == 304 {
                return Ok(Message {
                    head,
                    body: Vec::new(),
                });
            }
        }
        let chunked = parsed
            .header("transfer-encoding")
            .is_some_and(|value| value.to_ascii_lowercase().contains("chunked"));
        let body = if chunked {
            self.read_chunked().await?
        } else if let Some(length) = parsed.header("content-length") {
            let length: usize = length.parse().map_err(|_| invalid("bad Content-Length"))?;
            if length > MAX_BODY {
                return Err(invalid("body too large"));
            }
            self.take(length).await?
        } else if answer_to_head.is_some() {
            // An answer without a length runs to the end of the connection.
            self.take_to_end().await?
        } else {
            Vec::new()
        };
        Ok(Message { head, body })
    }

    /// A chunked body as it came (sizes, data and trailers).
    async fn read_chunked(&mut self) -> std::io::Result<Vec<u8>> {
        let mut raw = Vec::new();
        loop {
            let line = self.take_through(b"\r\n", MAX_HEAD).await?;
            let size_text = String::from_utf8_lossy(&line);
            let size_text = size_text.trim().split(';').next().unwrap_or("").trim();
            let size =
                usize::from_str_radix(size_text, 16).map_err(|_| invalid("bad chunk size"))?;
            raw.extend_from_slice(&line);
            if size == 0 {
                loop {
                    let trailer = self.take_through(b"\r\n", MAX_HEAD).await?;
                    raw.extend_from_slice(&trailer);
                    if trailer == b"\r\n" {
                        return Ok(raw);
                    }
                }
            }
            if raw.len() + size > MAX_BODY {
                return Err(invalid("body too large"));
            }
            let data = self.take(size + 2).await?;
            raw.extend_from_slice(&data);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn info(number: u64, method: &str) -> RequestInfo {
        RequestInfo {
            number,
            method: method.to_owned(),
            path: "/v1/x".to_owned(),
            idempotency_key: None,
        }
    }

    fn state(plan: Plan) -> State {
        let mut state = State {
            target: SocketAddr::from(([127, 0, 0, 1], 1)),
            plan: Plan::always(Fault::Pass),
            rng: SplitMix64::seeded(0),
            matched: 0,
            stats: Stats::default(),
            log: Vec::new(),
        };
        if let Schedule::Random { seed, .. } = &plan.schedule {
            state.rng = SplitMix64::seeded(*seed);
        }
        state.plan = plan;
        state
    }

    #[test]
    fn a_script_goes_by_the_number_of_the_requests_it_applies_to() {
        let mut state = state(
            Plan::script(vec![Fault::Status500, Fault::CutResponse], Fault::Pass)
                .only(|r| r.method == "POST"),
        );
        assert_eq!(state.decide(&info(0, "GET")), Fault::Pass);
        assert_eq!(state.decide(&info(1, "POST")), Fault::Status500);
        assert_eq!(state.decide(&info(2, "GET")), Fault::Pass);
        assert_eq!(state.decide(&info(3, "POST")), Fault::CutResponse);
        assert_eq!(state.decide(&info(4, "POST")), Fault::Pass);
    }

    #[test]
    fn a_seeded_plan_repeats_itself_and_keeps_its_probability() {
        let faults = vec![Fault::Status500, Fault::DropBeforeForward];
        let run = |seed| {
            let mut state = state(Plan::random(seed, 0.3, faults.clone()));
            (0..1000)
                .map(|n| state.decide(&info(n, "POST")))
                .collect::<Vec<_>>()
        };
        let first = run(11);
        assert_eq!(first, run(11));
        assert_ne!(first, run(12));
        let faulted = first.iter().filter(|f| **f != Fault::Pass).count();
        assert!((220..380).contains(&faulted), "{faulted}");
        assert!(first.contains(&Fault::Status500) && first.contains(&Fault::DropBeforeForward));
    }

    #[test]
    fn heads_get_connection_close() {
        let head = b"POST /v1/x HTTP/1.1\r\nHost: h\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: 2\r\n\r\n";
        let rewritten = String::from_utf8(with_connection_close(head)).unwrap();
        assert_eq!(
            rewritten,
            "POST /v1/x HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nConnection: close\r\n\r\n"
        );
        let parsed = parse_head(head);
        assert_eq!(parsed.first_word, "POST");
        assert_eq!(parsed.second_word, "/v1/x");
        assert_eq!(parsed.header("content-length"), Some("2"));
    }
}
