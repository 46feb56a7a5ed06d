//! `deskctl bundle …`

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use approval_core::access::{Action, Target};
use approval_core::bundle::{
    consolidated_materials, longest_chain, BundleDefinition, Outcome, WaitReason,
};
use approval_core::china_time::CHINA_STANDARD_TIME;
use approval_core::exchange::{read_bundle_file, read_guide_file, BundleFile};
use approval_core::guide::{GuideVersion, VersionState};
use approval_store::Database;
use chrono::Utc;

use crate::args::{BundleCommand, Cli};
use crate::failure::Failure;
use crate::findings::{fail_on_errors, render};
use crate::guide_cmd::{login_name, read_text};

pub fn run(cli: &Cli, command: &BundleCommand) -> Result<(), Failure> {
    match command {
        BundleCommand::Check { file, guides } => {
            let text = read_text(file)?;
            let guides = crate::block_on(guides_for(cli, &text, guides))?;
            let reading = read_bundle_file(&text, &guides);
            print!("{}", render(&reading.findings));
            if let Some(BundleFile { bundle, .. }) = &reading.file {
                print_summary(bundle, &guides);
            }
            fail_on_errors(&file.display().to_string(), &reading.findings)?;
            println!("{}: no errors", file.display());
            Ok(())
        }
        BundleCommand::Status { instance, user } => {
            let user = user.clone().unwrap_or_else(login_name);
            crate::block_on(status(&cli.database()?, instance, &user))
        }
        BundleCommand::Import { file, user } => {
            let user = user.clone().unwrap_or_else(login_name);
            let text = read_text(file)?;
            crate::block_on(async {
                let guides = guides_for(cli, &text, &[]).await?;
                let reading = read_bundle_file(&text, &guides);
                eprint!("{}", render(&reading.findings));
                fail_on_errors(&file.display().to_string(), &reading.findings)?;
                let Some(BundleFile { bundle, .. }) = reading.file else {
                    return Err(Failure::Usage(format!(
                        "{} could not be read",
                        file.display()
                    )));
                };
                let db = Database::open(&cli.database()?).await?;
                for department in departments_of(&bundle) {
                    crate::permission::require(
                        &db,
                        &user,
                        Action::EditBundle,
                        Target::Department(department.to_owned()),
                    )
                    .await?;
                }
                db.save_bundle(&bundle).await?;
                println!("{}\t{}\tstored", bundle.code, bundle.name);
                Ok(())
            })
        }
    }
}

fn print_summary(bundle: &BundleDefinition, guides: &HashMap<String, GuideVersion>) {
    println!("consolidated materials (合并后的材料清单):");
    for material in consolidated_materials(bundle, guides) {
        let users: Vec<String> = material
            .used_by
            .iter()
            .map(|u| format!("{}/{}", u.item_code, u.material_id))
            .collect();
        let need = if material.required {
            "required"
        } else {
            "conditional"
        };
        println!("  {}\t{need}\t{}", material.name, users.join(", "));
    }
    if let Some(chain) = longest_chain(bundle, guides) {
        let mixed = if chain.mixed_units {
            " (mixed working and natural days)"
        } else {
            ""
        };
        println!(
            "longest chain: {} days{mixed}: {}",
            chain.days,
            chain.item_codes.join(" → ")
        );
    }
}

/// The guide of every member: from `--guide` files first, the stored guides
/// in force for the rest (opening the database only when needed).
pub async fn guides_for(
    cli: &Cli,
    bundle_json: &str,
    guide_files: &[PathBuf],
) -> Result<HashMap<String, GuideVersion>, Failure> {
    let mut guides = HashMap::new();
    for path in guide_files {
        let version = guide_file_as_version(path)?;
        guides.insert(version.item.code.clone(), version);
    }
    let wanted: Vec<String> = serde_json::from_str::<serde_json::Value>(bundle_json)
        .ok()
        .and_then(|v| {
            v.pointer("/bundle/members")?.as_array().map(|members| {
                members
                    .iter()
                    .filter_map(|m| m.get("item_code")?.as_str().map(str::to_owned))
                    .collect()
            })
        })
        .unwrap_or_default();
    let missing: Vec<&String> = wanted
        .iter()
        .filter(|code| !guides.contains_key(*code))
        .collect();
    if missing.is_empty() {
        return Ok(guides);
    }
    let db = Database::open(&cli.database()?).await?;
    let now = Utc::now().with_timezone(&CHINA_STANDARD_TIME);
    for code in missing {
        if let Some(version) = db.guide_history(code).await?.in_force_at(now) {
            guides.insert(code.clone(), version.clone());
        }
    }
    Ok(guides)
}

/// A guide file, checked, as if it were a published version.
fn guide_file_as_version(path: &Path) -> Result<GuideVersion, Failure> {
    let reading = read_guide_file(&read_text(path)?);
    eprint!("{}", render(&reading.findings));
    let file = reading.accepted().map_err(|findings| {
        match fail_on_errors(&path.display().to_string(), &findings) {
            Err(failure) => failure,
            Ok(()) => Failure::Usage(format!("{} could not be read", path.display())),
        }
    })?;
    let now = Utc::now().with_timezone(&CHINA_STANDARD_TIME);
    Ok(GuideVersion {
        number: 0,
        state: VersionState::Published {
            effective_from: file.effective_from.unwrap_or(now),
            published_at: now,
            published_by: format!("file {}", path.display()),
        },
        item: file.item,
        content: file.guide,
    })
}

/// The departments whose items a bundle groups, each once.
fn departments_of(bundle: &BundleDefinition) -> BTreeSet<&str> {
    bundle
        .members
        .iter()
        .map(|member| member.department.as_str())
        .collect()
}

async fn status(database: &Path, id: &str, user: &str) -> Result<(), Failure> {
    let db = Database::open(database).await?;
    let instance = db
        .bundle_instance(id)
        .await?
        .ok_or_else(|| Failure::NotFound(format!("no bundle instance {id} is stored")))?;
    // Outcomes are shared across the bundle (each department needs to know
    // what its result waits on), but only someone who may see one of its
    // cases reads the status, and case numbers stay within their department.
    let mut visible = BTreeSet::new();
    for department in departments_of(&instance.bundle) {
        if crate::permission::may_view(&db, user, Action::ViewCase, department).await? {
            visible.insert(department.to_owned());
        }
    }
    let Some(first) = departments_of(&instance.bundle).into_iter().next() else {
        return Err(Failure::NotFound(format!(
            "bundle instance {id} has no items"
        )));
    };
    if visible.is_empty() {
        // The first department stands for all in the refusal: the user may
        // see none of them.
        crate::permission::require(
            &db,
            user,
            Action::ViewCase,
            Target::Department(first.to_owned()),
        )
        .await?;
    }
    let outcomes = db.bundle_outcomes(&instance).await?;
    let withheld = instance.withheld(&outcomes);
    println!(
        "bundle instance {id}\t{}\t{}",
        instance.bundle.code, instance.bundle.name
    );
    for member in &instance.bundle.members {
        let item = &member.item_code;
        let number = if visible.contains(&member.department) {
            instance.case_number(item).unwrap_or("-")
        } else {
            "(其他部门)"
        };
        let outcome = match outcomes.get(item).copied().flatten() {
            Some(Outcome::Approved) => "approved",
            Some(Outcome::Rejected) => "rejected",
            None => "undecided",
        };
        let gate = match withheld.iter().find(|w| &w.item == item) {
            Some(w) => {
                let waits: Vec<String> = w
                    .waiting_on
                    .iter()
                    .map(|(on, why)| match why {
                        WaitReason::Pending => format!("{on} pending"),
                        WaitReason::Rejected => format!("{on} rejected"),
                    })
                    .collect();
                let flag = if w.needs_new_decision {
                    "\tneeds a new decision"
                } else {
                    ""
                };
                format!("withheld: waits on {}{flag}", waits.join(", "))
            }
            None if outcome == "undecided" => "not decided".to_owned(),
            None => "releasable".to_owned(),
        };
        println!("{item}\t{number}\t{}\t{outcome}\t{gate}", member.department);
    }
    Ok(())
}
