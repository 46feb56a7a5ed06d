//! `deskctl audit …`

use std::path::Path;

use approval_core::audit::verify_chain;
use approval_store::Database;

use crate::args::{AuditCommand, Cli};
use crate::failure::Failure;

pub fn run(cli: &Cli, command: &AuditCommand) -> Result<(), Failure> {
    match command {
        AuditCommand::Verify => crate::block_on(verify(&cli.database()?)),
    }
}

/// Checks the whole hash chain; a break fails with the first broken entry.
async fn verify(database: &Path) -> Result<(), Failure> {
    let db = Database::open(database).await?;
    let entries = db.audit_entries().await?;
    db.close().await;
    verify_chain(&entries)?;
    println!("audit log: {} entries, chain intact", entries.len());
    Ok(())
}
