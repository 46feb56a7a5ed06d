//! The local audit chain against the checkpoints the hub holds: each
//! checkpoint says how long the chain was and what its head's hash was when
//! it was pushed, so a chain rewritten since (entries changed, removed, or
//! a new chain in their place) no longer has that hash at that length, even
//! when it is consistent in itself.

use approval_contract::audit::Checkpoints;
use approval_contract::Exchange;
use approval_core::audit::verify_chain;
use approval_core::error_code::ErrorCode;

use crate::audit::AuditVerification;
use crate::{in_read_unit, ApiError, Desk};

/// A checkpoint the local chain does not match.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointMismatch {
    pub length: u64,
    /// The head the hub holds for that length.
    pub hub_head: String,
    /// The local entry's hash at that length; `None`: the chain is shorter.
    pub local_head: Option<String>,
}

/// What comparing the chain with the hub's checkpoints found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointAudit {
    /// The chain checked in itself.
    pub chain: AuditVerification,
    /// The checkpoints of this desk compared.
    pub checkpoints: usize,
    pub mismatches: Vec<CheckpointMismatch>,
}

impl CheckpointAudit {
    pub fn is_intact(&self) -> bool {
        self.chain.is_intact() && self.mismatches.is_empty()
    }

    /// The refusal for a chain that does not match (`audit_checkpoint_mismatch`),
    /// naming the first checkpoint it fails.
    pub fn mismatch_error(&self) -> Option<ApiError> {
        let first = self.mismatches.first()?;
        let (zh, en) = match &first.local_head {
            Some(local) => (
                format!(
                    "审计日志第{}条的校验值为{local}，与交换平台存证的{}不符：本地历史在存证后被改写",
                    first.length, first.hub_head
                ),
                format!(
                    "audit entry {} hashes to {local}, but the hub's checkpoint holds {}: the local history was rewritten after the checkpoint",
                    first.length, first.hub_head
                ),
            ),
            None => (
                format!(
                    "审计日志只有{}条，而交换平台存证时已有{}条：本地历史在存证后被删改",
                    self.chain.entries, first.length
                ),
                format!(
                    "the audit log holds {} entries, but the hub's checkpoint saw {}: the local history was cut after the checkpoint",
                    self.chain.entries, first.length
                ),
            ),
        };
        Some(ApiError::new(ErrorCode::AuditCheckpointMismatch, zh, en))
    }
}

/// Compares the profile's audit chain with `checkpoints` (those of other
/// desks are ignored): at each checkpoint's length, the local entry must
/// have the checkpoint's head hash.
pub async fn audit_against_checkpoints(
    desk: &Desk,
    checkpoints: &Checkpoints,
) -> Result<CheckpointAudit, ApiError> {
    let (entries, desk_id) = in_read_unit!(desk.db(), async |tx| {
        let entries = tx.audit_entries().await?;
        let desk_id = tx.exchange_state().await?.map(|s| s.desk_id);
        Ok((entries, desk_id))
    })
    .await?;
    let mut compared = 0;
    let mut mismatches = Vec::new();
    for checkpoint in &checkpoints.checkpoints {
        if desk_id.as_deref().is_some_and(|id| id != checkpoint.desk) || checkpoint.length == 0 {
            continue;
        }
        compared += 1;
        let local = usize::try_from(checkpoint.length - 1)
            .ok()
            .and_then(|i| entries.get(i))
            .map(|e| e.hash.clone());
        if local.as_deref() != Some(checkpoint.head.as_str()) {
            mismatches.push(CheckpointMismatch {
                length: checkpoint.length,
                hub_head: checkpoint.head.clone(),
                local_head: local,
            });
        }
    }
    mismatches.sort_by_key(|m| m.length);
    let broken = verify_chain(&entries).err();
    Ok(CheckpointAudit {
        chain: AuditVerification {
            entries: entries.len(),
            broken,
        },
        checkpoints: compared,
        mismatches,
    })
}

/// Fetches this desk's checkpoints from the hub and compares.
///
/// Errors: the profile has no desk id yet (never synced: `hub_not_bound`);
/// the hub cannot be asked.
pub async fn audit_against_hub<E: Exchange>(
    desk: &Desk,
    exchange: &E,
) -> Result<CheckpointAudit, ApiError> {
    let state = desk.db().exchange_state().await?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::HubNotBound,
            "本用户数据尚未与交换平台同步过，没有存证可比对",
            "this profile has never synced with a hub: there is no checkpoint to compare with",
        )
    })?;
    let checkpoints = exchange.checkpoints(&state.desk_id).await?;
    audit_against_checkpoints(desk, &checkpoints).await
}
