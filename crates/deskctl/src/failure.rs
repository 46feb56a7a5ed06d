//! Everything that can make a command fail, each with a message that says
//! what is wrong and where.

use approval_core::calendar::CalendarError;
use approval_core::clock::ClockError;
use approval_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    #[error("no profile database: the platform reports no data folder; pass --db PATH")]
    NoProfile,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Clock(#[from] ClockError),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error("cannot read {path}: {source}")]
    ReadInput {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Usage(String),
}

impl Failure {
    /// What the user can do about it, where the command line offers a way.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            Failure::Clock(ClockError::ProvisionalYear { .. }) => Some(
                "pass --provisional to compute it from the statutory holidays (the result is labelled provisional), or import the year's notice with `deskctl calendar import FILE`",
            ),
            _ => None,
        }
    }
}
