//! `deskctl department …`

use approval_api::department::{department_workflow, set_department_workflow};
use approval_api::{Actor, ApiError};

use crate::args::{Cli, DepartmentCommand};
use crate::failure::Failure;
use crate::guide_cmd::{login_name, read_text};

pub fn run(cli: &Cli, command: &DepartmentCommand) -> Result<(), Failure> {
    match command {
        DepartmentCommand::Set { file, user } => {
            let text = read_text(file)?;
            let origin = file.display().to_string();
            let actor = Actor::new(user.clone().unwrap_or_else(login_name));
            let workflow = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                Ok(set_department_workflow(&desk, &actor, crate::now(), &text, &origin).await?)
            })
            .inspect_err(|failure| {
                // One line per problem of the document, before the refusal.
                if let Failure::Api(ApiError { details, .. }) = failure {
                    for detail in details {
                        eprintln!("{origin}: {}: {}", detail.location, detail.message_en);
                    }
                }
            })?;
            println!("department workflow of {} stored", workflow.department);
            Ok(())
        }
        DepartmentCommand::Show => {
            let workflow = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                Ok(department_workflow(&desk).await?)
            })?;
            let json = serde_json::to_string_pretty(&workflow)
                .map_err(|e| Failure::Usage(format!("cannot print the workflow: {e}")))?;
            println!("{json}");
            Ok(())
        }
    }
}
