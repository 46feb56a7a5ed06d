//! The window's session with its exchange hub: who is signed in where (or
//! that it is the built-in demo), and how the sync stands — for the status
//! bar, the demo banner and the connect dialog.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::exchange::HubStatus;
use crate::{ApiError, ErrorCode};

/// Which hub the window works with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "SessionMode")]
#[serde(rename_all = "snake_case")]
pub enum SessionModeView {
    /// The built-in demo hub (演示数据), started in-process on loopback
    /// with its own demo profile.
    Demo,
    /// A real hub the profile is bound to.
    Hub,
    /// No hub: the profile works alone (nothing is synced).
    Local,
}

/// The signed-in person and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "SessionView")]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub mode: SessionModeView,
    /// The person who acts (the hub session's name on a bound profile).
    pub person: String,
    pub account: Option<String>,
    pub hub_url: Option<String>,
    /// Role codes (`officer`, `manager` …) the person holds on this desk.
    pub roles: Vec<String>,
    /// The department of the person's first department-scoped grant.
    pub department: Option<String>,
    /// In demo mode, the demo department's seal (a throwaway key file
    /// whose password is in the OS keyring): the seal dialog offers it.
    pub demo_seal: Option<DemoSealView>,
}

/// The demo officer's seal key, as the seal dialog asks for a key file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "DemoSealView")]
#[serde(rename_all = "camelCase")]
pub struct DemoSealView {
    /// The PKCS#12 key file.
    pub p12_path: String,
    /// `SERVICE/ACCOUNT` of its password in the OS keyring.
    pub keyring_entry: String,
    /// The department the seal names.
    pub department: String,
}

/// Why the last sync failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "SyncErrorView")]
#[serde(rename_all = "camelCase")]
pub struct SyncErrorView {
    pub code: String,
    pub message: String,
    pub message_en: String,
}

impl From<&ApiError> for SyncErrorView {
    fn from(error: &ApiError) -> Self {
        Self {
            code: error.code.as_str().to_owned(),
            message: error.message.clone(),
            message_en: error.message_en.clone(),
        }
    }
}

/// How the sync stands (the status bar; the `sync-status` event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "SyncStatusView")]
#[serde(rename_all = "camelCase")]
pub struct SyncStatusView {
    /// RFC 3339, +08:00.
    pub last_success_at: Option<String>,
    pub last_attempt_at: Option<String>,
    /// Outbox records not pushed yet (refused ones included).
    pub pending_pushes: u32,
    /// Of those, refused by the hub for good.
    pub failed_pushes: u32,
    /// Pulled transfers not stored as cases yet.
    pub waiting_transfers: u32,
    /// False when the last attempt found the hub unreachable.
    pub online: bool,
    /// A sync round is running now.
    pub running: bool,
    /// The last attempt's failure (`None` after a success).
    pub last_error: Option<SyncErrorView>,
}

impl SyncStatusView {
    /// The view of the profile's exchange state. `running` and a failure
    /// of this run (`last_failure`, which wins over the stored one) come
    /// from the caller's sync loop; offline means the last attempt failed
    /// as `hub_unavailable`.
    pub fn of(status: &HubStatus, running: bool, last_failure: Option<&ApiError>) -> Self {
        let state = status.state.as_ref();
        let at = |t: Option<chrono::DateTime<chrono::FixedOffset>>| t.map(|t| t.to_rfc3339());
        let last_error = match last_failure {
            Some(error) => Some(SyncErrorView::from(error)),
            // Stored as the code and the English message: the zh-CN side is
            // the code's title.
            None => state
                .and_then(|s| s.last_error.as_ref())
                .map(|(code, message_en)| SyncErrorView {
                    code: code.clone(),
                    message: ErrorCode::ALL
                        .iter()
                        .find(|c| c.as_str() == code)
                        .map_or_else(|| message_en.clone(), |c| c.title_zh().to_owned()),
                    message_en: message_en.clone(),
                }),
        };
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self {
            last_success_at: at(state.and_then(|s| s.last_success_at)),
            last_attempt_at: at(state.and_then(|s| s.last_attempt_at)),
            pending_pushes: count(status.pending_pushes),
            failed_pushes: count(status.failed_pushes),
            waiting_transfers: count(status.waiting_transfers),
            online: last_error
                .as_ref()
                .is_none_or(|e| e.code != ErrorCode::HubUnavailable.as_str()),
            running,
            last_error,
        }
    }
}

/// A sync's progress (the `sync-progress` event): `done` of `total`
/// (`None` while the feed's length is unknown) in the phase `label`
/// (`pulling`, `pushing`, `checkpoint`, `done`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "SyncProgress")]
#[serde(rename_all = "camelCase")]
pub struct SyncProgressView {
    pub done: u32,
    pub total: Option<u32>,
    pub label: String,
}

/// Connecting the window to a real hub (`hub_connect`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(rename = "HubConnectRequest")]
#[serde(rename_all = "camelCase")]
pub struct HubConnectRequest {
    pub url: String,
    pub account: String,
    pub password: String,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn status() -> HubStatus {
        HubStatus {
            binding: None,
            state: None,
            pending_pushes: 3,
            failed_pushes: 1,
            waiting_transfers: 2,
        }
    }

    #[test]
    fn offline_is_an_unavailable_hub_and_nothing_else() {
        let online = SyncStatusView::of(&status(), false, None);
        assert!(online.online);
        assert_eq!(online.pending_pushes, 3);
        let unavailable = ApiError::new(ErrorCode::HubUnavailable, "断开", "down");
        let offline = SyncStatusView::of(&status(), true, Some(&unavailable));
        assert!(!offline.online);
        assert!(offline.running);
        assert_eq!(offline.last_error.unwrap().code, "hub_unavailable");
        let refused = ApiError::new(ErrorCode::HubUnauthorized, "登录失效", "signed out");
        assert!(SyncStatusView::of(&status(), false, Some(&refused)).online);
    }

    #[test]
    fn the_views_cross_ipc_in_camel_case() {
        let json = serde_json::to_value(SyncStatusView::of(&status(), false, None)).unwrap();
        assert!(json.get("pendingPushes").is_some(), "{json}");
        assert!(json.get("lastError").is_some(), "{json}");
        let session = SessionView {
            mode: SessionModeView::Demo,
            person: "张承办".into(),
            account: Some("officer-market".into()),
            hub_url: None,
            roles: vec!["officer".into()],
            department: None,
            demo_seal: Some(DemoSealView {
                p12_path: "demo/seal.p12".into(),
                keyring_entry: "approval-desk-demo/seal".into(),
                department: "蓝田县市场监督管理局".into(),
            }),
        };
        let json = serde_json::to_value(session).unwrap();
        assert_eq!(json["mode"], "demo");
        assert!(json.get("hubUrl").is_some(), "{json}");
        assert_eq!(json["demoSeal"]["keyringEntry"], "approval-desk-demo/seal");
    }
}
