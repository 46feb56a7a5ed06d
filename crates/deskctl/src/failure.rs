//! Everything that can make a command fail, each with a message that says
//! what is wrong and where.

use approval_api::ErrorCode;
use approval_core::calendar::CalendarError;
use approval_core::clock::ClockError;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// A use case refused or failed: its English message, its code, and
    /// its zh-CN message on the next line.
    #[error("{} ({})\n{}", .0.message_en, .0.code, .0.message)]
    Api(#[from] approval_api::ApiError),
    #[error("no profile database: the platform reports no data folder; pass --db PATH")]
    NoProfile,
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
    /// `audit verify` found the chain broken: prints
    /// `audit log broken at entry N: REASON`.
    #[error(transparent)]
    AuditBroken(#[from] approval_core::audit::ChainBreak),
    /// A filing transition the rules refuse: the zh-CN message and the code.
    #[error("{} ({})", .0.message_zh(), .0.code())]
    Filing(#[from] approval_core::filing::FilingError),
    /// `pdf verify` found a signature broken, not covering the document or
    /// not trusted.
    #[error("{file}: {why}")]
    SealsNotValid { file: String, why: String },
    /// The hub refused or could not be reached.
    #[error("{what}: {error}")]
    Exchange {
        what: String,
        // Boxed: the hub's error is large, and every command returns this.
        error: Box<approval_contract::ExchangeError>,
    },
    #[error("{0}")]
    Usage(String),
}

impl Failure {
    /// The stable code of a use case's refusal; the kind of the failure
    /// otherwise (for the log: never the arguments, which may be personal).
    pub fn code(&self) -> &'static str {
        match self {
            Failure::Api(e) => e.code.as_str(),
            Failure::NoProfile => ErrorCode::NoProfile.as_str(),
            Failure::Clock(e) => e.code().as_str(),
            Failure::Calendar(e) => e.code().as_str(),
            Failure::ReadInput { .. } => ErrorCode::FileUnreadable.as_str(),
            Failure::WriteOutput { .. } => ErrorCode::FileUnwritable.as_str(),
            Failure::AuditBroken(_) => ErrorCode::AuditBroken.as_str(),
            Failure::Filing(e) => e.code().as_str(),
            Failure::SealsNotValid { .. } => ErrorCode::SealsNotValid.as_str(),
            Failure::Exchange { error, .. } => match error.as_ref() {
                approval_contract::ExchangeError::Refused { .. } => ErrorCode::HubRefused.as_str(),
                approval_contract::ExchangeError::Unauthorized(_) => {
                    ErrorCode::HubUnauthorized.as_str()
                }
                approval_contract::ExchangeError::Unavailable { .. } => {
                    ErrorCode::HubUnavailable.as_str()
                }
            },
            Failure::Usage(_) => ErrorCode::InvalidInput.as_str(),
        }
    }

    /// What the user can do about it, where the command line offers a way.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            Failure::Api(e) if e.code == ErrorCode::GuideInvalid => {
                Some("run `deskctl guide check FILE` to see every finding")
            }
            Failure::Api(e) if e.code == ErrorCode::ProvisionalYear => Some(PROVISIONAL_HINT),
            Failure::Clock(ClockError::ProvisionalYear { .. }) => Some(PROVISIONAL_HINT),
            Failure::AuditBroken(_) => Some(AUDIT_HINT),
            Failure::Api(e) if e.code == ErrorCode::AuditBroken => Some(AUDIT_HINT),
            _ => None,
        }
    }
}

const PROVISIONAL_HINT: &str = "pass --provisional to compute it from the statutory holidays (the result is labelled provisional), or import the year's notice with `deskctl calendar import FILE`";

const AUDIT_HINT: &str =
    "the profile database was changed outside Approval Desk: keep a copy of the file as it is now, as evidence, before anything else writes to it";
