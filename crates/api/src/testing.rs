//! What the use cases' unit tests share: a profile in a temporary folder,
//! instants in Beijing time, grants, published guides and a minimal PDF.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use approval_core::access::{Grant, Role, Scope};
use approval_core::china_time::CHINA_STANDARD_TIME;
use chrono::{DateTime, FixedOffset, TimeZone};

use crate::guides::{check_guide_file, import_guide, GuideImportRequest};
use crate::{Actor, Desk};

pub const FOOD: &str = include_str!("../../../tests/fixtures/guides/food-business-licence.json");
pub const FIRE: &str = include_str!("../../../tests/fixtures/guides/fire-safety-inspection.json");
pub const POLLUTANT: &str =
    include_str!("../../../tests/fixtures/guides/pollutant-discharge-registration.json");
/// The department of the food business licence.
pub const MARKET: &str = "蓝田县市场监督管理局";

/// A profile in a temporary folder (kept alive with the desk).
pub async fn desk() -> (tempfile::TempDir, Desk) {
    let dir = tempfile::tempdir().unwrap();
    let desk = Desk::open(&dir.path().join("desk.sqlite3")).await.unwrap();
    (dir, desk)
}

/// 09:00 Beijing time on the day.
pub fn at(year: i32, month: u32, day: u32) -> DateTime<FixedOffset> {
    CHINA_STANDARD_TIME
        .with_ymd_and_hms(year, month, day, 9, 0, 0)
        .single()
        .unwrap()
}

/// Grants `role` in `scope` to `person`: the profile is set up from then
/// on, and every use case is checked.
pub async fn grant(desk: &Desk, person: &str, role: Role, scope: Scope) {
    let mut tx = desk.db().write().await.unwrap();
    tx.grant(&Grant::new(person, role, scope), "setup", at(2026, 1, 1))
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

/// Publishes the guide file `json` from 2026-01-01.
pub async fn publish(desk: &Desk, json: &str) {
    let file = check_guide_file(json).accepted("guide").unwrap();
    import_guide(
        desk,
        &Actor::new("editor"),
        at(2026, 1, 1),
        GuideImportRequest {
            file,
            draft_only: false,
            effective_from: None,
        },
    )
    .await
    .unwrap();
}

/// A one-page PDF with a classic cross-reference table, the least a
/// signature needs.
pub fn one_page_letter() -> Vec<u8> {
    approval_esign::testca::one_page_pdf("Decision letter")
}
