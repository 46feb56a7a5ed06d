//! `deskctl filing …`: adapters over `approval_api::filings`.

use std::path::{Path, PathBuf};

use crate::identity::login_name;
use approval_api::filings::{
    decide_filing, filing_detail, list_filings, revoke_filing, submit_filing, withdraw_filing,
    AttachmentUpload, FilingDecision, SubmitFilingRequest, FILING_STATE_WORDS,
};
use approval_api::Actor;
use approval_core::filing::Filing;
use serde::Deserialize;
use serde_json::Value;

use crate::args::{Cli, FilingCommand};
use crate::failure::Failure;

/// The file `deskctl filing submit` reads.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FilingFile {
    id: String,
    department: String,
    subject: Value,
    #[serde(default)]
    replaces: Option<String>,
    /// Paths, relative to the file's folder unless absolute.
    #[serde(default)]
    attachments: Vec<PathBuf>,
    /// The reason of an item change's pending change.
    #[serde(default)]
    reason: Option<String>,
}

fn read(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|source| Failure::ReadInput {
        path: path.display().to_string(),
        source,
    })
}

/// The request of the filing file `file`, with its attachments' bytes.
fn submit_request(file: &Path) -> Result<SubmitFilingRequest, Failure> {
    let text = std::fs::read_to_string(file).map_err(|source| Failure::ReadInput {
        path: file.display().to_string(),
        source,
    })?;
    let parsed: FilingFile = serde_json::from_str(&text)
        .map_err(|e| Failure::Usage(format!("{}: {e}; nothing was stored", file.display())))?;
    let folder = file.parent().unwrap_or(Path::new(""));
    let mut attachments = Vec::new();
    for path in &parsed.attachments {
        let full = folder.join(path);
        attachments.push(AttachmentUpload {
            file_name: full
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            bytes: read(&full)?,
        });
    }
    Ok(SubmitFilingRequest {
        id: parsed.id,
        department: parsed.department,
        subject: parsed.subject,
        replaces: parsed.replaces,
        attachments,
        reason: parsed.reason,
    })
}

fn state_line(filing: &Filing) {
    println!("{}\t{}", filing.id, filing.state.word());
}

pub fn run(cli: &Cli, command: &FilingCommand) -> Result<(), Failure> {
    let actor = |user: &Option<String>| Actor::new(user.clone().unwrap_or_else(login_name));
    match command {
        FilingCommand::Submit { file, user, at } => {
            let request = submit_request(file)?;
            let at = at.unwrap_or_else(crate::now);
            let filing = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                Ok(submit_filing(&desk, &actor(user), at, request).await?)
            })?;
            println!(
                "{}\t{}\t{}",
                filing.id,
                filing.subject.kind(),
                filing.state.word()
            );
        }
        FilingCommand::List { state, user } => {
            if let Some(state) = state {
                if !FILING_STATE_WORDS.contains(&state.as_str()) {
                    return Err(Failure::Usage(format!(
                        "--state {state} is no filing state; one of: {}",
                        FILING_STATE_WORDS.join(", ")
                    )));
                }
            }
            let filings = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                Ok(list_filings(&desk, &actor(user), state.as_deref()).await?)
            })?;
            for f in filings {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    f.id,
                    f.subject.kind(),
                    f.department,
                    f.state.word(),
                    f.filed_by
                );
            }
        }
        FilingCommand::Show { id, user } => {
            let filing = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                Ok(filing_detail(&desk, &actor(user), id).await?)
            })?;
            let text = serde_json::to_string_pretty(&filing)
                .map_err(|e| Failure::Usage(format!("filing {id}: {e}")))?;
            println!("{text}");
        }
        FilingCommand::Decide {
            id,
            decision,
            comment,
            user,
            at,
        } => {
            let decision = match decision.as_str() {
                "approve" => FilingDecision::Approve,
                "reject" => FilingDecision::Reject,
                other => {
                    return Err(Failure::Usage(format!(
                        "decision {other}: approve or reject"
                    )))
                }
            };
            let at = at.unwrap_or_else(crate::now);
            let filing = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                Ok(decide_filing(&desk, &actor(user), at, id, decision, comment).await?)
            })?;
            state_line(&filing);
        }
        FilingCommand::Withdraw { id, user, at } => {
            let at = at.unwrap_or_else(crate::now);
            let filing = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                Ok(withdraw_filing(&desk, &actor(user), at, id).await?)
            })?;
            state_line(&filing);
        }
        FilingCommand::Revoke {
            id,
            reason,
            user,
            at,
        } => {
            let at = at.unwrap_or_else(crate::now);
            let filing = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                Ok(revoke_filing(&desk, &actor(user), at, id, reason).await?)
            })?;
            state_line(&filing);
        }
    }
    Ok(())
}
