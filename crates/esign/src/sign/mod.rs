//! Signing a PDF: the signature is added as an incremental update (PDF
//! 12.8), so the bytes before it, earlier seals included, stay as they were.

mod form;
mod placeholder;

use chrono::{DateTime, FixedOffset};
use sha2::{Digest, Sha256};

use crate::appearance::{Appearance, Placement};
use crate::cms::{self, CmsError};
use crate::pdf::document::Document;
use crate::pdf::object::{Dictionary, Object, Stream};
use crate::pdf::{date, filter, incremental, text_string, PdfError};
use crate::signer::{Signer, SignerError};
use crate::timestamp::TimestampAuthority;

/// Room reserved for the CMS at least (bytes; the hex string is twice as
/// long): a two-certificate RSA chain needs about 3 KB.
const MIN_CONTENTS_CAPACITY: usize = 8192;

/// What to sign and how the signature presents itself.
#[derive(Debug, Clone)]
pub struct SignRequest {
    /// The signature field's name (/T), unique in the document.
    pub field_name: String,
    /// Why the document is signed (/Reason), e.g. "准予行政许可".
    pub reason: Option<String>,
    /// Where (/Location).
    pub location: Option<String>,
    /// Who (/Name), e.g. the department.
    pub name: Option<String>,
    /// The claimed signing time (/M); PAdES B-B has no signed time attribute.
    pub signing_time: DateTime<FixedOffset>,
    /// The visible seal; `None` signs invisibly (a zero rectangle on the
    /// first page).
    pub visible: Option<(Placement, Appearance)>,
}

/// Why a PDF could not be signed.
#[derive(Debug, thiserror::Error)]
pub enum SignError {
    #[error("无法读取待签 PDF：{0}")]
    Pdf(#[from] PdfError),
    #[error("PDF 已加密，不能签章")]
    Encrypted,
    #[error("PDF 没有页面")]
    NoPages,
    #[error("第 {index} 页不存在（共 {pages} 页）")]
    PageOutOfRange { index: usize, pages: usize },
    #[error("签名域名称为空")]
    EmptyFieldName,
    #[error("签名域“{0}”已存在")]
    FieldExists(String),
    #[error("签章失败：{0}")]
    Signer(#[from] SignerError),
    #[error("无法生成 CMS 签名：{0}")]
    Cms(#[from] CmsError),
    #[error("签名数据 {needed} 字节，超出预留的 {capacity} 字节")]
    SignatureTooLarge { needed: usize, capacity: usize },
    #[error("签名占位符无法定位")]
    Placeholder,
}

/// Signs `pdf` with `signer`: returns `pdf` followed by one incremental
/// update holding a PAdES B-B signature (/SubFilter /ETSI.CAdES.detached).
pub fn sign_pdf(
    pdf: &[u8],
    signer: &dyn Signer,
    request: &SignRequest,
) -> Result<Vec<u8>, SignError> {
    sign_pdf_with(pdf, signer, request, None)
}

/// [`sign_pdf`], and with a timestamp authority a PAdES B-T signature: the
/// TSA's token over the signature value goes into the CMS, so the seal's
/// time no longer rests on the signer's word alone.
pub fn sign_pdf_with(
    pdf: &[u8],
    signer: &dyn Signer,
    request: &SignRequest,
    tsa: Option<&dyn TimestampAuthority>,
) -> Result<Vec<u8>, SignError> {
    if request.field_name.is_empty() {
        return Err(SignError::EmptyFieldName);
    }
    let doc = Document::load(pdf)?;
    if doc.trailer().get(b"Encrypt").is_some() {
        return Err(SignError::Encrypted);
    }
    let pages = doc.pages()?;
    let page_index = request.visible.as_ref().map_or(0, |(p, _)| p.page_index);
    if pages.is_empty() {
        return Err(SignError::NoPages);
    }
    let page = pages.get(page_index).ok_or(SignError::PageOutOfRange {
        index: page_index,
        pages: pages.len(),
    })?;

    let first = doc.next_object_number();
    let sig_id = (first, 0);
    let widget_id = (first + 1, 0);
    let appearance_id = (first + 2, 0);

    let capacity = contents_capacity(signer) + tsa.map_or(0, |t| t.token_capacity());
    let text = |s: &Option<String>| s.as_deref().map(text_string::encode);
    let (reason, location, name) = (
        text(&request.reason),
        text(&request.location),
        text(&request.name),
    );
    let sig_dict = placeholder::signature_dictionary(
        capacity,
        &date::format(&request.signing_time),
        reason.as_deref(),
        location.as_deref(),
        name.as_deref(),
    );

    let rect = request.visible.as_ref().map_or([0.0; 4], |(p, _)| p.rect);
    let widget = widget(&request.field_name, rect, page.0, sig_id, appearance_id);
    let appearance = appearance_stream(request.visible.as_ref().map(|(_, a)| a));

    let mut objects = vec![
        (sig_id, Object::Dictionary(sig_dict)),
        (widget_id, Object::Dictionary(widget)),
        (appearance_id, Object::Stream(appearance)),
    ];
    objects.extend(form::add_field(&doc, page, widget_id, &request.field_name)?);

    let appended = incremental::append(&doc, &objects)?;
    let mut file = appended.bytes;
    let sig_offset = *appended
        .offsets
        .get(&sig_id.0)
        .ok_or(SignError::Placeholder)?;
    let slots = placeholder::locate(&file, sig_offset).ok_or(SignError::Placeholder)?;

    let range = placeholder::byte_range(&slots, file.len());
    if !placeholder::fill_byte_range(&mut file, &slots, range) {
        return Err(SignError::Placeholder);
    }
    let mut hasher = Sha256::new();
    hasher.update(&file[range[0]..range[0] + range[1]]);
    hasher.update(&file[range[2]..range[2] + range[3]]);
    let digest: [u8; 32] = hasher.finalize().into();

    let cms = match tsa {
        Some(tsa) => cms::build_timestamped_signed_data(signer, &digest, tsa)?,
        None => cms::build_signed_data(signer, &digest)?,
    };
    if !placeholder::fill_contents(&mut file, &slots, &cms) {
        return Err(SignError::SignatureTooLarge {
            needed: cms.len(),
            capacity,
        });
    }
    Ok(file)
}

/// Room for the CMS: the chain plus the attributes and the signature, with
/// slack, and never below [`MIN_CONTENTS_CAPACITY`].
fn contents_capacity(signer: &dyn Signer) -> usize {
    let chain: usize = signer.certificate_chain().iter().map(Vec::len).sum();
    let needed = chain + 4096;
    needed
        .div_ceil(1024)
        .saturating_mul(1024)
        .max(MIN_CONTENTS_CAPACITY)
}

/// The merged signature field and widget annotation.
fn widget(
    field_name: &str,
    rect: [f32; 4],
    page: (u32, u16),
    sig: (u32, u16),
    appearance: (u32, u16),
) -> Dictionary {
    let mut d = Dictionary::new();
    d.set(b"Type", Object::name("Annot"));
    d.set(b"Subtype", Object::name("Widget"));
    d.set(b"FT", Object::name("Sig"));
    d.set(b"T", Object::String(text_string::encode(field_name)));
    d.set(b"V", Object::Reference(sig));
    // Print (4): the seal shows on paper too.
    d.set(b"F", Object::Integer(4));
    d.set(
        b"Rect",
        Object::Array(rect.iter().map(|v| number(*v)).collect()),
    );
    d.set(b"P", Object::Reference(page));
    let mut ap = Dictionary::new();
    ap.set(b"N", Object::Reference(appearance));
    d.set(b"AP", Object::Dictionary(ap));
    d
}

/// The appearance form XObject; an empty one for invisible signatures,
/// since PDF 2.0 wants /AP on every widget.
fn appearance_stream(appearance: Option<&Appearance>) -> Stream {
    let (width, height, content) = match appearance {
        Some(a) => (a.width, a.height, a.content.as_slice()),
        None => (0.0, 0.0, &[][..]),
    };
    let mut dict = Dictionary::new();
    dict.set(b"Type", Object::name("XObject"));
    dict.set(b"Subtype", Object::name("Form"));
    dict.set(
        b"BBox",
        Object::Array(vec![
            Object::Integer(0),
            Object::Integer(0),
            number(width),
            number(height),
        ]),
    );
    dict.set(b"Resources", Object::Dictionary(Dictionary::new()));
    let data = if content.is_empty() {
        Vec::new()
    } else {
        dict.set(b"Filter", Object::name("FlateDecode"));
        filter::deflate(content)
    };
    Stream { dict, data }
}

/// A coordinate as an integer when it is one, else a real with the
/// precision f32 really has.
fn number(v: f32) -> Object {
    if v.fract() == 0.0 && v.abs() < 1e9 {
        Object::Integer(v as i64)
    } else {
        Object::Real((f64::from(v) * 1000.0).round() / 1000.0)
    }
}
