//! Exactly-once pushes. A push carries an `Idempotency-Key`; the key, the
//! fingerprint of what was asked (the endpoint, its target and the SHA-256
//! of the canonical body) and the answer are stored in the same transaction
//! as the push's effect, under a primary key, so:
//!
//! - the same key with the same request answers the stored receipt again
//!   (`replayed: true`) and changes nothing;
//! - the same key with another request is refused (409
//!   `idempotency_conflict`);
//! - two processes racing with one key cannot both take effect: the
//!   transaction first takes the hub's counter lock ([`Write::begin`]), and
//!   the primary key would refuse the second row anyway.

use approval_contract::cases::Receipt;
use chrono::DateTime;
use sha2::{Digest, Sha256};
use sqlx::{AnyPool, Row};

use crate::db::Write;
use crate::error::{HubError, HubResult};
use crate::extract::IdemKey;

pub struct Push {
    scope: String,
    key: String,
    fingerprint: String,
}

pub enum Begun {
    /// The key was used before with this request: its answer.
    Replay(Receipt),
    /// A new push: do its effect in this write, then [`Push::finish`].
    Fresh(Write),
}

impl Push {
    /// `scope`: whose keys these are (the department or window unit the
    /// push acts for); `endpoint` and `target` name what is pushed to.
    pub fn new(scope: &str, key: IdemKey, endpoint: &str, target: &str, body_hash: &str) -> Push {
        let fingerprint = hex::encode(Sha256::digest(
            format!("{endpoint}\n{target}\n{body_hash}").as_bytes(),
        ));
        Push {
            scope: scope.to_owned(),
            key: key.0,
            fingerprint,
        }
    }

    /// Whose keys these are: the department or window unit the push acts
    /// for (`*` for an account of all).
    pub fn scope(&self) -> &str {
        &self.scope
    }

    pub async fn begin(&self, pool: &AnyPool, seqs: i64) -> HubResult<Begun> {
        let mut write = Write::begin(pool, seqs).await?;
        let row = sqlx::query(
            "SELECT fingerprint, answer FROM idempotency WHERE scope = $1 AND idem_key = $2",
        )
        .bind(&self.scope)
        .bind(&self.key)
        .fetch_optional(&mut *write.tx)
        .await?;
        let Some(row) = row else {
            return Ok(Begun::Fresh(write));
        };
        let fingerprint: String = row.try_get("fingerprint")?;
        let answer: String = row.try_get("answer")?;
        write.tx.rollback().await?;
        if fingerprint != self.fingerprint {
            return Err(HubError::conflict(
                "idempotency_conflict",
                format!("幂等键“{}”已用于另一内容的推送", self.key),
                format!(
                    "the idempotency key {} was used for a different push",
                    self.key
                ),
            )
            .at_field(approval_contract::IDEMPOTENCY_KEY_HEADER));
        }
        let mut receipt: Receipt = serde_json::from_str(&answer)?;
        receipt.replayed = true;
        Ok(Begun::Replay(receipt))
    }

    /// Stores the answer with the effect and commits both.
    pub async fn finish(&self, mut write: Write, id: String) -> HubResult<Receipt> {
        let receipt = Receipt {
            id,
            recorded_at: DateTime::from(write.now),
            replayed: false,
        };
        let inserted = sqlx::query(
            "INSERT INTO idempotency (scope, idem_key, fingerprint, answer, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&self.scope)
        .bind(&self.key)
        .bind(&self.fingerprint)
        .bind(serde_json::to_string(&receipt)?)
        .bind(write.now_text())
        .execute(&mut *write.tx)
        .await;
        if let Err(error) = inserted {
            // Unreachable while writers hold the counter lock; if it ever
            // happens the effect is rolled back and the caller tries again.
            if let sqlx::Error::Database(db) = &error {
                if db.is_unique_violation() {
                    return Err(HubError::unavailable("a concurrent push with this key"));
                }
            }
            return Err(error.into());
        }
        write.commit().await?;
        Ok(receipt)
    }
}
