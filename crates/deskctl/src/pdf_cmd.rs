//! `deskctl pdf …`: result documents with e-seals (电子印章), adapters over
//! `approval_api::results`.

use std::path::{Path, PathBuf};

use approval_api::results::{attack_corpus_on, Expected};
use approval_api::results::{
    discover_font, forget_password, open_p12_signer, open_token_signer, profile_trust_roots,
    remember_password, render_and_seal, seal_document, verify_pdf_against_with_crls, KeyringEntry,
    TestSeal, VisibleSeal, VisibleSealRequest, APPROVAL_SEAL_REASON,
};
use approval_api::results::{sample_documents, ResultDocument};
use approval_api::results::{Coverage, KeyKind, PasswordSource, Report, SignatureReport, Signer};
use approval_api::results::{
    RemoteTimestampAuthority, SealDating, TimestampAuthority, TimestampError,
};
use approval_sync::tsa::{post_timestamp_query, TsaAddress};
use serde_json::json;

use crate::args::{Cli, KeyAlgorithm, PdfCommand, SignArgs};
use crate::failure::Failure;

/// Where the demo's letter is sealed.
const DEMO_LOCATION: &str = "陕西省西安市蓝田县";

pub fn run(cli: &Cli, command: &PdfCommand) -> Result<(), Failure> {
    match command {
        PdfCommand::Demo {
            out,
            algorithm,
            font,
        } => demo(out, *algorithm, font.as_deref()),
        PdfCommand::TestSeal {
            department,
            out,
            password_env,
            algorithm,
        } => test_seal(department, out, password_env, *algorithm),
        PdfCommand::Sign(args) => sign(args),
        PdfCommand::AttackCorpus { input, out } => attack_corpus(input, out),
        PdfCommand::Verify {
            file,
            trust,
            crl,
            json,
        } => verify(cli, file, trust, crl, *json),
        PdfCommand::RememberPassword {
            entry,
            password_env,
        } => {
            let keyring = KeyringEntry::parse(entry)?;
            remember_password(&keyring, &PasswordSource::Env(password_env.clone()))?;
            println!("{entry}\tremembered in the OS keyring");
            Ok(())
        }
        PdfCommand::ForgetPassword { entry } => {
            forget_password(&KeyringEntry::parse(entry)?)?;
            println!("{entry}\tforgotten");
            Ok(())
        }
    }
}

pub fn key_kind(algorithm: KeyAlgorithm) -> KeyKind {
    match algorithm {
        KeyAlgorithm::Rsa => KeyKind::Rsa2048,
        KeyAlgorithm::Ecdsa => KeyKind::P256,
    }
}

fn demo(out: &Path, algorithm: KeyAlgorithm, font_path: Option<&Path>) -> Result<(), Failure> {
    let font = discover_font(font_path)?;
    let decision = sample_documents::approval_decision();
    let department = decision.header.department.clone();
    let at = crate::now();
    let test_seal = TestSeal::issue(&department, key_kind(algorithm), at)?;
    let seal = VisibleSeal::approval_seal(&department, &font)?;
    let sealed = render_and_seal(
        &ResultDocument::Approval(decision),
        &font,
        &seal,
        test_seal.signer(),
        APPROVAL_SEAL_REASON,
        Some(DEMO_LOCATION),
        at,
    )?;
    std::fs::create_dir_all(out).map_err(|source| Failure::WriteOutput {
        path: out.display().to_string(),
        source,
    })?;
    let root_pem = test_seal.root_pem()?;
    write(&out.join("decision.pdf"), &sealed.pdf)?;
    write(&out.join("ca.pem"), root_pem.as_bytes())?;
    println!(
        "{}\t{} bytes",
        out.join("decision.pdf").display(),
        sealed.pdf.len()
    );
    println!("{}", out.join("ca.pem").display());
    println!("verification code\t{}", sealed.verification_code);
    Ok(())
}

/// `pdf test-seal`: a throwaway seal key file and its root, for
/// demonstrations and tests (the e2e test of the window seals with it).
fn test_seal(
    department: &str,
    out: &Path,
    password_env: &str,
    algorithm: KeyAlgorithm,
) -> Result<(), Failure> {
    if department.trim().is_empty() {
        return Err(Failure::Usage(
            "--department: name the department".to_owned(),
        ));
    }
    let password = PasswordSource::Env(password_env.to_owned())
        .read()
        .map_err(|e| Failure::Usage(format!("--password-env: {e}")))?;
    let seal = TestSeal::issue(department.trim(), key_kind(algorithm), crate::now())?;
    let p12 = seal.to_pkcs12(&password)?;
    std::fs::create_dir_all(out).map_err(|source| Failure::WriteOutput {
        path: out.display().to_string(),
        source,
    })?;
    write(&out.join("seal.p12"), &p12)?;
    write(&out.join("ca.pem"), seal.root_pem()?.as_bytes())?;
    println!(
        "{}	test seal of {department} (demonstrations and tests only)",
        out.join("seal.p12").display()
    );
    println!("{}", out.join("ca.pem").display());
    Ok(())
}

/// The timestamp authority at `url`, asked over HTTP(S) by the network
/// client.
fn timestamp_authority(url: &str) -> Result<RemoteTimestampAuthority, Failure> {
    let address = TsaAddress::parse(url).map_err(|e| Failure::Usage(format!("--tsa: {e}")))?;
    Ok(RemoteTimestampAuthority::new(Box::new(move |query| {
        post_timestamp_query(&address, query).map_err(|e| TimestampError::Transport(e.to_string()))
    })))
}

fn attack_corpus(input: &Path, out: &Path) -> Result<(), Failure> {
    let corpus = attack_corpus_on(&read(input)?, crate::now())?;
    let folder = out.join("files");
    std::fs::create_dir_all(&folder).map_err(|source| Failure::WriteOutput {
        path: folder.display().to_string(),
        source,
    })?;
    let mut manifest = Vec::new();
    for file in &corpus.files {
        write(&folder.join(file.file_name()), &file.bytes)?;
        manifest.push(json!({
            "id": file.id,
            "file": format!("files/{}", file.file_name()),
            "class": file.class.code(),
            "description": file.description,
            "expected": expected_json(&file.expected),
        }));
    }
    write(&out.join("corpus-ca.pem"), corpus.root_pem.as_bytes())?;
    let text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    write(&out.join("corpus.json"), text.as_bytes())?;
    println!("{}	{} files", folder.display(), corpus.files.len());
    Ok(())
}

fn expected_json(expected: &Expected) -> serde_json::Value {
    match expected {
        Expected::Valid => json!({ "verdict": "valid" }),
        Expected::Malformed => json!({ "verdict": "malformed" }),
        Expected::Modified(words) => {
            json!({ "verdict": "modified_after_signing", "reason_names": words })
        }
        Expected::Untrusted(words) => json!({ "verdict": "untrusted", "reason_names": words }),
    }
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
        (None, Some(entry)) => Ok(KeyringEntry::parse(entry)?.source()),
        (None, None) => Err(Failure::Usage(
            "say where the secret is: --password-env VAR (or --pin-env VAR for a token) or --password-keyring SERVICE/ACCOUNT"
                .to_owned(),
        )),
    }
}

fn open_signer(args: &SignArgs) -> Result<Box<dyn Signer>, Failure> {
    if let Some(module) = &args.pkcs11 {
        let token = args.token.as_deref().ok_or_else(|| {
            Failure::Usage("--pkcs11 needs --token LABEL (the USB key's label)".to_owned())
        })?;
        let key = args.key_label.as_deref().ok_or_else(|| {
            Failure::Usage(
                "--pkcs11 needs --key-label LABEL (the seal key on the token)".to_owned(),
            )
        })?;
        let pin = password_source(args, args.pin_env.as_ref())?;
        let chain = match &args.chain {
            Some(path) => Some((path.display().to_string(), read(path)?)),
            None => None,
        };
        let chain = chain
            .as_ref()
            .map(|(name, bytes)| (name.as_str(), bytes.as_slice()));
        return Ok(Box::new(open_token_signer(
            module, token, key, &pin, chain,
        )?));
    }
    let p12 = args.p12.as_deref().ok_or_else(|| {
        Failure::Usage("give the seal key: --p12 KEY.p12 or --pkcs11 MODULE".to_owned())
    })?;
    let password = password_source(args, args.password_env.as_ref())?;
    let signer = open_p12_signer(&p12.display().to_string(), &read(p12)?, &password)?;
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
    let visible = if args.invisible {
        None
    } else {
        let page_index = match args.page {
            Some(0) => return Err(Failure::Usage("--page counts from 1".to_owned())),
            Some(page) => Some(page - 1),
            None => None,
        };
        let centre_mm = args.at.as_deref().map(parse_centre).transpose()?;
        let request = VisibleSealRequest {
            department: args.department.clone(),
            purpose: args.purpose.clone(),
            page_index,
            centre_mm,
        };
        Some((request, discover_font(args.font.as_deref())?))
    };
    let tsa = args.tsa.as_deref().map(timestamp_authority).transpose()?;
    let dating = SealDating {
        claimed: crate::now(),
        tsa: tsa.as_ref().map(|t| t as &dyn TimestampAuthority),
    };
    let signed = seal_document(
        &pdf,
        signer.as_ref(),
        visible.as_ref().map(|(request, font)| (request, font)),
        &args.reason,
        args.location.as_deref(),
        dating,
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
    match cli.database() {
        Ok(database) => Ok(profile_trust_roots(&database)?),
        Err(_) => Ok(Vec::new()),
    }
}

fn verify(
    cli: &Cli,
    file: &Path,
    trust: &[PathBuf],
    crl_files: &[PathBuf],
    as_json: bool,
) -> Result<(), Failure> {
    let pdf = read(file)?;
    let roots = trust_roots(cli, trust)?;
    let crls = crl_files
        .iter()
        .map(|path| Ok((path.display().to_string(), read(path)?)))
        .collect::<Result<Vec<_>, Failure>>()?;
    let report = verify_pdf_against_with_crls(&file.display().to_string(), &pdf, &roots, &crls)?;
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
                or_dash(
                    s.signing_time
                        .map(|t| format!("{} (claimed by the signer, /M)", t.to_rfc3339())),
                ),
            ),
            (
                "timestamp",
                match &s.timestamp {
                    Some(t) => line(t.code(), t.message_zh()),
                    None => "none (PAdES B-B: the time above is only the signer's claim)".into(),
                },
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
        "timestamp": s.timestamp.as_ref().map(|t| json!({
            "status": t.code(),
            "time": t.time.map(|time| time.to_rfc3339()),
            "tsa": t.tsa_subject,
            "trust": t.trust.code(),
            "message": t.message_zh(),
        })),
        "judged_at": s.judged_at().map(|t| t.to_rfc3339()),
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
