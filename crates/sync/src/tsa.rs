//! A timestamp authority over HTTP(S) (RFC 3161 section 3.4): the DER
//! TimeStampReq is POSTed as `application/timestamp-query` and the DER
//! TimeStampResp comes back as `application/timestamp-reply`. What the
//! answer must hold (granted, the imprint and the nonce asked for) is
//! checked by `approval_esign::timestamp`, not here.

use std::io::Read;
use std::time::Duration;

/// The longest answer read: a token with its chain is a few KB.
pub const MAX_REPLY_BYTES: u64 = 256 * 1024;

/// How long one query may take, connection included.
const TIMEOUT: Duration = Duration::from_secs(20);

/// Why a timestamp authority gave no answer to use.
#[derive(Debug, thiserror::Error)]
pub enum TsaError {
    #[error("时间戳服务地址“{url}”无效：应以 http:// 或 https:// 开头")]
    BadAddress { url: String },
    #[error("无法连接时间戳服务（{url}）：{reason}")]
    Unreachable { url: String, reason: String },
    #[error("时间戳服务（{url}）答复 HTTP 状态 {status}")]
    Status { url: String, status: u16 },
    #[error("时间戳服务（{url}）的应答超过 {} KB", MAX_REPLY_BYTES / 1024)]
    TooLarge { url: String },
}

/// A timestamp authority's address, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TsaAddress(String);

impl TsaAddress {
    /// `url` if it is an `http://` or `https://` address.
    pub fn parse(url: &str) -> Result<Self, TsaError> {
        let lower = url.trim().to_ascii_lowercase();
        let rest = lower
            .strip_prefix("http://")
            .or_else(|| lower.strip_prefix("https://"));
        match rest {
            Some(host) if !host.is_empty() => Ok(Self(url.trim().to_owned())),
            _ => Err(TsaError::BadAddress {
                url: url.to_owned(),
            }),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Sends `query` (a DER TimeStampReq) to the authority at `address` and
/// returns its DER TimeStampResp.
pub fn post_timestamp_query(address: &TsaAddress, query: &[u8]) -> Result<Vec<u8>, TsaError> {
    // reqwest's blocking client runs a runtime of its own, which may not
    // be started or dropped inside an async one: a thread of its own keeps
    // sealing callable from anywhere (a command, a use case, a test).
    std::thread::scope(|scope| {
        scope
            .spawn(|| post(address, query))
            .join()
            .unwrap_or_else(|_| {
                Err(TsaError::Unreachable {
                    url: address.0.clone(),
                    reason: "请求线程异常退出".into(),
                })
            })
    })
}

fn post(address: &TsaAddress, query: &[u8]) -> Result<Vec<u8>, TsaError> {
    let url = &address.0;
    let unreachable = |reason: String| TsaError::Unreachable {
        url: url.clone(),
        reason,
    };
    let client = reqwest::blocking::Client::builder()
        .timeout(TIMEOUT)
        .build()
        .map_err(|e| unreachable(e.to_string()))?;
    let response = client
        .post(url)
        .header("Content-Type", "application/timestamp-query")
        .header("Accept", "application/timestamp-reply")
        .body(query.to_vec())
        .send()
        .map_err(|e| unreachable(e.to_string()))?;
    if !response.status().is_success() {
        return Err(TsaError::Status {
            url: url.clone(),
            status: response.status().as_u16(),
        });
    }
    let mut body = Vec::new();
    response
        .take(MAX_REPLY_BYTES + 1)
        .read_to_end(&mut body)
        .map_err(|e| unreachable(e.to_string()))?;
    if body.len() as u64 > MAX_REPLY_BYTES {
        return Err(TsaError::TooLarge { url: url.clone() });
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_addresses_are_taken() {
        for good in [
            "http://127.0.0.1:8080/tsa",
            "HTTPS://tsa.example.cn/ts",
            " http://h ",
        ] {
            assert!(TsaAddress::parse(good).is_ok(), "{good}");
        }
        for bad in ["ftp://tsa.example/", "tsa.example", "http://", ""] {
            let error = TsaAddress::parse(bad).map(|_| ()).unwrap_err();
            assert!(error.to_string().contains("http://"), "{bad}: {error}");
        }
    }
}
