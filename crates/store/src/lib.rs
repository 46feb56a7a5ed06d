//! Approval Desk's local store.
//!
//! Where a user's profile lives; the profile's SQLite database ([`Database`]:
//! service items, guide versions, bundles, the audit log); and, for now, the imported
//! calendar years (one validated JSON file a year beside the profile
//! database), which a later issue moves into the database.

mod atomic_file;
pub mod calendar_years;
mod database;
pub mod local_rest_days;
pub mod profile;
mod profile_calendar;

pub use calendar_years::{CalendarYearStore, StoreError};
pub use database::{
    append_audit_in, attachment_of, case_state_word, CaseDue, Database, DbError, ExchangeState,
    HubBinding, HubFilingDecision, InboxCursor, InboxFilter, InboxRow, InboxVisibility,
    MaterialFile, Operation, OutboxEntry, OutboxKind, OutboxRecord, OutboxStanding,
    PendingFilingPush, PendingPush, PulledTransfer, PushState, ResultDocumentFile, StoreTx,
    StoredAttachment, StoredCase, StoredReview, BUSY_TIMEOUT, CASE_STATE_WORDS, MIGRATOR,
};
pub use local_rest_days::LocalRestDayStore;
pub use profile_calendar::open_profile_calendar;
