//! The profile every CLI test works on: a database in a temporary folder,
//! and `deskctl` run against it as a separate process.
#![allow(dead_code, clippy::unwrap_used)]

pub mod verifiers;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A file of the repository's `tests/fixtures`, as a command-line argument.
pub fn fixture(relative: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(relative)
        .to_str()
        .unwrap()
        .to_owned()
}

pub struct Profile {
    pub dir: tempfile::TempDir,
}

impl Profile {
    pub fn empty() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("desk.sqlite3")
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_deskctl"))
            .arg("--db")
            .arg(self.db())
            .args(args)
            .output()
            .unwrap()
    }

    /// Runs and requires success; the standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert!(
            output.status.success(),
            "{args:?} failed:\n{}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Runs and requires a refusal (exit code 1, not a crash or a usage
    /// error); the standard error.
    pub fn fails(&self, args: &[&str]) -> String {
        let output = self.run(args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?} should be refused with exit code 1:\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stderr).into_owned()
    }

    /// Writes a file into the profile's folder; its path.
    pub fn write(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    }

    /// The four guides (the food licence from its own `effective_from`,
    /// 2026-01-05; the others from 2026-01-01) and the restaurant bundle.
    pub fn with_guides() -> Self {
        let p = Self::empty();
        p.ok(&[
            "guide",
            "import",
            &fixture("guides/food-business-licence.json"),
        ]);
        for guide in [
            "guides/fire-safety-inspection.json",
            "guides/pollutant-discharge-registration.json",
            "guides/construction-works-permit.json",
        ] {
            p.ok(&[
                "guide",
                "import",
                &fixture(guide),
                "--effective-from",
                "2026-01-01T00:00:00+08:00",
            ]);
        }
        p.ok(&["bundle", "import", &fixture("bundles/open-restaurant.json")]);
        p
    }
}
