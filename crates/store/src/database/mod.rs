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
mod filings;
mod guides;
mod items;

use std::path::Path;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use audit::append_audit_in;
pub use cases::{
    case_state_word, CaseDue, InboxFilter, InboxRow, OutboxEntry, OutboxKind, OutboxRecord, Page,
    CASE_STATE_WORDS,
};
pub use error::{DbError, Operation};
pub use filings::{attachment_of, StoredAttachment};

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
}
