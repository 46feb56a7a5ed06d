//! A filing (备案申报), its subject and its state machine.
//!
//! ```text
//! Draft ──submit──▶ Submitted ──approve──▶ Approved ──revoke────▶ Revoked
//!   │                 │  │                    └──────supersede──▶ Superseded
//!   │                 │  └──reject──▶ Rejected
//!   │                 └──withdraw──▶ Withdrawn
//!   └─amend (draft only)
//! ```
//!
//! Every transition takes `&self` and returns the next filing, so the caller
//! keeps the state before (for [`Filing::audit_record`]); a refused
//! transition changes nothing. Each successful transition appends one
//! [`FilingEvent`] to the history.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::FilingError;
use crate::audit::AuditRecord;
use crate::china_time::{china_date, china_instant};
use crate::guide::ItemChange;

/// Art 17's two grounds for serial approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SerialGround {
    /// 前置条件未批准时，审批完全无法开展.
    ReviewCannotStart,
    /// 前置结果存在多种可能，而非批准或不批准.
    ResultHasSeveralValues,
}

impl SerialGround {
    pub fn name_zh(self) -> &'static str {
        match self {
            SerialGround::ReviewCannotStart => "前置条件未批准时审批完全无法开展",
            SerialGround::ResultHasSeveralValues => "前置结果存在多种可能",
        }
    }
}

/// What a filing asks to be allowed (design 3.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FilingSubject {
    /// 串联审批 (Art 17): the edge `prerequisite → dependent` of a bundle
    /// runs serially.
    SerialApproval {
        bundle_code: String,
        prerequisite: String,
        dependent: String,
        ground: SerialGround,
        explanation: String,
    },
    /// 特殊环节备案 (Art 11): a stage whose duration cannot be stated.
    SpecialStage {
        item_code: String,
        stage_id: String,
        why_duration_cannot_be_stated: String,
    },
    /// 纸质材料收取 (Art 9).
    PaperMaterials {
        item_code: String,
        material_id: String,
        why_scanning_cannot_serve: String,
    },
    /// 纸质证照延期 (Art 12): paper delivery after the 3 working days.
    ResultDelay {
        case_number: String,
        reason: String,
        /// Delivery by 24:00 of this day, Beijing time.
        new_date: NaiveDate,
        /// The case's 3-working-day deadline, computed by the caller
        /// (`clock::result_push_deadline`).
        result_deadline: DateTime<FixedOffset>,
    },
    /// 事项变更 (Art 5).
    ItemChange {
        item_code: String,
        change: ItemChange,
    },
}

impl FilingSubject {
    /// The type's stable word (the serde tag).
    pub fn kind(&self) -> &'static str {
        match self {
            FilingSubject::SerialApproval { .. } => "serial_approval",
            FilingSubject::SpecialStage { .. } => "special_stage",
            FilingSubject::PaperMaterials { .. } => "paper_materials",
            FilingSubject::ResultDelay { .. } => "result_delay",
            FilingSubject::ItemChange { .. } => "item_change",
        }
    }

    pub fn kind_zh(&self) -> &'static str {
        match self {
            FilingSubject::SerialApproval { .. } => "串联审批",
            FilingSubject::SpecialStage { .. } => "特殊环节备案",
            FilingSubject::PaperMaterials { .. } => "纸质材料收取",
            FilingSubject::ResultDelay { .. } => "纸质证照延期",
            FilingSubject::ItemChange { .. } => "事项变更",
        }
    }
}

/// A supporting document, referenced by its digest (the store keeps the bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub file_name: String,
    pub media_type: String,
    /// Lower-case hex SHA-256 of the file.
    pub sha256_hex: String,
    pub size: u64,
}

/// Where a filing stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum FilingState {
    Draft,
    Submitted {
        at: DateTime<FixedOffset>,
    },
    Approved {
        by: String,
        at: DateTime<FixedOffset>,
        comment: String,
    },
    Rejected {
        by: String,
        at: DateTime<FixedOffset>,
        comment: String,
    },
    Withdrawn {
        at: DateTime<FixedOffset>,
    },
    /// An approval undone from `at` on (not backwards).
    Revoked {
        approved_by: String,
        approved_at: DateTime<FixedOffset>,
        by: String,
        at: DateTime<FixedOffset>,
        reason: String,
    },
    /// An approved filing that a later approved filing explicitly replaced
    /// (its `replaces`), from `at` on.
    Superseded {
        by_filing: String,
        at: DateTime<FixedOffset>,
        approved_by: String,
        approved_at: DateTime<FixedOffset>,
    },
}

impl FilingState {
    /// The state's stable word (the serde tag).
    pub fn word(&self) -> &'static str {
        match self {
            FilingState::Draft => "draft",
            FilingState::Submitted { .. } => "submitted",
            FilingState::Approved { .. } => "approved",
            FilingState::Rejected { .. } => "rejected",
            FilingState::Withdrawn { .. } => "withdrawn",
            FilingState::Revoked { .. } => "revoked",
            FilingState::Superseded { .. } => "superseded",
        }
    }

    pub fn word_zh(&self) -> &'static str {
        super::error::state_zh(self.word())
    }

    /// Decided or withdrawn: nothing but a revocation or supersession of an
    /// approval may follow.
    pub fn is_decided(&self) -> bool {
        !matches!(self, FilingState::Draft | FilingState::Submitted { .. })
    }

    /// No transition at all may follow.
    pub fn is_terminal(&self) -> bool {
        self.is_decided() && !matches!(self, FilingState::Approved { .. })
    }

    /// When the approval was in effect: from the approval, until the
    /// revocation or supersession (excluded) if any. `None`: never approved.
    pub fn effective_window(
        &self,
    ) -> Option<(DateTime<FixedOffset>, Option<DateTime<FixedOffset>>)> {
        match self {
            FilingState::Approved { at, .. } => Some((*at, None)),
            FilingState::Revoked {
                approved_at, at, ..
            }
            | FilingState::Superseded {
                approved_at, at, ..
            } => Some((*approved_at, Some(*at))),
            _ => None,
        }
    }

    /// Whether an approval is in effect at `at` (approved <= at < ended).
    pub fn in_effect_at(&self, at: DateTime<FixedOffset>) -> bool {
        match self.effective_window() {
            Some((from, until)) => from <= at && until.is_none_or(|u| at < u),
            None => false,
        }
    }
}

/// One transition in a filing's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilingEvent {
    pub at: DateTime<FixedOffset>,
    pub by: String,
    /// State word before ([`FilingState::word`]).
    pub from: String,
    /// State word after.
    pub to: String,
    #[serde(default)]
    pub comment: String,
}

/// An exemption filing (design 3.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filing {
    pub id: String,
    pub department: String,
    pub filed_by: String,
    pub subject: FilingSubject,
    #[serde(default)]
    pub attachments: Vec<Attachment>,
    /// An approved filing this one replaces once approved (it is then
    /// superseded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
    pub state: FilingState,
    #[serde(default)]
    pub history: Vec<FilingEvent>,
}

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

/// The last legal day a deadline still covers: a deadline at 24:00 of a day
/// (00:00 of the next) belongs to that day.
pub(crate) fn deadline_day(deadline: DateTime<FixedOffset>) -> NaiveDate {
    let date = china_date(&deadline);
    if china_instant(date, NaiveTime::MIN) == deadline {
        date.pred_opt().unwrap_or(date)
    } else {
        date
    }
}

impl Filing {
    /// A new draft; no history yet (its creation is recorded by
    /// [`Filing::creation_audit_record`]).
    pub fn draft(
        id: impl Into<String>,
        department: impl Into<String>,
        filed_by: impl Into<String>,
        subject: FilingSubject,
        attachments: Vec<Attachment>,
        replaces: Option<String>,
    ) -> Self {
        Filing {
            id: id.into(),
            department: department.into(),
            filed_by: filed_by.into(),
            subject,
            attachments,
            replaces,
            state: FilingState::Draft,
            history: Vec::new(),
        }
    }

    /// The instant of the last transition, if any.
    pub fn last_event_at(&self) -> Option<DateTime<FixedOffset>> {
        self.history.last().map(|e| e.at)
    }

    /// Whether the approval is in effect at `at` (see
    /// [`FilingState::in_effect_at`]).
    pub fn in_effect_at(&self, at: DateTime<FixedOffset>) -> bool {
        self.state.in_effect_at(at)
    }

    /// Replaces the subject and attachments of a draft (the filer only).
    pub fn amend(
        &self,
        by: &str,
        at: DateTime<FixedOffset>,
        subject: FilingSubject,
        attachments: Vec<Attachment>,
    ) -> Result<Filing, FilingError> {
        self.check_common(by, at)?;
        self.require_draft()?;
        self.require_filer(by)?;
        let mut next = self.clone();
        next.subject = subject;
        next.attachments = attachments;
        Ok(next.with_event(by, at, FilingState::Draft, "amended"))
    }

    /// Draft → Submitted, by the filer, after checking the subject.
    pub fn submit(&self, by: &str, at: DateTime<FixedOffset>) -> Result<Filing, FilingError> {
        self.check_common(by, at)?;
        self.require_draft()?;
        self.require_filer(by)?;
        self.validate(at)?;
        Ok(self.with_event(by, at, FilingState::Submitted { at }, ""))
    }

    /// Submitted → Withdrawn, by the filer.
    pub fn withdraw(&self, by: &str, at: DateTime<FixedOffset>) -> Result<Filing, FilingError> {
        self.check_common(by, at)?;
        self.require_submitted()?;
        self.require_filer(by)?;
        Ok(self.with_event(by, at, FilingState::Withdrawn { at }, ""))
    }

    /// Submitted → Approved, by someone other than the filer. Approving a
    /// filing that `replaces` another goes through
    /// [`super::FilingLedger::approve_with_replacement`].
    pub fn approve(
        &self,
        by: &str,
        at: DateTime<FixedOffset>,
        comment: &str,
    ) -> Result<Filing, FilingError> {
        self.check_decision(by, at)?;
        let state = FilingState::Approved {
            by: by.to_owned(),
            at,
            comment: comment.to_owned(),
        };
        Ok(self.with_event(by, at, state, comment))
    }

    /// Submitted → Rejected, by someone other than the filer, with a comment.
    pub fn reject(
        &self,
        by: &str,
        at: DateTime<FixedOffset>,
        comment: &str,
    ) -> Result<Filing, FilingError> {
        self.check_decision(by, at)?;
        if blank(comment) {
            return Err(FilingError::CommentRequired {
                id: self.id.clone(),
            });
        }
        let state = FilingState::Rejected {
            by: by.to_owned(),
            at,
            comment: comment.to_owned(),
        };
        Ok(self.with_event(by, at, state, comment))
    }

    /// Approved → Revoked, with a reason: the approval stops taking effect
    /// at `at` (what it allowed before stays allowed).
    pub fn revoke(
        &self,
        by: &str,
        at: DateTime<FixedOffset>,
        reason: &str,
    ) -> Result<Filing, FilingError> {
        self.check_common(by, at)?;
        let (approved_by, approved_at) = self.require_approved()?;
        if blank(reason) {
            return Err(FilingError::ReasonRequired {
                id: self.id.clone(),
            });
        }
        let state = FilingState::Revoked {
            approved_by,
            approved_at,
            by: by.to_owned(),
            at,
            reason: reason.to_owned(),
        };
        Ok(self.with_event(by, at, state, reason))
    }

    /// Approved → Superseded: the approved filing `by_filing`, which
    /// replaces this one, was approved at `at` by `by`.
    pub fn supersede(
        &self,
        by_filing: &str,
        by: &str,
        at: DateTime<FixedOffset>,
    ) -> Result<Filing, FilingError> {
        self.check_common(by, at)?;
        let (approved_by, approved_at) = self.require_approved()?;
        if blank(by_filing) {
            return Err(FilingError::EmptyField {
                id: self.id.clone(),
                field: "by_filing",
            });
        }
        if by_filing == self.id {
            return Err(FilingError::ReplacesItself {
                id: self.id.clone(),
            });
        }
        let state = FilingState::Superseded {
            by_filing: by_filing.to_owned(),
            at,
            approved_by,
            approved_at,
        };
        let comment = format!("superseded by {by_filing}");
        Ok(self.with_event(by, at, state, &comment))
    }

    /// The audit record of the transition from `before` to this filing's
    /// state: `filing.<verb>` on `filing:<id>`, the states before and after.
    pub fn audit_record(
        &self,
        before: &FilingState,
        actor: &str,
        at: DateTime<FixedOffset>,
    ) -> AuditRecord {
        let verb = match (before, &self.state) {
            (FilingState::Draft, FilingState::Draft) => "amend",
            (_, FilingState::Draft) => "create",
            (_, FilingState::Submitted { .. }) => "submit",
            (_, FilingState::Approved { .. }) => "approve",
            (_, FilingState::Rejected { .. }) => "reject",
            (_, FilingState::Withdrawn { .. }) => "withdraw",
            (_, FilingState::Revoked { .. }) => "revoke",
            (_, FilingState::Superseded { .. }) => "supersede",
        };
        AuditRecord {
            at,
            actor: actor.to_owned(),
            action: format!("filing.{verb}"),
            subject: format!("filing:{}", self.id),
            before: serde_json::to_value(before).unwrap_or(Value::Null),
            after: serde_json::to_value(&self.state).unwrap_or(Value::Null),
        }
    }

    /// The audit record of the draft's creation: `before` is null, `after`
    /// the whole filing.
    pub fn creation_audit_record(&self, actor: &str, at: DateTime<FixedOffset>) -> AuditRecord {
        AuditRecord {
            at,
            actor: actor.to_owned(),
            action: "filing.create".to_owned(),
            subject: format!("filing:{}", self.id),
            before: Value::Null,
            after: serde_json::to_value(self).unwrap_or(Value::Null),
        }
    }

    fn with_event(
        &self,
        by: &str,
        at: DateTime<FixedOffset>,
        state: FilingState,
        comment: &str,
    ) -> Filing {
        let mut next = self.clone();
        next.history.push(FilingEvent {
            at,
            by: by.to_owned(),
            from: self.state.word().to_owned(),
            to: state.word().to_owned(),
            comment: comment.to_owned(),
        });
        next.state = state;
        next
    }

    fn check_common(&self, by: &str, at: DateTime<FixedOffset>) -> Result<(), FilingError> {
        if blank(by) {
            return Err(FilingError::NoActor);
        }
        if self.state.is_terminal() {
            return Err(self.decided());
        }
        if let Some(last) = self.last_event_at() {
            if at < last {
                return Err(FilingError::OutOfOrder {
                    id: self.id.clone(),
                    last,
                    at,
                });
            }
        }
        Ok(())
    }

    fn check_decision(&self, by: &str, at: DateTime<FixedOffset>) -> Result<(), FilingError> {
        self.check_common(by, at)?;
        self.require_submitted()?;
        if by == self.filed_by {
            return Err(FilingError::OwnFiling {
                id: self.id.clone(),
                by: by.to_owned(),
            });
        }
        Ok(())
    }

    fn decided(&self) -> FilingError {
        FilingError::Decided {
            id: self.id.clone(),
            state: self.state.word(),
        }
    }

    fn require_filer(&self, by: &str) -> Result<(), FilingError> {
        if by == self.filed_by {
            Ok(())
        } else {
            Err(FilingError::NotFiler {
                id: self.id.clone(),
                by: by.to_owned(),
                filer: self.filed_by.clone(),
            })
        }
    }

    fn require_draft(&self) -> Result<(), FilingError> {
        match self.state {
            FilingState::Draft => Ok(()),
            FilingState::Submitted { .. } => Err(FilingError::AlreadySubmitted {
                id: self.id.clone(),
            }),
            _ => Err(self.decided()),
        }
    }

    fn require_submitted(&self) -> Result<(), FilingError> {
        match self.state {
            FilingState::Submitted { .. } => Ok(()),
            FilingState::Draft => Err(FilingError::NotSubmitted {
                id: self.id.clone(),
                state: self.state.word(),
            }),
            _ => Err(self.decided()),
        }
    }

    fn require_approved(&self) -> Result<(String, DateTime<FixedOffset>), FilingError> {
        match &self.state {
            FilingState::Approved { by, at, .. } => Ok((by.clone(), *at)),
            FilingState::Draft | FilingState::Submitted { .. } => Err(FilingError::NotApproved {
                id: self.id.clone(),
                state: self.state.word(),
            }),
            _ => Err(self.decided()),
        }
    }

    /// The checks of a submission at `at` (texts, Art 12, Art 17).
    pub fn validate(&self, at: DateTime<FixedOffset>) -> Result<(), FilingError> {
        let id = || self.id.clone();
        let require = |text: &str, field: &'static str| {
            if blank(text) {
                Err(FilingError::EmptyField { id: id(), field })
            } else {
                Ok(())
            }
        };
        require(&self.id, "id")?;
        require(&self.department, "department")?;
        require(&self.filed_by, "filed_by")?;
        if self.replaces.as_deref() == Some(self.id.as_str()) {
            return Err(FilingError::ReplacesItself { id: id() });
        }
        if let Some(replaced) = &self.replaces {
            require(replaced, "replaces")?;
        }
        for attachment in &self.attachments {
            let bad = |problem| FilingError::BadAttachment {
                id: id(),
                file_name: attachment.file_name.clone(),
                problem,
            };
            if blank(&attachment.file_name) {
                return Err(bad("no file name"));
            }
            if blank(&attachment.media_type) {
                return Err(bad("no media type"));
            }
            let hex = &attachment.sha256_hex;
            if hex.len() != 64 || !hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
                return Err(bad("sha256_hex is not 64 lower-case hex digits"));
            }
        }
        match &self.subject {
            FilingSubject::SerialApproval {
                bundle_code,
                prerequisite,
                dependent,
                ground: _,
                explanation,
            } => {
                require(bundle_code, "bundle_code")?;
                require(prerequisite, "prerequisite")?;
                require(dependent, "dependent")?;
                if prerequisite == dependent {
                    return Err(FilingError::SerialSelfEdge {
                        id: id(),
                        item: prerequisite.clone(),
                    });
                }
                if blank(explanation) {
                    return Err(FilingError::SerialExplanationMissing { id: id() });
                }
            }
            FilingSubject::SpecialStage {
                item_code,
                stage_id,
                why_duration_cannot_be_stated,
            } => {
                require(item_code, "item_code")?;
                require(stage_id, "stage_id")?;
                require(
                    why_duration_cannot_be_stated,
                    "why_duration_cannot_be_stated",
                )?;
            }
            FilingSubject::PaperMaterials {
                item_code,
                material_id,
                why_scanning_cannot_serve,
            } => {
                require(item_code, "item_code")?;
                require(material_id, "material_id")?;
                require(why_scanning_cannot_serve, "why_scanning_cannot_serve")?;
            }
            FilingSubject::ResultDelay {
                case_number,
                reason,
                new_date,
                result_deadline,
            } => {
                require(case_number, "case_number")?;
                require(reason, "reason")?;
                if at >= *result_deadline {
                    return Err(FilingError::DelayNotInAdvance {
                        id: id(),
                        at,
                        deadline: *result_deadline,
                    });
                }
                let day = deadline_day(*result_deadline);
                if *new_date <= day {
                    return Err(FilingError::DelayDateNotLater {
                        id: id(),
                        new_date: *new_date,
                        deadline_day: day,
                    });
                }
            }
            FilingSubject::ItemChange { item_code, change } => {
                require(item_code, "item_code")?;
                match change {
                    ItemChange::Rename { name } => require(name, "name")?,
                    ItemChange::Recode { code } => require(code, "code")?,
                    ItemChange::Setting { setting_basis } => {
                        require(setting_basis, "setting_basis")?
                    }
                    ItemChange::Delegation { to: Some(to) } => require(to, "delegated_to")?,
                    ItemChange::ApprovalBureau {
                        handled_by: Some(bureau),
                    } => require(&bureau.name, "handled_by.name")?,
                    ItemChange::Delegation { to: None }
                    | ItemChange::ApprovalBureau { handled_by: None }
                    | ItemChange::Retype { .. }
                    | ItemChange::Cancellation => {}
                }
            }
        }
        Ok(())
    }
}
