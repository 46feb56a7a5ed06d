//! What can go wrong with the profile database.

use std::fmt;
use std::path::PathBuf;

use approval_core::error_code::ErrorCode;

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
    ReadExchange,
    WriteExchange,
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
            Operation::ReadExchange => "reading the exchange's state",
            Operation::WriteExchange => "saving the exchange's state",
            Operation::Begin => "beginning a unit of work",
            Operation::Commit => "committing a unit of work",
        })
    }
}

impl Operation {
    /// What the store was doing, in zh-CN (a verb phrase: 保存办件).
    pub fn name_zh(self) -> &'static str {
        match self {
            Operation::SaveItem => "保存事项",
            Operation::LoadItem => "读取事项",
            Operation::ListItems => "列出事项",
            Operation::LoadGuide => "读取办事指南各版本",
            Operation::SaveGuide => "保存办事指南各版本",
            Operation::SaveBundle => "保存套餐",
            Operation::LoadBundle => "读取套餐",
            Operation::ListBundles => "列出套餐",
            Operation::AppendAudit => "写入审计日志",
            Operation::ReadAudit => "读取审计日志",
            Operation::SaveCase => "保存办件",
            Operation::RecordTransition => "记录办件的办理环节",
            Operation::LoadCase => "读取办件",
            Operation::ListCases => "列出办件",
            Operation::ReadOutbox => "读取待推送结果",
            Operation::MarkPushed => "标记结果已推送",
            Operation::SaveBundleInstance => "保存套餐办理",
            Operation::LoadBundleInstance => "读取套餐办理",
            Operation::LoadDepartmentWorkflow => "读取部门办理规则",
            Operation::SaveDepartmentWorkflow => "保存部门办理规则",
            Operation::SaveFiling => "保存备案",
            Operation::LoadFiling => "读取备案",
            Operation::ListFilings => "列出备案",
            Operation::SaveAttachment => "保存备案附件",
            Operation::LoadAttachment => "读取备案附件",
            Operation::SaveGrant => "保存授权",
            Operation::ListGrants => "列出授权",
            Operation::ReadExchange => "读取交换平台同步状态",
            Operation::WriteExchange => "保存交换平台同步状态",
            Operation::Begin => "开始一次数据库操作",
            Operation::Commit => "提交一次数据库操作",
        }
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

impl DbError {
    /// A stable code for the UI and scripts; never changes once shipped.
    pub fn code(&self) -> ErrorCode {
        match self {
            DbError::StaleCase { .. } => ErrorCode::CaseChanged,
            DbError::FilingChanged { .. } => ErrorCode::FilingChanged,
            DbError::CaseExists { .. } | DbError::BundleInstanceExists { .. } => {
                ErrorCode::AlreadyExists
            }
            DbError::UnknownItem { .. }
            | DbError::UnknownCase { .. }
            | DbError::UnknownFiling { .. }
            | DbError::UnknownOutboxRecord { .. } => ErrorCode::NotFound,
            _ if self.is_published_version_refusal() => ErrorCode::PublishedGuideImmutable,
            _ if self.is_busy() => ErrorCode::StoreBusy,
            _ if self.is_newer_schema() => ErrorCode::StoreNewerSchema,
            DbError::Folder { .. }
            | DbError::Open { .. }
            | DbError::Migrate { .. }
            | DbError::Query { .. }
            | DbError::Unreadable { .. }
            | DbError::Json { .. }
            | DbError::PublishedVersionChanged { .. } => ErrorCode::StoreFailed,
        }
    }

    /// The message for officers, in zh-CN. It names the profile, case,
    /// filing or item concerned, never a statement or a stored value.
    pub fn message_zh(&self) -> String {
        match self {
            DbError::Folder { path, .. } => format!(
                "无法创建用户数据目录{}，请检查该目录的权限和磁盘空间",
                path.display()
            ),
            DbError::Open { path, .. } if self.is_busy() => format!(
                "本地数据库{}正被其他窗口或程序占用，请稍后重试",
                path.display()
            ),
            DbError::Open { path, .. } => format!("无法打开本地数据库{}", path.display()),
            DbError::Migrate {
                path,
                source: sqlx::migrate::MigrateError::VersionMissing(version),
            } => format!(
                "本地数据库{}由更新版本的部门审批工作台写入（含本版本不认识的数据库变更{version}），请升级到最新版本后再打开",
                path.display()
            ),
            DbError::Migrate { path, .. } => format!(
                "无法将本地数据库{}升级到当前版本",
                path.display()
            ),
            DbError::Query {
                operation, code, ..
            } if self.is_published_version_refusal() => format!(
                "{}{}被拒绝：已发布的办事指南版本不能修改",
                operation.name_zh(),
                subject_zh(code)
            ),
            DbError::Query {
                operation, code, ..
            } if self.is_busy() => format!(
                "{}{}时本地数据库正忙（其他窗口或任务正在写入），请稍后重试",
                operation.name_zh(),
                subject_zh(code)
            ),
            DbError::Query {
                operation, code, ..
            } => format!(
                "{}{}时本地数据库读写失败",
                operation.name_zh(),
                subject_zh(code)
            ),
            DbError::Unreadable {
                operation, code, ..
            } => format!(
                "{}{}时发现本地数据库中的数据无效（可能被手工修改或由其他程序写入）",
                operation.name_zh(),
                subject_zh(code)
            ),
            DbError::Json {
                operation, code, ..
            } => format!(
                "{}{}时数据格式有误，无法写入或读出",
                operation.name_zh(),
                subject_zh(code)
            ),
            DbError::UnknownItem { operation, code } => format!(
                "{}时出错：事项“{code}”不在本地数据库中，请先保存该事项",
                operation.name_zh()
            ),
            DbError::PublishedVersionChanged { code, number } => format!(
                "不能保存事项“{code}”的办事指南：第{number}版已发布，不能再修改，而待保存的内容与其不一致；请重新加载后再试"
            ),
            DbError::CaseExists { number, .. } => format!("办件{number}已存在于本地数据库中"),
            DbError::BundleInstanceExists { id, .. } => {
                format!("套餐办理{id}已存在于本地数据库中")
            }
            DbError::UnknownCase { number, .. } => format!("本地数据库中没有办件{number}"),
            DbError::StaleCase {
                number,
                expected,
                found,
            } => format!(
                "办件{number}在读取后已被他人更改（读取时为第{expected}版，现为第{found}版），本次操作未保存，请重新加载后再试"
            ),
            DbError::UnknownFiling { id, .. } => format!("本地数据库中没有备案{id}"),
            DbError::FilingChanged { id, stored, found } => format!(
                "备案{id}在本地数据库中为“{}”，保存为“{}”不符合其办理顺序（已审核的备案只能由审核同意变为撤销或被替代），本次操作未保存，请重新加载后再试",
                filing_state_zh(stored),
                filing_state_zh(found)
            ),
            DbError::UnknownOutboxRecord { id, .. } => {
                format!("待推送结果中没有第{id}条记录")
            }
        }
    }

    /// The database holds migrations this build does not know: a newer
    /// version of the app wrote it.
    fn is_newer_schema(&self) -> bool {
        matches!(
            self,
            DbError::Migrate {
                source: sqlx::migrate::MigrateError::VersionMissing(_),
                ..
            }
        )
    }
}

/// `（CODE）` or nothing: the subject of a zh-CN message.
fn subject_zh(code: &Option<String>) -> String {
    match code {
        Some(code) => format!("（{code}）"),
        None => String::new(),
    }
}

/// The zh-CN word of a filing state word (`FilingState::word`).
fn filing_state_zh(word: &str) -> &str {
    match word {
        "draft" => "草稿",
        "submitted" => "待审核",
        "approved" => "审核同意",
        "rejected" => "不予同意",
        "withdrawn" => "撤回",
        "revoked" => "撤销",
        "superseded" => "被替代",
        other => other,
    }
}

/// The message of the triggers that guard published guide versions.
pub(crate) const PUBLISHED_IMMUTABLE: &str = "published guide versions are immutable";

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::error::Error as StdError;

    use sqlx::error::{DatabaseError, ErrorKind};
    use sqlx::migrate::MigrateError;

    use super::*;

    /// A database error as SQLite reports one: an extended result code and
    /// a message.
    #[derive(Debug)]
    struct Reported {
        code: &'static str,
        message: String,
    }

    impl fmt::Display for Reported {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.message)
        }
    }

    impl StdError for Reported {}

    impl DatabaseError for Reported {
        fn message(&self) -> &str {
            &self.message
        }

        fn code(&self) -> Option<Cow<'_, str>> {
            Some(Cow::Borrowed(self.code))
        }

        fn as_error(&self) -> &(dyn StdError + Send + Sync + 'static) {
            self
        }

        fn as_error_mut(&mut self) -> &mut (dyn StdError + Send + Sync + 'static) {
            self
        }

        fn into_error(self: Box<Self>) -> Box<dyn StdError + Send + Sync + 'static> {
            self
        }

        fn kind(&self) -> ErrorKind {
            ErrorKind::Other
        }
    }

    fn reported(code: &'static str, message: &str) -> sqlx::Error {
        sqlx::Error::Database(Box::new(Reported {
            code,
            message: message.to_owned(),
        }))
    }

    fn query(source: sqlx::Error) -> DbError {
        DbError::Query {
            operation: Operation::SaveGuide,
            code: Some("610100-XK-0001".to_owned()),
            source,
        }
    }

    fn has_chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    fn io_error() -> std::io::Error {
        std::io::Error::new(std::io::ErrorKind::PermissionDenied, "denied")
    }

    #[test]
    fn every_db_error_has_its_code_and_names_what_it_concerns_in_chinese() {
        let path = || PathBuf::from("/home/officer/.local/share/approval-desk/desk.sqlite");
        let cases = [
            (
                DbError::Folder {
                    path: path(),
                    source: io_error(),
                },
                ErrorCode::StoreFailed,
                "desk.sqlite",
            ),
            (
                DbError::Open {
                    path: path(),
                    source: sqlx::Error::PoolClosed,
                },
                ErrorCode::StoreFailed,
                "无法打开本地数据库",
            ),
            (
                DbError::Open {
                    path: path(),
                    source: sqlx::Error::PoolTimedOut,
                },
                ErrorCode::StoreBusy,
                "请稍后重试",
            ),
            (
                DbError::Migrate {
                    path: path(),
                    source: MigrateError::VersionMissing(20_270_101_000_000),
                },
                ErrorCode::StoreNewerSchema,
                "20270101000000",
            ),
            (
                DbError::Migrate {
                    path: path(),
                    source: MigrateError::VersionMismatch(20_261_204_000_000),
                },
                ErrorCode::StoreFailed,
                "desk.sqlite",
            ),
            (
                query(sqlx::Error::RowNotFound),
                ErrorCode::StoreFailed,
                "保存办事指南各版本（610100-XK-0001）时",
            ),
            (
                query(reported("5", "database is locked")),
                ErrorCode::StoreBusy,
                "正忙",
            ),
            (
                query(reported("517", "database is locked")),
                ErrorCode::StoreBusy,
                "610100-XK-0001",
            ),
            (
                query(reported("1811", PUBLISHED_IMMUTABLE)),
                ErrorCode::PublishedGuideImmutable,
                "已发布的办事指南版本不能修改",
            ),
            (
                DbError::Unreadable {
                    operation: Operation::LoadCase,
                    code: Some("SX2026-000101".to_owned()),
                    detail: "state is \"lost\", which is no CaseState".to_owned(),
                },
                ErrorCode::StoreFailed,
                "读取办件（SX2026-000101）",
            ),
            (
                DbError::Json {
                    operation: Operation::SaveBundle,
                    code: Some("TC-01".to_owned()),
                    source: serde_json::from_str::<u8>("x").unwrap_err(),
                },
                ErrorCode::StoreFailed,
                "保存套餐（TC-01）",
            ),
            (
                DbError::UnknownItem {
                    operation: Operation::SaveGuide,
                    code: "610100-XK-0002".to_owned(),
                },
                ErrorCode::NotFound,
                "事项“610100-XK-0002”",
            ),
            (
                DbError::PublishedVersionChanged {
                    code: "610100-XK-0003".to_owned(),
                    number: 2,
                },
                ErrorCode::PublishedGuideImmutable,
                "第2版已发布",
            ),
            (
                DbError::CaseExists {
                    operation: Operation::SaveCase,
                    number: "SX2026-000102".to_owned(),
                },
                ErrorCode::AlreadyExists,
                "办件SX2026-000102",
            ),
            (
                DbError::BundleInstanceExists {
                    operation: Operation::SaveBundleInstance,
                    id: "TCBL-0001".to_owned(),
                },
                ErrorCode::AlreadyExists,
                "TCBL-0001",
            ),
            (
                DbError::UnknownCase {
                    operation: Operation::LoadCase,
                    number: "SX2026-000103".to_owned(),
                },
                ErrorCode::NotFound,
                "办件SX2026-000103",
            ),
            (
                DbError::StaleCase {
                    number: "SX2026-000104".to_owned(),
                    expected: 3,
                    found: 4,
                },
                ErrorCode::CaseChanged,
                "办件SX2026-000104在读取后已被他人更改（读取时为第3版，现为第4版）",
            ),
            (
                DbError::UnknownFiling {
                    operation: Operation::LoadFiling,
                    id: "BA-2026-0001".to_owned(),
                },
                ErrorCode::NotFound,
                "备案BA-2026-0001",
            ),
            (
                DbError::FilingChanged {
                    id: "BA-2026-0002".to_owned(),
                    stored: "approved",
                    found: "submitted",
                },
                ErrorCode::FilingChanged,
                "备案BA-2026-0002在本地数据库中为“审核同意”，保存为“待审核”",
            ),
            (
                DbError::UnknownOutboxRecord {
                    operation: Operation::MarkPushed,
                    id: 42,
                },
                ErrorCode::NotFound,
                "第42条",
            ),
        ];
        for (error, code, named) in cases {
            assert_eq!(error.code(), code, "{error:?}");
            let zh = error.message_zh();
            assert!(
                zh.contains(named),
                "{error:?}: {zh:?} does not name {named:?}"
            );
            assert!(has_chinese(&zh), "{zh:?}");
            assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn the_zh_message_never_repeats_what_the_database_said() {
        let error = DbError::Query {
            operation: Operation::SaveCase,
            code: None,
            source: reported(
                "2067",
                "UNIQUE constraint failed: INSERT INTO cases (number, secret) VALUES ('x', 'hunter2')",
            ),
        };
        assert_eq!(error.code(), ErrorCode::StoreFailed);
        let zh = error.message_zh();
        assert_eq!(zh, "保存办件时本地数据库读写失败");
        let unreadable = DbError::Unreadable {
            operation: Operation::ListGrants,
            code: None,
            detail: "role is \"hunter2\", which is no Role".to_owned(),
        };
        assert!(!unreadable.message_zh().contains("hunter2"));
    }
}
