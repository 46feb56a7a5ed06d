//! Guide versions: a draft is edited, then published with an effective date;
//! a published version never changes again, and a case binds to the version
//! in force when the window unit received it.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::content::GuideContent;
use super::finding::Finding;
use super::item::{ItemDefinition, ServiceItem};
use super::validate::check_guide;

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

/// The first Art 5 field (name, type, code, setting basis, delegation) on
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
    } else {
        None
    }
}
