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
