//! `deskctl audit …`

use approval_api::audit::verify_audit_log;

use crate::args::{AuditCommand, Cli};
use crate::failure::Failure;

pub fn run(cli: &Cli, command: &AuditCommand) -> Result<(), Failure> {
    match command {
        AuditCommand::Verify { password_stdin } => {
            // A break fails with the first broken entry (and the hint to
            // keep the file as evidence).
            let (verified, against_hub) = crate::block_on(async {
                let desk = crate::open_desk(cli).await?;
                let verified = verify_audit_log(&desk).await;
                let against_hub = match &verified {
                    Ok(v) if v.is_intact() => {
                        crate::hub_cmd::audit_against_bound_hub(&desk, *password_stdin).await
                    }
                    _ => Ok(None),
                };
                desk.close().await;
                Ok((verified?, against_hub))
            })?;
            if let Some(broken) = verified.broken {
                return Err(Failure::AuditBroken(broken));
            }
            println!("audit log: {} entries, chain intact", verified.entries);
            // A bound profile: the chain must also be the one the hub saw.
            if let Some(audit) = against_hub? {
                if let Some(mismatch) = audit.mismatch_error() {
                    return Err(mismatch.into());
                }
                println!("hub checkpoints: {} compared, all match", audit.checkpoints);
            }
            Ok(())
        }
    }
}
