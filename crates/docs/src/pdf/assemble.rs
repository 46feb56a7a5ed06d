//! Drawn pages to PDF bytes: the font subset to the glyphs used, embedded
//! as a Type0/CIDFontType2 font with a ToUnicode map (through printpdf),
//! and a file that is the same byte for byte for the same input.
//!
//! printpdf can subset only with its `text_layout` feature (the azul layout
//! engine); we subset with allsorts, which printpdf uses for that anyway,
//! and hand printpdf the subset as if it were the whole font. The content
//! streams then name glyphs by their subset ids, and every glyph carries
//! the character it shows, from which printpdf writes /ToUnicode (so
//! copying text and `pdftotext` give the characters back).

use std::collections::BTreeMap;

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use allsorts::tag;
use chrono::NaiveDate;
use flate2::write::ZlibEncoder;
use flate2::Compression;
use lopdf::{Dictionary, Object, StringFormat};
use printpdf::{
    FontId, Op, ParsedFont, PdfDocument, PdfFont, PdfPage, PdfParseErrorSeverity, PdfSaveOptions,
    Pt, Rect, TextItem,
};
use sha2::{Digest, Sha256};

use super::font::DocumentFont;
use super::page::{Page, FONT_RESOURCE};
use super::RenderError;

/// What the document says about itself (the Info dictionary).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Meta {
    pub title: String,
    pub subject: String,
    pub author: String,
    /// The document's date; also its creation date, so the file depends on
    /// the input only. `None`: no dates.
    pub date: Option<NaiveDate>,
    /// Identifies the document: the trailer /ID is derived from it.
    pub identity: String,
}

/// The subset font program and the old → new glyph ids.
struct Subset {
    bytes: Vec<u8>,
    remap: BTreeMap<u16, u16>,
}

fn subset_font(font: &DocumentFont, used: &BTreeMap<u16, char>) -> Result<Subset, RenderError> {
    let fail = |e: &dyn std::fmt::Display| RenderError::Subset(format!("{}: {e}", font.name()));
    let data = ReadScope::new(font.bytes())
        .read::<FontData<'_>>()
        .map_err(|e| fail(&e))?;
    let provider = data
        .table_provider(font.face_index() as usize)
        .map_err(|e| fail(&e))?;
    // .notdef must come first; allsorts numbers the new glyphs by their
    // place in this list.
    let ids: Vec<u16> = std::iter::once(0)
        .chain(used.keys().copied().filter(|&gid| gid != 0))
        .collect();
    // Only what a PDF reader needs to draw glyphs by id: no cmap (the
    // content names glyph ids and /ToUnicode maps them to text), no name or
    // post tables (UMing's post table alone is 270 KB of glyph names).
    let profile = SubsetProfile::Custom(vec![
        tag::HEAD,
        tag::HHEA,
        tag::HMTX,
        tag::MAXP,
        tag::CVT,
        tag::FPGM,
        tag::PREP,
    ]);
    let bytes =
        subset(&provider, &ids, &profile, CmapTarget::Unrestricted).map_err(|e| fail(&e))?;
    let remap = ids
        .iter()
        .enumerate()
        .filter_map(|(new, &old)| Some((old, u16::try_from(new).ok()?)))
        .collect();
    Ok(Subset { bytes, remap })
}

/// Six capital letters from the glyph set: the subset tag (ISO 32000-1,
/// 9.6.4) that tells a reader this is not the whole font.
fn subset_tag(used: &BTreeMap<u16, char>) -> String {
    let mut hash = Sha256::new();
    for gid in used.keys() {
        hash.update(gid.to_be_bytes());
    }
    hash.finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

/// A PostScript-style name: ASCII letters and digits only.
fn postscript_name(family: &str) -> String {
    let name: String = family.chars().filter(char::is_ascii_alphanumeric).collect();
    if name.is_empty() {
        "CJKFont".to_owned()
    } else {
        name
    }
}

fn pdf_date(date: NaiveDate) -> String {
    // Documents are dated in China Standard Time.
    format!("D:{}000000+08'00'", date.format("%Y%m%d"))
}

fn text_string(text: &str) -> Object {
    // UTF-16BE with a byte order mark: the PDF text string for non-Latin text.
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Builds the PDF. `used` is the glyph set the shaper recorded while the
/// pages were drawn with the whole face's glyph ids.
pub(crate) fn assemble(
    font: &DocumentFont,
    used: &BTreeMap<u16, char>,
    pages: Vec<Page>,
    meta: &Meta,
) -> Result<Vec<u8>, RenderError> {
    let subset = subset_font(font, used)?;
    let mut warnings = Vec::new();
    let mut parsed =
        ParsedFont::from_bytes(&subset.bytes, 0, &mut Vec::new()).ok_or_else(|| {
            RenderError::Subset(format!("{}: the subset font does not parse", font.name()))
        })?;
    parsed.font_name = Some(format!(
        "{}+{}",
        subset_tag(used),
        postscript_name(font.name())
    ));

    let mut doc = PdfDocument::new(&meta.title);
    doc.resources
        .fonts
        .map
        .insert(FontId(FONT_RESOURCE.to_owned()), PdfFont::new(parsed));
    doc.pages = pages
        .into_iter()
        .map(|page| {
            let size = Rect::from_wh(Pt(page.width), Pt(page.height));
            let mut ops = page.ops;
            renumber_glyphs(&mut ops, &subset.remap);
            PdfPage {
                media_box: size.clone(),
                trim_box: size.clone(),
                crop_box: size,
                ops,
            }
        })
        .collect();

    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut pdf = printpdf::to_lopdf_doc(&doc, &options, &mut warnings);
    if let Some(error) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(RenderError::Pdf(error.msg.clone()));
    }
    finish(&mut pdf, meta)?;
    compress(&mut pdf)?;
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .map_err(|e| RenderError::Pdf(e.to_string()))?;
    Ok(bytes)
}

/// Deflates every stream not yet filtered. lopdf's own `compress` uses the
/// best (slowest) level, which takes longer than all the rest of a document
/// and saves about 1% on a font program.
fn compress(pdf: &mut lopdf::Document) -> Result<(), RenderError> {
    use std::io::Write as _;
    for object in pdf.objects.values_mut() {
        if let Object::Stream(stream) = object {
            if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
                continue;
            }
            let mut encoder = ZlibEncoder::new(Vec::new(), Compression::default());
            encoder
                .write_all(&stream.content)
                .and_then(|()| encoder.finish())
                .map(|compressed| {
                    if compressed.len() < stream.content.len() {
                        stream.dict.set("Filter", "FlateDecode");
                        stream.set_content(compressed);
                    }
                })
                .map_err(|e| RenderError::Pdf(format!("deflate: {e}")))?;
        }
    }
    Ok(())
}

/// The whole face's glyph ids in the content streams → the subset's.
fn renumber_glyphs(ops: &mut [Op], remap: &BTreeMap<u16, u16>) {
    for op in ops {
        if let Op::ShowText { items } = op {
            for item in items {
                if let TextItem::GlyphIds(glyphs) = item {
                    for glyph in glyphs {
                        glyph.gid = remap.get(&glyph.gid).copied().unwrap_or(0);
                    }
                }
            }
        }
    }
}

/// Replaces what printpdf makes up (a random /ID, epoch dates, PDF/X
/// markers that do not apply) with what the input says, and marks the
/// document's language.
fn finish(pdf: &mut lopdf::Document, meta: &Meta) -> Result<(), RenderError> {
    // CID fonts with OpenType (CFF) programs need 1.6; say 1.7 for all.
    pdf.version = "1.7".to_owned();
    let mut info = Dictionary::new();
    info.set("Title", text_string(&meta.title));
    if !meta.subject.is_empty() {
        info.set("Subject", text_string(&meta.subject));
    }
    if !meta.author.is_empty() {
        info.set("Author", text_string(&meta.author));
    }
    info.set("Creator", text_string("Approval Desk (部门审批工作台)"));
    info.set("Producer", text_string("approval-docs with printpdf"));
    if let Some(date) = meta.date {
        let date = Object::String(pdf_date(date).into_bytes(), StringFormat::Literal);
        info.set("CreationDate", date.clone());
        info.set("ModDate", date);
    }
    let info_id = pdf.add_object(info);
    // The old Info object stays unreferenced; drop it so it is not written.
    if let Ok(old) = pdf.trailer.get(b"Info").and_then(Object::as_reference) {
        pdf.objects.remove(&old);
    }
    pdf.trailer.set("Info", Object::Reference(info_id));

    let id: Vec<u8> = Sha256::digest(meta.identity.as_bytes())
        .iter()
        .take(16)
        .copied()
        .collect();
    pdf.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );

    let root = pdf
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| RenderError::Pdf(format!("no catalog: {e}")))?;
    let catalog = pdf
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(|e| RenderError::Pdf(format!("no catalog: {e}")))?;
    catalog.set("Lang", Object::string_literal("zh-CN"));
    catalog.set(
        "ViewerPreferences",
        Object::Dictionary(Dictionary::from_iter(vec![(
            "DisplayDocTitle",
            Object::Boolean(true),
        )])),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_dates() {
        assert_eq!(postscript_name("AR PL UMing CN"), "ARPLUMingCN");
        assert_eq!(postscript_name("宋体"), "CJKFont");
        let date = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap_or_default();
        assert_eq!(pdf_date(date), "D:20260305000000+08'00'");
        let mut used = BTreeMap::new();
        used.insert(12, '受');
        let tag = subset_tag(&used);
        assert_eq!(tag.len(), 6);
        assert!(tag.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(tag, subset_tag(&used));
    }
}
