//! A year's holiday arrangement (放假安排), as the State Council publishes it,
//! in the widely used `{year, papers, days: [{name, date, isOffDay}]}` layout.
//!
//! A day listed with `isOffDay: true` is a rest day (a statutory holiday or a
//! day moved by 调休); one listed with `isOffDay: false` is an adjusted working
//! day (调休上班) and must fall on a weekend. Days not listed follow the week:
//! Monday–Friday work, Saturday and Sunday rest.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Where a year's arrangement comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArrangementSource {
    /// Published by the State Council (shipped with the app or imported).
    Official,
    /// Computed from the statutory holidays of 全国年节及纪念日放假办法 because
    /// no notice for the year has been published yet. Never to be shown
    /// without saying so.
    Provisional,
}

/// One listed day of an arrangement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArrangedDay {
    /// The holiday this day belongs to, e.g. `春节` (also for 调休上班 days).
    pub name: String,
    pub date: NaiveDate,
    /// `true`: a rest day; `false`: an adjusted working day on a weekend.
    #[serde(rename = "isOffDay")]
    pub is_off_day: bool,
}

/// The arrangement of one calendar year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearArrangement {
    pub year: i32,
    /// The notices the arrangement comes from (addresses or titles with numbers).
    pub papers: Vec<String>,
    pub days: Vec<ArrangedDay>,
    #[serde(skip, default = "official")]
    pub source: ArrangementSource,
}

fn official() -> ArrangementSource {
    ArrangementSource::Official
}

/// Is `date` a weekend day by the week alone?
pub fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}
