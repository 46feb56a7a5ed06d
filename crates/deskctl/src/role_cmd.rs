//! `deskctl role …`: who holds which role.

use approval_core::access::{authorize, Action, Denied, Grant, Role, Scope, Target};
use approval_core::china_time::CHINA_STANDARD_TIME;
use approval_store::Database;
use chrono::Utc;

use crate::args::{Cli, RoleCommand};
use crate::failure::Failure;
use crate::guide_cmd::login_name;

pub fn run(cli: &Cli, command: &RoleCommand) -> Result<(), Failure> {
    let database = cli.database()?;
    match command {
        RoleCommand::Grant {
            person,
            role,
            department,
            user,
        } => {
            let role = parse_role(role)?;
            let actor = user.clone().unwrap_or_else(login_name);
            crate::block_on(async {
                let db = Database::open(&database).await?;
                grant(&db, &actor, person, role, department.as_deref()).await
            })
        }
        RoleCommand::List => crate::block_on(async {
            let db = Database::open(&database).await?;
            for grant in db.grants().await? {
                let scope = match &grant.scope {
                    Scope::All => "*",
                    Scope::Department(department) => department.as_str(),
                };
                println!("{}\t{}\t{scope}", grant.person, grant.role.code());
            }
            Ok(())
        }),
    }
}

/// The role of a stable code.
pub fn parse_role(word: &str) -> Result<Role, Failure> {
    Role::ALL
        .into_iter()
        .find(|r| r.code() == word)
        .ok_or_else(|| {
            let codes: Vec<&str> = Role::ALL.iter().map(|r| r.code()).collect();
            Failure::Usage(format!("no role {word}; one of: {}", codes.join(", ")))
        })
}

async fn grant(
    db: &Database,
    actor: &str,
    person: &str,
    role: Role,
    department: Option<&str>,
) -> Result<(), Failure> {
    let scope = department.map_or(Scope::All, |d| Scope::Department(d.to_owned()));
    let grants = db.grants().await?;
    if grants.is_empty() {
        println!(
            "note: no grant was stored yet: this first grant (the installer's first administrator) is stored without a permission check"
        );
    } else {
        let Some(department) = department else {
            // An all-department grant is appointed when the installation is
            // set up; in the app every grant names its department.
            return Err(Failure::Denied(Denied::WrongTarget {
                person: actor.to_owned(),
                action: Action::GrantRole,
                department: None,
                expected: "grant",
            }));
        };
        let target = Target::Grant {
            department: department.to_owned(),
            person: person.to_owned(),
            role,
        };
        authorize(&grants, actor, Action::GrantRole, &target).map_err(Failure::Denied)?;
    }
    let at = Utc::now().with_timezone(&CHINA_STANDARD_TIME);
    db.grant(&Grant::new(person, role, scope.clone()), actor, at)
        .await?;
    println!("{person}\t{}\t{}", role.code(), scope.name_zh());
    Ok(())
}
