//! Shared fixtures for the scenario tests: the shipped calendar and instants
//! written the way officers read them.

use approval_core::calendar::WorkingCalendar;
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
