//! `deskctl guide …`

use std::path::Path;

use approval_core::access::{Action, Target};
use approval_core::china_time::CHINA_STANDARD_TIME;
use approval_core::exchange::{read_guide_file, GuideFile};
use approval_core::guide::{GuideHistory, ServiceItem};
use approval_store::Database;
use chrono::Utc;

use crate::args::{Cli, GuideCommand};
use crate::failure::Failure;
use crate::findings::{fail_on_errors, render};

pub fn run(cli: &Cli, command: &GuideCommand) -> Result<(), Failure> {
    match command {
        GuideCommand::Check { file, json } => {
            let reading = read_guide_file(&read_text(file)?);
            if *json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&reading.findings).unwrap_or_default()
                );
            } else {
                print!("{}", render(&reading.findings));
            }
            fail_on_errors(&file.display().to_string(), &reading.findings)?;
            if !*json {
                println!("{}: no errors", file.display());
            }
            Ok(())
        }
        GuideCommand::Import {
            file,
            draft,
            effective_from,
            user,
        } => {
            let reading = read_guide_file(&read_text(file)?);
            eprint!("{}", render(&reading.findings));
            let mut guide = reading
                .accepted()
                .map_err(|findings| rejected(file, &findings))?;
            if effective_from.is_some() {
                guide.effective_from = *effective_from;
            }
            let user = user.clone().unwrap_or_else(login_name);
            crate::block_on(import(&cli.database()?, guide, *draft, &user))
        }
        GuideCommand::Export {
            code,
            version,
            out,
            user,
        } => {
            let user = user.clone().unwrap_or_else(login_name);
            crate::block_on(export(
                &cli.database()?,
                code,
                *version,
                out.as_deref(),
                &user,
            ))
        }
        GuideCommand::List { user } => {
            let user = user.clone().unwrap_or_else(login_name);
            crate::block_on(list(&cli.database()?, &user))
        }
    }
}

fn rejected(file: &Path, findings: &[approval_core::guide::Finding]) -> Failure {
    match fail_on_errors(&file.display().to_string(), findings) {
        Err(failure) => failure,
        Ok(()) => Failure::Usage(format!("{} could not be read", file.display())),
    }
}

pub fn read_text(file: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(file).map_err(|source| Failure::ReadInput {
        path: file.display().to_string(),
        source,
    })
}

pub use approval_store::profile::login_name;

async fn import(
    database: &Path,
    guide: GuideFile,
    draft_only: bool,
    user: &str,
) -> Result<(), Failure> {
    let db = Database::open(database).await?;
    let action = if draft_only {
        Action::EditGuide
    } else {
        Action::PublishGuide
    };
    crate::permission::require(
        &db,
        user,
        action,
        Target::Department(guide.item.department.clone()),
    )
    .await?;
    let code = guide.item.code.clone();
    let item = match db.item(&code).await? {
        Some(item) => item,
        None => ServiceItem::new(guide.item.clone()),
    };
    let mut history: GuideHistory = db.guide_history(&code).await?;
    if history.draft().is_none() {
        history.start_draft(&item)?;
    }
    let number = history.edit_draft(guide.item.clone(), guide.guide)?.number;
    if !draft_only {
        let now = Utc::now().with_timezone(&CHINA_STANDARD_TIME);
        let effective_from = guide.effective_from.unwrap_or(now);
        history.publish(&item, effective_from, now, user)?;
    }
    // Everything was checked in memory first: a refused import wrote nothing.
    db.save_item(&item).await?;
    db.save_guide_history(&code, &history).await?;
    let state = if draft_only { "draft" } else { "published" };
    println!("{code}\tversion {number}\t{state}");
    Ok(())
}

async fn export(
    database: &Path,
    code: &str,
    number: Option<u32>,
    out: Option<&Path>,
    user: &str,
) -> Result<(), Failure> {
    let db = Database::open(database).await?;
    let item = db
        .item(code)
        .await?
        .ok_or_else(|| Failure::NotFound(format!("no item {code} is stored")))?;
    crate::permission::require(
        &db,
        user,
        Action::ViewGuide,
        Target::Department(item.definition.department.clone()),
    )
    .await?;
    let history = db.guide_history(code).await?;
    let now = Utc::now().with_timezone(&CHINA_STANDARD_TIME);
    let version = match number {
        Some(n) => history.versions().iter().find(|v| v.number == n),
        None => history
            .in_force_at(now)
            .or_else(|| history.latest_published()),
    }
    .ok_or_else(|| {
        Failure::NotFound(match number {
            Some(n) => format!("item {code} has no guide version {n}"),
            None => format!("item {code} has no published guide"),
        })
    })?;
    let json = serde_json::to_string_pretty(&GuideFile::of_version(version))
        .map_err(|e| Failure::Usage(format!("cannot write the guide as JSON: {e}")))?;
    match out {
        Some(path) => {
            std::fs::write(path, format!("{json}\n")).map_err(|source| Failure::WriteOutput {
                path: path.display().to_string(),
                source,
            })
        }
        None => {
            println!("{json}");
            Ok(())
        }
    }
}

async fn list(database: &Path, user: &str) -> Result<(), Failure> {
    let db = Database::open(database).await?;
    for item in db.items().await? {
        let department = &item.definition.department;
        if !crate::permission::may_view(&db, user, Action::ViewGuide, department).await? {
            continue;
        }
        let history = db.guide_history(&item.definition.code).await?;
        let versions: Vec<String> = history
            .versions()
            .iter()
            .map(|v| match v.effective_from() {
                Some(from) => format!("v{} from {}", v.number, from.to_rfc3339()),
                None => format!("v{} draft", v.number),
            })
            .collect();
        println!(
            "{}\t{}\t{:?}\t{}",
            item.definition.code,
            item.definition.name,
            item.status(),
            versions.join(", ")
        );
    }
    Ok(())
}
