//! 证照 (a certificate or licence): one page in a double frame, the title
//! in large type, the holder and the licensed particulars as labelled
//! rows, the validity, the issuing authority and date at the bottom right
//! (under the seal) and the verification QR code at the bottom left.
//!
//! A certificate is one page: long particulars are set smaller until they
//! fit, rather than running onto a second page no one would keep with it.

use chrono::NaiveDate;

use super::{date_zh, required, DocumentHeader, DocumentKind};
use crate::pdf::assemble;
use crate::pdf::font::DocumentFont;
use crate::pdf::letter::SEAL;
use crate::pdf::page::{Page, Rgb8, TextStyle, MM};
use crate::pdf::shaper::Shaper;
use crate::pdf::verify::{draw_qr, qr_matrix, qr_payload, verification_code};
use crate::pdf::wrap::wrap;
use crate::pdf::{RenderError, RenderedDocument, SealSlot};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Landscape,
    Portrait,
}

/// One labelled particular, e.g. `统一社会信用代码` / `91610100MA6U…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateField {
    pub label: String,
    pub value: String,
}

impl CertificateField {
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Self {
        CertificateField {
            label: label.into(),
            value: value.into(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// `department` is the issuing authority (发证机关), `document_number`
    /// the certificate's number (证书编号), `issued_on` the date of issue.
    pub header: DocumentHeader,
    /// e.g. `食品经营许可证`.
    pub title: String,
    /// e.g. `经营者名称`.
    pub holder_label: String,
    pub holder: String,
    /// The particulars between the holder and the scope, in order.
    pub fields: Vec<CertificateField>,
    /// e.g. `经营项目`, `许可范围`.
    pub scope_label: String,
    pub scope: String,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
    pub orientation: Orientation,
}

const FRAME: Rgb8 = Rgb8(150, 32, 28);
const GREY: Rgb8 = Rgb8(90, 90, 90);
const TITLE: f32 = 34.0;
const LABEL_GAP: f32 = 10.0;
/// Type sizes tried for the particulars, largest first.
const SIZES: [f32; 8] = [16.0, 15.0, 14.0, 13.0, 12.0, 11.0, 10.0, 9.0];

impl Certificate {
    pub fn render(&self, font: &DocumentFont) -> Result<RenderedDocument, RenderError> {
        self.header.check()?;
        required("title", &self.title)?;
        required("holder", &self.holder)?;
        required("scope", &self.scope)?;
        if self.valid_until < self.valid_from {
            return Err(RenderError::InvalidField {
                field: "valid_until",
                reason: format!(
                    "{} is before the start of validity {}",
                    date_zh(self.valid_until),
                    date_zh(self.valid_from)
                ),
            });
        }
        let kind = DocumentKind::Certificate;
        let code = verification_code(kind, &self.header, &self.holder);
        let qr = qr_matrix(&qr_payload(kind, &self.header, &code))?;
        let mut shaper = Shaper::new(font)?;
        let mut page = match self.orientation {
            Orientation::Landscape => Page::a4_landscape(),
            Orientation::Portrait => Page::a4_portrait(),
        };
        let (w, h) = (page.width, page.height);

        // The frame: a heavy outer rule and a thin inner one.
        let outer = 10.0 * MM;
        let inner = outer + 2.5 * MM;
        page.rect(
            (outer, outer, w - 2.0 * outer, h - 2.0 * outer),
            None,
            Some((FRAME, 3.0)),
        );
        page.rect(
            (inner, inner, w - 2.0 * inner, h - 2.0 * inner),
            None,
            Some((FRAME, 0.8)),
        );

        let left = inner + 16.0 * MM;
        let right = w - inner - 16.0 * MM;
        let center = w / 2.0;
        let mut y = inner + 12.0 * MM;
        page.text_right(
            &mut shaper,
            right,
            y,
            TextStyle::plain(12.0),
            &format!("编号：{}", self.header.document_number.trim()),
        );
        y += 22.0 * MM;
        page.text_centered_as(
            &mut shaper,
            center,
            y,
            TextStyle::bold(TITLE).with_color(FRAME),
            &spread(self.title.trim()),
            self.title.trim(),
        );
        y += 16.0 * MM;

        // The particulars fill the space down to the issuing band.
        let band = SEAL + 6.0 * MM;
        let bottom = h - inner - band;
        let mut rows: Vec<(String, String)> = Vec::new();
        rows.push((
            self.holder_label.trim().to_owned(),
            self.holder.trim().to_owned(),
        ));
        for field in &self.fields {
            rows.push((field.label.trim().to_owned(), field.value.trim().to_owned()));
        }
        rows.push((
            self.scope_label.trim().to_owned(),
            self.scope.trim().to_owned(),
        ));
        rows.push((
            "有效期限".to_owned(),
            format!(
                "自{}至{}",
                date_zh(self.valid_from),
                date_zh(self.valid_until)
            ),
        ));
        let fit = SIZES
            .iter()
            .copied()
            .find_map(|size| {
                let laid = lay_out_rows(&shaper, &rows, size, left, right);
                (laid.height <= bottom - y).then_some((size, laid))
            })
            .ok_or(RenderError::TooLong {
                what: "the certificate's particulars",
            })?;
        let (size, laid) = fit;
        let line_height = size * 1.75;
        // The block of particulars sits in the middle of the frame.
        let block = laid.label_width + LABEL_GAP + laid.value_width;
        let fields_left = (center - block / 2.0).max(left);
        for (label, lines) in &laid.rows {
            page.text_right(
                &mut shaper,
                fields_left + laid.label_width,
                y + size,
                TextStyle::plain(size).with_color(GREY),
                &format!("{label}："),
            );
            for line in lines {
                page.text(
                    &mut shaper,
                    fields_left + laid.label_width + LABEL_GAP,
                    y + size,
                    TextStyle::plain(size),
                    line,
                );
                y += line_height;
            }
            y += size * 0.35;
        }

        // The issuing authority and date, with the seal over them.
        let issuing = TextStyle::plain(15.0);
        // High enough that the seal's lower edge stays inside the frame.
        let date_line = h - inner - 19.0 * MM;
        let department_line = date_line - 26.0;
        let department = format!("发证机关：{}", self.header.department.trim());
        let date = format!("发证日期：{}", date_zh(self.header.issued_on));
        let block = shaper
            .width(&department, 15.0)
            .max(shaper.width(&date, 15.0));
        let block_left = right - block;
        page.text(
            &mut shaper,
            block_left,
            department_line,
            issuing,
            &department,
        );
        page.text(&mut shaper, block_left, date_line, issuing, &date);
        // Centred on the values (after the labels), which the seal covers.
        let label = shaper.width("发证机关：", 15.0);
        let seal_cx = (block_left + label + right) / 2.0;
        let seal_cy = (department_line + date_line) / 2.0 - 15.0 * 0.3;
        let half = SEAL / 2.0;
        let seal_slot = SealSlot {
            page_index: 0,
            rect: [
                seal_cx - half,
                h - (seal_cy + half),
                seal_cx + half,
                h - (seal_cy - half),
            ],
        };

        let qr_size = 24.0 * MM;
        let qr_top = h - inner - 8.0 * MM - qr_size;
        draw_qr(&mut page, &qr, left, qr_top, qr_size);
        let text_x = left + qr_size + 10.0;
        let small = TextStyle::plain(10.5).with_color(GREY);
        page.text(&mut shaper, text_x, qr_top + 16.0, small, "验证码");
        page.text(
            &mut shaper,
            text_x,
            qr_top + 36.0,
            TextStyle::plain(14.0),
            &code,
        );
        page.text(
            &mut shaper,
            text_x,
            qr_top + 56.0,
            small,
            &format!("办件编号：{}", self.header.case_number.trim()),
        );

        let used = shaper.finish()?;
        let meta = assemble::Meta {
            title: format!(
                "{}（{}）",
                self.title.trim(),
                self.header.document_number.trim()
            ),
            subject: format!("办件编号：{}", self.header.case_number.trim()),
            author: self.header.department.trim().to_owned(),
            date: Some(self.header.issued_on),
            identity: format!("{}\n{}", kind.code(), code),
        };
        let pdf = assemble::assemble(font, &used, vec![page], &meta)?;
        Ok(RenderedDocument {
            pdf,
            seal_slot,
            verification_code: code,
        })
    }
}

/// A certificate's title is set with a space between the characters.
fn spread(title: &str) -> String {
    let mut out = String::new();
    for (i, c) in title.chars().enumerate() {
        if i > 0 && !c.is_ascii() {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

struct LaidRows {
    label_width: f32,
    /// The widest value line.
    value_width: f32,
    rows: Vec<(String, Vec<String>)>,
    height: f32,
}

fn lay_out_rows(
    shaper: &Shaper<'_>,
    rows: &[(String, String)],
    size: f32,
    left: f32,
    right: f32,
) -> LaidRows {
    let label_width = rows
        .iter()
        .map(|(label, _)| shaper.width(&format!("{label}："), size))
        .fold(0.0, f32::max);
    let value_width = (right - left - label_width - LABEL_GAP).max(size * 4.0);
    let measure = |c: char| shaper.advance(c) * size;
    let mut height = 0.0;
    let mut widest: f32 = 0.0;
    let laid = rows
        .iter()
        .map(|(label, value)| {
            let lines: Vec<String> = value
                .split('\n')
                .flat_map(|part| wrap(part, value_width, value_width, &measure))
                .map(|l| {
                    widest = widest.max(l.width);
                    l.text
                })
                .collect();
            height += lines.len() as f32 * size * 1.75 + size * 0.35;
            (label.clone(), lines)
        })
        .collect();
    LaidRows {
        label_width,
        value_width: widest,
        rows: laid,
        height,
    }
}
