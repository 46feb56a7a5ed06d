//! Guide versions: a draft is edited, then published with an effective date;
//! a published version never changes again, and a case binds to the version
//! in force when the window unit received it.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::content::GuideContent;
use super::finding::Finding;
use super::item::{ItemDefinition, ServiceItem};
use super::validate::check_guide;
use crate::china_time::CHINA_STANDARD_TIME;
use crate::error_code::ErrorCode;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum VersionState {
    Draft,
    Published {
        effective_from: DateTime<FixedOffset>,
        published_at: DateTime<FixedOffset>,
        published_by: String,
    },
}

/// One version of an item's guide. `item` is the item as this version
/// states it (limits, complexity, result kind …); its Art 5 fields must match
/// the item in force when the version is published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuideVersion {
    pub number: u32,
    pub state: VersionState,
    pub item: ItemDefinition,
    pub content: GuideContent,
}

impl GuideVersion {
    pub fn effective_from(&self) -> Option<DateTime<FixedOffset>> {
        match &self.state {
            VersionState::Published { effective_from, .. } => Some(*effective_from),
            VersionState::Draft => None,
        }
    }

    pub fn is_published(&self) -> bool {
        self.effective_from().is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VersionError {
    #[error("item {code} already has a draft (version {number}); edit or publish it")]
    DraftExists { code: String, number: u32 },
    #[error("item {code} has no draft to edit or publish")]
    NoDraft { code: String },
    #[error("item {code} is cancelled; its guide cannot change")]
    ItemCancelled { code: String },
    #[error("the guide cannot be published: {} error(s) found", .0.iter().filter(|f| f.is_error()).count())]
    Invalid(Vec<Finding>),
    #[error(
        "the draft changes the item's {field}; such a change takes effect only through an approved item-change filing (Art 5)"
    )]
    ItemChangeNeedsApproval { field: &'static str },
    #[error("a new version cannot take effect ({effective_from}) before now ({now}): cases already received are bound to the version then in force")]
    EffectiveInThePast {
        effective_from: DateTime<FixedOffset>,
        now: DateTime<FixedOffset>,
    },
    #[error("a new version cannot take effect before version {number}, which takes effect {effective_from}")]
    EffectiveBeforeLatest {
        number: u32,
        effective_from: DateTime<FixedOffset>,
    },
}

impl VersionError {
    /// A stable code for the UI and scripts; never changes once shipped.
    pub fn code(&self) -> ErrorCode {
        match self {
            VersionError::DraftExists { .. } => ErrorCode::GuideDraftExists,
            VersionError::NoDraft { .. } => ErrorCode::GuideNoDraft,
            VersionError::ItemCancelled { .. } => ErrorCode::GuideItemCancelled,
            VersionError::Invalid(_) => ErrorCode::GuideInvalid,
            VersionError::ItemChangeNeedsApproval { .. } => ErrorCode::GuideItemChangeNeedsApproval,
            VersionError::EffectiveInThePast { .. } => ErrorCode::GuideEffectiveInPast,
            VersionError::EffectiveBeforeLatest { .. } => ErrorCode::GuideEffectiveBeforeLatest,
        }
    }

    /// The message for officers, in zh-CN.
    pub fn message_zh(&self) -> String {
        match self {
            VersionError::DraftExists { code, number } => format!(
                "事项“{code}”的办事指南已有草稿（第{number}版），请修改或发布该草稿"
            ),
            VersionError::NoDraft { code } => {
                format!("事项“{code}”的办事指南没有可修改或发布的草稿")
            }
            VersionError::ItemCancelled { code } => {
                format!("事项“{code}”已取消，其办事指南不能再变更")
            }
            VersionError::Invalid(findings) => {
                let errors: Vec<String> = findings
                    .iter()
                    .filter(|f| f.is_error())
                    .map(|f| format!("  - {}：{}", f.path, f.message))
                    .collect();
                format!(
                    "办事指南有{}处错误，不能发布：\n{}",
                    errors.len(),
                    errors.join("\n")
                )
            }
            VersionError::ItemChangeNeedsApproval { field } => format!(
                "草稿变更了事项的{}，此类变更须经事项变更备案审核同意后方可生效（第五条）",
                art5_field_zh(field)
            ),
            VersionError::EffectiveInThePast {
                effective_from,
                now,
            } => format!(
                "新版本的生效时间（{}）早于当前时间（{}）：已收件的办件适用当时生效的办事指南，新版本不能追溯生效",
                time_zh(effective_from),
                time_zh(now)
            ),
            VersionError::EffectiveBeforeLatest {
                number,
                effective_from,
            } => format!(
                "新版本的生效时间不能早于第{number}版办事指南的生效时间（{}）",
                time_zh(effective_from)
            ),
        }
    }
}

/// An instant as an officer reads it: Beijing time, to the minute.
fn time_zh(instant: &DateTime<FixedOffset>) -> String {
    instant
        .with_timezone(&CHINA_STANDARD_TIME)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// The zh-CN name of an Art 5 field as [`art5_difference`] names it.
fn art5_field_zh(field: &str) -> &str {
    match field {
        "code" => "事项编码",
        "name" => "事项名称",
        "type" => "事项类型",
        "setting basis" => "设定依据",
        "delegation" => "下放（委托）情况",
        other => other,
    }
}

/// All versions of one item's guide, oldest first. The only way to change
/// them is through its methods, which never touch a published version.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GuideHistory {
    versions: Vec<GuideVersion>,
}

impl GuideHistory {
    /// Rebuilds a history from stored versions (already published ones stay
    /// as they were).
    pub fn from_versions(mut versions: Vec<GuideVersion>) -> Self {
        versions.sort_by_key(|v| v.number);
        Self { versions }
    }

    pub fn versions(&self) -> &[GuideVersion] {
        &self.versions
    }

    pub fn draft(&self) -> Option<&GuideVersion> {
        self.versions.iter().find(|v| !v.is_published())
    }

    pub fn latest_published(&self) -> Option<&GuideVersion> {
        self.versions.iter().rev().find(|v| v.is_published())
    }

    /// The version that binds a case received at `received_at`.
    pub fn in_force_at(&self, received_at: DateTime<FixedOffset>) -> Option<&GuideVersion> {
        self.versions
            .iter()
            .filter(|v| v.effective_from().is_some_and(|from| from <= received_at))
            .max_by_key(|v| (v.effective_from(), v.number))
    }

    /// Starts a draft from the last published version (or empty).
    pub fn start_draft(&mut self, item: &ServiceItem) -> Result<&GuideVersion, VersionError> {
        let code = item.definition.code.clone();
        if item.cancelled {
            return Err(VersionError::ItemCancelled { code });
        }
        if let Some(draft) = self.draft() {
            return Err(VersionError::DraftExists {
                code,
                number: draft.number,
            });
        }
        let content = self
            .latest_published()
            .map(|v| v.content.clone())
            .unwrap_or_default();
        let number = self.versions.last().map_or(1, |v| v.number + 1);
        self.versions.push(GuideVersion {
            number,
            state: VersionState::Draft,
            item: item.definition.clone(),
            content,
        });
        Ok(&self.versions[self.versions.len() - 1])
    }

    /// Replaces the draft's item statement and content.
    pub fn edit_draft(
        &mut self,
        item: ItemDefinition,
        content: GuideContent,
    ) -> Result<&GuideVersion, VersionError> {
        let code = item.code.clone();
        let draft = self
            .versions
            .iter_mut()
            .find(|v| !v.is_published())
            .ok_or(VersionError::NoDraft { code })?;
        draft.item = item;
        draft.content = content;
        Ok(draft)
    }

    /// Publishes the draft, taking effect at `effective_from` (for any
    /// version after the first: not before `now`, nor before the latest
    /// published version). Refused while any
    /// finding is an error, or when the draft would change the item's Art 5
    /// fields without approval.
    pub fn publish(
        &mut self,
        item: &ServiceItem,
        effective_from: DateTime<FixedOffset>,
        now: DateTime<FixedOffset>,
        published_by: &str,
    ) -> Result<&GuideVersion, VersionError> {
        let code = item.definition.code.clone();
        if item.cancelled {
            return Err(VersionError::ItemCancelled { code });
        }
        let index = self
            .versions
            .iter()
            .position(|v| !v.is_published())
            .ok_or(VersionError::NoDraft { code })?;
        let draft = &self.versions[index];
        if let Some(field) = art5_difference(&item.definition, &draft.item) {
            return Err(VersionError::ItemChangeNeedsApproval { field });
        }
        let findings = check_guide(&draft.item, &draft.content);
        if findings.iter().any(Finding::is_error) {
            return Err(VersionError::Invalid(findings));
        }
        // A first version may state when the guide came into force: no case
        // can have been bound to anything before it. Later versions may not
        // reach back past `now`, or they would rebind received cases.
        if effective_from < now && self.latest_published().is_some() {
            return Err(VersionError::EffectiveInThePast {
                effective_from,
                now,
            });
        }
        if let Some(latest) = self.latest_published() {
            if let Some(latest_from) = latest.effective_from() {
                if effective_from < latest_from {
                    return Err(VersionError::EffectiveBeforeLatest {
                        number: latest.number,
                        effective_from: latest_from,
                    });
                }
            }
        }
        let version = &mut self.versions[index];
        version.state = VersionState::Published {
            effective_from,
            published_at: now,
            published_by: published_by.to_owned(),
        };
        Ok(version)
    }
}

/// The first Art 5 field (name, type, code, setting basis, delegation, the
/// approval bureau of an instant item, Art 18) on
/// which `draft` differs from the item in force.
fn art5_difference(in_force: &ItemDefinition, draft: &ItemDefinition) -> Option<&'static str> {
    if in_force.code != draft.code {
        Some("code")
    } else if in_force.name != draft.name {
        Some("name")
    } else if in_force.item_type != draft.item_type {
        Some("type")
    } else if in_force.setting_basis != draft.setting_basis {
        Some("setting basis")
    } else if in_force.delegated_to != draft.delegated_to {
        Some("delegation")
    } else if in_force
        .instant
        .as_ref()
        .and_then(|i| i.handled_by.as_ref())
        != draft.instant.as_ref().and_then(|i| i.handled_by.as_ref())
    {
        Some("approval bureau")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guide::FindingCode;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn every_version_error_has_its_code_and_names_what_is_at_fault_in_chinese() {
        let cases = [
            (
                VersionError::DraftExists {
                    code: "610100-XK-0001".into(),
                    number: 4,
                },
                ErrorCode::GuideDraftExists,
                "事项“610100-XK-0001”的办事指南已有草稿（第4版）",
            ),
            (
                VersionError::NoDraft {
                    code: "610100-XK-0002".into(),
                },
                ErrorCode::GuideNoDraft,
                "610100-XK-0002",
            ),
            (
                VersionError::ItemCancelled {
                    code: "610100-XK-0003".into(),
                },
                ErrorCode::GuideItemCancelled,
                "事项“610100-XK-0003”已取消",
            ),
            (
                VersionError::Invalid(vec![
                    Finding::error(
                        FindingCode::StepWithoutLimit,
                        "guide.flowchart.steps[2].limit",
                        "环节“审查”未注明时限",
                    ),
                    Finding::warning(
                        FindingCode::StageUnused,
                        "guide.stages[0]",
                        "特殊环节未使用",
                    ),
                ]),
                ErrorCode::GuideInvalid,
                "办事指南有1处错误，不能发布：\n  - guide.flowchart.steps[2].limit：环节“审查”未注明时限",
            ),
            (
                VersionError::ItemChangeNeedsApproval {
                    field: "setting basis",
                },
                ErrorCode::GuideItemChangeNeedsApproval,
                "设定依据",
            ),
            (
                VersionError::EffectiveInThePast {
                    effective_from: at("2026-11-01T00:00:00+08:00"),
                    now: at("2026-11-26T02:00:00Z"),
                },
                ErrorCode::GuideEffectiveInPast,
                "（2026-11-01 00:00）早于当前时间（2026-11-26 10:00）",
            ),
            (
                VersionError::EffectiveBeforeLatest {
                    number: 3,
                    effective_from: at("2026-12-01T00:00:00+08:00"),
                },
                ErrorCode::GuideEffectiveBeforeLatest,
                "第3版办事指南的生效时间（2026-12-01 00:00）",
            ),
        ];
        for (error, code, named) in cases {
            assert_eq!(error.code(), code, "{error:?}");
            let zh = error.message_zh();
            assert!(
                zh.contains(named),
                "{error:?}: {zh:?} does not name {named:?}"
            );
            assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn an_invalid_guide_lists_only_its_errors() {
        let error = VersionError::Invalid(vec![Finding::warning(
            FindingCode::StageUnused,
            "guide.stages[0]",
            "特殊环节未使用",
        )]);
        assert!(!error.message_zh().contains("guide.stages[0]"));
    }
}
