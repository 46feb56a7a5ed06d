//! Printing findings the same way for every command.

use approval_core::guide::Finding;

use crate::failure::Failure;

/// One line per finding: `error[code] path: message`.
pub fn render(findings: &[Finding]) -> String {
    findings.iter().map(|f| format!("{f}\n")).collect()
}

/// `Err` naming the number of errors when any finding is one.
pub fn fail_on_errors(what: &str, findings: &[Finding]) -> Result<(), Failure> {
    let errors = findings.iter().filter(|f| f.is_error()).count();
    if errors == 0 {
        Ok(())
    } else {
        Err(Failure::Rejected {
            what: what.to_owned(),
            errors,
        })
    }
}
