//! Every command that changes stored data as a user goes through core's one
//! permission check (`approval_core::access::authorize`).
//!
//! An installation without any grant is being set up: until its first
//! administrator is granted (`deskctl role grant …`, which is allowed once
//! without a check), nothing is checked, so a fresh profile can be filled
//! with guides and cases. From the first grant on, every command is checked.

use approval_core::access::{authorize, authorize_unless_setting_up, Action, Grant, Target};
use approval_store::Database;

use crate::failure::Failure;

/// `Ok` when `user` may do `action` on `target`, or the installation has no
/// grant yet.
pub async fn require(
    db: &Database,
    user: &str,
    action: Action,
    target: Target,
) -> Result<(), Failure> {
    let grants = db.grants().await?;
    authorize_unless_setting_up(&grants, user, action, &target)
        .map(|_| ())
        .map_err(Failure::Denied)
}

fn check(grants: &[Grant], user: &str, action: Action, target: &Target) -> Result<(), Failure> {
    authorize(grants, user, action, target)
        .map(|_| ())
        .map_err(Failure::Denied)
}

/// Whether `user` may see what belongs to `department` (cases or filings):
/// an officer of one department never sees another's. Everything is
/// visible while the installation has no grant.
pub async fn may_view(
    db: &Database,
    user: &str,
    action: Action,
    department: &str,
) -> Result<bool, Failure> {
    let grants = db.grants().await?;
    let target = Target::Department(department.to_owned());
    Ok(authorize_unless_setting_up(&grants, user, action, &target).is_ok())
}

/// `Ok` only when `user`'s grants allow `action` on `target`, set-up or not:
/// filings are about who holds which role, so they never run unchecked.
pub async fn require_granted(
    db: &Database,
    user: &str,
    action: Action,
    target: Target,
) -> Result<(), Failure> {
    let grants = db.grants().await?;
    check(&grants, user, action, &target)
}
