//! Shared fixtures for the scenario tests: the shipped calendar and instants
//! written the way officers read them.

use std::path::{Path, PathBuf};

use approval_core::calendar::WorkingCalendar;
use approval_core::exchange::{read_guide_file, GuideFile};
use approval_core::guide::{GuideHistory, ServiceItem};
use chrono::{DateTime, FixedOffset, NaiveDate};

/// The calendar as shipped: official 2020–2026, provisional after.
pub fn shipped_calendar() -> WorkingCalendar {
    match WorkingCalendar::with_shipped_data([], &[]) {
        Ok(calendar) => calendar,
        Err(e) => panic!("shipped calendar must build: {e}"),
    }
}

/// `"2026-11-27 10:00"` in Beijing time.
pub fn beijing(text: &str) -> DateTime<FixedOffset> {
    match DateTime::parse_from_str(&format!("{text} +0800"), "%Y-%m-%d %H:%M %z") {
        Ok(instant) => instant,
        Err(e) => panic!("fixture instant {text:?}: {e}"),
    }
}

/// `"2026-11-30"`.
pub fn day(text: &str) -> NaiveDate {
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(date) => date,
        Err(e) => panic!("fixture date {text:?}: {e}"),
    }
}

/// A guide of `fixtures/guides`, read as the model reads it.
pub fn guide_file(name: &str) -> GuideFile {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/guides")
        .join(name);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => panic!("fixture {}: {e}", path.display()),
    };
    match read_guide_file(&text).accepted() {
        Ok(file) => file,
        Err(findings) => panic!("fixture {name} must read: {findings:?}"),
    }
}

/// One item's guide history with `file` published from 2026-01-01.
pub fn published_history(file: &GuideFile) -> GuideHistory {
    let item = ServiceItem::new(file.item.clone());
    let mut history = GuideHistory::default();
    let published = history
        .start_draft(&item)
        .map(|_| ())
        .and_then(|()| {
            history
                .edit_draft(file.item.clone(), file.guide.clone())
                .map(|_| ())
        })
        .and_then(|()| {
            history
                .publish(
                    &item,
                    beijing("2026-01-01 00:00"),
                    beijing("2025-12-01 09:00"),
                    "editor",
                )
                .map(|_| ())
        });
    if let Err(e) = published {
        panic!("fixture {} must publish: {e}", file.item.code);
    }
    history
}

/// A binary of the workspace (`deskctl`, `desk-hub`, `approval-desk`), built
/// into the folder above the running test's own, as `scripts/test.sh` builds
/// them (`cargo build --workspace --bins`) before the tests that start them.
pub fn workspace_binary(name: &str) -> PathBuf {
    let test_binary = match std::env::current_exe() {
        Ok(path) => path,
        Err(e) => panic!("the running test's own path is unknown: {e}"),
    };
    let Some(folder) = test_binary.parent().and_then(Path::parent) else {
        panic!("{} has no build folder above it", test_binary.display());
    };
    let path = folder.join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: build the binaries first (cargo build --workspace --bins), as scripts/test.sh does",
        path.display()
    );
    path
}
