//! `deskctl window …`: the window unit's side of the exchange (综合窗口), for
//! demos and tests — create a case with its materials, transfer it, follow
//! it, release its result and record the applicant's review, all through
//! the hub's HTTP contract like any window unit's system.
//!
//! The clerk signs in for each command (`--hub`, `--account`, the password
//! from `DESK_HUB_PASSWORD` or `--password-stdin`); nothing is stored.

use std::io::Read;
use std::path::{Path, PathBuf};

use approval_contract::cases::{
    Applicant, BundleTransfer, FileUpload, MaterialUpload, NewCase, ReviewPush, TransferRequest,
};
use approval_contract::codes::{CaseKind, ReviewLevel};
use approval_contract::ExchangeError;
use approval_sync::hub::{HubClient, HubConfig};
use base64::Engine;
use chrono::{DateTime, FixedOffset};
use clap::{Args, Subcommand};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::failure::Failure;

/// Where the window unit's system reaches the hub, and as whom.
#[derive(Debug, Args)]
pub struct WindowArgs {
    /// The hub's address (`http://127.0.0.1:8480`).
    #[arg(long, env = "DESK_HUB_URL", value_name = "URL")]
    pub hub: String,
    /// The window clerk's account.
    #[arg(long, env = "DESK_HUB_ACCOUNT", value_name = "ACCOUNT")]
    pub account: String,
    /// Read the password from the first line of stdin (otherwise from
    /// DESK_HUB_PASSWORD).
    #[arg(long)]
    pub password_stdin: bool,
    /// A PEM file with an extra CA the hub's certificate chains to.
    #[arg(long, value_name = "PEM")]
    pub ca: Option<PathBuf>,
    #[command(subcommand)]
    pub command: WindowCommand,
}

#[derive(Debug, Subcommand)]
pub enum WindowCommand {
    /// Creates a case (接件) from FILE, a JSON submission: the fields of the
    /// contract's NewCase, with each material's file given as `path`
    /// (relative to FILE) instead of its bytes. Prints the case number.
    Submit {
        file: PathBuf,
        /// Transfer it at once to this department.
        #[arg(long, value_name = "DEPARTMENT")]
        transfer: Option<String>,
    },
    /// Transfers a case to the department implementing its item (转办).
    Transfer {
        case: String,
        #[arg(long)]
        department: String,
    },
    /// Transfers a bundle's cases together (并联办理) from FILE, the
    /// contract's BundleTransfer as JSON.
    Bundle { file: PathBuf },
    /// Prints a case as the window unit sees it (JSON), and saves its
    /// result document with --save-result.
    Status {
        case: String,
        #[arg(long, value_name = "PDF")]
        save_result: Option<PathBuf>,
    },
    /// Hands a case's result out to the applicant, or every result of a
    /// bundle instance (refused while the bundle's release gate is closed).
    Release {
        /// The case number (or, with --bundle, the bundle instance).
        target: String,
        #[arg(long)]
        bundle: bool,
    },
    /// Records the applicant's review (好差评) of a case.
    Review {
        case: String,
        /// 非常满意 | 满意 | 基本满意 | 不满意 | 非常不满意 (or the code 5…1).
        #[arg(long)]
        level: String,
        #[arg(long, default_value = "")]
        comment: String,
        /// When the applicant gave it (default: now).
        #[arg(long, value_name = "RFC3339")]
        at: Option<DateTime<FixedOffset>>,
    },
}

/// A submission file: a NewCase whose materials name files on disk.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Submission {
    case_number: String,
    implementation_code: String,
    #[serde(default)]
    handling_item_code: Option<String>,
    kind: CaseKind,
    applicant: Applicant,
    received_at: DateTime<FixedOffset>,
    receiving_window: String,
    #[serde(default)]
    handling_window: Option<String>,
    materials: Vec<SubmittedFile>,
    #[serde(default)]
    direct_mailing: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SubmittedFile {
    name: String,
    #[serde(default)]
    material_id: Option<String>,
    /// The file, relative to the submission; absent for paper.
    #[serde(default)]
    path: Option<PathBuf>,
}

pub fn run(args: &WindowArgs) -> Result<(), Failure> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::Usage(format!("cannot start the async runtime: {e}")))?;
    runtime.block_on(run_signed_in(args))
}

async fn run_signed_in(args: &WindowArgs) -> Result<(), Failure> {
    let client = signed_in(args).await?;
    match &args.command {
        WindowCommand::Submit { file, transfer } => {
            let case = read_submission(file)?;
            let number = case.case_number.clone();
            client
                .create_case(&format!("window-submit-{number}"), &case)
                .await
                .map_err(|e| exchange_failure("submit", e))?;
            if let Some(department) = transfer {
                transfer_to(&client, &number, department).await?;
            }
            println!("{number}");
        }
        WindowCommand::Transfer { case, department } => {
            transfer_to(&client, case, department).await?;
            println!("{case}");
        }
        WindowCommand::Bundle { file } => {
            let text = read_text(file)?;
            let bundle: BundleTransfer = serde_json::from_str(&text)
                .map_err(|e| Failure::Usage(format!("{}: {e}", file.display())))?;
            client
                .transfer_bundle(&format!("window-bundle-{}", bundle.instance), &bundle)
                .await
                .map_err(|e| exchange_failure("bundle transfer", e))?;
            println!("{}", bundle.instance);
        }
        WindowCommand::Status { case, save_result } => {
            let status = client
                .case_status(case)
                .await
                .map_err(|e| exchange_failure("status", e))?;
            if let Some(path) = save_result {
                let document = status.result.as_ref().map(|r| r.document.id.clone());
                let Some(id) = document else {
                    return Err(Failure::Usage(format!("case {case} has no result yet")));
                };
                let bytes = approval_contract::Exchange::fetch_file(&client, &id)
                    .await
                    .map_err(|e| exchange_failure("result download", e))?;
                std::fs::write(path, bytes).map_err(|source| Failure::WriteOutput {
                    path: path.display().to_string(),
                    source,
                })?;
            }
            let json = serde_json::to_string_pretty(&status)
                .map_err(|e| Failure::Usage(format!("cannot print the status: {e}")))?;
            println!("{json}");
        }
        WindowCommand::Release { target, bundle } => {
            let key = format!("window-release-{target}");
            if *bundle {
                let released = client
                    .release_bundle(target, &key)
                    .await
                    .map_err(|e| exchange_failure("bundle release", e))?;
                for case in released.released {
                    println!("{case}");
                }
            } else {
                client
                    .release_case(target, &key)
                    .await
                    .map_err(|e| exchange_failure("release", e))?;
                println!("{target}");
            }
        }
        WindowCommand::Review {
            case,
            level,
            comment,
            at,
        } => {
            let level = review_level(level)?;
            let at = at.unwrap_or_else(|| chrono::Local::now().fixed_offset());
            let review = ReviewPush {
                level,
                comment: comment.clone(),
                at,
            };
            client
                .review(
                    case,
                    &format!("window-review-{case}-{}", at.timestamp()),
                    &review,
                )
                .await
                .map_err(|e| exchange_failure("review", e))?;
            println!("{case} {}", level.name_zh());
        }
    }
    Ok(())
}

async fn signed_in(args: &WindowArgs) -> Result<HubClient, Failure> {
    let mut config = HubConfig::new(args.hub.clone());
    if let Some(ca) = &args.ca {
        let pem = std::fs::read(ca).map_err(|source| Failure::ReadInput {
            path: ca.display().to_string(),
            source,
        })?;
        config = config.with_extra_ca_pem(pem);
    }
    let client = HubClient::new(config)
        .map_err(|e| Failure::Usage(format!("cannot reach {}: {e}", args.hub)))?;
    let password = password(args.password_stdin)?;
    let session = client
        .sign_in(&args.account, &password)
        .await
        .map_err(|e| exchange_failure("sign-in", e))?;
    Ok(client.with_token(session.token))
}

fn password(from_stdin: bool) -> Result<String, Failure> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .read_to_string(&mut line)
            .map_err(|source| Failure::ReadInput {
                path: "stdin".to_owned(),
                source,
            })?;
        return Ok(line.lines().next().unwrap_or_default().to_owned());
    }
    std::env::var("DESK_HUB_PASSWORD").map_err(|_| {
        Failure::Usage("no password: set DESK_HUB_PASSWORD or pass --password-stdin".to_owned())
    })
}

async fn transfer_to(client: &HubClient, case: &str, department: &str) -> Result<(), Failure> {
    let request = TransferRequest {
        department: department.to_owned(),
    };
    client
        .transfer_case(case, &transfer_key(case, department), &request)
        .await
        .map_err(|e| exchange_failure("transfer", e))?;
    Ok(())
}

/// A transfer's key: keys are visible ASCII, department names are not, so
/// the department enters through its hash.
fn transfer_key(case: &str, department: &str) -> String {
    let digest = hex(&Sha256::digest(department.as_bytes()));
    format!("window-transfer-{case}-{}", &digest[..16])
}

fn read_text(path: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|source| Failure::ReadInput {
        path: path.display().to_string(),
        source,
    })
}

/// The submission with its files read, hashed and encoded.
fn read_submission(path: &Path) -> Result<NewCase, Failure> {
    let text = read_text(path)?;
    let submission: Submission = serde_json::from_str(&text)
        .map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))?;
    let folder = path.parent().unwrap_or(Path::new("."));
    let materials = submission
        .materials
        .into_iter()
        .map(|material| {
            let file = material
                .path
                .map(|relative| file_upload(&folder.join(relative)))
                .transpose()?;
            Ok(MaterialUpload {
                name: material.name,
                material_id: material.material_id,
                file,
            })
        })
        .collect::<Result<Vec<_>, Failure>>()?;
    Ok(NewCase {
        case_number: submission.case_number,
        implementation_code: submission.implementation_code,
        handling_item_code: submission.handling_item_code,
        kind: submission.kind,
        applicant: submission.applicant,
        received_at: submission.received_at,
        receiving_window: submission.receiving_window,
        handling_window: submission.handling_window,
        materials,
        direct_mailing: submission.direct_mailing,
    })
}

fn file_upload(path: &Path) -> Result<FileUpload, Failure> {
    let bytes = std::fs::read(path).map_err(|source| Failure::ReadInput {
        path: path.display().to_string(),
        source,
    })?;
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let media_type = match path.extension().and_then(|e| e.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("pdf") => "application/pdf",
        Some(ext) if ext.eq_ignore_ascii_case("png") => "image/png",
        Some(ext) if ext.eq_ignore_ascii_case("jpg") || ext.eq_ignore_ascii_case("jpeg") => {
            "image/jpeg"
        }
        _ => "application/octet-stream",
    };
    Ok(FileUpload {
        file_name,
        media_type: media_type.to_owned(),
        sha256: hex(&Sha256::digest(&bytes)),
        content_base64: base64::engine::general_purpose::STANDARD.encode(&bytes),
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A review level from its zh-CN name, its code or its English word.
fn review_level(text: &str) -> Result<ReviewLevel, Failure> {
    ReviewLevel::ALL
        .iter()
        .copied()
        .find(|level| {
            level.name_zh() == text
                || level.code() == text
                || format!("{level:?}").eq_ignore_ascii_case(&text.replace(['-', '_'], ""))
        })
        .ok_or_else(|| {
            Failure::Usage(format!(
                "--level {text:?}: one of 非常满意, 满意, 基本满意, 不满意, 非常不满意 (or 5…1)"
            ))
        })
}

fn exchange_failure(what: &str, error: ExchangeError) -> Failure {
    Failure::Exchange {
        what: what.to_owned(),
        error: Box::new(error),
    }
}
