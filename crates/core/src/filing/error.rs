//! Why a filing transition or a ledger question was refused: each variant
//! names the rule it enforces.

use crate::error_code::ErrorCode;
use chrono::{DateTime, FixedOffset, NaiveDate};

use crate::guide::ItemError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilingError {
    /// Who acts must be named.
    #[error("the actor of a filing transition must be named")]
    NoActor,
    /// Only the filer may submit, withdraw or amend a filing.
    #[error("only the filer {filer} may do this to filing {id}, not {by}")]
    NotFiler {
        id: String,
        by: String,
        filer: String,
    },
    /// A manager cannot decide their own filing.
    #[error("{by} filed {id} and cannot decide it")]
    OwnFiling { id: String, by: String },
    /// A rejection must say why (design 3.5: decide with a comment).
    #[error("rejecting filing {id} needs a comment")]
    CommentRequired { id: String },
    /// A revocation must say why.
    #[error("revoking filing {id} needs a reason")]
    ReasonRequired { id: String },
    /// A decided (or withdrawn) filing is immutable.
    #[error("filing {id} is {state} and can no longer change")]
    Decided { id: String, state: &'static str },
    /// Only a draft may be submitted or amended.
    #[error("filing {id} is already submitted")]
    AlreadySubmitted { id: String },
    /// Only a submitted filing may be withdrawn, approved or rejected.
    #[error("filing {id} is {state}, not submitted")]
    NotSubmitted { id: String, state: &'static str },
    /// Only an approved filing may be revoked, superseded or applied.
    #[error("filing {id} is {state}, not approved")]
    NotApproved { id: String, state: &'static str },
    /// A transition cannot happen before the filing's last event.
    #[error("filing {id}: {at} is before its last event at {last}")]
    OutOfOrder {
        id: String,
        last: DateTime<FixedOffset>,
        at: DateTime<FixedOffset>,
    },
    /// Every text of a filing's subject must be filled in.
    #[error("filing {id}: {field} is empty")]
    EmptyField { id: String, field: &'static str },
    /// Art 17: a serial-approval filing must explain its ground.
    #[error("serial-approval filing {id} needs an explanation of its ground (Art 17)")]
    SerialExplanationMissing { id: String },
    /// A serial edge joins two different items.
    #[error("serial-approval filing {id}: {item} cannot be its own prerequisite")]
    SerialSelfEdge { id: String, item: String },
    /// Art 12: the delay is explained in advance, before the 3-working-day
    /// deadline passes (提前说明原因).
    #[error(
        "result-delay filing {id} submitted at {at}, not before the deadline {deadline} (Art 12)"
    )]
    DelayNotInAdvance {
        id: String,
        at: DateTime<FixedOffset>,
        deadline: DateTime<FixedOffset>,
    },
    /// A delay must move delivery past the deadline's day.
    #[error("result-delay filing {id}: {new_date} is not after the deadline's day {deadline_day}")]
    DelayDateNotLater {
        id: String,
        new_date: NaiveDate,
        deadline_day: NaiveDate,
    },
    /// An attachment needs a name, a media type and a SHA-256 of 64 hex digits.
    #[error("filing {id}: attachment {file_name:?} is malformed: {problem}")]
    BadAttachment {
        id: String,
        file_name: String,
        problem: &'static str,
    },
    /// A filing cannot replace or supersede itself.
    #[error("filing {id} cannot replace itself")]
    ReplacesItself { id: String },
    /// A replacing filing concerns the same kind of thing as the one it replaces.
    #[error("filing {id} ({kind}) cannot replace {replaced} ({replaced_kind})")]
    ReplacesOtherKind {
        id: String,
        kind: &'static str,
        replaced: String,
        replaced_kind: &'static str,
    },
    #[error("no filing {id} in the ledger")]
    UnknownFiling { id: String },
    #[error("filing {id} is already in the ledger")]
    DuplicateFiling { id: String },
    /// The filing is of another type than the question needs.
    #[error("filing {id} is a {found} filing, not {expected}")]
    WrongSubject {
        id: String,
        expected: &'static str,
        found: &'static str,
    },
    /// An item-change filing applies only to its own item.
    #[error("filing {id} concerns item {filing_item}, not {item}")]
    WrongItem {
        id: String,
        filing_item: String,
        item: String,
    },
    /// The item's pending change is not the change the filing decided.
    #[error("item {item}'s pending change is not the change filing {id} decided")]
    ChangeMismatch { id: String, item: String },
    /// Only a rejected or withdrawn item-change filing drops the pending change.
    #[error("filing {id} is {state}: neither rejected nor withdrawn")]
    NotRefused { id: String, state: &'static str },
    #[error(transparent)]
    Item(#[from] ItemError),
}

impl FilingError {
    /// A stable code for the UI and scripts; never changes once shipped.
    pub fn code(&self) -> ErrorCode {
        match self {
            FilingError::NoActor => ErrorCode::FilingNoActor,
            FilingError::NotFiler { .. } => ErrorCode::FilingNotFiler,
            FilingError::OwnFiling { .. } => ErrorCode::FilingOwnFiling,
            FilingError::CommentRequired { .. } => ErrorCode::FilingCommentRequired,
            FilingError::ReasonRequired { .. } => ErrorCode::FilingReasonRequired,
            FilingError::Decided { .. } => ErrorCode::FilingDecided,
            FilingError::AlreadySubmitted { .. } => ErrorCode::FilingAlreadySubmitted,
            FilingError::NotSubmitted { .. } => ErrorCode::FilingNotSubmitted,
            FilingError::NotApproved { .. } => ErrorCode::FilingNotApproved,
            FilingError::OutOfOrder { .. } => ErrorCode::FilingOutOfOrder,
            FilingError::EmptyField { .. } => ErrorCode::FilingEmptyField,
            FilingError::SerialExplanationMissing { .. } => {
                ErrorCode::FilingSerialExplanationMissing
            }
            FilingError::SerialSelfEdge { .. } => ErrorCode::FilingSerialSelfEdge,
            FilingError::DelayNotInAdvance { .. } => ErrorCode::FilingDelayNotInAdvance,
            FilingError::DelayDateNotLater { .. } => ErrorCode::FilingDelayDateNotLater,
            FilingError::BadAttachment { .. } => ErrorCode::FilingBadAttachment,
            FilingError::ReplacesItself { .. } => ErrorCode::FilingReplacesItself,
            FilingError::ReplacesOtherKind { .. } => ErrorCode::FilingReplacesOtherKind,
            FilingError::UnknownFiling { .. } => ErrorCode::FilingUnknown,
            FilingError::DuplicateFiling { .. } => ErrorCode::FilingDuplicate,
            FilingError::WrongSubject { .. } => ErrorCode::FilingWrongSubject,
            FilingError::WrongItem { .. } => ErrorCode::FilingWrongItem,
            FilingError::ChangeMismatch { .. } => ErrorCode::FilingChangeMismatch,
            FilingError::NotRefused { .. } => ErrorCode::FilingNotRefused,
            FilingError::Item(_) => ErrorCode::FilingItemError,
        }
    }

    /// The message for officers, in zh-CN.
    pub fn message_zh(&self) -> String {
        match self {
            FilingError::NoActor => "须注明操作人".to_owned(),
            FilingError::NotFiler { id, .. } => format!("只有申报人可以提交、修改或撤回备案{id}"),
            FilingError::OwnFiling { id, .. } => format!("不能审核本人提交的备案{id}"),
            FilingError::CommentRequired { id } => format!("不予同意备案{id}须填写审核意见"),
            FilingError::ReasonRequired { id } => format!("撤销备案{id}须说明理由"),
            FilingError::Decided { id, state } => {
                format!("备案{id}已{}，不能再变更", state_zh(state))
            }
            FilingError::AlreadySubmitted { id } => format!("备案{id}已提交"),
            FilingError::NotSubmitted { id, state } => {
                format!("备案{id}当前为“{}”，不是待审核状态", state_zh(state))
            }
            FilingError::NotApproved { id, state } => {
                format!("备案{id}当前为“{}”，未经审核同意", state_zh(state))
            }
            FilingError::OutOfOrder { id, .. } => format!("备案{id}的操作时间早于上一次操作"),
            FilingError::EmptyField { id, field } => format!("备案{id}的“{field}”不能为空"),
            FilingError::SerialExplanationMissing { id } => {
                format!("串联审批备案{id}须说明理由（第十七条）")
            }
            FilingError::SerialSelfEdge { id, item } => {
                format!("串联审批备案{id}：事项“{item}”不能作为自身的前置事项")
            }
            FilingError::DelayNotInAdvance { id, .. } => {
                format!("纸质证照延期备案{id}须在3个工作日期限届满前提前说明原因（第十二条）")
            }
            FilingError::DelayDateNotLater { id, .. } => {
                format!("纸质证照延期备案{id}的新日期须晚于原期限")
            }
            FilingError::BadAttachment { id, file_name, .. } => {
                format!("备案{id}的附件“{file_name}”信息不完整")
            }
            FilingError::ReplacesItself { id } => format!("备案{id}不能替代自身"),
            FilingError::ReplacesOtherKind { id, replaced, .. } => {
                format!("备案{id}与被替代的备案{replaced}类型不同")
            }
            FilingError::UnknownFiling { id } => format!("备案{id}不存在"),
            FilingError::DuplicateFiling { id } => format!("备案{id}已存在"),
            FilingError::WrongSubject { id, .. } => format!("备案{id}的类型不符"),
            FilingError::WrongItem {
                id, filing_item, ..
            } => format!("备案{id}针对的是事项“{filing_item}”"),
            FilingError::ChangeMismatch { id, item } => {
                format!("事项“{item}”待审核的变更与备案{id}所审核的变更不一致")
            }
            FilingError::NotRefused { id, state } => {
                format!("备案{id}当前为“{}”，未被驳回或撤回", state_zh(state))
            }
            FilingError::Item(e) => e.to_string(),
        }
    }
}

/// The zh-CN word for a state word of [`super::FilingState::word`].
pub(crate) fn state_zh(word: &str) -> &'static str {
    match word {
        "draft" => "草稿",
        "submitted" => "待审核",
        "approved" => "审核同意",
        "rejected" => "不予同意",
        "withdrawn" => "撤回",
        "revoked" => "撤销",
        "superseded" => "被替代",
        _ => "未知",
    }
}
