//! Warnings about the calendar's own data, shown before they bite.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::working_calendar::WorkingCalendar;

/// A warning for officers about the calendar's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum CalendarNotice {
    /// From 1 November, the next year has no published arrangement yet:
    /// periods running into it are provisional until its notice is imported.
    OfficialDataRunsOut { year: i32 },
    /// Today lies in a year without a published arrangement.
    ProvisionalYearInUse { year: i32 },
}

impl CalendarNotice {
    pub fn year(&self) -> i32 {
        match self {
            CalendarNotice::OfficialDataRunsOut { year }
            | CalendarNotice::ProvisionalYearInUse { year } => *year,
        }
    }

    /// A stable code for the UI.
    pub fn code(&self) -> &'static str {
        match self {
            CalendarNotice::OfficialDataRunsOut { .. } => "official_data_runs_out",
            CalendarNotice::ProvisionalYearInUse { .. } => "provisional_year_in_use",
        }
    }

    /// The warning in zh-CN.
    pub fn message_zh(&self) -> String {
        match self {
            CalendarNotice::OfficialDataRunsOut { year } => format!(
                "{year}年的放假安排尚未导入：跨入{year}年的期限按法定节假日推算，仅供参考；国务院通知发布后请及时导入"
            ),
            CalendarNotice::ProvisionalYearInUse { year } => format!(
                "本年度（{year}年）的放假安排尚未导入：所有日期均按法定节假日推算，仅供参考"
            ),
        }
    }
}

/// First month in which the next year's missing arrangement is announced.
const WARN_FROM_MONTH: u32 = 11;

impl WorkingCalendar {
    /// The warnings that apply on `today`.
    pub fn notices(&self, today: NaiveDate) -> Vec<CalendarNotice> {
        let official = |year: i32| {
            self.year_source(year) == Some(super::arrangement::ArrangementSource::Official)
        };
        let mut notices = Vec::new();
        if !official(today.year()) {
            notices.push(CalendarNotice::ProvisionalYearInUse { year: today.year() });
        }
        let next = today.year() + 1;
        if today.month() >= WARN_FROM_MONTH && !official(next) {
            notices.push(CalendarNotice::OfficialDataRunsOut { year: next });
        }
        notices
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn the_warning_starts_on_the_first_of_november() {
        let cal = WorkingCalendar::with_shipped_data([], &[]).unwrap();
        assert!(cal.notices(date(2026, 10, 31)).is_empty());
        assert_eq!(
            cal.notices(date(2026, 11, 1)),
            vec![CalendarNotice::OfficialDataRunsOut { year: 2027 }]
        );
        assert_eq!(
            cal.notices(date(2027, 3, 1)),
            vec![CalendarNotice::ProvisionalYearInUse { year: 2027 }]
        );
    }
}
