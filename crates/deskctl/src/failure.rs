//! Everything that can make a command fail, each with a message that says
//! what is wrong and where.

use approval_core::calendar::CalendarError;
use approval_core::clock::ClockError;
use approval_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// A use case refused or failed: its English message, its code, and
    /// its zh-CN message on the next line.
    #[error("{} ({})\n{}", .0.message_en, .0.code, .0.message)]
    Api(#[from] approval_api::ApiError),
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
    #[error("cannot write {path}: {source}")]
    WriteOutput {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{what} was rejected: {errors} error(s), nothing was changed")]
    Rejected { what: String, errors: usize },
    #[error(transparent)]
    Database(#[from] approval_store::DbError),
    #[error(transparent)]
    Version(#[from] approval_core::guide::VersionError),
    #[error(transparent)]
    Item(#[from] approval_core::guide::ItemError),
    /// `audit verify` found the chain broken: prints
    /// `audit log broken at entry N: REASON`.
    #[error(transparent)]
    AuditBroken(#[from] approval_core::audit::ChainBreak),
    /// A case action or receipt the rules refuse.
    #[error("case {number}: {source}")]
    CaseRefused {
        number: String,
        #[source]
        source: approval_core::case::CaseError,
    },
    /// `authorize` refused: the zh-CN message and the stable code.
    #[error("{} ({})", .0.message_zh(), .0.code())]
    Denied(approval_core::access::Denied),
    /// A filing transition the rules refuse: the zh-CN message and the code.
    #[error("{} ({})", .0.message_zh(), .0.code())]
    Filing(#[from] approval_core::filing::FilingError),
    /// A result document could not be rendered (font, layout).
    #[error("cannot render the document: {0}")]
    Document(String),
    /// An e-seal could not be made or read (key, token, PDF).
    #[error("e-seal: {0}")]
    Seal(String),
    /// `pdf verify` found a signature broken, not covering the document or
    /// not trusted.
    #[error("{file}: {why}")]
    SealsNotValid { file: String, why: String },
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Usage(String),
}

impl Failure {
    /// What the user can do about it, where the command line offers a way.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            Failure::Version(approval_core::guide::VersionError::Invalid(_)) => {
                Some("run `deskctl guide check FILE` to see every finding")
            }
            Failure::Clock(ClockError::ProvisionalYear { .. }) => Some(
                "pass --provisional to compute it from the statutory holidays (the result is labelled provisional), or import the year's notice with `deskctl calendar import FILE`",
            ),
            Failure::AuditBroken(_) => Some(
                "the profile database was changed outside Approval Desk: keep a copy of the file as it is now, as evidence, before anything else writes to it",
            ),
            _ => None,
        }
    }
}
