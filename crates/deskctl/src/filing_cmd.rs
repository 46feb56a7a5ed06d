//! `deskctl filing …`: exemption filings (备案), checked by
//! `approval_core::access::authorize` against the stored grants.

use std::path::{Path, PathBuf};

use approval_core::access::{Action, Target};
use approval_core::china_time::CHINA_STANDARD_TIME;
use approval_core::clock::rules::result_push_deadline;
use approval_core::filing::{Attachment, Filing, FilingError, FilingState, FilingSubject};
use approval_core::guide::{PendingChange, ServiceItem};
use approval_store::casework::clock_options;
use approval_store::{attachment_of, open_profile_calendar, Database};
use chrono::{DateTime, FixedOffset, Utc};
use serde::Deserialize;
use serde_json::Value;

use crate::args::{Cli, FilingCommand};
use crate::failure::Failure;
use crate::guide_cmd::{login_name, read_text};

/// The file `deskctl filing submit` reads.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FilingFile {
    id: String,
    department: String,
    subject: Value,
    #[serde(default)]
    replaces: Option<String>,
    #[serde(default)]
    attachments: Vec<PathBuf>,
    /// The reason of an item change's pending change.
    #[serde(default)]
    reason: Option<String>,
}

const STATE_WORDS: [&str; 7] = [
    "draft",
    "submitted",
    "approved",
    "rejected",
    "withdrawn",
    "revoked",
    "superseded",
];

fn now() -> DateTime<FixedOffset> {
    Utc::now().with_timezone(&CHINA_STANDARD_TIME)
}

fn media_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("pdf") => "application/pdf",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("txt") => "text/plain",
        _ => "application/octet-stream",
    }
}

pub fn run(cli: &Cli, command: &FilingCommand) -> Result<(), Failure> {
    let database = cli.database()?;
    let actor = |user: &Option<String>| user.clone().unwrap_or_else(login_name);
    match command {
        FilingCommand::Submit { file, user, at } => {
            let text = read_text(file)?;
            let parsed: FilingFile = serde_json::from_str(&text).map_err(|e| {
                Failure::Usage(format!("{}: {e}; nothing was stored", file.display()))
            })?;
            let folder = file.parent().unwrap_or(Path::new("")).to_path_buf();
            let at = at.unwrap_or_else(now);
            crate::block_on(submit(&database, parsed, &folder, &actor(user), at))
        }
        FilingCommand::List { state, user } => {
            let user = user.clone().unwrap_or_else(login_name);
            if let Some(state) = state {
                if !STATE_WORDS.contains(&state.as_str()) {
                    return Err(Failure::Usage(format!(
                        "--state {state} is no filing state; one of: {}",
                        STATE_WORDS.join(", ")
                    )));
                }
            }
            crate::block_on(async {
                let db = Database::open(&database).await?;
                for f in db.filings(state.as_deref()).await? {
                    if !crate::permission::may_view(&db, &user, Action::ViewFiling, &f.department)
                        .await?
                    {
                        continue;
                    }
                    println!(
                        "{}\t{}\t{}\t{}\t{}",
                        f.id,
                        f.subject.kind(),
                        f.department,
                        f.state.word(),
                        f.filed_by
                    );
                }
                Ok(())
            })
        }
        FilingCommand::Show { id, user } => crate::block_on(async {
            let user = user.clone().unwrap_or_else(login_name);
            let db = Database::open(&database).await?;
            let filing = load(&db, id).await?;
            crate::permission::require(
                &db,
                &user,
                Action::ViewFiling,
                Target::Department(filing.department.clone()),
            )
            .await?;
            let text = serde_json::to_string_pretty(&filing)
                .map_err(|e| Failure::Usage(format!("filing {id}: {e}")))?;
            println!("{text}");
            Ok(())
        }),
        FilingCommand::Decide {
            id,
            decision,
            comment,
            user,
            at,
        } => {
            let approve = match decision.as_str() {
                "approve" => true,
                "reject" => false,
                other => {
                    return Err(Failure::Usage(format!(
                        "decision {other}: approve or reject"
                    )))
                }
            };
            let at = at.unwrap_or_else(now);
            crate::block_on(decide(&database, id, approve, comment, &actor(user), at))
        }
        FilingCommand::Withdraw { id, user, at } => {
            let at = at.unwrap_or_else(now);
            crate::block_on(withdraw(&database, id, &actor(user), at))
        }
        FilingCommand::Revoke {
            id,
            reason,
            user,
            at,
        } => {
            let at = at.unwrap_or_else(now);
            crate::block_on(revoke(&database, id, reason, &actor(user), at))
        }
    }
}

async fn load(db: &Database, id: &str) -> Result<Filing, Failure> {
    db.filing(id)
        .await?
        .ok_or_else(|| Failure::NotFound(format!("no filing {id}")))
}

/// For a result delay: `result_deadline` from the stored case's decision.
async fn with_result_deadline(
    database: &Path,
    db: &Database,
    mut subject: Value,
) -> Result<Value, Failure> {
    if subject.get("type").and_then(Value::as_str) != Some("result_delay") {
        return Ok(subject);
    }
    let number = subject
        .get("case_number")
        .and_then(Value::as_str)
        .ok_or_else(|| Failure::Usage("a result_delay subject needs case_number".to_owned()))?
        .to_owned();
    let case = db
        .case(&number)
        .await?
        .ok_or_else(|| Failure::NotFound(format!("no case {number}")))?;
    let decision = case
        .decision
        .ok_or_else(|| Failure::Usage(format!("case {number} is not decided yet")))?;
    let calendar = open_profile_calendar(database)?;
    let deadline = result_push_deadline(&calendar, decision.at, clock_options())?;
    if let Some(object) = subject.as_object_mut() {
        object.insert(
            "result_deadline".to_owned(),
            Value::String(deadline.due.to_rfc3339()),
        );
    }
    Ok(subject)
}

async fn submit(
    database: &Path,
    file: FilingFile,
    folder: &Path,
    actor: &str,
    at: DateTime<FixedOffset>,
) -> Result<(), Failure> {
    let db = Database::open(database).await?;
    crate::permission::require_granted(
        &db,
        actor,
        Action::SubmitFiling,
        Target::Department(file.department.clone()),
    )
    .await?;
    if db.filing(&file.id).await?.is_some() {
        return Err(Failure::Usage(format!(
            "filing {} is already stored; nothing was stored",
            file.id
        )));
    }
    let subject = with_result_deadline(database, &db, file.subject).await?;
    let subject: FilingSubject = serde_json::from_value(subject).map_err(|e| {
        Failure::Usage(format!(
            "the subject is not a filing subject ({e}); nothing was stored"
        ))
    })?;
    let mut files = Vec::new();
    for path in &file.attachments {
        let full = if path.is_absolute() {
            path.clone()
        } else {
            folder.join(path)
        };
        let bytes = std::fs::read(&full).map_err(|source| Failure::ReadInput {
            path: full.display().to_string(),
            source,
        })?;
        let name = full
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if files
            .iter()
            .any(|(a, _): &(Attachment, _)| a.file_name == name)
        {
            return Err(Failure::Usage(format!(
                "two attachments are named {name}; nothing was stored"
            )));
        }
        files.push((attachment_of(&name, media_type(&full), &bytes), bytes));
    }
    let attachments = files.iter().map(|(a, _)| a.clone()).collect();
    let draft = Filing::draft(
        file.id.clone(),
        file.department.clone(),
        actor,
        subject,
        attachments,
        file.replaces.clone(),
    );
    // Everything is checked before anything is written.
    let submitted = draft.submit(actor, at)?;
    let item = match &submitted.subject {
        FilingSubject::ItemChange { item_code, change } => {
            let mut item = db
                .item(item_code)
                .await?
                .ok_or_else(|| Failure::NotFound(format!("no item {item_code}")))?;
            item.request_change(PendingChange {
                change: change.clone(),
                reason: file
                    .reason
                    .clone()
                    .unwrap_or_else(|| format!("事项变更备案{}", file.id)),
                requested_by: actor.to_owned(),
                requested_at: at,
            })?;
            Some(item)
        }
        _ => None,
    };
    // The draft, its attachments' bytes, the item's pending change and the
    // audit entries of the creation and the submission: all or nothing.
    let records = vec![
        draft.creation_audit_record(actor, at),
        submitted.audit_record(&draft.state, actor, at),
    ];
    db.submit_new_filing(&submitted, &files, item.as_ref(), records)
        .await?;
    println!(
        "{}\t{}\t{}",
        submitted.id,
        submitted.subject.kind(),
        submitted.state.word()
    );
    Ok(())
}

/// Loads filing `id` and checks that `actor` may do `action` on it (a
/// decision needs to know who filed it: no manager decides their own).
async fn load_for(db: &Database, id: &str, actor: &str, action: Action) -> Result<Filing, Failure> {
    let filing = load(db, id).await?;
    let target = match action {
        Action::DecideFiling => Target::Filing {
            department: filing.department.clone(),
            filed_by: filing.filed_by.clone(),
        },
        _ => Target::Department(filing.department.clone()),
    };
    crate::permission::require_granted(db, actor, action, target).await?;
    Ok(filing)
}

/// The stored item an item-change filing is about; `None` for other filings.
async fn changed_item(db: &Database, filing: &Filing) -> Result<Option<ServiceItem>, Failure> {
    match &filing.subject {
        FilingSubject::ItemChange { item_code, .. } => db
            .item(item_code)
            .await?
            .map(Some)
            .ok_or_else(|| Failure::NotFound(format!("no item {item_code}"))),
        _ => Ok(None),
    }
}

/// Ends a submitted filing without effect (rejected or withdrawn): its
/// pending item change is dropped, and the filing, the item and the audit
/// records are saved in one transaction.
async fn end_without_effect(
    db: &Database,
    filing: &Filing,
    actor: &str,
    at: DateTime<FixedOffset>,
    step: impl FnOnce(&Filing) -> Result<Filing, FilingError>,
) -> Result<(), Failure> {
    let id = filing.id.as_str();
    let mut ledger = db.filing_ledger().await?;
    let records = ledger.transition(id, actor, at, step)?;
    let ended = ledger.get(id).cloned().unwrap_or(filing.clone());
    let mut item = changed_item(db, filing).await?;
    if let Some(item) = item.as_mut() {
        ledger.reject_item_change(id, item)?;
    }
    db.save_filing_approval(&ended, None, item.as_ref(), records)
        .await?;
    println!("{id}\t{}", ended.state.word());
    Ok(())
}

async fn decide(
    database: &Path,
    id: &str,
    approve: bool,
    comment: &str,
    actor: &str,
    at: DateTime<FixedOffset>,
) -> Result<(), Failure> {
    let db = Database::open(database).await?;
    let filing = load_for(&db, id, actor, Action::DecideFiling).await?;
    if !approve {
        return end_without_effect(&db, &filing, actor, at, |f| f.reject(actor, at, comment)).await;
    }
    let mut ledger = db.filing_ledger().await?;
    let mut item = changed_item(&db, &filing).await?;
    let records = ledger.approve_with_replacement(id, actor, at, comment)?;
    if let Some(item) = item.as_mut() {
        ledger.approve_item_change(id, item)?;
    }
    let decided = ledger.get(id).cloned().unwrap_or(filing.clone());
    let replaced = decided
        .replaces
        .as_deref()
        .and_then(|r| ledger.get(r))
        .filter(
            |r| matches!(&r.state, FilingState::Superseded { by_filing, .. } if by_filing == id),
        );
    db.save_filing_approval(&decided, replaced, item.as_ref(), records)
        .await?;
    println!("{id}\t{}", decided.state.word());
    Ok(())
}

async fn withdraw(
    database: &Path,
    id: &str,
    actor: &str,
    at: DateTime<FixedOffset>,
) -> Result<(), Failure> {
    let db = Database::open(database).await?;
    let filing = load_for(&db, id, actor, Action::WithdrawFiling).await?;
    end_without_effect(&db, &filing, actor, at, |f| f.withdraw(actor, at)).await
}

async fn revoke(
    database: &Path,
    id: &str,
    reason: &str,
    actor: &str,
    at: DateTime<FixedOffset>,
) -> Result<(), Failure> {
    let db = Database::open(database).await?;
    let filing = load_for(&db, id, actor, Action::RevokeFiling).await?;
    let revoked = filing.revoke(actor, at, reason)?;
    db.save_filing(
        &revoked,
        vec![revoked.audit_record(&filing.state, actor, at)],
    )
    .await?;
    println!("{id}\t{}", revoked.state.word());
    Ok(())
}
