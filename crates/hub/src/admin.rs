//! Administration of a real deployment, straight on the database (the
//! `desk-hub account|unit|department …` commands): accounts (账号) with
//! their passwords and grants, window units (政务服务窗口) and departments.
//!
//! `--demo` seeds all of these for trying the hub out; a provincial
//! deployment registers its own with these functions instead. They check
//! what the hub's requests later rely on: a role is one of core's
//! [`Role::code`]s, a window clerk's scope is a registered window unit and
//! every other role's a registered department (a grant naming something the
//! hub does not know would silently allow nothing), and a name is never
//! both a unit and a department (a grant's scope is just the name).
//!
//! A grant or a revocation takes effect at the account's next request on
//! every hub process, as grants are read afresh for each request.

use std::fmt;

use approval_core::access::{Role, Scope};
use sqlx::{AnyPool, Row};

use crate::auth::{hash_password, role_of_code, ALL_SCOPE};
use crate::db::stamp;

/// The stored password hash of a disabled account: not a PHC string, so no
/// password verifies against it, and setting a password enables it again.
const DISABLED_HASH: &str = "!disabled";

/// The shortest password an account may be given.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// The longest account identifier.
pub const MAX_ACCOUNT_CHARS: usize = 64;

/// The longest name (an account holder's, a unit's, a department's).
pub const MAX_NAME_CHARS: usize = 200;

/// Why an administration command was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error(transparent)]
    Open(#[from] crate::db::OpenError),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("cannot hash the password: {0}")]
    Hash(String),
    #[error("invalid {what} {given:?}: {why}")]
    InvalidName {
        what: &'static str,
        given: String,
        why: &'static str,
    },
    #[error("the password is too short: it needs at least {MIN_PASSWORD_CHARS} characters")]
    PasswordTooShort,
    #[error("account {0:?} exists already (set its password with `desk-hub account password`)")]
    AccountExists(String),
    #[error("no account {0:?} (add it with `desk-hub account add`)")]
    NoSuchAccount(String),
    #[error("unknown role {given:?}: the roles are {known}")]
    UnknownRole { given: String, known: String },
    #[error("no window unit {0:?}: a window clerk's scope is a window unit (add it with `desk-hub unit add`)")]
    NoSuchUnit(String),
    #[error("no department {name:?}: the scope of role {role} is a department (add it with `desk-hub department add`)")]
    NoSuchDepartment { name: String, role: &'static str },
    #[error(
        "{name:?} is a window unit, not a department: the scope of role {role} is a department"
    )]
    UnitNotDepartment { name: String, role: &'static str },
    #[error("{0:?} is a department, not a window unit: a window clerk's scope is a window unit")]
    DepartmentNotUnit(String),
    #[error("{0:?} is a department already; a window unit needs another name (a grant's scope is just the name)")]
    UnitNamedLikeDepartment(String),
    #[error("{0:?} is a window unit already; a department needs another name (a grant's scope is just the name)")]
    DepartmentNamedLikeUnit(String),
    #[error("no window unit {0:?} to be the parent (add it first)")]
    NoSuchParent(String),
    #[error("window unit {unit:?} cannot be placed under {parent:?}, which is below it")]
    UnitCycle { unit: String, parent: String },
    #[error("account {account:?} does not hold {grant}; it holds: {held}")]
    GrantNotHeld {
        account: String,
        grant: GrantText,
        held: String,
    },
}

impl From<crate::error::HubError> for AdminError {
    fn from(error: crate::error::HubError) -> Self {
        AdminError::Hash(error.wire.message_en)
    }
}

/// A grant as the commands print it: `officer (蓝田县市场监督管理局)` or
/// `manager (all)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantText {
    pub role: Role,
    pub scope: Scope,
}

impl fmt::Display for GrantText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.scope {
            Scope::All => write!(f, "{} (all)", self.role.code()),
            Scope::Department(name) => write!(f, "{} ({name})", self.role.code()),
        }
    }
}

/// An account as `account list` shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountSummary {
    pub account: String,
    pub name: String,
    pub disabled: bool,
    pub grants: Vec<GrantText>,
}

/// What `add_unit` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitChange {
    Added,
    Moved,
    Unchanged,
}

fn check_text(what: &'static str, given: &str, max: usize) -> Result<(), AdminError> {
    let invalid = |why| AdminError::InvalidName {
        what,
        given: given.to_owned(),
        why,
    };
    if given.trim().is_empty() {
        return Err(invalid("it is empty"));
    }
    if given.trim() != given {
        return Err(invalid("it starts or ends with a space"));
    }
    if given.chars().count() > max {
        return Err(invalid("it is too long"));
    }
    if given.chars().any(char::is_control) {
        return Err(invalid("it contains a control character"));
    }
    Ok(())
}

/// An account identifier is what people type at sign-in and what the
/// audit trail names: no spaces, at most [`MAX_ACCOUNT_CHARS`].
pub fn check_account_id(account: &str) -> Result<(), AdminError> {
    check_text("account", account, MAX_ACCOUNT_CHARS)?;
    if account.chars().any(char::is_whitespace) {
        return Err(AdminError::InvalidName {
            what: "account",
            given: account.to_owned(),
            why: "it contains a space",
        });
    }
    Ok(())
}

/// A unit's or department's name, which grants carry as their scope:
/// never `*`, the stored spelling of "all".
fn check_scope_name(what: &'static str, name: &str) -> Result<(), AdminError> {
    check_text(what, name, MAX_NAME_CHARS)?;
    if name == ALL_SCOPE {
        return Err(AdminError::InvalidName {
            what,
            given: name.to_owned(),
            why: "\"*\" stands for every department in a grant",
        });
    }
    Ok(())
}

pub fn check_password(password: &str) -> Result<(), AdminError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AdminError::PasswordTooShort);
    }
    Ok(())
}

/// A role by its code (`officer`, `window_clerk`, …).
pub fn parse_role(code: &str) -> Result<Role, AdminError> {
    role_of_code(code).ok_or_else(|| AdminError::UnknownRole {
        given: code.to_owned(),
        known: Role::ALL
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

async fn hash(password: &str) -> Result<String, AdminError> {
    let password = password.to_owned();
    // Argon2 takes a noticeable moment; keep it off the async workers.
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| AdminError::Hash(e.to_string()))?
        .map_err(AdminError::from)
}

/// Whether `account` exists.
pub async fn account_exists(pool: &AnyPool, account: &str) -> Result<bool, AdminError> {
    Ok(
        sqlx::query("SELECT account FROM accounts WHERE account = $1")
            .bind(account)
            .fetch_optional(pool)
            .await?
            .is_some(),
    )
}

async fn is_unit(pool: &AnyPool, name: &str) -> Result<bool, AdminError> {
    Ok(sqlx::query("SELECT name FROM window_units WHERE name = $1")
        .bind(name)
        .fetch_optional(pool)
        .await?
        .is_some())
}

async fn is_department(pool: &AnyPool, name: &str) -> Result<bool, AdminError> {
    Ok(sqlx::query("SELECT name FROM departments WHERE name = $1")
        .bind(name)
        .fetch_optional(pool)
        .await?
        .is_some())
}

/// Creates an account without grants. An existing account is refused
/// rather than overwritten, so a typo cannot take over someone's account.
pub async fn add_account(
    pool: &AnyPool,
    account: &str,
    name: &str,
    password: &str,
) -> Result<(), AdminError> {
    check_account_id(account)?;
    check_text("name", name, MAX_NAME_CHARS)?;
    check_password(password)?;
    let hash = hash(password).await?;
    let inserted = sqlx::query(
        "INSERT INTO accounts (account, name, password_hash, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (account) DO NOTHING",
    )
    .bind(account)
    .bind(name)
    .bind(hash)
    .bind(stamp(chrono::Utc::now()))
    .execute(pool)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(AdminError::AccountExists(account.to_owned()));
    }
    Ok(())
}

/// Sets an account's password (enabling a disabled one) and ends its
/// sessions, so whoever knew the old password is signed out everywhere.
pub async fn set_password(pool: &AnyPool, account: &str, password: &str) -> Result<(), AdminError> {
    check_password(password)?;
    if !account_exists(pool, account).await? {
        return Err(AdminError::NoSuchAccount(account.to_owned()));
    }
    let hash = hash(password).await?;
    let mut tx = pool.begin().await?;
    sqlx::query("UPDATE accounts SET password_hash = $1 WHERE account = $2")
        .bind(hash)
        .bind(account)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE account = $1")
        .bind(account)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Locks an account out: no password signs it in any more and its
/// sessions end at once. Its grants and its name in the records stay.
/// Returns how many sessions were ended.
pub async fn disable_account(pool: &AnyPool, account: &str) -> Result<u64, AdminError> {
    if !account_exists(pool, account).await? {
        return Err(AdminError::NoSuchAccount(account.to_owned()));
    }
    let mut tx = pool.begin().await?;
    sqlx::query("UPDATE accounts SET password_hash = $1 WHERE account = $2")
        .bind(DISABLED_HASH)
        .bind(account)
        .execute(&mut *tx)
        .await?;
    let ended = sqlx::query("DELETE FROM sessions WHERE account = $1")
        .bind(account)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    tx.commit().await?;
    Ok(ended)
}

/// The scope a grant of `role` names: `None` is every department and unit;
/// a name must be a registered window unit for a window clerk and a
/// registered department for every other role.
pub async fn resolve_scope(
    pool: &AnyPool,
    role: Role,
    scope: Option<&str>,
) -> Result<Scope, AdminError> {
    let Some(name) = scope else {
        return Ok(Scope::All);
    };
    if role == Role::WindowClerk {
        if is_unit(pool, name).await? {
            return Ok(Scope::Department(name.to_owned()));
        }
        if is_department(pool, name).await? {
            return Err(AdminError::DepartmentNotUnit(name.to_owned()));
        }
        return Err(AdminError::NoSuchUnit(name.to_owned()));
    }
    if is_department(pool, name).await? {
        return Ok(Scope::Department(name.to_owned()));
    }
    if is_unit(pool, name).await? {
        return Err(AdminError::UnitNotDepartment {
            name: name.to_owned(),
            role: role.code(),
        });
    }
    Err(AdminError::NoSuchDepartment {
        name: name.to_owned(),
        role: role.code(),
    })
}

fn scope_column(scope: &Scope) -> &str {
    match scope {
        Scope::All => ALL_SCOPE,
        Scope::Department(name) => name,
    }
}

/// Grants `role` in `scope` (checked by [`resolve_scope`]). Returns whether
/// the grant is new (`false`: the account held it already).
pub async fn grant(
    pool: &AnyPool,
    account: &str,
    role: Role,
    scope: Option<&str>,
) -> Result<bool, AdminError> {
    if !account_exists(pool, account).await? {
        return Err(AdminError::NoSuchAccount(account.to_owned()));
    }
    let scope = resolve_scope(pool, role, scope).await?;
    let inserted = sqlx::query(
        "INSERT INTO grants (account, role, scope) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(account)
    .bind(role.code())
    .bind(scope_column(&scope))
    .execute(pool)
    .await?;
    Ok(inserted.rows_affected() > 0)
}

/// Withdraws one grant (`scope` `None`: the grant over everything). A grant
/// the account does not hold is an error naming those it holds, so a typo
/// does not pass for a revocation.
pub async fn revoke(
    pool: &AnyPool,
    account: &str,
    role: Role,
    scope: Option<&str>,
) -> Result<(), AdminError> {
    if !account_exists(pool, account).await? {
        return Err(AdminError::NoSuchAccount(account.to_owned()));
    }
    let scope = match scope {
        Some(name) => Scope::Department(name.to_owned()),
        None => Scope::All,
    };
    let deleted = sqlx::query("DELETE FROM grants WHERE account = $1 AND role = $2 AND scope = $3")
        .bind(account)
        .bind(role.code())
        .bind(scope_column(&scope))
        .execute(pool)
        .await?;
    if deleted.rows_affected() == 0 {
        let held = grants_of(pool, account).await?;
        return Err(AdminError::GrantNotHeld {
            account: account.to_owned(),
            grant: GrantText { role, scope },
            held: if held.is_empty() {
                "nothing".to_owned()
            } else {
                held.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        });
    }
    Ok(())
}

async fn grants_of(pool: &AnyPool, account: &str) -> Result<Vec<GrantText>, AdminError> {
    let rows =
        sqlx::query("SELECT role, scope FROM grants WHERE account = $1 ORDER BY role, scope")
            .bind(account)
            .fetch_all(pool)
            .await?;
    let mut grants = Vec::new();
    for row in rows {
        let role: String = row.try_get("role")?;
        let scope: String = row.try_get("scope")?;
        // A role this build does not know allows nothing; it is not shown.
        if let Some(role) = role_of_code(&role) {
            grants.push(GrantText {
                role,
                scope: if scope == ALL_SCOPE {
                    Scope::All
                } else {
                    Scope::Department(scope)
                },
            });
        }
    }
    Ok(grants)
}

/// Every account with its grants, by account.
pub async fn list_accounts(pool: &AnyPool) -> Result<Vec<AccountSummary>, AdminError> {
    let rows = sqlx::query("SELECT account, name, password_hash FROM accounts ORDER BY account")
        .fetch_all(pool)
        .await?;
    let mut accounts = Vec::new();
    for row in rows {
        let account: String = row.try_get("account")?;
        let hash: String = row.try_get("password_hash")?;
        accounts.push(AccountSummary {
            grants: grants_of(pool, &account).await?,
            name: row.try_get("name")?,
            disabled: hash == DISABLED_HASH,
            account,
        });
    }
    Ok(accounts)
}

/// Registers a window unit under `parent` (none: a top unit), or moves an
/// existing one there. The parent must exist and must not be below the
/// unit (the Art 16 reporting walks up this tree).
pub async fn add_unit(
    pool: &AnyPool,
    name: &str,
    parent: Option<&str>,
) -> Result<UnitChange, AdminError> {
    check_scope_name("window unit name", name)?;
    if is_department(pool, name).await? {
        return Err(AdminError::UnitNamedLikeDepartment(name.to_owned()));
    }
    if let Some(parent) = parent {
        if !is_unit(pool, parent).await? {
            return Err(AdminError::NoSuchParent(parent.to_owned()));
        }
        // Walk up from the parent: meeting `name` would close a cycle.
        let mut current = Some(parent.to_owned());
        let mut steps = 0;
        while let Some(unit) = current {
            if unit == name || steps > 64 {
                return Err(AdminError::UnitCycle {
                    unit: name.to_owned(),
                    parent: parent.to_owned(),
                });
            }
            current = parent_of(pool, &unit).await?.flatten();
            steps += 1;
        }
    }
    let before = parent_of(pool, name).await?;
    if let Some(old) = &before {
        if old.as_deref() == parent {
            return Ok(UnitChange::Unchanged);
        }
    }
    crate::units::upsert_unit(pool, name, parent).await?;
    Ok(if before.is_some() {
        UnitChange::Moved
    } else {
        UnitChange::Added
    })
}

/// `None`: no such unit; `Some(None)`: a top unit.
async fn parent_of(pool: &AnyPool, unit: &str) -> Result<Option<Option<String>>, AdminError> {
    let row = sqlx::query("SELECT parent FROM window_units WHERE name = $1")
        .bind(unit)
        .fetch_optional(pool)
        .await?;
    Ok(match row {
        Some(row) => Some(row.try_get::<Option<String>, _>("parent")?),
        None => None,
    })
}

/// Registers a department. Returns whether it is new.
pub async fn add_department(pool: &AnyPool, name: &str) -> Result<bool, AdminError> {
    check_scope_name("department name", name)?;
    if is_unit(pool, name).await? {
        return Err(AdminError::DepartmentNamedLikeUnit(name.to_owned()));
    }
    let inserted = sqlx::query("INSERT INTO departments (name) VALUES ($1) ON CONFLICT DO NOTHING")
        .bind(name)
        .execute(pool)
        .await?;
    Ok(inserted.rows_affected() > 0)
}

/// Every window unit with its parent, by name.
pub async fn list_units(pool: &AnyPool) -> Result<Vec<(String, Option<String>)>, AdminError> {
    let rows = sqlx::query("SELECT name, parent FROM window_units ORDER BY name")
        .fetch_all(pool)
        .await?;
    let mut units = Vec::new();
    for row in rows {
        units.push((row.try_get("name")?, row.try_get("parent")?));
    }
    Ok(units)
}

/// Every department, by name.
pub async fn list_departments(pool: &AnyPool) -> Result<Vec<String>, AdminError> {
    let rows = sqlx::query("SELECT name FROM departments ORDER BY name")
        .fetch_all(pool)
        .await?;
    let mut names = Vec::new();
    for row in rows {
        names.push(row.try_get("name")?);
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_roles_are_checked() {
        assert!(check_account_id("officer-li").is_ok());
        assert!(check_account_id("").is_err());
        assert!(check_account_id("li si").is_err());
        assert!(check_account_id(" li").is_err());
        assert!(check_scope_name("department name", "*").is_err());
        assert!(check_scope_name("department name", "蓝田县市场监督管理局").is_ok());
        assert!(check_password("short").is_err());
        assert!(check_password("long enough").is_ok());
        assert!(matches!(parse_role("officer"), Ok(Role::Officer)));
        let Err(AdminError::UnknownRole { known, .. }) = parse_role("clerk") else {
            panic!("clerk is no role");
        };
        assert!(known.contains("window_clerk"), "{known}");
    }

    #[test]
    fn grants_print_as_role_and_scope() {
        let all = GrantText {
            role: Role::Manager,
            scope: Scope::All,
        };
        assert_eq!(all.to_string(), "manager (all)");
        let one = GrantText {
            role: Role::WindowClerk,
            scope: Scope::Department("蓝田县政务服务中心".to_owned()),
        };
        assert_eq!(one.to_string(), "window_clerk (蓝田县政务服务中心)");
    }
}
