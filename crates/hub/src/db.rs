//! The database: SQLite (embedded default) or PostgreSQL through sqlx's Any
//! driver, one migration folder for both, and the one way to write.

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Executor, Row, Transaction};

use crate::error::{HubError, HubResult};

/// Why the database could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("unsupported database URL {0:?}: use sqlite://PATH or postgres://…")]
    Scheme(String),
    #[error("cannot connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("cannot apply the hub's migrations: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Connects to `url` (`sqlite://PATH`, created when missing, or
/// `postgres://…`) and applies the migrations.
pub async fn open(url: &str) -> Result<AnyPool, OpenError> {
    sqlx::any::install_default_drivers();
    let sqlite = url.starts_with("sqlite:");
    if !sqlite && !url.starts_with("postgres:") && !url.starts_with("postgresql:") {
        return Err(OpenError::Scheme(url.to_owned()));
    }
    let url = if sqlite && !url.contains("mode=") {
        // Create the file when it does not exist yet.
        let separator = if url.contains('?') { '&' } else { '?' };
        format!("{url}{separator}mode=rwc")
    } else {
        url.to_owned()
    };
    let options = AnyConnectOptions::from_str(&url).map_err(OpenError::Connect)?;
    let pool = AnyPoolOptions::new()
        .max_connections(if sqlite { 8 } else { 16 })
        .acquire_timeout(Duration::from_secs(30))
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if sqlite {
                    // Readers do not wait for the writer (WAL); a writer waits
                    // its turn for up to 30 s instead of failing at once.
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA busy_timeout = 30000").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                }
                Ok(())
            })
        })
        .connect_with(options)
        .await
        .map_err(OpenError::Connect)?;
    MIGRATOR.run(&pool).await.map_err(OpenError::Migrate)?;
    Ok(pool)
}

/// Now, as stored: RFC 3339 UTC with microseconds (sorts as text).
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// A stored time read back.
pub fn parse_stamp(text: &str) -> HubResult<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text)
        .map_err(|e| HubError::internal(&format!("stored time {text:?}: {e}")))
}

/// A writing transaction holding the hub's sequence numbers
/// `first_seq .. first_seq + count`.
///
/// Why a counter row and not an auto-increment column: the feed's cursor must
/// be in commit order, or a client that pulled `since` 7 could later miss an
/// entry 6 that committed after 7 (a PostgreSQL sequence hands numbers out
/// at insert, not at commit). Bumping the one `hub_counter` row first in
/// every writing transaction takes its row lock (SQLite: the database's
/// write lock) until commit, so writers run one at a time and a number is
/// only handed out after every smaller one has committed or rolled back:
/// what a reader sees is always a prefix of the sequence. It also makes the
/// idempotency check inside the transaction race-free across hub processes.
pub struct Write {
    pub tx: Transaction<'static, Any>,
    pub first_seq: i64,
    pub now: DateTime<Utc>,
}

impl Write {
    /// Begins a write taking `count` (at least one) sequence numbers.
    pub async fn begin(pool: &AnyPool, count: i64) -> HubResult<Write> {
        let mut tx = pool.begin().await?;
        let row = sqlx::query(
            "UPDATE hub_counter SET value = value + $1 WHERE name = 'seq' RETURNING value",
        )
        .bind(count.max(1))
        .fetch_one(&mut *tx)
        .await?;
        let last: i64 = row.try_get("value")?;
        Ok(Write {
            tx,
            first_seq: last - count.max(1) + 1,
            now: Utc::now(),
        })
    }

    /// Now, with its offset (UTC).
    pub fn at(&self) -> DateTime<FixedOffset> {
        self.now.fixed_offset()
    }

    pub fn now_text(&self) -> String {
        stamp(self.now)
    }

    pub async fn commit(self) -> HubResult<()> {
        self.tx.commit().await?;
        Ok(())
    }
}
