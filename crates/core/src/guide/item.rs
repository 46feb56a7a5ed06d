//! The service item (政务服务事项) and its changes, which take effect only
//! when approved (Art 5).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::limit::TimeLimit;
use crate::error_code::ErrorCode;

/// The kinds of item of the provincial item catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ItemType {
    /// 行政许可
    Licensing,
    /// 行政确认
    Confirmation,
    /// 行政给付
    Payment,
    /// 行政裁决
    Ruling,
    /// 行政奖励
    Reward,
    /// 行政备案
    Record,
    /// 其他行政权力
    OtherPower,
    /// 公共服务
    PublicService,
}

impl ItemType {
    pub fn name_zh(self) -> &'static str {
        match self {
            ItemType::Licensing => "行政许可",
            ItemType::Confirmation => "行政确认",
            ItemType::Payment => "行政给付",
            ItemType::Ruling => "行政裁决",
            ItemType::Reward => "行政奖励",
            ItemType::Record => "行政备案",
            ItemType::OtherPower => "其他行政权力",
            ItemType::PublicService => "公共服务",
        }
    }
}

/// The level of government that implements the item (行使层级).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ItemLevel {
    Province,
    City,
    County,
    Township,
}

/// What the department issues at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ResultKind {
    /// 决定书 (准予/不予行政许可决定书 …)
    DecisionLetter,
    /// 证照 (licence, certificate)
    Certificate,
    /// 批复文件
    ApprovalDocument,
    /// 其他
    Other,
}

impl ResultKind {
    /// Art 12: a decision letter, a certificate and an approval document
    /// are also paper (纸质文档、证照), which must reach the window unit; an
    /// "other" result (a record, a confirmation) is sent electronically only.
    pub fn has_paper(self) -> bool {
        !matches!(self, ResultKind::Other)
    }
}

/// Everything about an item that a change may touch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ItemDefinition {
    /// The catalogue code (事项编码).
    pub code: String,
    pub name: String,
    pub item_type: ItemType,
    /// The implementing department (实施主体).
    pub department: String,
    pub level: ItemLevel,
    /// The legal basis that sets the item up (设定依据).
    pub setting_basis: String,
    /// Flagged complex: 5 working days for acceptance instead of 1 (Art 10).
    #[serde(default)]
    pub complex: bool,
    /// 法定时限.
    pub statutory_limit: TimeLimit,
    /// 承诺时限: at most the statutory limit.
    pub promised_limit: TimeLimit,
    pub result_kind: ResultKind,
    /// The law requires public notice of the result before its release (Art 12).
    #[serde(default)]
    pub result_needs_public_notice: bool,
    /// A lower level the item is delegated to (下放/委托), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegated_to: Option<String>,
    /// An instant item (即办事项, Art 18): simple materials and procedure,
    /// decided on the spot in the service hall. `None`: not instant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instant: Option<InstantItem>,
    /// A classified or sensitive item (涉密敏感事项, Art 28): handled under its
    /// own laws, never published, its cases seen only with clearance.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub classified: bool,
}

impl ItemDefinition {
    /// Where the item's cases are handled instead of this department, when
    /// they are: delegated to a lower level (Art 5), or an instant item
    /// entrusted or transferred to the approval bureau (Art 18).
    pub fn handled_elsewhere(&self) -> Option<HandledElsewhere> {
        if let Some(to) = &self.delegated_to {
            return Some(HandledElsewhere::Delegated { to: to.clone() });
        }
        let bureau = self.instant.as_ref()?.handled_by.as_ref()?;
        Some(HandledElsewhere::ApprovalBureau(bureau.clone()))
    }
}

impl ItemDefinition {
    /// Art 28: a classified item's guide and flowchart are handled under
    /// their own laws and never go into anything published (the public
    /// flowchart, the catalogue for the window units).
    pub fn may_be_published(&self) -> Result<(), NotPublic> {
        if self.classified {
            Err(NotPublic {
                item_code: self.code.clone(),
            })
        } else {
            Ok(())
        }
    }
}

/// A classified item asked for in a public export (Art 28).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Art 28: item {item_code} is classified; its guide and flowchart are never published")]
pub struct NotPublic {
    pub item_code: String,
}

impl NotPublic {
    pub fn code(&self) -> ErrorCode {
        ErrorCode::ItemClassifiedNotPublic
    }

    pub fn message_zh(&self) -> String {
        format!(
            "事项{}为涉密敏感事项，其办事指南和流程图不予公开（第二十八条）",
            self.item_code
        )
    }
}

/// Where an item's cases belong when not with its department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandledElsewhere {
    /// 下放/委托 to a lower level (Art 5).
    Delegated { to: String },
    /// An instant item with the approval bureau (Art 18).
    ApprovalBureau(ApprovalBureau),
}

/// An instant item (即办, Art 18).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct InstantItem {
    /// The approval bureau (行政审批服务局) of this level that handles it in
    /// the service hall, as Art 18 says it in principle should; `None`: the
    /// department still handles it itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handled_by: Option<ApprovalBureau>,
}

/// The approval bureau an instant item went to, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ApprovalBureau {
    /// e.g. 蓝田县行政审批服务局.
    pub name: String,
    pub mode: BureauMode,
}

/// How an instant item went to the approval bureau (Art 18).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum BureauMode {
    /// 委托: the department entrusts the bureau; the power stays its own.
    Entrusted,
    /// 划转: the item is transferred to the bureau.
    Transferred,
}

impl BureauMode {
    pub fn name_zh(self) -> &'static str {
        match self {
            BureauMode::Entrusted => "委托",
            BureauMode::Transferred => "划转",
        }
    }
}

/// A change to an item that needs approval before it takes effect (Art 5:
/// 设立、取消、下放和名称、类型、编码等基本信息变更).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum ItemChange {
    Rename {
        name: String,
    },
    Retype {
        item_type: ItemType,
    },
    Recode {
        code: String,
    },
    /// A new setting basis (设定依据).
    Setting {
        setting_basis: String,
    },
    /// Delegation to a lower level, or its end (`to: None`).
    Delegation {
        to: Option<String>,
    },
    /// An instant item handed to the approval bureau (Art 18), or taken
    /// back (`handled_by: None`): like a delegation, it moves where the
    /// cases are handled.
    ApprovalBureau {
        handled_by: Option<ApprovalBureau>,
    },
    Cancellation,
}

/// A change waiting for approval, kept apart from the definition in force.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingChange {
    pub change: ItemChange,
    pub reason: String,
    pub requested_by: String,
    pub requested_at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    Active,
    ChangePending,
    Cancelled,
}

/// Why an item change was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ItemError {
    #[error("item {code} already has a change waiting for approval")]
    ChangeAlreadyPending { code: String },
    #[error("item {code} is cancelled; it cannot change any more")]
    Cancelled { code: String },
    #[error("item {code} has no change waiting for approval")]
    NoPendingChange { code: String },
    #[error("the change gives item {code} nothing new")]
    ChangesNothing { code: String },
    #[error("a change needs a reason")]
    NoReason,
}

impl ItemError {
    /// A stable code for the UI and scripts; never changes once shipped.
    pub fn code(&self) -> ErrorCode {
        match self {
            ItemError::ChangeAlreadyPending { .. } => ErrorCode::ItemChangePending,
            ItemError::Cancelled { .. } => ErrorCode::ItemCancelled,
            ItemError::NoPendingChange { .. } => ErrorCode::ItemNoPendingChange,
            ItemError::ChangesNothing { .. } => ErrorCode::ItemChangesNothing,
            ItemError::NoReason => ErrorCode::ItemChangeNoReason,
        }
    }

    /// The request field at fault, where the error is about one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            ItemError::NoReason => Some("reason"),
            _ => None,
        }
    }

    /// The message for officers, in zh-CN.
    pub fn message_zh(&self) -> String {
        match self {
            ItemError::ChangeAlreadyPending { code } => {
                format!("事项“{code}”已有待审核同意的变更，须待其审核后再申请新的变更")
            }
            ItemError::Cancelled { code } => format!("事项“{code}”已取消，不能再变更"),
            ItemError::NoPendingChange { code } => {
                format!("事项“{code}”没有待审核同意的变更")
            }
            ItemError::ChangesNothing { code } => {
                format!("该变更没有改动事项“{code}”的任何基本信息")
            }
            ItemError::NoReason => "申请事项变更须说明理由".to_owned(),
        }
    }
}

/// An item: the definition in force and, apart from it, a change waiting
/// for approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceItem {
    pub definition: ItemDefinition,
    pub cancelled: bool,
    pub pending: Option<PendingChange>,
}

impl ServiceItem {
    pub fn new(definition: ItemDefinition) -> Self {
        Self {
            definition,
            cancelled: false,
            pending: None,
        }
    }

    pub fn status(&self) -> ItemStatus {
        match (self.cancelled, &self.pending) {
            (true, _) => ItemStatus::Cancelled,
            (false, Some(_)) => ItemStatus::ChangePending,
            (false, None) => ItemStatus::Active,
        }
    }

    /// Records a change to be approved; the definition in force is untouched.
    pub fn request_change(&mut self, pending: PendingChange) -> Result<(), ItemError> {
        let code = self.definition.code.clone();
        if self.cancelled {
            return Err(ItemError::Cancelled { code });
        }
        if self.pending.is_some() {
            return Err(ItemError::ChangeAlreadyPending { code });
        }
        if pending.reason.trim().is_empty() {
            return Err(ItemError::NoReason);
        }
        if self.applied(&pending.change) == self.definition
            && pending.change != ItemChange::Cancellation
        {
            return Err(ItemError::ChangesNothing { code });
        }
        self.pending = Some(pending);
        Ok(())
    }

    /// The definition as it would be with `change` in force.
    pub fn applied(&self, change: &ItemChange) -> ItemDefinition {
        let mut definition = self.definition.clone();
        match change {
            ItemChange::Rename { name } => definition.name = name.clone(),
            ItemChange::Retype { item_type } => definition.item_type = *item_type,
            ItemChange::Recode { code } => definition.code = code.clone(),
            ItemChange::Setting { setting_basis } => {
                definition.setting_basis = setting_basis.clone()
            }
            ItemChange::Delegation { to } => definition.delegated_to = to.clone(),
            ItemChange::ApprovalBureau { handled_by } => {
                let instant = definition
                    .instant
                    .get_or_insert(InstantItem { handled_by: None });
                instant.handled_by = handled_by.clone();
            }
            ItemChange::Cancellation => {}
        }
        definition
    }

    /// The approval (by the filing workflow): the change takes effect.
    pub fn approve_pending(&mut self) -> Result<ItemChange, ItemError> {
        let pending = self
            .pending
            .take()
            .ok_or_else(|| ItemError::NoPendingChange {
                code: self.definition.code.clone(),
            })?;
        if pending.change == ItemChange::Cancellation {
            self.cancelled = true;
        } else {
            self.definition = self.applied(&pending.change);
        }
        Ok(pending.change)
    }

    /// A rejection: the change is dropped, the definition stays.
    pub fn reject_pending(&mut self) -> Result<ItemChange, ItemError> {
        self.pending
            .take()
            .map(|p| p.change)
            .ok_or_else(|| ItemError::NoPendingChange {
                code: self.definition.code.clone(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_error_has_its_code_and_names_the_item_in_chinese() {
        let code = || "610100-XK-0009".to_owned();
        let cases = [
            (
                ItemError::ChangeAlreadyPending { code: code() },
                ErrorCode::ItemChangePending,
            ),
            (
                ItemError::Cancelled { code: code() },
                ErrorCode::ItemCancelled,
            ),
            (
                ItemError::NoPendingChange { code: code() },
                ErrorCode::ItemNoPendingChange,
            ),
            (
                ItemError::ChangesNothing { code: code() },
                ErrorCode::ItemChangesNothing,
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(error.code(), expected, "{error:?}");
            let zh = error.message_zh();
            assert!(zh.contains("事项“610100-XK-0009”"), "{error:?}: {zh:?}");
            assert_eq!(error.field(), None);
        }
        let error = ItemError::NoReason;
        assert_eq!(error.code(), ErrorCode::ItemChangeNoReason);
        assert_eq!(error.field(), Some("reason"));
        assert!(error.message_zh().contains("理由"));
    }
}
