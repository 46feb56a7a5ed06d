//! What the desk needs from the exchange, as a trait: the sync client
//! (`approval-sync`) implements it over HTTP, and the use cases
//! (`approval-api`) are written against it, so neither the rules nor the
//! wire know about the other.

use std::future::Future;
use std::time::Duration;

use crate::audit::{Checkpoint, Checkpoints};
use crate::cases::{DeliveryPush, Notice, PublicNoticePush, Receipt, ResultPush};
use crate::catalogue::{BundlePublication, CalendarYears, GuidePublication};
use crate::feed::FeedPage;
use crate::filings::{FilingRecord, FilingSubmission};
use crate::reports::EfficiencyReport;
use crate::WireError;

/// Why an exchange call failed, as the caller must treat it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExchangeError {
    /// The hub refused the request (a 4xx other than 401, 408 and 429):
    /// sending it again unchanged is refused again.
    Refused { status: u16, error: WireError },
    /// The session is missing, expired or withdrawn: sign in again.
    Unauthorized(WireError),
    /// The hub could not be reached or answered 5xx, 408 or 429, or the
    /// answer was cut: try again later (after `retry_after` when the hub
    /// said so).
    Unavailable {
        reason: String,
        retry_after: Option<Duration>,
    },
}

impl ExchangeError {
    /// Whether the same request may succeed later unchanged.
    pub fn is_retryable(&self) -> bool {
        matches!(self, ExchangeError::Unavailable { .. })
    }
}

impl std::fmt::Display for ExchangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExchangeError::Refused { status, error } => write!(f, "refused ({status}): {error}"),
            ExchangeError::Unauthorized(error) => write!(f, "not signed in: {error}"),
            ExchangeError::Unavailable { reason, .. } => write!(f, "hub unavailable: {reason}"),
        }
    }
}

impl std::error::Error for ExchangeError {}

pub type ExchangeResult<T> = Result<T, ExchangeError>;

/// The department's side of the exchange. Every push takes the caller's
/// idempotency key: the desk derives it from what it pushes, so a push
/// repeated after a lost answer has one effect.
pub trait Exchange: Send + Sync {
    fn pull_feed(
        &self,
        since: i64,
        limit: u32,
    ) -> impl Future<Output = ExchangeResult<FeedPage>> + Send;
    fn acknowledge(&self, up_to: i64) -> impl Future<Output = ExchangeResult<()>> + Send;
    /// A file of a pulled case's material (checked against its SHA-256 by
    /// the caller).
    fn fetch_file(&self, id: &str) -> impl Future<Output = ExchangeResult<Vec<u8>>> + Send;
    fn push_notice(
        &self,
        case_number: &str,
        key: &str,
        notice: &Notice,
    ) -> impl Future<Output = ExchangeResult<Receipt>> + Send;
    fn push_result(
        &self,
        case_number: &str,
        key: &str,
        result: &ResultPush,
    ) -> impl Future<Output = ExchangeResult<Receipt>> + Send;
    fn push_public_notice(
        &self,
        case_number: &str,
        key: &str,
        notice: &PublicNoticePush,
    ) -> impl Future<Output = ExchangeResult<Receipt>> + Send;
    fn push_delivery(
        &self,
        case_number: &str,
        key: &str,
        delivery: &DeliveryPush,
    ) -> impl Future<Output = ExchangeResult<Receipt>> + Send;
    fn submit_filing(
        &self,
        key: &str,
        filing: &FilingSubmission,
    ) -> impl Future<Output = ExchangeResult<Receipt>> + Send;
    fn filings(&self) -> impl Future<Output = ExchangeResult<Vec<FilingRecord>>> + Send;
    fn calendar(&self) -> impl Future<Output = ExchangeResult<CalendarYears>> + Send;
    fn publish_guide(
        &self,
        key: &str,
        guide: &GuidePublication,
    ) -> impl Future<Output = ExchangeResult<Receipt>> + Send;
    fn publish_bundle(
        &self,
        key: &str,
        bundle: &BundlePublication,
    ) -> impl Future<Output = ExchangeResult<Receipt>> + Send;
    fn upload_efficiency(
        &self,
        key: &str,
        report: &EfficiencyReport,
    ) -> impl Future<Output = ExchangeResult<Receipt>> + Send;
    fn push_checkpoint(
        &self,
        key: &str,
        checkpoint: &Checkpoint,
    ) -> impl Future<Output = ExchangeResult<Receipt>> + Send;
    fn checkpoints(&self, desk: &str) -> impl Future<Output = ExchangeResult<Checkpoints>> + Send;
}
