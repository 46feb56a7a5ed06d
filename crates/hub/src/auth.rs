//! Accounts, sign-in and the caller of every request.
//!
//! Passwords are kept as argon2id hashes; a session token is 32 random bytes
//! (base64url) of which only the SHA-256 is stored, with its expiry. Every
//! request is then authorized again with `approval_core::access::authorize`
//! against the account's grants as the database holds them now, so a
//! withdrawn grant takes effect at the next request, on every hub process.

use std::collections::BTreeSet;

use approval_contract::auth::{Session, SignIn, Whoami, WireGrant};
use approval_core::access::{authorize, Action, Authorized, Denied, Grant, Role, Scope, Target};
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::Json;
use base64::Engine as _;
use chrono::{DateTime, FixedOffset, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::{AnyPool, Row};

use crate::db::{parse_stamp, stamp};
use crate::error::{HubError, HubResult};
use crate::extract::Body;
use crate::Hub;

/// The scope column's value for [`Scope::All`].
pub(crate) const ALL_SCOPE: &str = "*";

pub fn role_of_code(code: &str) -> Option<Role> {
    Role::ALL.into_iter().find(|r| r.code() == code)
}

fn scope_text(scope: &Scope) -> &str {
    match scope {
        Scope::All => ALL_SCOPE,
        Scope::Department(name) => name,
    }
}

fn wire_grant(grant: &Grant) -> WireGrant {
    WireGrant {
        role: grant.role.code().to_owned(),
        scope: match &grant.scope {
            Scope::All => None,
            Scope::Department(name) => Some(name.clone()),
        },
    }
}

pub(crate) fn hash_password(password: &str) -> Result<String, HubError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HubError::internal(&format!("password hash: {e}")))
}

fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates the account, or sets its name and password when it exists, and
/// adds the grants (those it holds already stay).
pub async fn upsert_account(
    pool: &AnyPool,
    account: &str,
    name: &str,
    password: &str,
    grants: &[(Role, Scope)],
) -> HubResult<()> {
    let password = password.to_owned();
    let hash = tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| HubError::internal(&e.to_string()))??;
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO accounts (account, name, password_hash, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (account) DO UPDATE SET name = excluded.name, password_hash = excluded.password_hash",
    )
    .bind(account)
    .bind(name)
    .bind(hash)
    .bind(stamp(Utc::now()))
    .execute(&mut *tx)
    .await?;
    for (role, scope) in grants {
        sqlx::query(
            "INSERT INTO grants (account, role, scope) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(account)
        .bind(role.code())
        .bind(scope_text(scope))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn grants_of(pool: &AnyPool, account: &str) -> HubResult<Vec<Grant>> {
    let rows =
        sqlx::query("SELECT role, scope FROM grants WHERE account = $1 ORDER BY role, scope")
            .bind(account)
            .fetch_all(pool)
            .await?;
    let mut grants = Vec::new();
    for row in rows {
        let role: String = row.try_get("role")?;
        let scope: String = row.try_get("scope")?;
        // A role this build does not know allows nothing.
        if let Some(role) = role_of_code(&role) {
            let scope = if scope == ALL_SCOPE {
                Scope::All
            } else {
                Scope::Department(scope)
            };
            grants.push(Grant::new(account, role, scope));
        }
    }
    Ok(grants)
}

/// Who is asking: the signed-in account with its grants, read afresh.
#[derive(Debug, Clone)]
pub struct Caller {
    pub account: String,
    pub name: String,
    pub grants: Vec<Grant>,
    pub expires_at: DateTime<FixedOffset>,
    token_hash: String,
}

fn unauthenticated() -> HubError {
    HubError::unauthorized(
        "unauthenticated",
        "未登录：请先登录交换平台（Authorization: Bearer …）",
        "not signed in: sign in to the hub first (Authorization: Bearer …)",
    )
}

impl FromRequestParts<Hub> for Caller {
    type Rejection = HubError;

    async fn from_request_parts(parts: &mut Parts, hub: &Hub) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or_else(unauthenticated)?;
        let hash = token_hash(token);
        let row = sqlx::query(
            "SELECT s.account, s.expires_at, a.name FROM sessions s \
             JOIN accounts a ON a.account = s.account WHERE s.token_hash = $1",
        )
        .bind(&hash)
        .fetch_optional(&hub.pool)
        .await?
        .ok_or_else(unauthenticated)?;
        let account: String = row.try_get("account")?;
        let expires_at = parse_stamp(&row.try_get::<String, _>("expires_at")?)?;
        if expires_at <= Utc::now() {
            return Err(HubError::unauthorized(
                "session_expired",
                "登录已过期，请重新登录",
                "the session has expired: sign in again",
            ));
        }
        let grants = grants_of(&hub.pool, &account).await?;
        Ok(Caller {
            name: row.try_get("name")?,
            account,
            grants,
            expires_at,
            token_hash: hash,
        })
    }
}

impl Caller {
    /// A caller acting inside the hub (the demo's seeding and case stream),
    /// held to the same checks as one signed in.
    pub fn internal(account: &str, name: &str, grants: Vec<Grant>) -> Caller {
        Caller {
            account: account.to_owned(),
            name: name.to_owned(),
            grants,
            expires_at: DateTime::<Utc>::MAX_UTC.fixed_offset(),
            token_hash: String::new(),
        }
    }

    pub fn authorize(&self, action: Action, target: &Target) -> Result<Authorized, Denied> {
        authorize(&self.grants, &self.account, action, target)
    }

    /// Whether any grant holds a role that may do `action` somewhere.
    pub fn may_at_all(&self, action: Action) -> bool {
        let allowed = approval_core::access::allowed_roles(action);
        self.grants.iter().any(|g| allowed.contains(&g.role))
    }

    /// Refuses with 403 when no role of the caller may do `action` anywhere
    /// (checked before looking anything up, so it reveals nothing).
    pub fn require_role(&self, action: Action) -> HubResult<()> {
        if self.may_at_all(action) {
            return Ok(());
        }
        Err(HubError::denied(&Denied::NoRole {
            person: self.account.clone(),
            action,
            department: None,
        }))
    }

    /// For a thing named in the path: outside the caller's scope it does not
    /// exist for them (404, as a missing one); other refusals are 403.
    pub fn check_found(
        &self,
        action: Action,
        target: &Target,
        missing: impl FnOnce() -> HubError,
    ) -> HubResult<Authorized> {
        match self.authorize(action, target) {
            Ok(proof) => Ok(proof),
            Err(Denied::OutOfScope { .. }) | Err(Denied::NoRole { .. }) => Err(missing()),
            Err(denied) => Err(HubError::denied(&denied)),
        }
    }

    /// For a department or unit named in the body: every refusal is 403.
    pub fn check(&self, action: Action, target: &Target) -> HubResult<Authorized> {
        self.authorize(action, target)
            .map_err(|denied| HubError::denied(&denied))
    }

    /// The departments or units where the caller may do `action`; `None`:
    /// all of them.
    pub fn scopes_for(&self, action: Action) -> Option<BTreeSet<String>> {
        let allowed = approval_core::access::allowed_roles(action);
        let mut names = BTreeSet::new();
        for grant in self.grants.iter().filter(|g| allowed.contains(&g.role)) {
            match &grant.scope {
                Scope::All => return None,
                Scope::Department(name) => {
                    names.insert(name.clone());
                }
            }
        }
        Some(names)
    }

    pub fn wire_grants(&self) -> Vec<WireGrant> {
        self.grants.iter().map(wire_grant).collect()
    }
}

/// Sign in: an account's password for an expiring token.
#[utoipa::path(post, path = "/v1/session", tag = "session",
    request_body = SignIn,
    responses((status = 200, body = Session), (status = 401, body = approval_contract::WireError)))]
pub async fn sign_in(State(hub): State<Hub>, body: Body<SignIn>) -> HubResult<Json<Session>> {
    let SignIn { account, password } = body.value;
    let row = sqlx::query("SELECT name, password_hash FROM accounts WHERE account = $1")
        .bind(&account)
        .fetch_optional(&hub.pool)
        .await?;
    let (name, stored) = match row {
        Some(row) => (
            row.try_get::<String, _>("name")?,
            row.try_get::<String, _>("password_hash")?,
        ),
        None => (String::new(), String::new()),
    };
    let checked = password.clone();
    let ok = tokio::task::spawn_blocking(move || {
        !stored.is_empty() && verify_password(&checked, &stored)
    })
    .await
    .map_err(|e| HubError::internal(&e.to_string()))?;
    if !ok {
        return Err(HubError::unauthorized(
            "sign_in_failed",
            "账号或密码不正确",
            "wrong account or password",
        ));
    }
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let now = Utc::now();
    let ttl = chrono::Duration::from_std(hub.config.session_ttl)
        .unwrap_or_else(|_| chrono::Duration::hours(12));
    let expires = now + ttl;
    sqlx::query("INSERT INTO sessions (token_hash, account, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash(&token))
        .bind(&account)
        .bind(stamp(now))
        .bind(stamp(expires))
        .execute(&hub.pool)
        .await?;
    // Expired sessions of the account are of no use to anyone.
    sqlx::query("DELETE FROM sessions WHERE account = $1 AND expires_at < $2")
        .bind(&account)
        .bind(stamp(now))
        .execute(&hub.pool)
        .await?;
    let grants = grants_of(&hub.pool, &account).await?;
    Ok(Json(Session {
        token,
        expires_at: expires.fixed_offset(),
        account,
        name,
        grants: grants.iter().map(wire_grant).collect(),
    }))
}

/// Who the token belongs to.
#[utoipa::path(get, path = "/v1/session", tag = "session",
    security(("bearer" = [])),
    responses((status = 200, body = Whoami), (status = 401, body = approval_contract::WireError)))]
pub async fn whoami(caller: Caller) -> Json<Whoami> {
    Json(Whoami {
        grants: caller.wire_grants(),
        account: caller.account,
        name: caller.name,
        expires_at: caller.expires_at,
    })
}

/// Sign out: the token stops working on every hub process.
#[utoipa::path(delete, path = "/v1/session", tag = "session",
    security(("bearer" = [])),
    responses((status = 204), (status = 401, body = approval_contract::WireError)))]
pub async fn sign_out(State(hub): State<Hub>, caller: Caller) -> HubResult<StatusCode> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(&caller.token_hash)
        .execute(&hub.pool)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}
