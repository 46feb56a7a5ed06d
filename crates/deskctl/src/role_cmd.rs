//! `deskctl role …`: adapters over `approval_api::roles`.

use crate::identity::login_name;
use approval_api::roles::{grant_role, list_grants, parse_role, GrantRequest};
use approval_api::Actor;
use approval_core::access::Scope;

use crate::args::{Cli, RoleCommand};
use crate::failure::Failure;

pub fn run(cli: &Cli, command: &RoleCommand) -> Result<(), Failure> {
    match command {
        RoleCommand::Grant {
            person,
            role,
            department,
            user,
        } => {
            let request = GrantRequest {
                person: person.clone(),
                role: parse_role(role)?,
                department: department.clone(),
            };
            let actor = Actor::new(user.clone().unwrap_or_else(login_name));
            let outcome = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                Ok(grant_role(&desk, &actor, crate::now(), request).await?)
            })?;
            if outcome.first_grant {
                println!(
                    "note: no grant was stored yet: this first grant (the installer's first administrator) is stored without a permission check"
                );
            }
            let grant = &outcome.grant;
            println!(
                "{}\t{}\t{}",
                grant.person,
                grant.role.code(),
                grant.scope.name_zh()
            );
        }
        RoleCommand::List => {
            let grants = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                Ok(list_grants(&desk).await?)
            })?;
            for grant in grants {
                let scope = match &grant.scope {
                    Scope::All => "*",
                    Scope::Department(department) => department.as_str(),
                };
                println!("{}\t{}\t{scope}", grant.person, grant.role.code());
            }
        }
    }
    Ok(())
}
