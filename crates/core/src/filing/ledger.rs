//! All filings, and what the approved ones allow at an instant.
//!
//! Every question takes the instant it is asked about: an approval at `t1`
//! revoked (or superseded) at `t2` is in effect for `t1 <= t < t2`, so a
//! revocation undoes the effect from then on, never backwards.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::error::FilingError;
use super::model::{Filing, FilingState, FilingSubject};
use crate::audit::AuditRecord;
use crate::bundle::BundleInstance;
use crate::china_time::end_of_china_day;
use crate::guide::ServiceItem;

/// All filings, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilingLedger {
    filings: BTreeMap<String, Filing>,
}

impl FilingLedger {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a filing (a new draft, or one loaded from the store).
    pub fn insert(&mut self, filing: Filing) -> Result<(), FilingError> {
        if self.filings.contains_key(&filing.id) {
            return Err(FilingError::DuplicateFiling { id: filing.id });
        }
        self.filings.insert(filing.id.clone(), filing);
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Filing> {
        self.filings.get(id)
    }

    pub fn filings(&self) -> impl Iterator<Item = &Filing> {
        self.filings.values()
    }

    pub fn len(&self) -> usize {
        self.filings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.filings.is_empty()
    }

    fn filing(&self, id: &str) -> Result<&Filing, FilingError> {
        self.filings
            .get(id)
            .ok_or_else(|| FilingError::UnknownFiling { id: id.to_owned() })
    }

    /// Runs one transition on filing `id` and stores the result; returns its
    /// audit record. An approval that replaces an approved filing also
    /// supersedes that one (see [`FilingLedger::approve_with_replacement`]),
    /// all or nothing.
    pub fn transition(
        &mut self,
        id: &str,
        actor: &str,
        at: DateTime<FixedOffset>,
        step: impl FnOnce(&Filing) -> Result<Filing, FilingError>,
    ) -> Result<Vec<AuditRecord>, FilingError> {
        let current = self.filing(id)?;
        let next = step(current)?;
        let mut records = vec![next.audit_record(&current.state, actor, at)];
        let newly_approved = matches!(next.state, FilingState::Approved { .. })
            && !matches!(current.state, FilingState::Approved { .. });
        let mut superseded = None;
        if newly_approved {
            if let Some(replaced_id) = &next.replaces {
                let replaced = self.filing(replaced_id)?;
                if replaced.id == next.id {
                    return Err(FilingError::ReplacesItself { id: next.id });
                }
                if replaced.subject.kind() != next.subject.kind() {
                    return Err(FilingError::ReplacesOtherKind {
                        id: next.id.clone(),
                        kind: next.subject.kind(),
                        replaced: replaced.id.clone(),
                        replaced_kind: replaced.subject.kind(),
                    });
                }
                if matches!(replaced.state, FilingState::Approved { .. }) {
                    let old = replaced.supersede(&next.id, actor, at)?;
                    records.push(old.audit_record(&replaced.state, actor, at));
                    superseded = Some(old);
                }
            }
        }
        if let Some(old) = superseded {
            self.filings.insert(old.id.clone(), old);
        }
        self.filings.insert(next.id.clone(), next);
        Ok(records)
    }

    /// Approves filing `filing_id` and, if it `replaces` an approved filing,
    /// supersedes that one at the same instant, in the same call: either
    /// both change or neither. Returns the audit records (approval first).
    pub fn approve_with_replacement(
        &mut self,
        filing_id: &str,
        by: &str,
        at: DateTime<FixedOffset>,
        comment: &str,
    ) -> Result<Vec<AuditRecord>, FilingError> {
        self.transition(filing_id, by, at, |f| f.approve(by, at, comment))
    }

    /// The filings whose approval is in effect at `at`.
    pub fn in_effect(&self, at: DateTime<FixedOffset>) -> impl Iterator<Item = &Filing> {
        self.filings.values().filter(move |f| f.in_effect_at(at))
    }

    /// The edges `(prerequisite, dependent)` of bundle `bundle_code` that run
    /// serially at `at` (Art 17).
    pub fn serial_edges(
        &self,
        bundle_code: &str,
        at: DateTime<FixedOffset>,
    ) -> BTreeSet<(String, String)> {
        self.in_effect(at)
            .filter_map(|f| match &f.subject {
                FilingSubject::SerialApproval {
                    bundle_code: code,
                    prerequisite,
                    dependent,
                    ..
                } if code == bundle_code => Some((prerequisite.clone(), dependent.clone())),
                _ => None,
            })
            .collect()
    }

    /// Sets the instance's serial edges to those in effect at `at` for its
    /// bundle (so a revoked filing's edge is dropped again). Returns the
    /// edges in effect that are not edges of the instance's bundle: they
    /// have no effect and are left out.
    pub fn apply_serial(
        &self,
        instance: &mut BundleInstance,
        at: DateTime<FixedOffset>,
    ) -> BTreeSet<(String, String)> {
        let edges = self.serial_edges(&instance.bundle.code, at);
        instance.serial_edges.clear();
        let mut ignored = BTreeSet::new();
        for (prerequisite, dependent) in edges {
            if instance.mark_serial(&prerequisite, &dependent).is_err() {
                ignored.insert((prerequisite, dependent));
            }
        }
        ignored
    }

    /// Whether `filing_id` (a guide stage's `ByFiling { filing }`) is a
    /// special-stage filing for this item and stage, in effect at `at` (Art 11).
    pub fn stage_filing_in_effect(
        &self,
        item_code: &str,
        stage_id: &str,
        filing_id: &str,
        at: DateTime<FixedOffset>,
    ) -> bool {
        self.filings.get(filing_id).is_some_and(|f| {
            f.in_effect_at(at)
                && matches!(&f.subject, FilingSubject::SpecialStage { item_code: i, stage_id: s, .. }
                    if i == item_code && s == stage_id)
        })
    }

    /// When the special-stage filing `filing_id` for this item and stage
    /// stopped taking effect (revoked or superseded, Art 11); `None` while
    /// it is in effect, or when it never was one for this stage.
    pub fn stage_filing_ended_at(
        &self,
        item_code: &str,
        stage_id: &str,
        filing_id: &str,
    ) -> Option<DateTime<FixedOffset>> {
        let filing = self.filings.get(filing_id)?;
        let for_stage = matches!(&filing.subject, FilingSubject::SpecialStage { item_code: i, stage_id: s, .. }
            if i == item_code && s == stage_id);
        if !for_stage {
            return None;
        }
        filing.state.effective_window()?.1
    }

    /// Whether `filing_id` (a material's `paper_filing`) is a paper-materials
    /// filing for this item and material, in effect at `at` (Art 9).
    pub fn paper_allowed(
        &self,
        item_code: &str,
        material_id: &str,
        filing_id: &str,
        at: DateTime<FixedOffset>,
    ) -> bool {
        self.filings.get(filing_id).is_some_and(|f| {
            f.in_effect_at(at)
                && matches!(&f.subject, FilingSubject::PaperMaterials { item_code: i, material_id: m, .. }
                    if i == item_code && m == material_id)
        })
    }

    /// When paper documents of case `case_number` must reach the window unit
    /// (Art 12): `default_deadline` (the 3 working days), or with a
    /// result-delay filing in effect at `at`, 24:00 of its new date, Beijing
    /// time (the latest such date if several are in effect; never earlier
    /// than the default).
    pub fn paper_delivery_deadline(
        &self,
        case_number: &str,
        default_deadline: DateTime<FixedOffset>,
        at: DateTime<FixedOffset>,
    ) -> DateTime<FixedOffset> {
        self.in_effect(at)
            .filter_map(|f| match &f.subject {
                FilingSubject::ResultDelay {
                    case_number: c,
                    new_date,
                    ..
                } if c == case_number => Some(end_of_china_day(*new_date)),
                _ => None,
            })
            .fold(default_deadline, |latest, d| latest.max(d))
    }

    /// The item-change filing `filing_id`, checked against `item`.
    fn item_change_filing(
        &self,
        filing_id: &str,
        item: &ServiceItem,
    ) -> Result<&Filing, FilingError> {
        let filing = self.filing(filing_id)?;
        let FilingSubject::ItemChange { item_code, change } = &filing.subject else {
            return Err(FilingError::WrongSubject {
                id: filing.id.clone(),
                expected: "item_change",
                found: filing.subject.kind(),
            });
        };
        if *item_code != item.definition.code {
            return Err(FilingError::WrongItem {
                id: filing.id.clone(),
                filing_item: item_code.clone(),
                item: item.definition.code.clone(),
            });
        }
        match &item.pending {
            Some(pending) if pending.change == *change => Ok(filing),
            Some(_) => Err(FilingError::ChangeMismatch {
                id: filing.id.clone(),
                item: item.definition.code.clone(),
            }),
            None => Err(FilingError::Item(
                crate::guide::ItemError::NoPendingChange {
                    code: item.definition.code.clone(),
                },
            )),
        }
    }

    /// Applies the item's pending change (Art 5) once item-change filing
    /// `filing_id` for exactly that change is approved (and not revoked or
    /// superseded).
    pub fn approve_item_change(
        &self,
        filing_id: &str,
        item: &mut ServiceItem,
    ) -> Result<(), FilingError> {
        let filing = self.item_change_filing(filing_id, item)?;
        if !matches!(filing.state, FilingState::Approved { .. }) {
            return Err(FilingError::NotApproved {
                id: filing.id.clone(),
                state: filing.state.word(),
            });
        }
        item.approve_pending()?;
        Ok(())
    }

    /// Drops the item's pending change once item-change filing `filing_id`
    /// for exactly that change is rejected or withdrawn.
    pub fn reject_item_change(
        &self,
        filing_id: &str,
        item: &mut ServiceItem,
    ) -> Result<(), FilingError> {
        let filing = self.item_change_filing(filing_id, item)?;
        if !matches!(
            filing.state,
            FilingState::Rejected { .. } | FilingState::Withdrawn { .. }
        ) {
            return Err(FilingError::NotRefused {
                id: filing.id.clone(),
                state: filing.state.word(),
            });
        }
        item.reject_pending()?;
        Ok(())
    }
}
