//! What can go wrong with the profile database.

use std::fmt;
use std::path::PathBuf;

/// What the store was doing when an error happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    SaveItem,
    LoadItem,
    ListItems,
    LoadGuide,
    SaveGuide,
    SaveBundle,
    LoadBundle,
    ListBundles,
    AppendAudit,
    ReadAudit,
    SaveCase,
    RecordTransition,
    LoadCase,
    ListCases,
    ReadOutbox,
    MarkPushed,
    SaveBundleInstance,
    LoadBundleInstance,
    LoadDepartmentWorkflow,
    SaveDepartmentWorkflow,
    SaveFiling,
    LoadFiling,
    ListFilings,
    SaveAttachment,
    LoadAttachment,
    SaveGrant,
    ListGrants,
    Begin,
    Commit,
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Operation::SaveItem => "saving a service item",
            Operation::LoadItem => "loading a service item",
            Operation::ListItems => "listing the service items",
            Operation::LoadGuide => "loading a guide's versions",
            Operation::SaveGuide => "saving a guide's versions",
            Operation::SaveBundle => "saving a bundle",
            Operation::LoadBundle => "loading a bundle",
            Operation::ListBundles => "listing the bundles",
            Operation::AppendAudit => "appending to the audit log",
            Operation::ReadAudit => "reading the audit log",
            Operation::SaveCase => "saving a case",
            Operation::RecordTransition => "recording a case's transition",
            Operation::LoadCase => "loading a case",
            Operation::ListCases => "listing cases",
            Operation::ReadOutbox => "reading the outbox",
            Operation::MarkPushed => "marking an outbox record pushed",
            Operation::SaveBundleInstance => "saving a bundle instance",
            Operation::LoadBundleInstance => "loading a bundle instance",
            Operation::LoadDepartmentWorkflow => "loading the department's workflow",
            Operation::SaveDepartmentWorkflow => "saving the department's workflow",
            Operation::SaveFiling => "saving a filing",
            Operation::LoadFiling => "loading a filing",
            Operation::ListFilings => "listing the filings",
            Operation::SaveAttachment => "saving a filing's attachment",
            Operation::LoadAttachment => "loading a filing's attachment",
            Operation::SaveGrant => "saving a grant",
            Operation::ListGrants => "listing the grants",
            Operation::Begin => "beginning a unit of work",
            Operation::Commit => "committing a unit of work",
        })
    }
}

/// ` (item CODE)` or nothing: the subject of an error message.
struct Subject<'a>(&'a Option<String>);

impl fmt::Display for Subject<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(code) => write!(f, " ({code})"),
            None => Ok(()),
        }
    }
}

/// An error of the profile database. `code` is the item's (or bundle's)
/// code where the operation concerns one.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot create the profile folder {}: {source}", path.display())]
    Folder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot open the profile database {}: {source}", path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot bring the profile database {} up to date: {source}", path.display())]
    Migrate {
        path: PathBuf,
        #[source]
        source: sqlx::migrate::MigrateError,
    },
    #[error("{operation}{} failed: {source}", Subject(code))]
    Query {
        operation: Operation,
        code: Option<String>,
        #[source]
        source: sqlx::Error,
    },
    /// A stored value the model cannot take: the database was edited by
    /// hand or written by something else.
    #[error("{operation}{}: a stored value is not valid: {detail}", Subject(code))]
    Unreadable {
        operation: Operation,
        code: Option<String>,
        detail: String,
    },
    /// A JSON column could not be written or read back.
    #[error("{operation}{}: {source}", Subject(code))]
    Json {
        operation: Operation,
        code: Option<String>,
        #[source]
        source: serde_json::Error,
    },
    #[error("{operation}: item {code} is not in the database; save the item first")]
    UnknownItem { operation: Operation, code: String },
    /// The history being saved differs from the database on a version that
    /// is already published there (stale or altered in memory).
    #[error("cannot save the guide of item {code}: version {number} is published and never changes, but the history being saved states it differently")]
    PublishedVersionChanged { code: String, number: u32 },
    /// A case of this number is already stored.
    #[error("{operation}: case {number} is already in the database")]
    CaseExists {
        operation: Operation,
        number: String,
    },
    /// A bundle instance of this id is already stored.
    #[error("{operation}: bundle instance {id} is already in the database")]
    BundleInstanceExists { operation: Operation, id: String },
    #[error("{operation}: case {number} is not in the database")]
    UnknownCase {
        operation: Operation,
        number: String,
    },
    /// Optimistic concurrency: the case changed since it was read (another
    /// officer or the sweep went first); nothing was written.
    #[error("case {number} changed since it was read (version {expected} was read, version {found} is stored): nothing was written, reload it and try again")]
    StaleCase {
        number: String,
        expected: u64,
        found: u64,
    },
    #[error("{operation}: filing {id} is not in the database")]
    UnknownFiling { operation: Operation, id: String },
    /// The filing being saved does not extend the stored one: it is older
    /// or diverges, or it changes a decided filing other than approved →
    /// revoked/superseded. Nothing was written.
    #[error("filing {id} is stored as {stored}; saving it as {found} would not extend its history (a decided filing only goes from approved to revoked or superseded); nothing was written, reload it and try again")]
    FilingChanged {
        id: String,
        stored: &'static str,
        found: &'static str,
    },
    #[error("{operation}: outbox record {id} is not in the database")]
    UnknownOutboxRecord { operation: Operation, id: i64 },
}

impl DbError {
    pub(crate) fn query(
        operation: Operation,
        code: Option<&str>,
    ) -> impl Fn(sqlx::Error) -> Self + '_ {
        move |source| DbError::Query {
            operation,
            code: code.map(str::to_owned),
            source,
        }
    }

    pub(crate) fn json(
        operation: Operation,
        code: Option<&str>,
    ) -> impl Fn(serde_json::Error) -> Self + '_ {
        move |source| DbError::Json {
            operation,
            code: code.map(str::to_owned),
            source,
        }
    }

    pub(crate) fn unreadable(
        operation: Operation,
        code: Option<&str>,
    ) -> impl Fn(super::codec::Unreadable) -> Self + '_ {
        move |unreadable| DbError::Unreadable {
            operation,
            code: code.map(str::to_owned),
            detail: unreadable.0,
        }
    }

    /// Another connection held the database's write lock past the busy
    /// timeout (or a read snapshot went stale under a writer): trying the
    /// whole unit of work again may succeed.
    pub fn is_busy(&self) -> bool {
        let source = match self {
            DbError::Query { source, .. } | DbError::Open { source, .. } => source,
            _ => return false,
        };
        match source {
            // SQLITE_BUSY (5), SQLITE_LOCKED (6) and their extended codes
            // (BUSY_SNAPSHOT 517, BUSY_RECOVERY 261, LOCKED_SHAREDCACHE 262 …).
            sqlx::Error::Database(e) => e
                .code()
                .and_then(|code| code.parse::<i64>().ok())
                .is_some_and(|code| matches!(code & 0xff, 5 | 6)),
            sqlx::Error::PoolTimedOut => true,
            _ => false,
        }
    }

    /// The database refused to change a published guide version (its
    /// immutability triggers fired).
    pub fn is_published_version_refusal(&self) -> bool {
        match self {
            DbError::Query {
                source: sqlx::Error::Database(e),
                ..
            } => e.message().contains(PUBLISHED_IMMUTABLE),
            DbError::PublishedVersionChanged { .. } => true,
            _ => false,
        }
    }
}

/// The message of the triggers that guard published guide versions.
pub(crate) const PUBLISHED_IMMUTABLE: &str = "published guide versions are immutable";
