//! The demo's sealed letter and the two outside verifiers the PDF tests
//! hold our seals against: poppler's `pdfsig` and pyHanko.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::Profile;

/// `deskctl pdf demo --algorithm ALGORITHM` into the profile's folder: the
/// sealed decision letter and its root (PEM).
pub fn demo(p: &Profile, algorithm: &str) -> (PathBuf, PathBuf) {
    let out = p.dir.path().join(format!("demo-{algorithm}"));
    let printed = p.ok(&[
        "pdf",
        "demo",
        "--out",
        out.to_str().unwrap(),
        "--algorithm",
        algorithm,
    ]);
    assert!(printed.contains("decision.pdf"), "{printed}");
    (out.join("decision.pdf"), out.join("ca.pem"))
}

/// pdfsig's report (standard output); its exit code says little, so
/// callers read the text.
pub fn pdfsig(file: &Path) -> String {
    let program = Path::new("/usr/bin/pdfsig");
    assert!(
        program.exists(),
        "pdfsig is missing: run scripts/install-system-packages.sh (poppler-utils)"
    );
    let output = Command::new(program).arg(file).output().unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// pyHanko's pretty-printed validation of `file` trusting the root in `ca`
/// (standard output).
pub fn pyhanko(file: &Path, ca: &Path) -> String {
    pyhanko_said(file, ca).0
}

/// pyHanko's standard output and standard error.
pub fn pyhanko_said(file: &Path, ca: &Path) -> (String, String) {
    let tools = std::env::var_os("APPROVAL_DESK_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap()).join(".cache/approval-desk/tools")
        });
    let program = tools.join("pyhanko/bin/pyhanko");
    assert!(
        program.exists(),
        "{} is missing: run scripts/install-verifiers.sh",
        program.display()
    );
    let output = Command::new(program)
        .args(["sign", "validate", "--pretty-print", "--trust"])
        .arg(ca)
        .args(["--trust-replace", "--no-revocation-check"])
        .arg(file)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
