//! Result documents with e-seals (电子印章, DESIGN.md 3.4; Art 8, 12):
//! rendering a result document through `approval_docs` and sealing it
//! through `approval_esign` with a visible seal; sealing a PDF as it is;
//! opening the seal key (a PKCS#12 file or a PKCS#11 token, its password
//! or PIN from the OS keyring or the environment); and verifying every
//! e-seal of a PDF against given roots.
//!
//! CPU work of tens of milliseconds a document: call it off the async
//! workers. Nothing here reads the clock: the signing time is passed in.

/// What front ends name of the documents and seals layers: the result
/// documents and their samples, the key kinds, signers and password
/// sources, and the verifier's report. Front ends reach docs and esign
/// only through here (`tests/architecture.rs`).
pub use approval_docs::{sample_documents, ResultDocument};
pub use approval_esign::keys::KeyKind;
pub use approval_esign::verify::{Coverage, Report, SignatureReport};
pub use approval_esign::{PasswordSource, Signer};

use std::fmt::Display;
use std::path::Path;

use approval_core::error_code::ErrorCode;
use approval_docs::font::DocumentFont;
use approval_docs::{RenderError, RenderedDocument};
use approval_esign::attack_corpus::{self, CorpusInput};
pub use approval_esign::attack_corpus::{AttackClass, CorpusFile, Expected};
use approval_esign::cms::CmsError;
use approval_esign::pkcs11::KeyRef;
use approval_esign::pkcs12::Pkcs12Signer;
use approval_esign::testca::TestCa;
pub use approval_esign::timestamp::{
    RemoteTimestampAuthority, TimestampAuthority, TimestampError, TimestampTransport,
};
use approval_esign::verify::{verify_pdf_with, Crl, VerifyOptions};
use approval_esign::{
    seal_appearance, sign_pdf_with, Appearance, Pkcs11Signer, Placement, SealSpec, SignError,
    SignRequest,
};
use chrono::{DateTime, Duration, FixedOffset, Utc};

use crate::ApiError;

/// Points per millimetre (PDF user space is 1/72 inch).
pub const PT_PER_MM: f32 = 72.0 / 25.4;
/// An official seal (公章) is 42 mm across.
pub const SEAL_DIAMETER_MM: f32 = 42.0;
/// Where a seal goes when not told: on an A4 page, over the issuing line at
/// the lower right, where the templates put it (millimetres from the
/// lower-left corner).
pub const DEFAULT_SEAL_CENTRE_MM: (f32, f32) = (150.0, 70.0);
/// The department's seal for approvals.
pub const APPROVAL_SEAL_PURPOSE: &str = "行政审批专用章";
/// Why an approval decision is sealed.
pub const APPROVAL_SEAL_REASON: &str = "准予行政许可决定书电子签章";

/// An e-seal could not be made or read.
fn seal_failed(error: impl Display) -> ApiError {
    ApiError::new(
        ErrorCode::SealFailed,
        format!("电子签章失败：{error}"),
        format!("e-seal: {error}"),
    )
}

fn keyring_failed(error: impl Display) -> ApiError {
    ApiError::new(
        ErrorCode::KeyringFailed,
        format!("系统密钥环操作失败：{error}"),
        format!("e-seal: {error}"),
    )
}

fn document_failed(error: RenderError) -> ApiError {
    let code = match error {
        RenderError::Font(_) => ErrorCode::FontMissing,
        _ => ErrorCode::DocumentFailed,
    };
    ApiError::new(
        code,
        format!("文书无法生成：{error}"),
        format!("cannot render the document: {error}"),
    )
}

/// The configured font (no fallback when one is configured), else the
/// first usable Chinese font of the system.
pub fn discover_font(configured: Option<&Path>) -> Result<DocumentFont, ApiError> {
    DocumentFont::discover(configured).map_err(|e| document_failed(RenderError::Font(e)))
}

/// A throwaway root and a seal certificate under it, for demonstrations and
/// benchmarks (never for a real result).
pub struct TestSeal {
    ca: TestCa,
    signer: Pkcs12Signer,
}

impl TestSeal {
    /// A root and a seal certificate for `department` with keys of `kind`,
    /// valid from a day before `at` for a year.
    pub fn issue(
        department: &str,
        kind: KeyKind,
        at: DateTime<FixedOffset>,
    ) -> Result<Self, ApiError> {
        let from = at.with_timezone(&Utc) - Duration::days(1);
        let until = from + Duration::days(366);
        let ca = TestCa::generate("Approval Desk demo root CA", kind, from, until)
            .map_err(seal_failed)?;
        let signer = ca
            .issue_seal(department, kind, from, until)
            .map_err(seal_failed)?;
        Ok(Self { ca, signer })
    }

    /// The seal's signer.
    pub fn signer(&self) -> &Pkcs12Signer {
        &self.signer
    }

    /// The root certificate, PEM (what a verifier is told to trust).
    pub fn root_pem(&self) -> Result<String, ApiError> {
        self.ca.root_pem().map_err(seal_failed)
    }

    /// The seal's key and chain as a PKCS#12 key file (.p12) under
    /// `password`, as a department's seal key file is handed over — for
    /// demonstrations and tests, where the window seals with a key file.
    pub fn to_pkcs12(&self, password: &str) -> Result<Vec<u8>, ApiError> {
        self.signer.to_pkcs12(password, "seal").map_err(seal_failed)
    }
}

/// The attack corpus built on one sealed letter, and the root of the seals
/// the corpus adds (trust it beside the letter's own to judge the files).
pub struct AttackCorpus {
    pub files: Vec<CorpusFile>,
    pub root_pem: String,
}

/// Builds every published attack on PDF signatures (and the controls) on
/// top of `sealed`, a PDF with one seal, for holding a verifier to them: a
/// second seal under a fresh test root and a stranger's seal under a root
/// nobody trusts, all dated `at`.
pub fn attack_corpus_on(
    sealed: &[u8],
    at: DateTime<FixedOffset>,
) -> Result<AttackCorpus, ApiError> {
    let from = at.with_timezone(&Utc) - Duration::days(1);
    let until = from + Duration::days(366);
    let kind = KeyKind::P256;
    let ca = TestCa::generate("攻击样本测试根 CA", kind, from, until).map_err(seal_failed)?;
    let trusted = ca
        .issue_seal("自然资源和规划局", kind, from, until)
        .map_err(seal_failed)?;
    let stranger = TestCa::generate("不受信任的根 CA", kind, from, until)
        .and_then(|other| other.issue_seal("冒名单位", kind, from, until))
        .map_err(seal_failed)?;
    let files = attack_corpus::build(&CorpusInput {
        sealed,
        trusted: &trusted,
        untrusted: &stranger,
        signing_time: at,
    })
    .map_err(|e| {
        ApiError::new(
            ErrorCode::SealFailed,
            e.to_string(),
            format!("the attack corpus cannot be built on this file: {e}"),
        )
    })?;
    Ok(AttackCorpus {
        files,
        root_pem: ca.root_pem().map_err(seal_failed)?,
    })
}

/// A seal drawn once, and where it goes.
pub struct VisibleSeal {
    appearance: Appearance,
    department: String,
    placement: Placement,
}

impl VisibleSeal {
    /// Draws `spec` in `font` (42 mm across), centred at `centre` (points
    /// from the lower-left corner) of page `page_index`.
    pub fn drawn(
        spec: &SealSpec,
        font: &DocumentFont,
        page_index: usize,
        centre: (f32, f32),
    ) -> Result<Self, ApiError> {
        let diameter = SEAL_DIAMETER_MM * PT_PER_MM;
        let appearance = seal_appearance(spec, font.bytes(), font.face_index(), diameter)
            .map_err(seal_failed)?;
        Ok(Self {
            appearance,
            department: spec.department.clone(),
            placement: placement(page_index, centre),
        })
    }

    /// The department's approval seal (行政审批专用章), not yet placed: put
    /// it over a document with [`VisibleSeal::moved_over`].
    pub fn approval_seal(department: &str, font: &DocumentFont) -> Result<Self, ApiError> {
        let spec = seal_spec(department, APPROVAL_SEAL_PURPOSE);
        Self::drawn(&spec, font, 0, (0.0, 0.0))
    }

    /// The same seal over `document`'s issuing line: a batch draws its
    /// seal once and moves it over each letter.
    pub fn moved_over(&self, document: &RenderedDocument) -> Self {
        let [llx, lly, urx, ury] = document.seal_slot.rect;
        let centre = ((llx + urx) / 2.0, (lly + ury) / 2.0);
        Self {
            appearance: self.appearance.clone(),
            department: self.department.clone(),
            placement: placement(document.seal_slot.page_index, centre),
        }
    }

    /// The department the seal names.
    pub fn department(&self) -> &str {
        &self.department
    }

    /// Where the seal goes.
    pub fn placement(&self) -> Placement {
        self.placement
    }
}

/// A seal's square on its page, around `centre`.
fn placement(page_index: usize, (x, y): (f32, f32)) -> Placement {
    let half = SEAL_DIAMETER_MM * PT_PER_MM / 2.0;
    Placement {
        page_index,
        rect: [x - half, y - half, x + half, y + half],
    }
}

/// What a seal of `department` for `purpose` says (no code number).
pub fn seal_spec(department: &str, purpose: &str) -> SealSpec {
    SealSpec {
        department: department.to_owned(),
        purpose: purpose.to_owned(),
        code: None,
    }
}

/// How a seal is dated: the signing time it claims (/M) and, where a
/// timestamp authority (时间戳服务) is configured, the RFC 3161 timestamp
/// that vouches for it (PAdES B-T).
#[derive(Clone, Copy)]
pub struct SealDating<'a> {
    pub claimed: DateTime<FixedOffset>,
    pub tsa: Option<&'a dyn TimestampAuthority>,
}

/// A seal dated by its claimed time alone (PAdES B-B).
impl From<DateTime<FixedOffset>> for SealDating<'_> {
    fn from(claimed: DateTime<FixedOffset>) -> Self {
        Self { claimed, tsa: None }
    }
}

/// Adds one e-seal to `pdf`, dated by `dating`: the visible seal as the
/// signature's appearance, or none.
pub fn seal_pdf<'a>(
    pdf: &[u8],
    signer: &dyn Signer,
    seal: Option<&VisibleSeal>,
    reason: &str,
    location: Option<&str>,
    dating: impl Into<SealDating<'a>>,
) -> Result<Vec<u8>, ApiError> {
    let dating = dating.into();
    // A document that cannot be read fails below, in `sign_pdf`, with its reason.
    let existing = approval_esign::signature_count(pdf).unwrap_or(0);
    let request = SignRequest {
        field_name: format!("电子印章{}", existing + 1),
        reason: Some(reason.to_owned()),
        location: location.map(str::to_owned),
        name: seal.map(|s| s.department.clone()),
        signing_time: dating.claimed,
        visible: seal.map(|s| (s.placement, s.appearance.clone())),
    };
    sign_pdf_with(pdf, signer, &request, dating.tsa).map_err(|error| match error {
        SignError::Cms(CmsError::Timestamp(e)) => ApiError::new(
            ErrorCode::TimestampFailed,
            format!("未能取得签名时间戳，未签章：{e}"),
            format!("no signature timestamp could be had, nothing was sealed: {e}"),
        ),
        other => seal_failed(other),
    })
}

/// Renders a result document in `font`.
pub fn render_result(
    document: &ResultDocument,
    font: &DocumentFont,
) -> Result<RenderedDocument, ApiError> {
    document.render(font).map_err(document_failed)
}

/// A result document, rendered and sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedResult {
    pub pdf: Vec<u8>,
    /// The code printed beside the document's QR code.
    pub verification_code: String,
}

/// Renders `document` in `font` and seals it with `seal` (drawn once,
/// moved over the document's issuing line) through `signer` at `at`.
pub fn render_and_seal<'a>(
    document: &ResultDocument,
    font: &DocumentFont,
    seal: &VisibleSeal,
    signer: &dyn Signer,
    reason: &str,
    location: Option<&str>,
    at: impl Into<SealDating<'a>>,
) -> Result<SealedResult, ApiError> {
    let rendered = render_result(document, font)?;
    let placed = seal.moved_over(&rendered);
    let pdf = seal_pdf(&rendered.pdf, signer, Some(&placed), reason, location, at)?;
    Ok(SealedResult {
        pdf,
        verification_code: rendered.verification_code,
    })
}

/// A visible seal on a PDF as it is.
#[derive(Debug, Clone, PartialEq)]
pub struct VisibleSealRequest {
    /// The department the seal names; `None`: the seal certificate's
    /// organisation.
    pub department: Option<String>,
    /// 印章用途, e.g. 行政审批专用章.
    pub purpose: String,
    /// The page (0-based); `None`: the last page.
    pub page_index: Option<usize>,
    /// The seal's centre in millimetres from the lower-left corner;
    /// `None`: [`DEFAULT_SEAL_CENTRE_MM`].
    pub centre_mm: Option<(f32, f32)>,
}

/// Seals `pdf` through `signer` at `at`: with the visible seal `visible`
/// asks for, drawn in its font, or invisibly.
pub fn seal_document<'a>(
    pdf: &[u8],
    signer: &dyn Signer,
    visible: Option<(&VisibleSealRequest, &DocumentFont)>,
    reason: &str,
    location: Option<&str>,
    at: impl Into<SealDating<'a>>,
) -> Result<Vec<u8>, ApiError> {
    let seal = match visible {
        None => None,
        Some((request, font)) => {
            let department = match &request.department {
                Some(department) => department.clone(),
                None => approval_esign::certificate_organization(signer.certificate_chain())
                    .ok_or_else(|| {
                        ApiError::invalid_input(
                            "签章证书未载明单位名称：请指定单位（--department NAME）",
                            "the seal certificate names no organisation: pass --department NAME",
                        )
                        .at_field("department")
                    })?,
            };
            let (x, y) = request.centre_mm.unwrap_or(DEFAULT_SEAL_CENTRE_MM);
            let page_index = match request.page_index {
                Some(page) => page,
                None => approval_esign::page_count(pdf)
                    .map_err(seal_failed)?
                    .saturating_sub(1),
            };
            let spec = seal_spec(&department, &request.purpose);
            let centre = (x * PT_PER_MM, y * PT_PER_MM);
            Some(VisibleSeal::drawn(&spec, font, page_index, centre)?)
        }
    };
    seal_pdf(pdf, signer, seal.as_ref(), reason, location, at)
}

/// An OS keyring entry, `SERVICE/ACCOUNT`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyringEntry {
    pub service: String,
    pub account: String,
}

impl KeyringEntry {
    /// `SERVICE/ACCOUNT`, split; both parts non-empty.
    pub fn parse(entry: &str) -> Result<Self, ApiError> {
        entry
            .split_once('/')
            .filter(|(service, account)| !service.is_empty() && !account.is_empty())
            .map(|(service, account)| Self {
                service: service.to_owned(),
                account: account.to_owned(),
            })
            .ok_or_else(|| {
                ApiError::invalid_input(
                    format!("密钥环条目“{entry}”有误：应为“服务/账户”，例如 approval-desk/seal"),
                    format!(
                        "keyring entry {entry}: expected SERVICE/ACCOUNT, e.g. approval-desk/seal"
                    ),
                )
            })
    }

    /// Where a signer reads the secret kept under this entry.
    pub fn source(&self) -> PasswordSource {
        PasswordSource::Keyring {
            service: self.service.clone(),
            account: self.account.clone(),
        }
    }
}

/// Keeps the secret read from `secret` in the OS keyring under `entry`.
pub fn remember_password(entry: &KeyringEntry, secret: &PasswordSource) -> Result<(), ApiError> {
    let secret = secret.read().map_err(keyring_failed)?;
    approval_esign::store_in_keyring(&entry.service, &entry.account, &secret)
        .map_err(keyring_failed)
}

/// Removes the secret kept under `entry` (an entry not there counts as
/// removed).
pub fn forget_password(entry: &KeyringEntry) -> Result<(), ApiError> {
    approval_esign::delete_from_keyring(&entry.service, &entry.account).map_err(keyring_failed)
}

/// Opens the PKCS#12 key file `file_name` (its bytes `p12`) with the
/// password read from `password`.
pub fn open_p12_signer(
    file_name: &str,
    p12: &[u8],
    password: &PasswordSource,
) -> Result<Pkcs12Signer, ApiError> {
    let password = password.read().map_err(seal_failed)?;
    Pkcs12Signer::open(p12, &password).map_err(|e| seal_failed(format!("{file_name}: {e}")))
}

/// The seal key `key_label` on the PKCS#11 token `token` (a USB key)
/// through `module`, unlocked with the PIN read from `pin`; its chain from
/// the certificate file `chain` (name, bytes) when given, else from the
/// token.
pub fn open_token_signer(
    module: &Path,
    token: &str,
    key_label: &str,
    pin: &PasswordSource,
    chain: Option<(&str, &[u8])>,
) -> Result<Pkcs11Signer, ApiError> {
    let pin = pin.read().map_err(seal_failed)?;
    let chain = match chain {
        Some((name, bytes)) => Some(
            approval_esign::read_certificates(bytes)
                .map_err(|why| seal_failed(format!("{name}: {why}")))?,
        ),
        None => None,
    };
    Pkcs11Signer::open(
        module,
        token,
        &KeyRef::Label(key_label.to_owned()),
        &pin,
        chain,
    )
    .map_err(seal_failed)
}

/// Verifies every e-seal of `pdf` (named `name`) against `roots` (PEM or
/// DER certificates). A bad signature is no error: the report says so.
pub fn verify_pdf_against<R: AsRef<[u8]>>(
    name: &str,
    pdf: &[u8],
    roots: &[R],
) -> Result<Report, ApiError> {
    verify_pdf_against_with_crls::<R, &[u8]>(name, pdf, roots, &[])
}

/// [`verify_pdf_against`] that also checks the certificates of each path
/// against the certificate revocation lists `crls` (each `(its name, PEM
/// or DER)`): a revoked signer or intermediate is untrusted, and so is a
/// path whose CRL does not verify or has expired at the signing time. A
/// file that is not a CRL is an error (`crl_unreadable`).
pub fn verify_pdf_against_with_crls<R: AsRef<[u8]>, C: AsRef<[u8]>>(
    name: &str,
    pdf: &[u8],
    roots: &[R],
    crls: &[(String, C)],
) -> Result<Report, ApiError> {
    let crls = read_crls(crls)?;
    let options = VerifyOptions {
        trust_roots: roots.iter().map(|r| r.as_ref().to_vec()).collect(),
        crls,
    };
    verify_pdf_with(pdf, &options).map_err(|error| {
        ApiError::new(
            crate::error::verify_error_code(&error),
            format!("文件“{name}”无法验章：{error}"),
            format!("e-seal: {name}: {error}"),
        )
    })
}

/// Reads each `(its name, PEM or DER)` as a certificate revocation list;
/// one that is none is an error naming it (`crl_unreadable`).
pub(crate) fn read_crls<C: AsRef<[u8]>>(crls: &[(String, C)]) -> Result<Vec<Crl>, ApiError> {
    crls.iter()
        .map(|(crl_name, bytes)| {
            Crl::from_bytes(bytes.as_ref()).map_err(|error| {
                ApiError::new(
                    ErrorCode::CrlUnreadable,
                    format!("“{crl_name}”不是可用的证书吊销列表：{error}"),
                    format!("{crl_name} is not a usable certificate revocation list: {error}"),
                )
            })
        })
        .collect()
}

/// What a profile's trust folder holds: the roots to trust (every file)
/// and the certificate revocation lists given locally (`*.crl`), each with
/// its file name.
#[derive(Debug, Clone, Default)]
pub struct TrustFolder {
    pub roots: Vec<(String, Vec<u8>)>,
    pub crls: Vec<(String, Vec<u8>)>,
}

/// Reads the trust folder of the profile whose database is `database`
/// (empty when the folder does not exist). The database is not opened.
pub fn read_trust_folder(database: &Path) -> Result<TrustFolder, ApiError> {
    let folder = approval_store::profile::trust_folder(database);
    let files = approval_store::profile::trusted_root_files(database).map_err(|e| {
        ApiError::new(
            ErrorCode::TrustFolderUnreadable,
            format!("无法读取受信任根证书目录（{}）：{e}", folder.display()),
            format!("cannot read the trust folder ({}): {e}", folder.display()),
        )
    })?;
    let (crls, roots) = files
        .into_iter()
        .partition(|(name, _)| name.to_ascii_lowercase().ends_with(".crl"));
    Ok(TrustFolder { roots, crls })
}

/// The roots in the trust folder of the profile whose database is
/// `database` (none when the folder does not exist).
pub fn profile_trust_roots(database: &Path) -> Result<Vec<Vec<u8>>, ApiError> {
    Ok(read_trust_folder(database)?
        .roots
        .into_iter()
        .map(|(_, bytes)| bytes)
        .collect())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::sync::OnceLock;

    use approval_docs::sample_documents;

    use super::*;
    use crate::testing::one_page_letter;

    const FOOD: &str = "蓝田县市场监督管理局";

    fn at() -> DateTime<FixedOffset> {
        crate::testing::at(2026, 3, 2)
    }

    /// A test seal of the food bureau, made once (P-256: fast to generate).
    fn test_seal() -> &'static TestSeal {
        static SEAL: OnceLock<TestSeal> = OnceLock::new();
        SEAL.get_or_init(|| TestSeal::issue(FOOD, KeyKind::P256, at()).unwrap())
    }

    fn root() -> Vec<Vec<u8>> {
        vec![test_seal().root_pem().unwrap().into_bytes()]
    }

    #[test]
    fn a_test_seal_written_as_a_key_file_opens_with_its_password_only() {
        let p12 = test_seal().to_pkcs12("口令 1").unwrap();
        let given = |p: &str| PasswordSource::Given(zeroize::Zeroizing::new(p.to_owned()));
        let opened = open_p12_signer("seal.p12", &p12, &given("口令 1")).unwrap();
        assert_eq!(
            opened.certificate_chain(),
            test_seal().signer().certificate_chain()
        );
        assert!(open_p12_signer("seal.p12", &p12, &given("wrong")).is_err());
    }

    #[test]
    fn a_rendered_result_sealed_with_the_department_s_seal_verifies_against_its_root() {
        let font =
            discover_font(None).expect("a Chinese font (scripts/install-system-packages.sh)");
        let seal = VisibleSeal::approval_seal(FOOD, &font).unwrap();
        let document = ResultDocument::Approval(sample_documents::approval_decision());
        let sealed = render_and_seal(
            &document,
            &font,
            &seal,
            test_seal().signer(),
            APPROVAL_SEAL_REASON,
            Some("蓝田县"),
            at(),
        )
        .unwrap();
        assert!(!sealed.verification_code.is_empty());
        let report = verify_pdf_against("决定书.pdf", &sealed.pdf, &root()).unwrap();
        assert!(report.all_valid(), "{report:?}");
        let signature = &report.signatures[0];
        assert_eq!(signature.field_name, "电子印章1");
        assert_eq!(signature.name.as_deref(), Some(FOOD));
        assert_eq!(signature.reason.as_deref(), Some(APPROVAL_SEAL_REASON));
    }

    #[test]
    fn a_pdf_as_it_is_is_sealed_visibly_in_the_certificate_s_name_or_invisibly() {
        let font =
            discover_font(None).expect("a Chinese font (scripts/install-system-packages.sh)");
        let request = VisibleSealRequest {
            department: None,
            purpose: APPROVAL_SEAL_PURPOSE.to_owned(),
            page_index: None,
            centre_mm: None,
        };
        let signer = test_seal().signer();
        let visible = seal_document(
            &one_page_letter(),
            signer,
            Some((&request, &font)),
            "核验",
            None,
            at(),
        )
        .unwrap();
        let twice = seal_document(&visible, signer, None, "再次签章", None, at()).unwrap();
        let report = verify_pdf_against("twice.pdf", &twice, &root()).unwrap();
        assert!(report.all_valid(), "{report:?}");
        assert_eq!(report.signatures.len(), 2);
        assert_eq!(report.signatures[0].name.as_deref(), Some(FOOD));
        assert_eq!(report.signatures[1].field_name, "电子印章2");

        let beyond = VisibleSealRequest {
            page_index: Some(4),
            ..request
        };
        let error = seal_document(
            &one_page_letter(),
            signer,
            Some((&beyond, &font)),
            "核验",
            None,
            at(),
        )
        .unwrap_err();
        assert_eq!(error.code, ErrorCode::SealFailed);
        assert!(
            error.message_en.starts_with("e-seal: "),
            "{}",
            error.message_en
        );
    }

    #[test]
    fn verification_names_the_file_it_cannot_read_and_reports_an_untrusted_seal() {
        let error = verify_pdf_against("not.pdf", b"this is not a PDF", &root()).unwrap_err();
        assert_eq!(error.code, ErrorCode::PdfUnreadable);
        assert!(
            error.message_en.starts_with("e-seal: not.pdf: "),
            "{}",
            error.message_en
        );
        assert!(error.message.contains("not.pdf"), "{}", error.message);

        let sealed = seal_document(
            &one_page_letter(),
            test_seal().signer(),
            None,
            "核验",
            None,
            at(),
        )
        .unwrap();
        let report = verify_pdf_against::<Vec<u8>>("letter.pdf", &sealed, &[]).unwrap();
        assert!(!report.all_valid());
        let error =
            verify_pdf_against("letter.pdf", &sealed, &[b"no certificate".to_vec()]).unwrap_err();
        assert_eq!(error.code, ErrorCode::TrustRootUnreadable);
    }

    #[test]
    fn the_profile_s_trust_folder_is_read_without_opening_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("desk.sqlite3");
        assert!(profile_trust_roots(&database).unwrap().is_empty());
        let folder = approval_store::profile::trust_folder(&database);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("root.pem"), &root()[0]).unwrap();
        assert_eq!(profile_trust_roots(&database).unwrap(), root());
        assert!(!database.exists());
    }

    #[test]
    fn a_key_file_with_the_wrong_password_is_refused_naming_the_file_not_the_password() {
        let p12 = test_seal().signer().to_pkcs12("正确口令", "seal").unwrap();
        let wrong = PasswordSource::Given("错误口令".to_owned().into());
        let error = open_p12_signer("fire.p12", &p12, &wrong).err().unwrap();
        assert_eq!(error.code, ErrorCode::SealFailed);
        assert!(
            error.message_en.contains("fire.p12"),
            "{}",
            error.message_en
        );
        assert!(!error.message_en.contains("错误口令"));
        assert!(!error.message.contains("错误口令"));
        let right = PasswordSource::Given("正确口令".to_owned().into());
        assert!(open_p12_signer("fire.p12", &p12, &right).is_ok());
    }

    #[test]
    fn a_keyring_entry_is_service_slash_account() {
        let entry = KeyringEntry::parse("approval-desk/seal").unwrap();
        assert_eq!(entry.service, "approval-desk");
        assert_eq!(entry.account, "seal");
        for bad in ["approval-desk", "/seal", "approval-desk/", ""] {
            let error = KeyringEntry::parse(bad).unwrap_err();
            assert_eq!(error.code, ErrorCode::InvalidInput, "{bad}");
        }
    }
}
