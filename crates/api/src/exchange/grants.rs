//! The hub's grants are the bound desk's.
//!
//! The hub is the authority on who may do what (issue 13): it keeps the
//! accounts, their roles and scopes, and re-checks every pushed action with
//! the same `core::access` policy. A desk bound to it checks actions
//! locally too, before anything is written or pushed, against its own
//! `grants` table. Were the two lists kept apart, an officer could be
//! allowed here and refused at the hub (work done locally that can never
//! be pushed), or refused here what the hub allows. So on a bound desk the
//! signed-in person's local grants are replaced by the session's — at sign
//! in and at each sync — and the desk's local checks then agree with the
//! hub's. Other persons' grants on the profile are left as they are.

use approval_contract::auth::WireGrant;
use approval_core::access::{Grant, Role, Scope};
use approval_core::error_code::ErrorCode;
use chrono::{DateTime, FixedOffset};

use crate::{in_write_unit, ApiError, Desk};

/// The audit action of an adoption (on `person:<name>`, the grants before
/// and after).
pub const ADOPT_ACTION: &str = "role.adopt_hub";

/// What adopting the hub's grants did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdoptedGrants {
    /// The person's grants on this desk now.
    pub grants: Vec<Grant>,
    /// Whether they changed (and an audit entry was written).
    pub changed: bool,
    /// Role codes the hub granted that this desk does not know (a newer
    /// hub's): not stored, since they allow nothing here.
    pub unknown_roles: Vec<String>,
}

/// The core grant of a hub's grant to `person`: the role by its stable code
/// (`Role::code`), the scope a department or window unit, absent for all.
/// `Err` with the code when this desk knows no such role.
pub fn grant_of(person: &str, wire: &WireGrant) -> Result<Grant, String> {
    let role = Role::ALL
        .into_iter()
        .find(|r| r.code() == wire.role)
        .ok_or_else(|| wire.role.clone())?;
    let scope = match &wire.scope {
        None => Scope::All,
        Some(scope) => Scope::Department(scope.clone()),
    };
    Ok(Grant::new(person, role, scope))
}

/// Replaces the local grants of `person` — the person signed in on this
/// bound profile — with the hub session's `grants`, at `at`, audited as
/// [`ADOPT_ACTION`] when they change (see the module's comment for why).
///
/// Errors: the profile is not bound (`hub_not_bound`); `person` is not the
/// bound person (`invalid_input`: a desk adopts only its own session's
/// grants); the store failed.
pub async fn adopt_hub_grants(
    desk: &Desk,
    person: &str,
    grants: &[WireGrant],
    at: DateTime<FixedOffset>,
) -> Result<AdoptedGrants, ApiError> {
    let mut adopted = Vec::new();
    let mut unknown_roles = Vec::new();
    for wire in grants {
        match grant_of(person, wire) {
            Ok(grant) if !adopted.contains(&grant) => adopted.push(grant),
            Ok(_) => {}
            Err(code) => {
                tracing::warn!(role = %code, "the hub granted a role this desk does not know");
                unknown_roles.push(code);
            }
        }
    }
    let person = person.to_owned();
    let changed = in_write_unit!(desk.db(), async |tx| {
        let binding = tx.hub_binding().await?.ok_or_else(|| {
            ApiError::new(
                ErrorCode::HubNotBound,
                "本用户数据尚未绑定交换平台，不能采用交换平台的授权",
                "this profile is not bound to a hub: it has no hub grants to adopt",
            )
        })?;
        if binding.person != person {
            return Err(ApiError::invalid_input(
                format!(
                    "只能采用本机登录人“{}”的交换平台授权，而不是“{person}”的",
                    binding.person
                ),
                format!(
                    "only the signed-in person's ({}) hub grants are adopted, not {person:?}'s",
                    binding.person
                ),
            )
            .at_field("person"));
        }
        Ok(tx
            .replace_grants_of(&person, &adopted, ADOPT_ACTION, at)
            .await?
            .is_some())
    })
    .await?;
    if changed {
        tracing::info!(person = %person, grants = adopted.len(), "hub grants adopted");
    }
    let grants = desk
        .db()
        .grants()
        .await?
        .into_iter()
        .filter(|g| g.person == person)
        .collect();
    Ok(AdoptedGrants {
        grants,
        changed,
        unknown_roles,
    })
}
