//! `deskctl guide …`

use std::path::Path;

use approval_api::guides::{
    check_guide_file, export_guide, guide_file_json, import_guide, list_guides, GuideImportRequest,
};
use approval_api::Actor;

use crate::args::{Cli, GuideCommand};
use crate::failure::Failure;
use crate::findings::render;

pub use crate::identity::login_name;

pub fn run(cli: &Cli, command: &GuideCommand) -> Result<(), Failure> {
    match command {
        GuideCommand::Check { file, json } => {
            let check = check_guide_file(&read_text(file)?);
            if *json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&check.findings).unwrap_or_default()
                );
            } else {
                print!("{}", render(&check.findings));
            }
            check.accepted(&file.display().to_string())?;
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
            let check = check_guide_file(&read_text(file)?);
            eprint!("{}", render(&check.findings));
            let request = GuideImportRequest {
                file: check.accepted(&file.display().to_string())?,
                draft_only: *draft,
                effective_from: *effective_from,
            };
            let imported = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                Ok(import_guide(&desk, &actor(user), crate::now(), request).await?)
            })?;
            let state = if imported.published {
                "published"
            } else {
                "draft"
            };
            println!("{}\tversion {}\t{state}", imported.code, imported.number);
            Ok(())
        }
        GuideCommand::Export {
            code,
            version,
            out,
            user,
        } => {
            let exported = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                Ok(export_guide(&desk, &actor(user), crate::now(), code, *version).await?)
            })?;
            let json = guide_file_json(&exported)?;
            match out {
                Some(path) => std::fs::write(path, format!("{json}\n")).map_err(|source| {
                    Failure::WriteOutput {
                        path: path.display().to_string(),
                        source,
                    }
                }),
                None => {
                    println!("{json}");
                    Ok(())
                }
            }
        }
        GuideCommand::List { user } => {
            let listed = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                Ok(list_guides(&desk, &actor(user)).await?)
            })?;
            for item in listed {
                let versions: Vec<String> = item
                    .versions
                    .iter()
                    .map(|v| match v.effective_from {
                        Some(from) => format!("v{} from {}", v.number, from.to_rfc3339()),
                        None => format!("v{} draft", v.number),
                    })
                    .collect();
                println!(
                    "{}\t{}\t{:?}\t{}",
                    item.code,
                    item.name,
                    item.status,
                    versions.join(", ")
                );
            }
            Ok(())
        }
    }
}

/// `--as`, or the login name.
fn actor(user: &Option<String>) -> Actor {
    Actor::new(user.clone().unwrap_or_else(login_name))
}

pub fn read_text(file: &Path) -> Result<String, Failure> {
    std::fs::read_to_string(file).map_err(|source| Failure::ReadInput {
        path: file.display().to_string(),
        source,
    })
}
