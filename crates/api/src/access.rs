//! Who acts, and core's one permission check over the stored grants.

use approval_core::access::{authorize, authorize_unless_setting_up, Action, Target};
use approval_core::guide::ItemDefinition;
use approval_store::StoreTx;

use crate::ApiError;

/// The person a use case acts for: the profile's login name in the window,
/// `--as` or the login name in `deskctl`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor(String);

impl Actor {
    pub fn new(name: impl Into<String>) -> Self {
        Self(name.into())
    }

    pub fn name(&self) -> &str {
        &self.0
    }
}

/// `Ok` when `actor` may do `action` on `target`, or the installation has
/// no grant yet (it is being set up: until its first administrator is
/// granted nothing is checked, so a fresh profile can be filled).
pub async fn require(
    tx: &mut StoreTx,
    actor: &Actor,
    action: Action,
    target: Target,
) -> Result<(), ApiError> {
    let grants = tx.grants().await?;
    authorize_unless_setting_up(&grants, actor.name(), action, &target)
        .map(|_| ())
        .map_err(|denied| {
            tracing::info!(code = %denied.code(), person = actor.name(), ?action, "refused");
            ApiError::from(denied)
        })
}

/// `Ok` only when `actor`'s grants allow `action` on `target`, set-up or
/// not: filings are about who holds which role, so they never run
/// unchecked.
pub async fn require_granted(
    tx: &mut StoreTx,
    actor: &Actor,
    action: Action,
    target: Target,
) -> Result<(), ApiError> {
    let grants = tx.grants().await?;
    authorize(&grants, actor.name(), action, &target)
        .map(|_| ())
        .map_err(ApiError::from)
}

/// Whether `actor` may see `target`: an officer of one department never
/// sees another's, nor a classified item's without clearance. Everything is
/// visible while the installation has no grant.
pub async fn may_view(
    tx: &mut StoreTx,
    actor: &Actor,
    action: Action,
    target: &Target,
) -> Result<bool, ApiError> {
    let grants = tx.grants().await?;
    Ok(authorize_unless_setting_up(&grants, actor.name(), action, target).is_ok())
}

/// The permission target of what belongs to item `code` as `bound` (a
/// case's guide version, a guide being imported) describes it: classified
/// (Art 28) when that version or the item in force says so, so a case
/// bound to an older version is hidden once its item is classified.
pub async fn item_target(
    tx: &mut StoreTx,
    code: &str,
    bound: &ItemDefinition,
) -> Result<Target, ApiError> {
    let in_force = tx.item(code).await?;
    let classified = bound.classified || in_force.is_some_and(|i| i.definition.classified);
    Ok(if classified {
        Target::Classified(bound.department.clone())
    } else {
        Target::Department(bound.department.clone())
    })
}
