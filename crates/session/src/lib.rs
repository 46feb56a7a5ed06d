//! A bound desk's session with its exchange hub (交换平台), shared by both
//! front ends (the window and `deskctl`): the hub's client for an address
//! (with an optional extra CA), signing in and binding the profile with
//! the session's grants adopted, the signed-in client of a bound profile
//! (a password for this run, or the token kept in a [`TokenStore`]: the OS
//! keyring for a real hub, memory for the demo), and one sync round.
//!
//! Nothing here prints: every step returns what happened or an
//! [`ApiError`] (a [`SessionError`] when a file named by the user could
//! not be read), and the front end words it. The rules of the exchange
//! live in `approval_api::exchange`, the wire in `approval_sync`; this
//! crate only puts them together the same way for both front ends.

use std::path::Path;
use std::time::Duration;

use approval_api::exchange::{
    adopt_hub_grants, bind_hub, fetch_calendar, sync_once, AdoptedGrants, BindRequest,
    CalendarFetch, HubStatus, SyncOptions, SyncProgress, SyncReport,
};
use approval_api::{ApiError, Desk, ErrorCode};
use approval_contract::auth::Session;
use approval_sync::credentials::TokenStoreError;
use approval_sync::hub::{HubClient, HubConfig};
use approval_sync::{Backoff, KeyringTokenStore, TokenStore};
use chrono::{DateTime, FixedOffset};

/// Why a session step failed.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// The extra CA file (`--ca`, or the one a binding names) could not be
    /// read.
    #[error("cannot read {path}: {source}")]
    CaUnreadable {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A use case, the hub or the keyring refused or failed.
    #[error("{} ({})", .0.message_en, .0.code)]
    Api(#[from] ApiError),
}

impl From<SessionError> for ApiError {
    fn from(error: SessionError) -> Self {
        match error {
            SessionError::Api(error) => error,
            SessionError::CaUnreadable { path, source } => ApiError::new(
                ErrorCode::FileUnreadable,
                format!("无法读取交换平台的证书文件{path}：{source}"),
                format!("cannot read the hub's CA file {path}: {source}"),
            )
            .at_field("ca"),
        }
    }
}

/// The hub's client at `url`, trusting the PEM CA at `ca` besides the
/// usual roots. Not signed in.
pub fn client(url: &str, ca: Option<&Path>) -> Result<HubClient, SessionError> {
    let mut config = HubConfig::new(url.to_owned());
    if let Some(ca) = ca {
        let pem = std::fs::read(ca).map_err(|source| SessionError::CaUnreadable {
            path: ca.display().to_string(),
            source,
        })?;
        config = config.with_extra_ca_pem(pem);
    }
    Ok(HubClient::new(config).map_err(|e| {
        ApiError::invalid_input(
            format!("无法连接交换平台{url}：{e}"),
            format!("cannot set up the hub client for {url}: {e}"),
        )
        .at_field("url")
    })?)
}

/// The OS keyring, where a real hub's session token is kept.
pub fn keyring() -> Result<KeyringTokenStore, ApiError> {
    KeyringTokenStore::platform().map_err(keyring_failed)
}

/// A keyring failure as the api's error (`keyring_failed`).
pub fn keyring_failed(error: TokenStoreError) -> ApiError {
    ApiError::new(
        ErrorCode::KeyringFailed,
        format!("系统钥匙串不可用：{error}"),
        format!("the OS keyring failed: {error}"),
    )
}

/// Signs in to the hub at `url` as `account`: the session (token, person,
/// grants) and the client carrying its token. Binds nothing.
pub async fn sign_in(
    url: &str,
    ca: Option<&Path>,
    account: &str,
    password: &str,
) -> Result<(HubClient, Session), SessionError> {
    let client = client(url, ca)?;
    let session = client
        .sign_in(account, password)
        .await
        .map_err(ApiError::from)?;
    Ok((client.with_token(session.token.as_str()), session))
}

/// Binds `desk` to the hub at `url` as the signed-in `session`, then
/// adopts the session's grants as the signed-in person's: the hub is the
/// authority on who may do what. Binding again (another hub, another
/// account, the same hub on another port) replaces the binding; the desk
/// id and the feed cursor stay.
pub async fn bind_signed_in(
    desk: &Desk,
    url: &str,
    ca: Option<&Path>,
    session: &Session,
    now: DateTime<FixedOffset>,
) -> Result<(HubStatus, AdoptedGrants), ApiError> {
    let status = bind_hub(
        desk,
        BindRequest {
            url: url.to_owned(),
            account: session.account.clone(),
            person: session.name.clone(),
            ca_path: ca.map(|p| p.display().to_string()),
        },
        now,
    )
    .await?;
    let grants = adopt_hub_grants(desk, &session.name, &session.grants, now).await?;
    Ok((status, grants))
}

/// What [`connect`] did.
#[derive(Debug)]
pub struct Connected {
    /// The client, signed in.
    pub client: HubClient,
    pub status: HubStatus,
    pub grants: AdoptedGrants,
}

/// Signs in to the hub at `url` as `account`, keeps the token in `store`
/// (when given; a failure there binds nothing), binds `desk` and adopts
/// the session's grants: what the window's "connect to a platform" does.
pub async fn connect(
    desk: &Desk,
    url: &str,
    ca: Option<&Path>,
    account: &str,
    password: &str,
    store: Option<&dyn TokenStore>,
    now: DateTime<FixedOffset>,
) -> Result<Connected, SessionError> {
    let (client, session) = sign_in(url, ca, account, password).await?;
    if let Some(store) = store {
        store
            .save(&session.account, url, &session.token)
            .map_err(keyring_failed)?;
    }
    let (status, grants) = bind_signed_in(desk, url, ca, &session, now).await?;
    Ok(Connected {
        client,
        status,
        grants,
    })
}

/// How a bound profile's client is signed in.
#[derive(Clone, Copy)]
pub enum Credentials<'a> {
    /// Sign in afresh for this run with the password (the token stays in
    /// memory).
    Password(&'a str),
    /// The token kept in the OS keyring (opened only when the profile is
    /// bound).
    Keyring,
    /// The token kept in this store (the demo keeps it in memory).
    Store(&'a dyn TokenStore),
}

/// The client of the hub the profile is bound to, signed in with
/// `credentials`; `None` when the profile is not bound.
pub async fn bound_client_if_any(
    desk: &Desk,
    credentials: Credentials<'_>,
) -> Result<Option<HubClient>, SessionError> {
    let Some(binding) = desk.db().hub_binding().await.map_err(ApiError::from)? else {
        return Ok(None);
    };
    let client = client(&binding.url, binding.ca_path.as_deref().map(Path::new))?;
    let keyring;
    let store: &dyn TokenStore = match credentials {
        Credentials::Password(password) => {
            let session = client
                .sign_in(&binding.account, password)
                .await
                .map_err(ApiError::from)?;
            return Ok(Some(client.with_token(session.token)));
        }
        Credentials::Keyring => {
            keyring = self::keyring()?;
            &keyring
        }
        Credentials::Store(store) => store,
    };
    let token = store
        .load(&binding.account, &binding.url)
        .map_err(keyring_failed)?
        .ok_or_else(|| {
            ApiError::new(
                ErrorCode::HubUnauthorized,
                format!(
                    "系统钥匙串中没有{}在{}的登录凭据，请重新登录（deskctl hub sign-in）",
                    binding.account, binding.url
                ),
                format!(
                    "no session for {} at {} in the OS keyring: sign in again (deskctl hub sign-in)",
                    binding.account, binding.url
                ),
            )
        })?;
    Ok(Some(client.with_token(token.as_str())))
}

/// The refusal of a sync on a profile bound to no hub.
pub fn not_bound() -> ApiError {
    ApiError::new(
        ErrorCode::HubNotBound,
        "本用户数据尚未绑定交换平台，请先登录（deskctl hub sign-in）",
        "this profile is not bound to a hub: sign in first (deskctl hub sign-in)",
    )
}

/// Like [`bound_client_if_any`], refusing an unbound profile
/// (`hub_not_bound`).
pub async fn bound_client(
    desk: &Desk,
    credentials: Credentials<'_>,
) -> Result<HubClient, SessionError> {
    bound_client_if_any(desk, credentials)
        .await?
        .ok_or_else(|| not_bound().into())
}

/// The pause before an outbox record is tried again after its
/// `attempts`-th failure: exponential with full jitter (approval_sync's
/// Backoff, 1 s doubling up to its cap).
pub fn retry_delay(attempts: u32) -> Duration {
    let mut backoff = Backoff::default();
    for _ in 1..attempts {
        backoff.next_delay();
    }
    backoff.next_delay()
}

/// Told as a sync goes (for a progress bar).
pub type Progress = dyn Fn(SyncProgress) + Send + Sync;

/// What one sync round did, step by step.
#[derive(Debug)]
pub struct SyncRound {
    /// The session's grants adopted from `whoami`: `None` when `whoami`
    /// failed (the sync below meets and records the same failure).
    pub grants: Option<Result<AdoptedGrants, ApiError>>,
    /// The sync itself (pull, push, checkpoint), recorded as the
    /// profile's last sync.
    pub sync: Result<SyncReport, ApiError>,
    /// The hub's calendar, fetched after a successful sync (`None` when
    /// the sync failed); a failure here is tried again next round.
    pub calendar: Option<Result<CalendarFetch, ApiError>>,
}

/// One sync round of the bound profile through `client` at `now`: the
/// session's grants adopted (one small `whoami`), then `sync_once` with
/// [`retry_delay`], then the hub's calendar.
pub async fn sync_round(
    desk: &Desk,
    client: &HubClient,
    now: DateTime<FixedOffset>,
    progress: Option<&Progress>,
) -> SyncRound {
    let grants = match client.whoami().await {
        Ok(me) => Some(adopt_hub_grants(desk, &me.name, &me.grants, now).await),
        Err(e) => {
            tracing::warn!(error = %e, "whoami failed before the sync");
            None
        }
    };
    let options = SyncOptions {
        retry_delay: &retry_delay,
        progress,
    };
    let sync = sync_once(desk, client, now, &options).await;
    let calendar = match &sync {
        Ok(_) => Some(fetch_calendar(desk, client).await),
        Err(_) => None,
    };
    SyncRound {
        grants,
        sync,
        calendar,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn the_retry_delay_starts_under_the_base_and_stays_under_the_cap() {
        assert!(retry_delay(1) <= Backoff::default().ceiling());
        let mut capped = Backoff::default();
        for _ in 0..64 {
            capped.next_delay();
        }
        for attempts in 1..40 {
            assert!(retry_delay(attempts) <= capped.ceiling());
        }
    }

    #[test]
    fn an_unreadable_ca_is_file_unreadable_at_ca() {
        let error = client(
            "https://hub.example.gov.cn",
            Some(Path::new("/no/such/ca.pem")),
        )
        .unwrap_err();
        assert!(matches!(error, SessionError::CaUnreadable { .. }));
        assert!(error.to_string().starts_with("cannot read /no/such/ca.pem"));
        let api = ApiError::from(error);
        assert_eq!(api.code, ErrorCode::FileUnreadable);
        assert_eq!(api.field.as_deref(), Some("ca"));
    }

    #[test]
    fn a_malformed_address_is_refused_before_any_request() {
        let error = client("not a url", None).unwrap_err();
        let SessionError::Api(api) = error else {
            panic!("expected an api error: {error:?}");
        };
        assert_eq!(api.code, ErrorCode::InvalidInput);
    }
}
