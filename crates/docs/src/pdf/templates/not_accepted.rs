//! 不予受理决定书 (refusal of acceptance): the application is not accepted,
//! with the reason, its legal basis, where to apply instead (when the
//! matter belongs to another authority) and the applicant's remedies.

use approval_core::guide::LegalBasis;
use chrono::NaiveDate;

use super::{date_zh, legal_basis_zh, required, DocumentHeader, DocumentKind, Remedies};
use crate::pdf::font::DocumentFont;
use crate::pdf::letter::{render_letter, Block, Letter};
use crate::pdf::{RenderError, RenderedDocument};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusalOfAcceptance {
    pub header: DocumentHeader,
    pub applicant: String,
    pub item_name: String,
    pub applied_on: NaiveDate,
    /// Why (a clause: `申请事项依法不需要取得行政许可`).
    pub reason: String,
    pub legal_basis: Vec<LegalBasis>,
    /// The authority to apply to instead (行政许可法 第三十二条第一款第（二）项).
    pub refer_to: Option<String>,
    pub remedies: Remedies,
}

impl RefusalOfAcceptance {
    pub fn render(&self, font: &DocumentFont) -> Result<RenderedDocument, RenderError> {
        required("applicant", &self.applicant)?;
        required("item_name", &self.item_name)?;
        required("reason", &self.reason)?;
        if self.legal_basis.is_empty() {
            return Err(RenderError::MissingField {
                field: "legal_basis",
            });
        }
        self.remedies.check()?;
        let reason = self.reason.trim().trim_end_matches(['。', '；', '，']);
        let mut blocks = vec![
            Block::Addressee(self.applicant.clone()),
            Block::Paragraph(format!(
                "你（单位）于{}提出的{}申请（办件编号：{}），经审查，{}。根据{}的规定，本机关决定不予受理。",
                date_zh(self.applied_on),
                self.item_name.trim(),
                self.header.case_number.trim(),
                reason,
                legal_basis_zh(&self.legal_basis),
            )),
        ];
        if let Some(other) = self
            .refer_to
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            blocks.push(Block::Paragraph(format!(
                "该申请事项不属于本机关职权范围，请你（单位）向{other}提出申请。"
            )));
        }
        blocks.push(Block::Paragraph(self.remedies.sentence()));
        render_letter(
            font,
            &Letter {
                kind: DocumentKind::RefusalOfAcceptance,
                header: &self.header,
                addressee: &self.applicant,
                blocks,
            },
        )
    }
}
