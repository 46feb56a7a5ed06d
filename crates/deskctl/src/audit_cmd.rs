//! `deskctl audit …`

use approval_api::audit::verify_audit_log;

use crate::args::{AuditCommand, Cli};
use crate::failure::Failure;

pub fn run(cli: &Cli, command: &AuditCommand) -> Result<(), Failure> {
    match command {
        AuditCommand::Verify => {
            // A break fails with the first broken entry (and the hint to
            // keep the file as evidence).
            let verified = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                let verified = verify_audit_log(&desk).await;
                desk.close().await;
                Ok(verified?)
            })?;
            if let Some(broken) = verified.broken {
                return Err(Failure::AuditBroken(broken));
            }
            println!("audit log: {} entries, chain intact", verified.entries);
            Ok(())
        }
    }
}
