//! 准予行政许可决定书 and 不予行政许可决定书 (approval and refusal
//! decisions, Art 12): the finding, its legal basis, what is granted or why
//! it is refused, and the applicant's remedies.

use approval_core::bundle::Outcome;
use approval_core::case::Case;
use approval_core::china_time::china_date;
use approval_core::guide::{ItemDefinition, LegalBasis};
use chrono::NaiveDate;

use super::{date_zh, legal_basis_zh, required, DocumentHeader, DocumentKind, Remedies};
use crate::pdf::font::DocumentFont;
use crate::pdf::letter::{render_letter, Block, Letter};
use crate::pdf::{RenderError, RenderedDocument};

/// The common first paragraph: who applied for what, when it was accepted.
fn opening(
    header: &DocumentHeader,
    item: &str,
    applied_on: NaiveDate,
    accepted_on: NaiveDate,
) -> String {
    format!(
        "你（单位）于{}提出的{}申请（办件编号：{}），本机关于{}依法受理。",
        date_zh(applied_on),
        item.trim(),
        header.case_number.trim(),
        date_zh(accepted_on),
    )
}

/// Chinese ordinal numbers for the items of a list: （一）（二）…
fn ordinal(n: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let number = match n {
        1..=9 => DIGITS[n].to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", DIGITS[n - 10]),
        20..=99 => format!("{}十{}", DIGITS[n / 10], DIGITS[n % 10]),
        _ => n.to_string(),
    };
    format!("（{number}）")
}

fn sentence(text: &str) -> String {
    let text = text
        .trim()
        .trim_end_matches(['。', '；', '，', ';', ',', '.']);
    format!("{text}。")
}

fn check_basis(basis: &[LegalBasis]) -> Result<(), RenderError> {
    if basis.is_empty() {
        Err(RenderError::MissingField {
            field: "legal_basis",
        })
    } else {
        Ok(())
    }
}

/// Why a case cannot give a decision letter (yet).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionFromCaseError {
    #[error("case {case} has no decision yet")]
    NotDecided { case: String },
    #[error("case {case} was decided {outcome:?}, so it gets no {wanted} letter")]
    WrongOutcome {
        case: String,
        outcome: Outcome,
        wanted: &'static str,
    },
    #[error("case {case} was never accepted")]
    NotAccepted { case: String },
}

/// What every decision letter takes from its case: the applicant, the
/// application's and the acceptance's dates, and the decision's opinion.
struct Decided {
    applicant: String,
    applied_on: NaiveDate,
    accepted_on: NaiveDate,
    opinion: String,
}

fn decided(case: &Case, wanted: Outcome) -> Result<Decided, DecisionFromCaseError> {
    let decision = case
        .decision
        .as_ref()
        .ok_or_else(|| DecisionFromCaseError::NotDecided {
            case: case.number.clone(),
        })?;
    if decision.outcome != wanted {
        return Err(DecisionFromCaseError::WrongOutcome {
            case: case.number.clone(),
            outcome: decision.outcome,
            wanted: match wanted {
                Outcome::Approved => "approval",
                Outcome::Rejected => "refusal",
            },
        });
    }
    let acceptance =
        case.acceptance
            .as_ref()
            .ok_or_else(|| DecisionFromCaseError::NotAccepted {
                case: case.number.clone(),
            })?;
    Ok(Decided {
        applicant: case.applicant.name.clone(),
        applied_on: china_date(&case.received_at),
        accepted_on: china_date(&acceptance.at),
        opinion: decision.opinion.clone(),
    })
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApprovalDecision {
    pub header: DocumentHeader,
    pub applicant: String,
    pub item_name: String,
    pub applied_on: NaiveDate,
    pub accepted_on: NaiveDate,
    /// The review's finding, e.g. `你单位的申请符合…规定的条件`.
    pub finding: String,
    pub legal_basis: Vec<LegalBasis>,
    /// What is granted, one line each (licence number, scope, validity …).
    pub grants: Vec<String>,
    /// Obligations and how to collect the certificate, one paragraph each.
    pub notes: Vec<String>,
    pub remedies: Remedies,
}

impl ApprovalDecision {
    /// The letter for a case decided `Approved`; the decision's opinion
    /// (审查意见) is the finding. What is granted (the licence's particulars)
    /// and the notes are the caller's to add.
    pub fn for_case(
        header: DocumentHeader,
        case: &Case,
        item: &ItemDefinition,
        legal_basis: Vec<LegalBasis>,
        remedies: Remedies,
    ) -> Result<Self, DecisionFromCaseError> {
        let facts = decided(case, Outcome::Approved)?;
        Ok(ApprovalDecision {
            header,
            applicant: facts.applicant,
            item_name: item.name.clone(),
            applied_on: facts.applied_on,
            accepted_on: facts.accepted_on,
            finding: facts.opinion,
            legal_basis,
            grants: Vec::new(),
            notes: Vec::new(),
            remedies,
        })
    }

    pub fn render(&self, font: &DocumentFont) -> Result<RenderedDocument, RenderError> {
        required("applicant", &self.applicant)?;
        required("item_name", &self.item_name)?;
        required("finding", &self.finding)?;
        check_basis(&self.legal_basis)?;
        self.remedies.check()?;
        let mut blocks = vec![
            Block::Addressee(self.applicant.clone()),
            Block::Paragraph(format!(
                "{}经审查，{}根据{}的规定，本机关决定准予行政许可{}",
                opening(
                    &self.header,
                    &self.item_name,
                    self.applied_on,
                    self.accepted_on
                ),
                sentence(&self.finding),
                legal_basis_zh(&self.legal_basis),
                if self.grants.is_empty() { "。" } else { "：" },
            )),
        ];
        for (i, grant) in self.grants.iter().enumerate() {
            blocks.push(Block::Paragraph(format!(
                "{}{}",
                ordinal(i + 1),
                sentence(grant)
            )));
        }
        for note in &self.notes {
            blocks.push(Block::Paragraph(sentence(note)));
        }
        blocks.push(Block::Paragraph(self.remedies.sentence()));
        render_letter(
            font,
            &Letter {
                kind: DocumentKind::ApprovalDecision,
                header: &self.header,
                addressee: &self.applicant,
                blocks,
            },
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusalDecision {
    pub header: DocumentHeader,
    pub applicant: String,
    pub item_name: String,
    pub applied_on: NaiveDate,
    pub accepted_on: NaiveDate,
    /// Why the licence is refused, one reason each (行政许可法 第三十八条第二款:
    /// a refusal states its reasons).
    pub reasons: Vec<String>,
    pub legal_basis: Vec<LegalBasis>,
    pub remedies: Remedies,
}

impl RefusalDecision {
    /// The letter for a case decided `Rejected`; the decision's opinion is
    /// the reason (one reason per line of the opinion).
    pub fn for_case(
        header: DocumentHeader,
        case: &Case,
        item: &ItemDefinition,
        legal_basis: Vec<LegalBasis>,
        remedies: Remedies,
    ) -> Result<Self, DecisionFromCaseError> {
        let facts = decided(case, Outcome::Rejected)?;
        Ok(RefusalDecision {
            header,
            applicant: facts.applicant,
            item_name: item.name.clone(),
            applied_on: facts.applied_on,
            accepted_on: facts.accepted_on,
            reasons: facts
                .opinion
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            legal_basis,
            remedies,
        })
    }

    pub fn render(&self, font: &DocumentFont) -> Result<RenderedDocument, RenderError> {
        required("applicant", &self.applicant)?;
        required("item_name", &self.item_name)?;
        if self.reasons.iter().all(|r| r.trim().is_empty()) {
            return Err(RenderError::MissingField { field: "reasons" });
        }
        check_basis(&self.legal_basis)?;
        self.remedies.check()?;
        let reasons: Vec<&String> = self
            .reasons
            .iter()
            .filter(|r| !r.trim().is_empty())
            .collect();
        let opening = opening(
            &self.header,
            &self.item_name,
            self.applied_on,
            self.accepted_on,
        );
        let decision = format!(
            "根据{}的规定，本机关决定不予行政许可。",
            legal_basis_zh(&self.legal_basis)
        );
        let mut blocks = vec![Block::Addressee(self.applicant.clone())];
        match reasons.as_slice() {
            [only] => blocks.push(Block::Paragraph(format!(
                "{opening}经审查，{}{decision}",
                sentence(only)
            ))),
            _ => {
                blocks.push(Block::Paragraph(format!(
                    "{opening}经审查，你（单位）的申请存在以下问题："
                )));
                for (i, reason) in reasons.iter().enumerate() {
                    blocks.push(Block::Paragraph(format!(
                        "{}{}",
                        ordinal(i + 1),
                        sentence(reason)
                    )));
                }
                blocks.push(Block::Paragraph(decision));
            }
        }
        blocks.push(Block::Paragraph(self.remedies.sentence()));
        render_letter(
            font,
            &Letter {
                kind: DocumentKind::RefusalDecision,
                header: &self.header,
                addressee: &self.applicant,
                blocks,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals() {
        assert_eq!(ordinal(1), "（一）");
        assert_eq!(ordinal(10), "（十）");
        assert_eq!(ordinal(12), "（十二）");
        assert_eq!(ordinal(20), "（二十）");
        assert_eq!(ordinal(35), "（三十五）");
    }

    #[test]
    fn sentences_end_once() {
        assert_eq!(sentence("符合条件。"), "符合条件。");
        assert_eq!(sentence("符合条件；"), "符合条件。");
        assert_eq!(sentence(" 符合条件 "), "符合条件。");
    }
}
