//! Who acts. On a profile bound to a hub, the signed-in person, and `--as`
//! or APPROVAL_DESK_USER are refused before any command runs
//! (`approval_api::exchange::acting_person`); on an unbound one, as
//! before: `--as`, else APPROVAL_DESK_USER, else the login name.

use std::sync::OnceLock;

use approval_api::exchange::{acting_person, USER_ENV};
use clap::ArgMatches;

use crate::args::Cli;
use crate::failure::Failure;

/// The bound profile's person, once checked.
static BOUND_PERSON: OnceLock<String> = OnceLock::new();

/// The default person of a command without `--as`: the bound profile's
/// signed-in person, else the login name (APPROVAL_DESK_USER first).
pub fn login_name() -> String {
    BOUND_PERSON
        .get()
        .cloned()
        .unwrap_or_else(approval_api::profile::login_name)
}

/// Whether the (sub)command acts for a person (it has `--as`), and the
/// `--as USER` given, if any.
fn as_given(matches: &ArgMatches) -> (bool, Option<String>) {
    let mut current = matches;
    loop {
        if let Ok(user) = current.try_get_one::<String>("user") {
            return (true, user.cloned());
        }
        match current.subcommand() {
            Some((_, sub)) => current = sub,
            None => return (false, None),
        }
    }
}

/// Checks who acts before the command runs: on a bound profile, refuses a
/// person named by `--as` or APPROVAL_DESK_USER and makes the signed-in
/// person the default. A profile not there yet is not created here.
pub fn check(cli: &Cli, matches: &ArgMatches) -> Result<(), Failure> {
    let Ok(database) = cli.database() else {
        return Ok(());
    };
    if !database.exists() {
        return Ok(());
    }
    let (acts, requested) = as_given(matches);
    // A command that acts for nobody (status, sync, verify) runs whatever
    // the environment names.
    let env_user = std::env::var(USER_ENV).ok().filter(|_| acts);
    let actor = crate::block_on(async {
        let desk = approval_api::Desk::open(&database).await?;
        let bound = desk.db().hub_binding().await;
        let actor = acting_person(
            &desk,
            requested.as_deref(),
            env_user.as_deref(),
            &approval_api::profile::login_name(),
        )
        .await;
        desk.close().await;
        let bound = bound.map_err(approval_api::ApiError::from)?.is_some();
        Ok((bound, actor?))
    })?;
    if let (true, actor) = actor {
        let _ = BOUND_PERSON.set(actor.name().to_owned());
    }
    Ok(())
}
