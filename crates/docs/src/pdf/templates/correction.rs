//! 补正材料一次性告知书 (one-time correction notice, Art 7 and 10): every
//! material of the bound guide version that is missing or wrong, in one
//! notice, with what is wrong and in which form it is wanted.

use approval_core::case::{Case, CorrectionItem};
use approval_core::china_time::china_date;
use approval_core::guide::{GuideVersion, LegalBasis, Material, MaterialForm, Requirement};
use chrono::NaiveDate;

use super::{date_zh, legal_basis_zh, required, DocumentHeader, DocumentKind};
use crate::pdf::font::DocumentFont;
use crate::pdf::letter::{render_letter, Block, Column, Letter, Table};
use crate::pdf::{RenderError, RenderedDocument};

/// One material to correct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionEntry {
    /// The material's name as the guide lists it (with its condition, for a
    /// conditional material).
    pub material: String,
    /// What is wrong or what is needed (存在问题及补正要求).
    pub problem: String,
    /// Original or copy and how many (原件/复印件), e.g. `原件1份、复印件2份`.
    pub form: String,
}

impl CorrectionEntry {
    /// The entry for one line of a correction: the guide's material and what
    /// the officer found wrong with it.
    pub fn from_guide(material: &Material, item: &CorrectionItem) -> Self {
        let name = match &material.requirement {
            Requirement::Required => material.name.trim().to_owned(),
            Requirement::Conditional { condition } => {
                format!("{}（{}）", material.name.trim(), condition.trim())
            }
        };
        let count = |n: u32| {
            if n > 0 {
                format!("{n}份")
            } else {
                String::new()
            }
        };
        let mut form = match material.form {
            MaterialForm::Original => format!("原件{}", count(material.originals)),
            MaterialForm::Copy => format!("复印件{}", count(material.copies)),
            MaterialForm::OriginalAndCopy => format!(
                "原件{}、复印件{}",
                count(material.originals),
                count(material.copies)
            ),
        };
        if item.paper {
            form.push_str("（纸质）");
        }
        CorrectionEntry {
            material: name,
            problem: item.problem.trim().to_owned(),
            form,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CorrectionNoticeError {
    /// Art 7: a notice may only ask for materials of the bound guide version.
    #[error("material {material_id} is not in version {version} of the guide (Art 7)")]
    MaterialNotInGuide { material_id: String, version: u32 },
    #[error("guide version {guide} is not the one case {case} is bound to ({bound})")]
    WrongGuideVersion {
        case: String,
        guide: u32,
        bound: u32,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionNotice {
    pub header: DocumentHeader,
    pub applicant: String,
    pub item_name: String,
    /// When the window unit received the submission this notice answers.
    pub applied_on: NaiveDate,
    pub entries: Vec<CorrectionEntry>,
    /// Where the corrected materials go (e.g. the window's name and address).
    pub submit_to: Option<String>,
    pub legal_basis: Vec<LegalBasis>,
}

impl CorrectionNotice {
    /// 《中华人民共和国行政许可法》第三十二条第一款第（四）项 and Art 10 of the
    /// Shaanxi measures: what is missing is told once and completely.
    pub fn default_basis() -> Vec<LegalBasis> {
        vec![
            LegalBasis {
                title: "中华人民共和国行政许可法".into(),
                provision: "第三十二条第一款第（四）项".into(),
            },
            LegalBasis {
                title: "陕西省政务服务效能管理暂行办法".into(),
                provision: "第十条".into(),
            },
        ]
    }

    /// The notice for `items` of a case, every one a material of the guide
    /// version the case is bound to.
    pub fn for_case(
        header: DocumentHeader,
        case: &Case,
        guide: &GuideVersion,
        items: &[CorrectionItem],
    ) -> Result<Self, CorrectionNoticeError> {
        if guide.number != case.guide_version {
            return Err(CorrectionNoticeError::WrongGuideVersion {
                case: case.number.clone(),
                guide: guide.number,
                bound: case.guide_version,
            });
        }
        let entries = items
            .iter()
            .map(|item| {
                guide
                    .content
                    .material(&item.material_id)
                    .map(|m| CorrectionEntry::from_guide(m, item))
                    .ok_or_else(|| CorrectionNoticeError::MaterialNotInGuide {
                        material_id: item.material_id.clone(),
                        version: guide.number,
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let submit_to = guide
            .content
            .windows
            .first()
            .map(|w| format!("{}（{}）", w.name.trim(), w.address.trim()));
        Ok(CorrectionNotice {
            header,
            applicant: case.applicant.name.clone(),
            item_name: guide.item.name.clone(),
            applied_on: china_date(&case.submission_received_at),
            entries,
            submit_to,
            legal_basis: Self::default_basis(),
        })
    }

    pub fn render(&self, font: &DocumentFont) -> Result<RenderedDocument, RenderError> {
        required("applicant", &self.applicant)?;
        required("item_name", &self.item_name)?;
        if self.entries.is_empty() {
            return Err(RenderError::MissingField { field: "entries" });
        }
        let table = Table {
            columns: vec![
                Column {
                    title: "序号".into(),
                    fixed_em: Some(2.0),
                    weight: 0.0,
                    centered: true,
                },
                Column {
                    title: "材料名称".into(),
                    fixed_em: None,
                    weight: 3.0,
                    centered: false,
                },
                Column {
                    title: "需要补正的内容".into(),
                    fixed_em: None,
                    weight: 4.0,
                    centered: false,
                },
                Column {
                    title: "原件/复印件".into(),
                    fixed_em: Some(6.0),
                    weight: 0.0,
                    centered: true,
                },
            ],
            rows: self
                .entries
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    vec![
                        (i + 1).to_string(),
                        e.material.trim().to_owned(),
                        e.problem.trim().to_owned(),
                        // A narrow column: original and copy on lines of their own.
                        e.form.trim().replace('、', "、\n"),
                    ]
                })
                .collect(),
        };
        let submit = match self.submit_to.as_deref().map(str::trim) {
            Some(place) if !place.is_empty() => format!("一并提交至{place}"),
            _ => "一并提交至原收件窗口".to_owned(),
        };
        let blocks = vec![
            Block::Addressee(self.applicant.clone()),
            Block::Paragraph(format!(
                "你（单位）于{}提出的{}申请（办件编号：{}），经审查，申请材料不齐全或者不符合法定形式。\
                 根据{}的规定，现将需要补正的全部材料一次性告知如下（共{}项）：",
                date_zh(self.applied_on),
                self.item_name.trim(),
                self.header.case_number.trim(),
                legal_basis_zh(&self.legal_basis),
                self.entries.len(),
            )),
            Block::Space(0.25),
            Block::Table(table),
            Block::Space(0.5),
            Block::Paragraph(format!(
                "请你（单位）按照上述要求补正全部材料后，{submit}。补正的材料齐全、符合法定形式的，\
                 本机关予以受理，受理期限自收到全部补正材料之日起重新计算。"
            )),
            Block::Paragraph(
                "本告知书所列材料以外，本机关不再要求你（单位）补正其他材料。".to_owned(),
            ),
        ];
        render_letter(
            font,
            &Letter {
                kind: DocumentKind::CorrectionNotice,
                header: &self.header,
                addressee: &self.applicant,
                blocks,
            },
        )
    }
}
