//! The audit log's hash chain (审计日志): every entry links to the one
//! before by its hash, so an entry edited or removed outside Approval Desk
//! shows.

use approval_core::audit::{verify_chain, ChainBreak};

use crate::{in_read_unit, ApiError, Desk};

/// What checking the chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditVerification {
    /// How many entries the log holds.
    pub entries: usize,
    /// The first broken entry, if any (`None`: the chain is intact). A
    /// broken chain is the check's finding, not a failure to check;
    /// `ApiError::from` turns it into the refusal (`audit_broken`).
    pub broken: Option<ChainBreak>,
}

impl AuditVerification {
    pub fn is_intact(&self) -> bool {
        self.broken.is_none()
    }
}

/// Checks the whole hash chain of the profile's audit log, oldest first.
pub async fn verify_audit_log(desk: &Desk) -> Result<AuditVerification, ApiError> {
    let entries = in_read_unit!(desk.db(), async |tx| Ok(tx.audit_entries().await?)).await?;
    let broken = verify_chain(&entries).err();
    if let Some(broken) = &broken {
        tracing::warn!(sequence = broken.sequence, "audit log broken");
    }
    Ok(AuditVerification {
        entries: entries.len(),
        broken,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use approval_core::audit::AuditRecord;
    use approval_core::error_code::ErrorCode;
    use serde_json::json;

    use super::*;
    use crate::testing::{at, desk};

    fn record(n: u32) -> AuditRecord {
        AuditRecord {
            at: at(2026, 11, n),
            actor: "李审批".into(),
            action: "case.accept".into(),
            subject: format!("case:SX2026-{n:06}"),
            before: json!({"state": "received"}),
            after: json!({"state": "accepted"}),
        }
    }

    #[tokio::test]
    async fn an_empty_or_appended_log_is_intact() {
        let (_dir, desk) = desk().await;
        let empty = verify_audit_log(&desk).await.unwrap();
        assert_eq!(empty.entries, 0);
        assert!(empty.is_intact());
        for n in 1..=3 {
            desk.db().append_audit(record(n)).await.unwrap();
        }
        let verified = verify_audit_log(&desk).await.unwrap();
        assert_eq!(
            verified,
            AuditVerification {
                entries: 3,
                broken: None
            }
        );
    }

    #[test]
    fn a_break_becomes_the_audit_broken_refusal() {
        let broken = ChainBreak {
            sequence: 2,
            reason: approval_core::audit::BreakReason::HashMismatch,
        };
        let error = ApiError::from(broken.clone());
        assert_eq!(error.code, ErrorCode::AuditBroken);
        assert_eq!(error.message_en, broken.to_string());
        assert!(error.message.contains("第2条"), "{}", error.message);
    }
}
