//! The profile's binding to a hub, and who acts on a bound profile.
//!
//! Before a binding, the person is whoever the front end says (`--as`,
//! `APPROVAL_DESK_USER`, the login name): that is how a fresh profile is set
//! up and how tests run. Once bound, the person signed in to the hub is the
//! one who acts, and naming another is refused: the hub re-checks every
//! push anyway, so a desk acting under another name would only make its
//! local record disagree with the hub's.

use approval_core::error_code::ErrorCode;
use approval_store::{ExchangeState, HubBinding};
use chrono::{DateTime, FixedOffset};

use crate::{in_read_unit, in_write_unit, Actor, ApiError, Desk};

/// The environment variable that names the person on an unbound profile.
pub const USER_ENV: &str = "APPROVAL_DESK_USER";

/// What binding a profile to a hub records (after a successful sign-in;
/// the token itself goes to the OS keyring, never here).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BindRequest {
    pub url: String,
    pub account: String,
    /// The person's name as the hub's session gives it.
    pub person: String,
    /// An extra trusted CA (PEM file) for the hub's certificate.
    pub ca_path: Option<String>,
}

/// The binding and the exchange's state, for `deskctl hub status` and the
/// window's status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubStatus {
    pub binding: Option<HubBinding>,
    pub state: Option<ExchangeState>,
    /// Outbox records not pushed yet, of cases and of filings (refused
    /// ones included).
    pub pending_pushes: usize,
    /// Of those, refused by the hub for good.
    pub failed_pushes: usize,
    /// Pulled transfers not stored as cases yet.
    pub waiting_transfers: usize,
}

/// Binds the profile to the hub at `request.url` as `request.account`,
/// making the profile's desk id if it has none. Binding again (another
/// hub, another account) replaces the binding; the desk id stays.
pub async fn bind_hub(
    desk: &Desk,
    request: BindRequest,
    at: DateTime<FixedOffset>,
) -> Result<HubStatus, ApiError> {
    let url = request.url.trim();
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(ApiError::invalid_input(
            format!("交换平台地址“{url}”应以 https:// 或 http:// 开头"),
            format!("the hub address {url:?} must start with https:// or http://"),
        )
        .at_field("url"));
    }
    for (field, value) in [("account", &request.account), ("person", &request.person)] {
        if value.trim().is_empty() {
            return Err(ApiError::invalid_input(
                format!("{field}不能为空"),
                format!("{field} is empty"),
            )
            .at_field(field));
        }
    }
    let binding = HubBinding {
        url: url.trim_end_matches('/').to_owned(),
        account: request.account.trim().to_owned(),
        person: request.person.trim().to_owned(),
        ca_path: request.ca_path.clone(),
        bound_at: at,
    };
    let desk_id = new_desk_id();
    in_write_unit!(desk.db(), async |tx| {
        tx.ensure_exchange_state(&desk_id).await?;
        tx.save_hub_binding(&binding).await?;
        Ok(())
    })
    .await?;
    hub_status(desk).await
}

/// A fresh desk id (used only when the profile has none).
pub(crate) fn new_desk_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// The binding and the exchange's state of the profile.
pub async fn hub_status(desk: &Desk) -> Result<HubStatus, ApiError> {
    in_read_unit!(desk.db(), async |tx| {
        let standing = tx.outbox_standing().await?;
        Ok(HubStatus {
            binding: tx.hub_binding().await?,
            state: tx.exchange_state().await?,
            failed_pushes: standing.failed_pushes,
            pending_pushes: standing.pending_pushes,
            waiting_transfers: standing.waiting_transfers,
        })
    })
    .await
}

/// Who acts on this profile. Unbound: `requested` (`--as`), else
/// `env_user` (`APPROVAL_DESK_USER`), else `login_name`. Bound to a hub:
/// the signed-in person, and naming anyone through `requested` or
/// `env_user` is refused (`hub_identity_bound`).
pub async fn acting_person(
    desk: &Desk,
    requested: Option<&str>,
    env_user: Option<&str>,
    login_name: &str,
) -> Result<Actor, ApiError> {
    let binding = desk.db().hub_binding().await?;
    let requested = requested.filter(|r| !r.trim().is_empty());
    let env_user = env_user.filter(|e| !e.trim().is_empty());
    match binding {
        Some(binding) => {
            if let Some(named) = requested.or(env_user) {
                let how = if requested.is_some() {
                    "--as"
                } else {
                    USER_ENV
                };
                return Err(ApiError::new(
                    ErrorCode::HubIdentityBound,
                    format!(
                        "本用户数据已绑定交换平台（{}），由登录账号“{}”（{}）操作，不能用{how}指定操作人“{named}”",
                        binding.url, binding.account, binding.person
                    ),
                    format!(
                        "this profile is bound to the hub {} and acts as the signed-in account {} ({}): {how} {named:?} is refused",
                        binding.url, binding.account, binding.person
                    ),
                )
                .at_field(if requested.is_some() { "as" } else { USER_ENV }));
            }
            Ok(Actor::new(binding.person))
        }
        None => Ok(Actor::new(
            requested
                .or(env_user)
                .map(str::to_owned)
                .unwrap_or_else(|| login_name.to_owned()),
        )),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::testing::{at, desk};

    fn request() -> BindRequest {
        BindRequest {
            url: "https://hub.example.gov.cn/".into(),
            account: "li.shenpi".into(),
            person: "李审批".into(),
            ca_path: None,
        }
    }

    #[tokio::test]
    async fn an_unbound_profile_acts_as_named_and_a_bound_one_as_signed_in() {
        let (_dir, desk) = desk().await;
        let named = acting_person(&desk, Some("王科员"), Some("env"), "login")
            .await
            .unwrap();
        assert_eq!(named.name(), "王科员");
        let env = acting_person(&desk, None, Some("env"), "login")
            .await
            .unwrap();
        assert_eq!(env.name(), "env");
        let status = bind_hub(&desk, request(), at(2026, 3, 2)).await.unwrap();
        let binding = status.binding.unwrap();
        assert_eq!(binding.url, "https://hub.example.gov.cn");
        let desk_id = status.state.unwrap().desk_id;
        assert_eq!(desk_id.len(), 36);
        let me = acting_person(&desk, None, None, "login").await.unwrap();
        assert_eq!(me.name(), "李审批");
        for (requested, env) in [(Some("王科员"), None), (None, Some("王科员"))] {
            let refused = acting_person(&desk, requested, env, "login")
                .await
                .unwrap_err();
            assert_eq!(refused.code, ErrorCode::HubIdentityBound);
            assert!(refused.message_en.contains("refused"), "{refused:?}");
        }
        // Binding again keeps the desk id.
        let again = bind_hub(&desk, request(), at(2026, 3, 3)).await.unwrap();
        assert_eq!(again.state.unwrap().desk_id, desk_id);
    }
}
