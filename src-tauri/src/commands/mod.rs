//! Tauri commands, grouped by domain; each a line or two over
//! `approval_api` (the architecture test holds every body to ~10 lines).

pub mod batch_seal;
pub mod bundle;
pub mod calendar;
pub mod case;
pub mod deadline;
pub mod delegation;
pub mod guide_editor;
pub mod inbox;
pub mod seal;
pub mod session;

use approval_api::{Actor, ApiError};

/// The person using the app: the signed-in person on a profile bound to a
/// hub (the demo's included), else the profile's login name.
fn actor() -> Actor {
    Actor::new(crate::session::person())
}

/// Logs a failed command with its code (never its arguments: they may
/// hold personal data), and passes the result on.
fn logged<T>(command: &str, result: Result<T, ApiError>) -> Result<T, ApiError> {
    if let Err(error) = &result {
        tracing::warn!(command, code = %error.code, "command refused: {}", error.message_en);
    }
    result
}
