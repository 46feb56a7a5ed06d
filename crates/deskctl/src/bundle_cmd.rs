//! `deskctl bundle …`

use std::path::PathBuf;

use approval_api::bundles::{
    bundle_status, bundle_summary, check_bundle_file, guide_file_as_version, guides_for_bundle,
    import_bundle, members_without_guide, BundleSummary, MemberCase, MemberGuides, ReleaseGate,
};
use approval_api::guides::check_guide_file;
use approval_api::Actor;
use approval_core::bundle::{Outcome, WaitReason};

use crate::args::{BundleCommand, Cli};
use crate::failure::Failure;
use crate::findings::render;
use crate::guide_cmd::{login_name, read_text};

pub fn run(cli: &Cli, command: &BundleCommand) -> Result<(), Failure> {
    match command {
        BundleCommand::Check { file, guides } => {
            let text = read_text(file)?;
            let guides = crate::block_on(guides_for(cli, &text, guides))?;
            let check = check_bundle_file(&text, &guides);
            print!("{}", render(&check.findings));
            if let Some(bundle) = check.file() {
                print_summary(&bundle_summary(bundle, &guides));
            }
            check.accepted(&file.display().to_string())?;
            println!("{}: no errors", file.display());
            Ok(())
        }
        BundleCommand::Status { instance, user } => {
            let actor = Actor::new(user.clone().unwrap_or_else(login_name));
            let status = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                Ok(bundle_status(&desk, &actor, instance).await?)
            })?;
            println!(
                "bundle instance {}\t{}\t{}",
                status.id, status.code, status.name
            );
            for member in &status.members {
                let number = match &member.case {
                    MemberCase::Number(number) => number.as_deref().unwrap_or("-"),
                    MemberCase::OtherDepartment => "(其他部门)",
                };
                let outcome = match member.outcome {
                    Some(Outcome::Approved) => "approved",
                    Some(Outcome::Rejected) => "rejected",
                    None => "undecided",
                };
                let gate = match &member.gate {
                    ReleaseGate::Withheld {
                        waiting_on,
                        needs_new_decision,
                    } => {
                        let waits: Vec<String> = waiting_on
                            .iter()
                            .map(|(on, why)| match why {
                                WaitReason::Pending => format!("{on} pending"),
                                WaitReason::Rejected => format!("{on} rejected"),
                            })
                            .collect();
                        let flag = if *needs_new_decision {
                            "\tneeds a new decision"
                        } else {
                            ""
                        };
                        format!("withheld: waits on {}{flag}", waits.join(", "))
                    }
                    ReleaseGate::NotDecided => "not decided".to_owned(),
                    ReleaseGate::Releasable => "releasable".to_owned(),
                };
                println!(
                    "{}\t{number}\t{}\t{outcome}\t{gate}",
                    member.item_code, member.department
                );
            }
            Ok(())
        }
        BundleCommand::Import { file, user } => {
            let actor = Actor::new(user.clone().unwrap_or_else(login_name));
            let text = read_text(file)?;
            let imported = crate::block_on(async {
                let guides = guides_for(cli, &text, &[]).await?;
                let check = check_bundle_file(&text, &guides);
                eprint!("{}", render(&check.findings));
                let bundle = check.accepted(&file.display().to_string())?;
                let desk = crate::open_desk(cli).await?;
                Ok(import_bundle(&desk, &actor, crate::now(), bundle).await?)
            })?;
            println!("{}\t{}\tstored", imported.code, imported.name);
            Ok(())
        }
    }
}

fn print_summary(summary: &BundleSummary) {
    println!("consolidated materials (合并后的材料清单):");
    for material in &summary.materials {
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
    if let Some(chain) = &summary.longest_chain {
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
/// in force for the rest (opening the profile only when needed).
pub async fn guides_for(
    cli: &Cli,
    bundle_json: &str,
    guide_files: &[PathBuf],
) -> Result<MemberGuides, Failure> {
    let now = crate::now();
    let mut given = MemberGuides::new();
    for path in guide_files {
        let check = check_guide_file(&read_text(path)?);
        eprint!("{}", render(&check.findings));
        let origin = path.display().to_string();
        let version = guide_file_as_version(check.accepted(&origin)?, &origin, now);
        given.insert(version.item.code.clone(), version);
    }
    if members_without_guide(bundle_json, &given).is_empty() {
        return Ok(given);
    }
    let desk = crate::open_desk(cli).await?;
    Ok(guides_for_bundle(&desk, now, bundle_json, given).await?)
}
