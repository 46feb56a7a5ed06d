//! Approval Desk's use cases: the one layer both front ends call (the
//! window's Tauri commands and `deskctl`), in the spirit of rust-analyzer's
//! `ide` crate. Each use case is one function taking the open profile
//! ([`Desk`]), the acting person ([`Actor`]), the instant where time
//! matters, and a request; it does the permission check, the loading, the
//! engine call, the writes, the outbox and the audit in one unit of work
//! (one immediate transaction, tried again on a busy database), and
//! returns a result or an [`ApiError`] with a stable code and messages in
//! zh-CN and English. Front ends parse, call, and print or map to a view.

pub mod access;
pub mod audit;
pub mod bench;
pub mod bindings;
pub mod bundles;
pub mod calendar;
pub mod cases;
pub mod department;
mod desk;
mod error;
pub mod exchange;
pub mod file_check;
pub mod filings;
pub mod flowcharts;
pub mod guide_editor;
pub mod guides;
pub mod logging;
pub mod results;
pub mod roles;
pub mod seal_checks;
pub mod seals;
#[cfg(test)]
mod testing;
#[cfg(test)]
mod ui_fixtures;
pub mod unit;
pub mod views;

pub use access::Actor;
pub use approval_core::error_code::ErrorCode;
pub use desk::Desk;
pub use error::{ApiError, ErrorDetail};

/// What front ends name of the store: the inbox's filter, cursor and rows,
/// the state words, and where the profile lives. Front ends never open the
/// store themselves (`tests/architecture.rs`).
pub use approval_store::{case_state_word, InboxCursor, InboxFilter, InboxRow, CASE_STATE_WORDS};

/// Where a user's profile lives.
pub mod profile {
    pub use approval_store::profile::{default_database_path, login_name, trust_folder};
}

/// A case action or receipt the rules refuse, naming the case.
pub(crate) fn refused(number: &str, error: approval_core::case::CaseError) -> ApiError {
    let error = ApiError::from(error);
    ApiError {
        message: format!("办件{number}：{}", error.message),
        message_en: format!("case {number}: {}", error.message_en),
        ..error
    }
}
