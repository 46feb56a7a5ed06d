//! RFC 3161 signature timestamps (PAdES baseline B-T). A seal's /M is only
//! what the signer says; a timestamp authority (时间戳服务) signs the time
//! at which it saw the signature's value, so a verifier can judge the
//! signer's certificate at a time nobody at the desk chose.
//!
//! - [`TimestampAuthority`]: the one interface a timestamp source sits
//!   behind; given the SHA-256 of a signature value, it returns a
//!   TimeStampToken. [`RemoteTimestampAuthority`] asks a TSA through a
//!   transport (HTTP, RFC 3161 section 3.4, is `approval-sync`'s: the
//!   network clients live there); [`TestTsa`] makes tokens in memory for
//!   tests and demos, and [`LoopbackTsa`] serves them over HTTP on
//!   127.0.0.1.
//! - [`request_der`] and [`token_from_response`]: the request and the
//!   checks an answer must pass before its token goes into a seal (the
//!   status, the imprint and the nonce).
//!
//! Verification of a token inside a seal is in `verify::timestamp`.

use chrono::{DateTime, Utc};
use cmpv2::status::{PkiStatus, PkiStatusInfo};
use const_oid::db::rfc5912::ID_SHA_256;
use const_oid::ObjectIdentifier;
use der::asn1::{GeneralizedTime, Int, OctetString};
use der::{Decode, Encode};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifier;
use x509_tsp::{MessageImprint, TimeStampReq, TimeStampResp, TspVersion, TstInfo};

use crate::cms::{build_signed_data_over, Content};
use crate::signer::Signer;

/// id-aa-signatureTimeStampToken (RFC 3161 appendix A): the unsigned
/// attribute of a SignerInfo that holds the token.
pub const ID_AA_SIGNATURE_TIME_STAMP_TOKEN: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");

/// id-ct-TSTInfo: the content type of a token's SignedData.
pub const ID_CT_TST_INFO: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.1.4");

/// id-kp-timeStamping: the only extended key usage of a TSA's certificate
/// (RFC 3161 section 2.3, critical).
pub const ID_KP_TIME_STAMPING: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.3.8");

/// Room a token usually needs inside a seal: a TSA's chain of two or
/// three certificates and its signature.
pub const DEFAULT_TOKEN_CAPACITY: usize = 8192;

/// Why no timestamp could be had.
#[derive(Debug, thiserror::Error)]
pub enum TimestampError {
    #[error("时间戳服务拒绝了请求：{0}")]
    Refused(String),
    #[error("时间戳服务的应答无效：{0}")]
    BadResponse(String),
    #[error("无法生成时间戳：{0}")]
    Failed(String),
    /// The transport failed; its own message names the address.
    #[error("{0}")]
    Transport(String),
}

impl From<der::Error> for TimestampError {
    fn from(e: der::Error) -> Self {
        TimestampError::BadResponse(e.to_string())
    }
}

/// A source of RFC 3161 timestamps.
pub trait TimestampAuthority {
    /// A TimeStampToken (DER ContentInfo) over `imprint`, the SHA-256 of
    /// the data to timestamp.
    fn timestamp(&self, imprint: &[u8; 32]) -> Result<Vec<u8>, TimestampError>;

    /// How many bytes a token from this authority may take, so the seal
    /// reserves room for it.
    fn token_capacity(&self) -> usize {
        DEFAULT_TOKEN_CAPACITY
    }
}

fn sha256_imprint(imprint: &[u8; 32]) -> Result<MessageImprint, der::Error> {
    Ok(MessageImprint {
        hash_algorithm: AlgorithmIdentifier {
            oid: ID_SHA_256,
            parameters: None,
        },
        hashed_message: OctetString::new(imprint.to_vec())?,
    })
}

/// A TimeStampReq for `imprint` with `nonce`, asking for the TSA's
/// certificate in the token (a verifier needs it).
pub fn request_der(imprint: &[u8; 32], nonce: &[u8]) -> Result<Vec<u8>, TimestampError> {
    let request = TimeStampReq {
        version: TspVersion::V1,
        message_imprint: sha256_imprint(imprint)?,
        req_policy: None,
        nonce: Some(Int::new(nonce)?),
        cert_req: true,
        extensions: None,
    };
    Ok(request.to_der()?)
}

/// The token of a TimeStampResp, once the answer is granted and its TSTInfo
/// is about `imprint` with `nonce`. The token's signature and the TSA's
/// certificate are the verifier's to judge, as for any seal.
pub fn token_from_response(
    response: &[u8],
    imprint: &[u8; 32],
    nonce: &[u8],
) -> Result<Vec<u8>, TimestampError> {
    let response = TimeStampResp::from_der(response)?;
    match response.status.status {
        PkiStatus::Accepted | PkiStatus::GrantedWithMods => {}
        status => {
            let text: Vec<String> = response
                .status
                .status_string
                .iter()
                .flatten()
                .map(|s| s.to_string())
                .collect();
            return Err(TimestampError::Refused(format!(
                "状态 {status:?} {}",
                text.join("；")
            )));
        }
    }
    let token = response
        .time_stamp_token
        .ok_or_else(|| TimestampError::BadResponse("应答中没有时间戳".into()))?;
    let info = tst_info_of(&token)?;
    if info.message_imprint.hashed_message.as_bytes() != imprint
        || info.message_imprint.hash_algorithm.oid != ID_SHA_256
    {
        return Err(TimestampError::BadResponse(
            "时间戳所盖的不是所请求的数据".into(),
        ));
    }
    let expected = Int::new(nonce)?;
    if info.nonce.as_ref() != Some(&expected) {
        return Err(TimestampError::BadResponse(
            "时间戳的随机数与请求不符（可能是重放的旧应答）".into(),
        ));
    }
    Ok(token.to_der()?)
}

/// The TSTInfo a token carries.
pub fn tst_info_of(token: &cms::content_info::ContentInfo) -> Result<TstInfo, TimestampError> {
    let signed = token
        .content
        .decode_as::<cms::signed_data::SignedData>()
        .map_err(|e| TimestampError::BadResponse(format!("时间戳不是 SignedData：{e}")))?;
    if signed.encap_content_info.econtent_type != ID_CT_TST_INFO {
        return Err(TimestampError::BadResponse(
            "时间戳的内容类型不是 TSTInfo".into(),
        ));
    }
    let content = signed
        .encap_content_info
        .econtent
        .ok_or_else(|| TimestampError::BadResponse("时间戳没有 TSTInfo 内容".into()))?;
    let der = content.decode_as::<OctetString>()?;
    Ok(TstInfo::from_der(der.as_bytes())?)
}

/// A fresh nonce for a request.
pub fn nonce() -> [u8; 8] {
    positive_random()
}

/// Random bytes read as a positive INTEGER of their full length (top bit
/// clear, first byte never zero).
fn positive_random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut bytes);
    if let Some(first) = bytes.first_mut() {
        *first = (*first & 0x7f) | 0x01;
    }
    bytes
}

/// A timestamp authority in memory: it signs a token with its own key at
/// the time it is set to. For tests, demos and the loopback TSA the tests
/// run; never for a real seal.
pub struct TestTsa {
    signer: Box<dyn Signer + Send + Sync>,
    time: DateTime<Utc>,
    policy: ObjectIdentifier,
}

impl TestTsa {
    /// The test policy under which its tokens are issued.
    pub const POLICY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.4.1.99999.3161.1");

    /// `signer` holds the TSA's key and its certificate (with the
    /// id-kp-timeStamping usage) first in its chain.
    pub fn new(signer: Box<dyn Signer + Send + Sync>, time: DateTime<Utc>) -> Self {
        Self {
            signer,
            time,
            policy: Self::POLICY,
        }
    }

    /// A token over `imprint` at the TSA's time, with `nonce` if given.
    pub fn token(
        &self,
        imprint: &MessageImprint,
        nonce: Option<Int>,
    ) -> Result<Vec<u8>, TimestampError> {
        let failed = |e: der::Error| TimestampError::Failed(e.to_string());
        let info = TstInfo {
            version: TspVersion::V1,
            policy: self.policy,
            message_imprint: imprint.clone(),
            serial_number: Int::new(&positive_random::<16>()).map_err(failed)?,
            gen_time: GeneralizedTime::from_unix_duration(std::time::Duration::from_secs(
                u64::try_from(self.time.timestamp())
                    .map_err(|_| TimestampError::Failed("时间早于 1970 年".into()))?,
            ))
            .map_err(failed)?,
            accuracy: None,
            ordering: false,
            nonce,
            tsa: None,
            extensions: None,
        };
        let der = info.to_der().map_err(failed)?;
        let digest: [u8; 32] = Sha256::digest(&der).into();
        let content = Content::Encapsulated {
            content_type: ID_CT_TST_INFO,
            der: &der,
        };
        build_signed_data_over(self.signer.as_ref(), &content, &digest, None)
            .map_err(|e| TimestampError::Failed(e.to_string()))
    }

    /// The TimeStampResp to a DER TimeStampReq, as a TSA's HTTP endpoint
    /// answers (RFC 3161 section 3.4).
    pub fn respond(&self, request: &[u8]) -> Result<Vec<u8>, TimestampError> {
        let request = TimeStampReq::from_der(request)?;
        let token = self.token(&request.message_imprint, request.nonce)?;
        let response = TimeStampResp {
            status: PkiStatusInfo {
                status: PkiStatus::Accepted,
                status_string: None,
                fail_info: None,
            },
            time_stamp_token: Some(cms::content_info::ContentInfo::from_der(&token)?),
        };
        Ok(response.to_der()?)
    }
}

impl TimestampAuthority for TestTsa {
    fn timestamp(&self, imprint: &[u8; 32]) -> Result<Vec<u8>, TimestampError> {
        let imprint = sha256_imprint(imprint).map_err(|e| TimestampError::Failed(e.to_string()))?;
        self.token(&imprint, None)
    }
}

/// The longest answer taken from a TSA: a token with its chain is a few KB.
pub const MAX_RESPONSE_BYTES: u64 = 256 * 1024;

/// How a query reaches a timestamp authority: the DER TimeStampReq out,
/// the DER TimeStampResp back. The network client (`approval-sync`) sends
/// it over HTTP; tests answer in memory.
pub type TimestampTransport = dyn Fn(&[u8]) -> Result<Vec<u8>, TimestampError> + Send + Sync;

/// A timestamp authority reached through a transport: each token is asked
/// for with a fresh nonce, and the answer must be granted, about the
/// imprint asked for and carry that nonce (an old answer replayed is
/// refused).
pub struct RemoteTimestampAuthority {
    send: Box<TimestampTransport>,
}

impl RemoteTimestampAuthority {
    pub fn new(send: Box<TimestampTransport>) -> Self {
        Self { send }
    }
}

impl TimestampAuthority for RemoteTimestampAuthority {
    fn timestamp(&self, imprint: &[u8; 32]) -> Result<Vec<u8>, TimestampError> {
        let nonce = nonce();
        let request = request_der(imprint, &nonce)?;
        let response = (self.send)(&request)?;
        token_from_response(&response, imprint, &nonce)
    }
}

/// A timestamp authority answering over HTTP on 127.0.0.1, for tests and
/// demos: it answers `requests` POSTs with what `answer` makes of each
/// request body (an HTTP status and a body), then stops.
pub struct LoopbackTsa {
    url: String,
    thread: std::thread::JoinHandle<std::io::Result<Vec<Vec<u8>>>>,
}

impl LoopbackTsa {
    pub fn start(
        requests: usize,
        answer: impl Fn(&[u8]) -> (u16, Vec<u8>) + Send + 'static,
    ) -> std::io::Result<Self> {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        let url = format!("http://{}/tsa", listener.local_addr()?);
        let thread = std::thread::spawn(move || {
            let mut received = Vec::new();
            for _ in 0..requests {
                let (stream, _) = listener.accept()?;
                let body = read_post(&stream)?;
                let (status, reply) = answer(&body);
                write_reply(&stream, status, &reply)?;
                received.push(body);
            }
            Ok(received)
        });
        Ok(Self { url, thread })
    }

    /// A loopback TSA whose answers are `tsa`'s tokens.
    pub fn serving(tsa: TestTsa, requests: usize) -> std::io::Result<Self> {
        Self::start(requests, move |request| match tsa.respond(request) {
            Ok(reply) => (200, reply),
            Err(_) => (400, Vec::new()),
        })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Waits for the last answer; the request bodies it received.
    pub fn finish(self) -> std::io::Result<Vec<Vec<u8>>> {
        self.thread
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the loopback TSA panicked")))
    }
}

/// The body of one HTTP/1.1 POST (its Content-Length bytes, at most
/// [`MAX_RESPONSE_BYTES`]).
fn read_post(stream: &std::net::TcpStream) -> std::io::Result<Vec<u8>> {
    use std::io::{BufRead, Read};
    let mut reader = std::io::BufReader::new(stream);
    let mut length = 0u64;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            break;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = Vec::new();
    reader
        .take(length.min(MAX_RESPONSE_BYTES))
        .read_to_end(&mut body)?;
    Ok(body)
}

fn write_reply(mut stream: &std::net::TcpStream, status: u16, body: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    write!(
        stream,
        "HTTP/1.1 {status} TSA\r\nContent-Type: application/timestamp-reply\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)
}
