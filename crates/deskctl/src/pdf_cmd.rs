//! `deskctl pdf …`: result documents with e-seals (电子印章).

use std::path::{Path, PathBuf};

use approval_docs::font::DocumentFont;
use approval_docs::{sample_documents, RenderedDocument};
use approval_esign::keys::KeyKind;
use approval_esign::pkcs11::KeyRef;
use approval_esign::pkcs12::Pkcs12Signer;
use approval_esign::testca::TestCa;
use approval_esign::verify::{verify_pdf, Coverage, Report, SignatureReport};
use approval_esign::{
    seal_appearance, sign_pdf, Appearance, PasswordSource, Pkcs11Signer, Placement, SealSpec,
    SignRequest, Signer,
};
use chrono::{DateTime, Duration, FixedOffset, Utc};
use serde_json::json;

use crate::args::{Cli, KeyAlgorithm, PdfCommand, SignArgs};
use crate::failure::Failure;

/// Points per millimetre (PDF user space is 1/72 inch).
const PT_PER_MM: f32 = 72.0 / 25.4;
/// An official seal (公章) is 42 mm across.
const SEAL_DIAMETER_MM: f32 = 42.0;
/// Where `pdf sign` puts the seal when not told: on an A4 page, over the
/// issuing line at the lower right, where the templates put it.
const DEFAULT_SEAL_CENTRE_MM: (f32, f32) = (150.0, 70.0);
/// The demo's department and the reason its letter is sealed.
const DEMO_REASON: &str = "准予行政许可决定书电子签章";
const DEMO_LOCATION: &str = "陕西省西安市蓝田县";

pub fn run(cli: &Cli, command: &PdfCommand) -> Result<(), Failure> {
    match command {
        PdfCommand::Demo {
            out,
            algorithm,
            font,
        } => demo(out, *algorithm, font.as_deref()),
        PdfCommand::Sign(args) => sign(args),
        PdfCommand::Verify { file, trust, json } => verify(cli, file, trust, *json),
        PdfCommand::RememberPassword {
            entry,
            password_env,
        } => {
            let (service, account) = keyring_entry(entry)?;
            let secret = PasswordSource::Env(password_env.clone())
                .read()
                .map_err(|e| Failure::Seal(e.to_string()))?;
            approval_esign::store_in_keyring(service, account, &secret)
                .map_err(|e| Failure::Seal(e.to_string()))?;
            println!("{entry}\tremembered in the OS keyring");
            Ok(())
        }
        PdfCommand::ForgetPassword { entry } => {
            let (service, account) = keyring_entry(entry)?;
            approval_esign::delete_from_keyring(service, account)
                .map_err(|e| Failure::Seal(e.to_string()))?;
            println!("{entry}\tforgotten");
            Ok(())
        }
    }
}

/// `SERVICE/ACCOUNT`, split.
fn keyring_entry(entry: &str) -> Result<(&str, &str), Failure> {
    entry
        .split_once('/')
        .filter(|(service, account)| !service.is_empty() && !account.is_empty())
        .ok_or_else(|| {
            Failure::Usage(format!(
                "keyring entry {entry}: expected SERVICE/ACCOUNT, e.g. approval-desk/seal"
            ))
        })
}

pub fn key_kind(algorithm: KeyAlgorithm) -> KeyKind {
    match algorithm {
        KeyAlgorithm::Rsa => KeyKind::Rsa2048,
        KeyAlgorithm::Ecdsa => KeyKind::P256,
    }
}

/// China Standard Time, the time on every seal.
fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&approval_core::china_time::CHINA_STANDARD_TIME)
}

fn font(configured: Option<&Path>) -> Result<DocumentFont, Failure> {
    DocumentFont::discover(configured).map_err(|e| Failure::Document(e.to_string()))
}

/// A throwaway root and a seal certificate for `department` under it, valid
/// from yesterday for a year.
pub fn test_seal(department: &str, kind: KeyKind) -> Result<(TestCa, Pkcs12Signer), Failure> {
    let from = Utc::now() - Duration::days(1);
    let until = from + Duration::days(366);
    let failed = |e: approval_esign::testca::TestCaError| Failure::Seal(e.to_string());
    let ca = TestCa::generate("Approval Desk demo root CA", kind, from, until).map_err(failed)?;
    let signer = ca
        .issue_seal(department, kind, from, until)
        .map_err(failed)?;
    Ok((ca, signer))
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
    ) -> Result<Self, Failure> {
        let diameter = SEAL_DIAMETER_MM * PT_PER_MM;
        let appearance = seal_appearance(spec, font.bytes(), font.face_index(), diameter)
            .map_err(|e| Failure::Seal(e.to_string()))?;
        Ok(Self {
            appearance,
            department: spec.department.clone(),
            placement: placement(page_index, centre),
        })
    }

    /// The department's approval seal (行政审批专用章), not yet placed: put
    /// it over a document with [`VisibleSeal::moved_over`].
    pub fn approval_seal(department: &str, font: &DocumentFont) -> Result<Self, Failure> {
        let spec = seal_spec(department, "行政审批专用章");
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
}

/// A seal's square on its page, around `centre`.
fn placement(page_index: usize, (x, y): (f32, f32)) -> Placement {
    let half = SEAL_DIAMETER_MM * PT_PER_MM / 2.0;
    Placement {
        page_index,
        rect: [x - half, y - half, x + half, y + half],
    }
}

fn seal_spec(department: &str, purpose: &str) -> SealSpec {
    SealSpec {
        department: department.to_owned(),
        purpose: purpose.to_owned(),
        code: None,
    }
}

/// Adds one e-seal to `pdf`: the visible seal as the signature's
/// appearance, or none.
pub fn seal_pdf(
    pdf: &[u8],
    signer: &dyn Signer,
    seal: Option<&VisibleSeal>,
    reason: &str,
    location: Option<&str>,
    signing_time: DateTime<FixedOffset>,
) -> Result<Vec<u8>, Failure> {
    // A document that cannot be read fails below, in `sign_pdf`, with its reason.
    let existing = approval_esign::signature_count(pdf).unwrap_or(0);
    let field_name = format!("电子印章{}", existing + 1);
    let request = SignRequest {
        field_name,
        reason: Some(reason.to_owned()),
        location: location.map(str::to_owned),
        name: seal.map(|s| s.department.clone()),
        signing_time,
        visible: seal.map(|s| (s.placement, s.appearance.clone())),
    };
    sign_pdf(pdf, signer, &request).map_err(|e| Failure::Seal(e.to_string()))
}

fn demo(out: &Path, algorithm: KeyAlgorithm, font_path: Option<&Path>) -> Result<(), Failure> {
    let font = font(font_path)?;
    let decision = sample_documents::approval_decision();
    let department = decision.header.department.clone();
    let document = decision
        .render(&font)
        .map_err(|e| Failure::Document(e.to_string()))?;
    let (ca, signer) = test_seal(&department, key_kind(algorithm))?;
    let seal = VisibleSeal::approval_seal(&department, &font)?.moved_over(&document);
    let signed = seal_pdf(
        &document.pdf,
        &signer,
        Some(&seal),
        DEMO_REASON,
        Some(DEMO_LOCATION),
        now(),
    )?;
    std::fs::create_dir_all(out).map_err(|source| Failure::WriteOutput {
        path: out.display().to_string(),
        source,
    })?;
    let root_pem = ca.root_pem().map_err(|e| Failure::Seal(e.to_string()))?;
    write(&out.join("decision.pdf"), &signed)?;
    write(&out.join("ca.pem"), root_pem.as_bytes())?;
    println!(
        "{}\t{} bytes",
        out.join("decision.pdf").display(),
        signed.len()
    );
    println!("{}", out.join("ca.pem").display());
    println!("verification code\t{}", document.verification_code);
    Ok(())
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    std::fs::write(path, bytes).map_err(|source| Failure::WriteOutput {
        path: path.display().to_string(),
        source,
    })
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|source| Failure::ReadInput {
        path: path.display().to_string(),
        source,
    })
}

fn password_source(args: &SignArgs, env: Option<&String>) -> Result<PasswordSource, Failure> {
    match (env, &args.password_keyring) {
        (Some(var), _) => Ok(PasswordSource::Env(var.clone())),
        (None, Some(entry)) => {
            let (service, account) = keyring_entry(entry)?;
            Ok(PasswordSource::Keyring {
                service: service.to_owned(),
                account: account.to_owned(),
            })
        }
        (None, None) => Err(Failure::Usage(
            "say where the secret is: --password-env VAR (or --pin-env VAR for a token) or --password-keyring SERVICE/ACCOUNT"
                .to_owned(),
        )),
    }
}

fn open_signer(args: &SignArgs) -> Result<Box<dyn Signer>, Failure> {
    let signer_failed = |e: approval_esign::SignerError| Failure::Seal(e.to_string());
    if let Some(module) = &args.pkcs11 {
        let token = args.token.as_deref().ok_or_else(|| {
            Failure::Usage("--pkcs11 needs --token LABEL (the USB key's label)".to_owned())
        })?;
        let key = args.key_label.as_deref().ok_or_else(|| {
            Failure::Usage(
                "--pkcs11 needs --key-label LABEL (the seal key on the token)".to_owned(),
            )
        })?;
        let pin = password_source(args, args.pin_env.as_ref())?
            .read()
            .map_err(signer_failed)?;
        let chain = match &args.chain {
            Some(path) => Some(
                approval_esign::read_certificates(&read(path)?)
                    .map_err(|why| Failure::Seal(format!("{}: {why}", path.display())))?,
            ),
            None => None,
        };
        let signer = Pkcs11Signer::open(module, token, &KeyRef::Label(key.to_owned()), &pin, chain)
            .map_err(signer_failed)?;
        return Ok(Box::new(signer));
    }
    let p12 = args.p12.as_deref().ok_or_else(|| {
        Failure::Usage("give the seal key: --p12 KEY.p12 or --pkcs11 MODULE".to_owned())
    })?;
    let password = password_source(args, args.password_env.as_ref())?
        .read()
        .map_err(signer_failed)?;
    let signer = Pkcs12Signer::open(&read(p12)?, &password)
        .map_err(|e| Failure::Seal(format!("{}: {e}", p12.display())))?;
    Ok(Box::new(signer))
}

/// `--at X,Y` in millimetres.
fn parse_centre(text: &str) -> Result<(f32, f32), Failure> {
    let bad = || {
        Failure::Usage(format!(
            "--at {text}: expected X,Y in millimetres, e.g. 150,70"
        ))
    };
    let (x, y) = text.split_once(',').ok_or_else(bad)?;
    let x: f32 = x.trim().parse().map_err(|_| bad())?;
    let y: f32 = y.trim().parse().map_err(|_| bad())?;
    if !(x.is_finite() && y.is_finite() && x >= 0.0 && y >= 0.0) {
        return Err(bad());
    }
    Ok((x, y))
}

fn sign(args: &SignArgs) -> Result<(), Failure> {
    let pdf = read(&args.input)?;
    let signer = open_signer(args)?;
    let seal = if args.invisible {
        None
    } else {
        let department = match &args.department {
            Some(department) => department.clone(),
            None => approval_esign::certificate_organization(signer.certificate_chain())
                .ok_or_else(|| {
                    Failure::Usage(
                        "the seal certificate names no organisation: pass --department NAME"
                            .to_owned(),
                    )
                })?,
        };
        let (x, y) = match &args.at {
            Some(text) => parse_centre(text)?,
            None => DEFAULT_SEAL_CENTRE_MM,
        };
        let page_index = match args.page {
            Some(0) => return Err(Failure::Usage("--page counts from 1".to_owned())),
            Some(page) => page - 1,
            None => approval_esign::page_count(&pdf)
                .map_err(|e| Failure::Seal(e.to_string()))?
                .saturating_sub(1),
        };
        let spec = seal_spec(&department, &args.purpose);
        let font = font(args.font.as_deref())?;
        let centre = (x * PT_PER_MM, y * PT_PER_MM);
        Some(VisibleSeal::drawn(&spec, &font, page_index, centre)?)
    };
    let signed = seal_pdf(
        &pdf,
        signer.as_ref(),
        seal.as_ref(),
        &args.reason,
        args.location.as_deref(),
        now(),
    )?;
    write(&args.output, &signed)?;
    println!("{}\tsigned\t{} bytes", args.output.display(), signed.len());
    Ok(())
}

/// The roots to trust: the files given, else the profile's trust folder.
fn trust_roots(cli: &Cli, given: &[PathBuf]) -> Result<Vec<Vec<u8>>, Failure> {
    if !given.is_empty() {
        return given.iter().map(|path| read(path)).collect();
    }
    let Ok(database) = cli.database() else {
        return Ok(Vec::new());
    };
    let folder = approval_store::profile::trust_folder(&database);
    approval_store::profile::trusted_root_files(&database)
        .map(|files| files.into_iter().map(|(_, bytes)| bytes).collect())
        .map_err(|source| Failure::ReadInput {
            path: folder.display().to_string(),
            source,
        })
}

fn verify(cli: &Cli, file: &Path, trust: &[PathBuf], as_json: bool) -> Result<(), Failure> {
    let pdf = read(file)?;
    let roots = trust_roots(cli, trust)?;
    let report =
        verify_pdf(&pdf, &roots).map_err(|e| Failure::Seal(format!("{}: {e}", file.display())))?;
    if as_json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report_json(&report)).unwrap_or_default()
        );
    } else {
        print!("{}", report_text(&report));
    }
    if report.all_valid() {
        Ok(())
    } else {
        Err(Failure::SealsNotValid {
            file: file.display().to_string(),
            why: verdict(&report),
        })
    }
}

fn verdict(report: &Report) -> String {
    let total = report.signatures.len();
    if total == 0 {
        return "the document carries no signature (未签章)".to_owned();
    }
    let bad = report.signatures.iter().filter(|s| !s.is_valid()).count();
    if bad == 0 {
        format!("all {total} signature(s) valid, covering the document and trusted")
    } else {
        format!("{bad} of {total} signature(s) not valid, not covering the document or not trusted")
    }
}

fn report_text(report: &Report) -> String {
    let mut text = String::new();
    let total = report.signatures.len();
    for (i, s) in report.signatures.iter().enumerate() {
        text.push_str(&format!(
            "signature {} of {total}: {}\n",
            i + 1,
            s.field_name
        ));
        let line = |code: &str, message: String| format!("{code} — {message}");
        let fields = [
            ("integrity", line(s.status.code(), s.status.message_zh())),
            ("covers", line(s.coverage.code(), s.coverage.message_zh())),
            ("trust", line(s.trust.code(), s.trust.message_zh())),
            ("signer", or_dash(s.signer_subject.clone())),
            (
                "signing time",
                or_dash(s.signing_time.map(|t| t.to_rfc3339())),
            ),
            ("reason", or_dash(s.reason.clone())),
            ("location", or_dash(s.location.clone())),
            ("name", or_dash(s.name.clone())),
        ];
        for (label, value) in fields {
            text.push_str(&format!("  {:<13} {value}\n", format!("{label}:")));
        }
    }
    text.push_str(&format!("verdict: {}\n", verdict(report)));
    text
}

fn or_dash(value: Option<String>) -> String {
    value.unwrap_or_else(|| "-".to_owned())
}

fn signature_json(s: &SignatureReport) -> serde_json::Value {
    let later_revisions = match s.coverage {
        Coverage::SignatureUpdatesOnly { later_revisions } => later_revisions,
        _ => 0,
    };
    json!({
        "field_name": s.field_name,
        "sub_filter": s.sub_filter,
        "status": s.status.code(),
        "status_message": s.status.message_zh(),
        "covers_document": s.covers_document(),
        "coverage": s.coverage.code(),
        "later_revisions": later_revisions,
        "coverage_message": s.coverage.message_zh(),
        "trusted": s.trusted(),
        "trust": s.trust.code(),
        "trust_message": s.trust.message_zh(),
        "valid": s.is_valid(),
        "signer": s.signer_subject,
        "signing_time": s.signing_time.map(|t| t.to_rfc3339()),
        "reason": s.reason,
        "location": s.location,
        "name": s.name,
        "byte_range": s.byte_range,
    })
}

fn report_json(report: &Report) -> serde_json::Value {
    json!({
        "all_valid": report.all_valid(),
        "verdict": verdict(report),
        "signatures": report.signatures.iter().map(signature_json).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seal_centre_is_two_non_negative_millimetre_numbers() {
        assert_eq!(parse_centre("150,70").ok(), Some((150.0, 70.0)));
        assert_eq!(parse_centre(" 20.5 , 30 ").ok(), Some((20.5, 30.0)));
        for bad in ["150", "a,b", "-1,5", "1,NaN", ""] {
            assert!(parse_centre(bad).is_err(), "{bad}");
        }
    }
}
