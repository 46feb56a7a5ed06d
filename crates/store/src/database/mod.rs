//! The profile database: one SQLite file a profile (WAL, foreign keys, a
//! busy timeout), brought up to date by the embedded migrations each time it
//! opens. It holds the service items, their guide versions (with materials,
//! sample files, special stages and flowcharts), the bundles, the
//! append-only audit log, and the cases with their events and outbox.
//!
//! Every query is checked at compile time against the schema (`sqlx::query!`
//! with the offline cache in `.sqlx/` at the workspace root; see the crate's
//! README for regenerating it).

mod audit;
mod bundles;
mod cases;
mod codec;
mod department;
mod error;
mod exchange;
mod filings;
mod guides;
mod inbox;
mod items;

use std::path::Path;
use std::time::Duration;

use approval_core::access::Grant;
use approval_core::audit::{AuditEntry, AuditRecord};
use approval_core::bundle::{BundleDefinition, BundleInstance, BundleStanding};
use approval_core::case::{Applied, Case, CaseEvent, DepartmentWorkflow};
use approval_core::filing::{Attachment, Filing, FilingLedger};
use approval_core::guide::{GuideHistory, ServiceItem};
use chrono::{DateTime, FixedOffset};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, SqliteConnection, Transaction};

pub use audit::append_audit_in;
pub use cases::{
    case_state_word, CaseDue, OutboxEntry, OutboxKind, OutboxRecord, StoredCase, CASE_STATE_WORDS,
};
pub use error::{DbError, Operation};
pub use exchange::{
    ExchangeState, HubBinding, HubFilingDecision, MaterialFile, OutboxStanding, PendingFilingPush,
    PendingPush, PulledTransfer, PushState, ResultDocumentFile, StoredReview,
};
pub use filings::{attachment_of, StoredAttachment};
pub use inbox::{InboxCursor, InboxFilter, InboxRow, InboxVisibility};

/// The schema's migrations (`crates/store/migrations/`), embedded at
/// compile time. Public for tools and for the tests that build databases of
/// earlier schema versions.
pub static MIGRATOR: Migrator = sqlx::migrate!();

/// How long a statement waits for another connection's write lock (the app
/// and `deskctl` may use one profile at once).
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open profile database.
#[derive(Debug, Clone)]
pub struct Database {
    pool: SqlitePool,
}

impl Database {
    /// Opens the profile database at `path`, creating it (and its folder)
    /// when missing, and applies the migrations it lacks.
    ///
    /// Errors: the folder or the file cannot be created or opened, or the
    /// database holds migrations this build does not know (written by a
    /// newer version of the app) or a migration fails.
    pub async fn open(path: &Path) -> Result<Self, DbError> {
        if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(folder).map_err(|source| DbError::Folder {
                path: folder.to_path_buf(),
                source,
            })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(|source| DbError::Open {
                path: path.to_path_buf(),
                source,
            })?;
        Self::migrated(pool, path).await
    }

    /// A fresh database in memory, for tests: one connection, kept open
    /// for the life of the pool (the data goes with it).
    pub async fn open_in_memory() -> Result<Self, DbError> {
        let path = Path::new(":memory:");
        let options = SqliteConnectOptions::new()
            .in_memory(true)
            .foreign_keys(true)
            .busy_timeout(BUSY_TIMEOUT);
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .min_connections(1)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(options)
            .await
            .map_err(|source| DbError::Open {
                path: path.to_path_buf(),
                source,
            })?;
        Self::migrated(pool, path).await
    }

    async fn migrated(pool: SqlitePool, path: &Path) -> Result<Self, DbError> {
        MIGRATOR
            .run(&pool)
            .await
            .map_err(|source| DbError::Migrate {
                path: path.to_path_buf(),
                source,
            })?;
        Ok(Self { pool })
    }

    /// Closes every connection (checkpointing the write-ahead log).
    pub async fn close(self) {
        self.pool.close().await;
    }

    /// A unit of work that reads one consistent snapshot (a deferred
    /// transaction); it writes nothing unless it first takes the write lock.
    pub async fn read(&self) -> Result<StoreTx, DbError> {
        self.begin("BEGIN", Operation::Begin).await
    }

    /// A unit of work that holds the database's write lock from its start
    /// (`BEGIN IMMEDIATE`, waiting up to [`BUSY_TIMEOUT`] for it): what it
    /// reads cannot change under it, and everything it writes is committed
    /// together by [`StoreTx::commit`] or not at all (dropped).
    pub async fn write(&self) -> Result<StoreTx, DbError> {
        self.begin("BEGIN IMMEDIATE", Operation::Begin).await
    }

    async fn begin(
        &self,
        statement: &'static str,
        operation: Operation,
    ) -> Result<StoreTx, DbError> {
        let tx = self
            .pool
            .begin_with(statement)
            .await
            .map_err(DbError::query(operation, None))?;
        Ok(StoreTx { tx })
    }

    /// Appends `record` to the audit log in a transaction of its own and
    /// returns the entry as stored. Another writer cannot take the entry's
    /// sequence while the write lock is held; should one still have (a
    /// tool writing without it), the append is tried again a few times.
    pub async fn append_audit(&self, record: AuditRecord) -> Result<AuditEntry, DbError> {
        let mut attempt = 1;
        loop {
            let appended = async {
                let mut tx = self.write().await?;
                let entry = tx.append_audit(record.clone()).await?;
                tx.commit().await?;
                Ok(entry)
            }
            .await;
            match appended {
                Err(e) if attempt < audit::APPEND_ATTEMPTS && audit::is_sequence_taken(&e) => {
                    attempt += 1
                }
                other => return other,
            }
        }
    }
}

/// One unit of work on the profile database: a transaction, begun by
/// [`Database::read`] or [`Database::write`]. Every query of the store is a
/// method here, so a use case reads and writes through one transaction;
/// dropping it without [`StoreTx::commit`] rolls back.
pub struct StoreTx {
    tx: Transaction<'static, Sqlite>,
}

impl StoreTx {
    fn conn(&mut self) -> &mut SqliteConnection {
        &mut self.tx
    }

    /// Commits everything written in this unit of work.
    pub async fn commit(self) -> Result<(), DbError> {
        self.tx
            .commit()
            .await
            .map_err(DbError::query(Operation::Commit, None))
    }
}

/// `Database` methods that run one [`StoreTx`] method in a unit of work of
/// their own: for one-off reads and writes outside a use case.
macro_rules! in_own_unit {
    ($($unit:ident fn $name:ident(&self $(, $arg:ident: $ty:ty)*) -> $ret:ty;)*) => {
        impl Database {
            $(
                #[doc = concat!("[`StoreTx::", stringify!($name), "`] in a unit of work of its own.")]
                pub async fn $name(&self $(, $arg: $ty)*) -> Result<$ret, DbError> {
                    let mut tx = self.$unit().await?;
                    let value = tx.$name($($arg),*).await?;
                    tx.commit().await?;
                    Ok(value)
                }
            )*
        }
    };
}

in_own_unit! {
    read fn audit_entries(&self) -> Vec<AuditEntry>;
    read fn audit_entries_of(&self, subject: &str) -> Vec<AuditEntry>;
    write fn save_bundle(&self, bundle: &BundleDefinition) -> ();
    read fn bundle(&self, code: &str) -> Option<BundleDefinition>;
    read fn bundles(&self) -> Vec<BundleDefinition>;
    write fn insert_case(&self, applied: &Applied, due: CaseDue) -> ();
    write fn insert_cases(&self, cases: &[(Applied, CaseDue)], instances: &[BundleInstance]) -> ();
    write fn record_transition(
        &self,
        expected_version: u64,
        applied: &Applied,
        due: CaseDue,
        outbox: Vec<OutboxRecord>,
        audit: Option<AuditRecord>
    ) -> ();
    read fn case(&self, number: &str) -> Option<Case>;
    read fn stored_case(&self, number: &str) -> Option<StoredCase>;
    read fn case_events(&self, number: &str) -> Vec<CaseEvent>;
    read fn case_due(&self, number: &str) -> Option<CaseDue>;
    read fn inbox(&self, filter: &InboxFilter, after: Option<&InboxCursor>, limit: u32) -> Vec<InboxRow>;
    read fn inbox_count(&self, filter: &InboxFilter) -> u64;
    read fn inbox_cursor_of(&self, number: &str) -> Option<InboxCursor>;
    read fn received_cases(&self) -> Vec<StoredCase>;
    read fn cases_with_results_out(&self) -> Vec<StoredCase>;
    read fn pending_outbox(&self) -> Vec<OutboxEntry>;
    read fn outbox(&self) -> Vec<OutboxEntry>;
    write fn mark_pushed(&self, id: i64, at: DateTime<FixedOffset>) -> ();
    write fn save_bundle_instance(&self, instance: &BundleInstance) -> ();
    read fn bundle_instance(&self, id: &str) -> Option<BundleInstance>;
    read fn bundle_standing(&self, instance: &BundleInstance) -> BundleStanding;
    write fn set_case_due(&self, number: &str, due: CaseDue) -> ();
    read fn department_workflow(&self) -> Option<DepartmentWorkflow>;
    read fn case_count_of_item(&self, item_code: &str) -> u64;
    write fn save_department_workflow(&self, workflow: &DepartmentWorkflow, at: DateTime<FixedOffset>) -> ();
    write fn save_filing(&self, filing: &Filing, audit: Vec<AuditRecord>) -> ();
    write fn save_filing_approval(
        &self,
        filing: &Filing,
        replaced: Option<&Filing>,
        item: Option<&ServiceItem>,
        audit: Vec<AuditRecord>
    ) -> ();
    write fn submit_new_filing(
        &self,
        filing: &Filing,
        attachments: &[(Attachment, Vec<u8>)],
        item: Option<&ServiceItem>,
        audit: Vec<AuditRecord>
    ) -> ();
    read fn filing(&self, id: &str) -> Option<Filing>;
    read fn filings(&self, state: Option<&str>) -> Vec<Filing>;
    read fn filing_ledger(&self) -> FilingLedger;
    write fn add_attachment(&self, filing_id: &str, file_name: &str, media_type: &str, bytes: &[u8]) -> Attachment;
    read fn attachment(&self, filing_id: &str, file_name: &str) -> Option<StoredAttachment>;
    write fn grant(&self, grant: &Grant, actor: &str, at: DateTime<FixedOffset>) -> bool;
    read fn grants(&self) -> Vec<Grant>;
    write fn replace_grants_of(
        &self,
        person: &str,
        grants: &[Grant],
        action: &str,
        at: DateTime<FixedOffset>
    ) -> Option<(Vec<Grant>, Vec<Grant>)>;
    read fn guide_history(&self, code: &str) -> GuideHistory;
    write fn save_guide_history(&self, code: &str, history: &GuideHistory) -> ();
    write fn save_item(&self, item: &ServiceItem) -> ();
    read fn item(&self, code: &str) -> Option<ServiceItem>;
    read fn items(&self) -> Vec<ServiceItem>;
    read fn hub_binding(&self) -> Option<HubBinding>;
    write fn save_hub_binding(&self, binding: &HubBinding) -> ();
    read fn exchange_state(&self) -> Option<ExchangeState>;
    write fn ensure_exchange_state(&self, new_desk_id: &str) -> ExchangeState;
    read fn pulled_transfer(&self, number: &str) -> Option<PulledTransfer>;
    read fn waiting_transfers(&self) -> Vec<PulledTransfer>;
    read fn material_files(&self, number: &str) -> Vec<MaterialFile>;
    write fn save_result_document(&self, document: &ResultDocumentFile) -> ();
    read fn result_document(&self, number: &str) -> Option<ResultDocumentFile>;
    read fn paper_tracking(&self, number: &str) -> Option<String>;
    read fn reviews(&self, number: Option<&str>) -> Vec<StoredReview>;
    read fn hub_filing_decisions(&self) -> Vec<HubFilingDecision>;
    read fn pending_pushes(&self) -> Vec<PendingPush>;
    read fn pending_filing_pushes(&self) -> Vec<PendingFilingPush>;
    read fn outbox_standing(&self) -> OutboxStanding;
    write fn retry_push(&self, id: i64) -> ();
}
