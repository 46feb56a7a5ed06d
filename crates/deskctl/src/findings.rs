//! Printing findings the same way for every command.

use approval_core::guide::Finding;

/// One line per finding: `error[code] path: message`.
pub fn render(findings: &[Finding]) -> String {
    findings.iter().map(|f| format!("{f}\n")).collect()
}
