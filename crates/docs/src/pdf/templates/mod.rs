//! The documents a department issues, as plain data to fill in, and their
//! layouts.
//!
//! Every document carries a [`DocumentHeader`]: the issuing department, the
//! document number (文号), the case number (办件编号) and the date of issue,
//! which also dates the file. Decisions against the applicant carry the
//! applicant's remedies ([`Remedies`]).

mod acceptance;
mod certificate;
mod correction;
mod decision;
mod not_accepted;

use approval_core::guide::LegalBasis;
use chrono::{Datelike, NaiveDate};

pub use acceptance::AcceptanceNotice;
pub use certificate::{Certificate, CertificateField, Orientation};
pub use correction::{CorrectionEntry, CorrectionNotice, CorrectionNoticeError};
pub use decision::{ApprovalDecision, DecisionFromCaseError, RefusalDecision};
pub use not_accepted::RefusalOfAcceptance;

use super::font::DocumentFont;
use super::{RenderError, RenderedDocument};

/// What identifies an issued document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentHeader {
    /// The issuing department (发文机关), as it signs: it heads the
    /// document and stands in the issuing line under the seal.
    pub department: String,
    /// The document number (发文字号), e.g. `陕食药许〔2026〕123号`; on a
    /// certificate, the certificate's number (证书编号).
    pub document_number: String,
    /// The case (办件编号) the document belongs to.
    pub case_number: String,
    /// The date of issue (成文日期), printed in the issuing line.
    pub issued_on: NaiveDate,
    /// Where the QR code points: the verification code is appended as
    /// `code=…`. `None`: the QR code holds the identifying fields as text.
    pub verification_url: Option<String>,
}

/// The kinds of document, for the verification code and the file's title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    /// 受理通知书
    AcceptanceNotice,
    /// 一次性告知书 (补正材料)
    CorrectionNotice,
    /// 不予受理决定书
    RefusalOfAcceptance,
    /// 准予行政许可决定书
    ApprovalDecision,
    /// 不予行政许可决定书
    RefusalDecision,
    /// 证照
    Certificate,
}

impl DocumentKind {
    /// A stable name that enters the verification code.
    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::AcceptanceNotice => "acceptance_notice",
            DocumentKind::CorrectionNotice => "correction_notice",
            DocumentKind::RefusalOfAcceptance => "refusal_of_acceptance",
            DocumentKind::ApprovalDecision => "approval_decision",
            DocumentKind::RefusalDecision => "refusal_decision",
            DocumentKind::Certificate => "certificate",
        }
    }

    /// The document's title as printed.
    pub fn title_zh(self) -> &'static str {
        match self {
            DocumentKind::AcceptanceNotice => "受理通知书",
            DocumentKind::CorrectionNotice => "补正材料一次性告知书",
            DocumentKind::RefusalOfAcceptance => "不予受理决定书",
            DocumentKind::ApprovalDecision => "准予行政许可决定书",
            DocumentKind::RefusalDecision => "不予行政许可决定书",
            DocumentKind::Certificate => "证照",
        }
    }
}

/// Where the applicant can turn against a decision (救济途径): administrative
/// review within 60 days of receipt (《中华人民共和国行政复议法》第二十条) or an
/// administrative lawsuit within 6 months (《中华人民共和国行政诉讼法》第四十六条).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Remedies {
    /// 行政复议机关, e.g. `西安市人民政府`.
    pub review_body: String,
    /// The court for the lawsuit, e.g. `西安铁路运输法院`.
    pub court: String,
}

impl Remedies {
    /// The sentence every decision against the applicant ends with.
    pub fn sentence(&self) -> String {
        format!(
            "如不服本决定，可以自收到本决定书之日起六十日内向{}申请行政复议，\
             也可以自收到本决定书之日起六个月内依法向{}提起行政诉讼。",
            self.review_body.trim(),
            self.court.trim()
        )
    }

    fn check(&self) -> Result<(), RenderError> {
        required("remedies.review_body", &self.review_body)?;
        required("remedies.court", &self.court)
    }
}

/// A date as documents print it: `2026年3月5日`.
pub fn date_zh(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// Provisions as a sentence names them: `《甲法》第一条、《乙条例》第二条`.
pub fn legal_basis_zh(basis: &[LegalBasis]) -> String {
    basis
        .iter()
        .map(|b| {
            let title = b.title.trim();
            let title = if title.starts_with('《') {
                title.to_owned()
            } else {
                format!("《{title}》")
            };
            format!("{title}{}", b.provision.trim())
        })
        .collect::<Vec<_>>()
        .join("、")
}

pub(crate) fn required(field: &'static str, value: &str) -> Result<(), RenderError> {
    if value.trim().is_empty() {
        Err(RenderError::MissingField { field })
    } else {
        Ok(())
    }
}

impl DocumentHeader {
    pub(crate) fn check(&self) -> Result<(), RenderError> {
        required("header.department", &self.department)?;
        required("header.document_number", &self.document_number)?;
        required("header.case_number", &self.case_number)
    }
}

/// Any of the documents, for callers that pick one at run time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResultDocument {
    Acceptance(AcceptanceNotice),
    Correction(CorrectionNotice),
    RefusalOfAcceptance(RefusalOfAcceptance),
    Approval(ApprovalDecision),
    Refusal(RefusalDecision),
    Certificate(Certificate),
}

impl ResultDocument {
    pub fn render(&self, font: &DocumentFont) -> Result<RenderedDocument, RenderError> {
        match self {
            ResultDocument::Acceptance(d) => d.render(font),
            ResultDocument::Correction(d) => d.render(font),
            ResultDocument::RefusalOfAcceptance(d) => d.render(font),
            ResultDocument::Approval(d) => d.render(font),
            ResultDocument::Refusal(d) => d.render(font),
            ResultDocument::Certificate(d) => d.render(font),
        }
    }

    pub fn kind(&self) -> DocumentKind {
        match self {
            ResultDocument::Acceptance(_) => DocumentKind::AcceptanceNotice,
            ResultDocument::Correction(_) => DocumentKind::CorrectionNotice,
            ResultDocument::RefusalOfAcceptance(_) => DocumentKind::RefusalOfAcceptance,
            ResultDocument::Approval(_) => DocumentKind::ApprovalDecision,
            ResultDocument::Refusal(_) => DocumentKind::RefusalDecision,
            ResultDocument::Certificate(_) => DocumentKind::Certificate,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_provisions_read_as_documents_write_them() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap_or_default();
        assert_eq!(date_zh(date), "2026年3月5日");
        let basis = vec![
            LegalBasis {
                title: "中华人民共和国行政许可法".into(),
                provision: "第三十八条第一款".into(),
            },
            LegalBasis {
                title: "《食品经营许可和备案管理办法》".into(),
                provision: "第十九条".into(),
            },
        ];
        assert_eq!(
            legal_basis_zh(&basis),
            "《中华人民共和国行政许可法》第三十八条第一款、《食品经营许可和备案管理办法》第十九条"
        );
    }

    #[test]
    fn remedies_name_both_ways_and_their_periods() {
        let remedies = Remedies {
            review_body: "西安市人民政府".into(),
            court: "西安铁路运输法院".into(),
        };
        let text = remedies.sentence();
        assert!(
            text.contains("六十日内向西安市人民政府申请行政复议"),
            "{text}"
        );
        assert!(
            text.contains("六个月内依法向西安铁路运输法院提起行政诉讼"),
            "{text}"
        );
    }
}
