//! `deskctl department …`

use approval_core::access::{Action, Target};
use approval_core::case::DepartmentWorkflow;
use approval_core::china_time::CHINA_STANDARD_TIME;
use approval_store::Database;
use chrono::Utc;

use crate::args::{Cli, DepartmentCommand};
use crate::failure::Failure;
use crate::guide_cmd::read_text;

pub fn run(cli: &Cli, command: &DepartmentCommand) -> Result<(), Failure> {
    let database = cli.database()?;
    match command {
        DepartmentCommand::Set { file, user } => {
            let text = read_text(file)?;
            let workflow: DepartmentWorkflow = serde_json::from_str(&text).map_err(|e| {
                Failure::Usage(format!(
                    "{}: line {}, column {}: {e}; nothing was changed",
                    file.display(),
                    e.line(),
                    e.column()
                ))
            })?;
            let problems = workflow.problems();
            if !problems.is_empty() {
                for problem in &problems {
                    eprintln!("{}: {problem}", file.display());
                }
                return Err(Failure::Rejected {
                    what: file.display().to_string(),
                    errors: problems.len(),
                });
            }
            let now = Utc::now().with_timezone(&CHINA_STANDARD_TIME);
            let user = user.clone().unwrap_or_else(crate::guide_cmd::login_name);
            crate::block_on(async {
                let db = Database::open(&database).await?;
                crate::permission::require(
                    &db,
                    &user,
                    Action::SetDepartmentWorkflow,
                    Target::Department(workflow.department.clone()),
                )
                .await?;
                db.save_department_workflow(&workflow, now).await?;
                println!("department workflow of {} stored", workflow.department);
                Ok(())
            })
        }
        DepartmentCommand::Show => crate::block_on(async {
            match Database::open(&database)
                .await?
                .department_workflow()
                .await?
            {
                Some(workflow) => {
                    let json = serde_json::to_string_pretty(&workflow)
                        .map_err(|e| Failure::Usage(format!("cannot print the workflow: {e}")))?;
                    println!("{json}");
                    Ok(())
                }
                None => Err(Failure::NotFound(
                    "no department workflow is set: `deskctl department set FILE`".to_owned(),
                )),
            }
        }),
    }
}
