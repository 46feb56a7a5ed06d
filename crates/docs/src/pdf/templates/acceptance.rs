//! 受理通知书 (acceptance notice, Art 10): the application is complete and
//! in the legal form, so it is accepted, and the decision will come within
//! the promised limit.

use approval_core::case::Case;
use approval_core::china_time::china_date;
use approval_core::guide::{ItemDefinition, LegalBasis, TimeLimit};
use chrono::NaiveDate;

use super::{date_zh, legal_basis_zh, required, DocumentHeader, DocumentKind};
use crate::pdf::font::DocumentFont;
use crate::pdf::letter::{render_letter, Block, Letter};
use crate::pdf::{RenderError, RenderedDocument};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptanceNotice {
    pub header: DocumentHeader,
    /// The applicant (申请人), the addressee.
    pub applicant: String,
    /// The service item (事项名称).
    pub item_name: String,
    /// When the window unit received the (last complete) materials.
    pub applied_on: NaiveDate,
    pub accepted_on: NaiveDate,
    /// The promised limit (承诺时限) the decision comes within.
    pub promised_limit: TimeLimit,
    /// The provision acceptance rests on.
    pub legal_basis: Vec<LegalBasis>,
    /// 联系人 and 联系电话, printed at the end when given.
    pub contact: Option<String>,
}

impl AcceptanceNotice {
    /// 《中华人民共和国行政许可法》第三十二条第一款第（五）项: complete materials
    /// in the legal form are accepted.
    pub fn default_basis() -> Vec<LegalBasis> {
        vec![LegalBasis {
            title: "中华人民共和国行政许可法".into(),
            provision: "第三十二条第一款第（五）项".into(),
        }]
    }

    /// The notice for a case accepted on `accepted_on` (or about to be),
    /// under its item's promised limit.
    pub fn for_case(
        header: DocumentHeader,
        case: &Case,
        item: &ItemDefinition,
        accepted_on: NaiveDate,
    ) -> Self {
        AcceptanceNotice {
            header,
            applicant: case.applicant.name.clone(),
            item_name: item.name.clone(),
            // The application is dated by its first receipt, even when
            // it became complete only with corrections.
            applied_on: china_date(&case.received_at),
            accepted_on,
            promised_limit: item.promised_limit,
            legal_basis: Self::default_basis(),
            contact: None,
        }
    }

    pub fn render(&self, font: &DocumentFont) -> Result<RenderedDocument, RenderError> {
        required("applicant", &self.applicant)?;
        required("item_name", &self.item_name)?;
        let mut blocks = vec![
            Block::Addressee(self.applicant.clone()),
            Block::Paragraph(format!(
                "你（单位）于{}提出的{}申请（办件编号：{}），经审查，申请材料齐全、符合法定形式。\
                 根据{}的规定，本机关决定予以受理，受理日期为{}。",
                date_zh(self.applied_on),
                self.item_name.trim(),
                self.header.case_number.trim(),
                legal_basis_zh(&self.legal_basis),
                date_zh(self.accepted_on),
            )),
            Block::Paragraph(format!(
                "本机关将自受理之日起{}内作出决定。依法需要听证、检验、检测、鉴定、专家评审、\
                 现场勘察和公示的，所需时间不计算在上述期限内，本机关将书面告知所需时间。",
                self.promised_limit.to_zh()
            )),
        ];
        if let Some(contact) = self.contact.as_deref().filter(|c| !c.trim().is_empty()) {
            blocks.push(Block::Paragraph(contact.trim().to_owned()));
        }
        render_letter(
            font,
            &Letter {
                kind: DocumentKind::AcceptanceNotice,
                header: &self.header,
                addressee: &self.applicant,
                blocks,
            },
        )
    }
}
