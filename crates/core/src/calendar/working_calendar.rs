//! The working-day calendar with a precomputed index, so that "the N-th
//! working day after D" and "working days between D1 and D2" are O(1).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

use super::arrangement::{is_weekend, ArrangementSource, YearArrangement};
use super::local_rest::LocalRestDay;
use super::statutory::provisional_arrangement;

/// The calendar starts with the 2020 arrangement; earlier days are unknown.
pub const FIRST_YEAR: i32 = 2020;

/// How far past the last official year provisional years are computed. A
/// period reaching further than this is refused rather than guessed.
pub const PROVISIONAL_YEARS_AHEAD: i32 = 10;

/// A question the calendar cannot answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("{date} is before {FIRST_YEAR}, where the calendar's data begins")]
    BeforeData { date: NaiveDate },
    #[error("{date} is beyond the calendar's last year {last_year}")]
    BeyondRange { date: NaiveDate, last_year: i32 },
    #[error("{year}-{month} is not a month")]
    NoSuchMonth { year: i32, month: u32 },
    #[error("local rest day {date} ({name}) is outside the calendar's years")]
    LocalRestDayOutOfRange { date: NaiveDate, name: String },
}

impl CalendarError {
    /// A stable code for the UI and scripts: that of the deadline error it
    /// becomes.
    pub fn code(&self) -> crate::error_code::ErrorCode {
        crate::clock::ClockError::from(self.clone()).code()
    }

    /// The message for officers, in zh-CN.
    pub fn message_zh(&self) -> String {
        crate::clock::ClockError::from(self.clone()).message_zh()
    }
}

/// Why a calendar could not be built.
#[derive(Debug, thiserror::Error)]
pub enum CalendarBuildError {
    #[error(transparent)]
    Shipped(#[from] super::official::ShippedDataError),
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

/// What the calendar says about one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarDay<'a> {
    pub date: NaiveDate,
    pub is_workday: bool,
    /// The holiday or local rest day the day belongs to, if any.
    pub holiday: Option<&'a str>,
    /// A weekend day that is worked (调休上班).
    pub adjusted_workday: bool,
    /// The day's year has no published arrangement yet.
    pub provisional: bool,
}

#[derive(Debug, Clone, Copy)]
struct DayRecord {
    is_workday: bool,
    adjusted_workday: bool,
    /// Index into `names`.
    holiday: Option<u16>,
}

/// A working-day calendar over whole years from [`FIRST_YEAR`].
///
/// Invariants: `workdays_through[i]` is the number of working days in
/// `first_day ..= first_day + i`; `workday_offsets[k]` is the offset of the
/// (k+1)-th working day.
#[derive(Debug, Clone)]
pub struct WorkingCalendar {
    first_day: NaiveDate,
    first_day_number: i32,
    last_year: i32,
    days: Vec<DayRecord>,
    workdays_through: Vec<u32>,
    workday_offsets: Vec<u32>,
    names: Vec<String>,
    sources: BTreeMap<i32, ArrangementSource>,
}

impl WorkingCalendar {
    /// Builds the calendar from official arrangements (later entries win for
    /// the same year, so an import replaces a shipped year), computing
    /// provisional years for every year after the last official one up to
    /// [`PROVISIONAL_YEARS_AHEAD`] years ahead, and for any gap. Local rest days
    /// are laid on top.
    pub fn new(
        official: impl IntoIterator<Item = YearArrangement>,
        local_rest_days: &[LocalRestDay],
    ) -> Result<Self, CalendarError> {
        let mut by_year: BTreeMap<i32, YearArrangement> = BTreeMap::new();
        for arrangement in official {
            if arrangement.year >= FIRST_YEAR {
                by_year.insert(arrangement.year, arrangement);
            }
        }
        let last_official = by_year
            .keys()
            .next_back()
            .copied()
            .unwrap_or(FIRST_YEAR - 1);
        let last_year = last_official.max(FIRST_YEAR) + PROVISIONAL_YEARS_AHEAD;
        for year in FIRST_YEAR..=last_year {
            by_year
                .entry(year)
                .or_insert_with(|| provisional_arrangement(year));
        }
        Self::from_years(by_year, last_year, local_rest_days)
    }

    fn from_years(
        by_year: BTreeMap<i32, YearArrangement>,
        last_year: i32,
        local_rest_days: &[LocalRestDay],
    ) -> Result<Self, CalendarError> {
        let first_day = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN);
        let end = NaiveDate::from_ymd_opt(last_year + 1, 1, 1).unwrap_or(NaiveDate::MAX);
        let day_count = usize::try_from((end - first_day).num_days()).unwrap_or(0);

        let mut days: Vec<DayRecord> = first_day
            .iter_days()
            .take(day_count)
            .map(|date| DayRecord {
                is_workday: !is_weekend(date),
                adjusted_workday: false,
                holiday: None,
            })
            .collect();
        let mut names: Vec<String> = Vec::new();
        let mut name_index = |name: &str| -> Option<u16> {
            let position = match names.iter().position(|n| n == name) {
                Some(p) => p,
                None => {
                    names.push(name.to_owned());
                    names.len() - 1
                }
            };
            u16::try_from(position).ok()
        };
        let offset = |date: NaiveDate| usize::try_from((date - first_day).num_days()).ok();

        let mut sources = BTreeMap::new();
        for (year, arrangement) in &by_year {
            sources.insert(*year, arrangement.source);
            for day in &arrangement.days {
                let Some(record) = offset(day.date).and_then(|i| days.get_mut(i)) else {
                    continue;
                };
                record.is_workday = !day.is_off_day;
                record.adjusted_workday = !day.is_off_day && is_weekend(day.date);
                record.holiday = name_index(&day.name);
            }
        }
        for local in local_rest_days {
            let Some(record) = offset(local.date).and_then(|i| days.get_mut(i)) else {
                return Err(CalendarError::LocalRestDayOutOfRange {
                    date: local.date,
                    name: local.name.clone(),
                });
            };
            record.is_workday = false;
            record.adjusted_workday = false;
            record.holiday = name_index(&local.name);
        }

        let mut workdays_through = Vec::with_capacity(days.len());
        let mut workday_offsets = Vec::new();
        let mut running = 0u32;
        for (i, record) in days.iter().enumerate() {
            if record.is_workday {
                running += 1;
                workday_offsets.push(u32::try_from(i).unwrap_or(u32::MAX));
            }
            workdays_through.push(running);
        }

        Ok(Self {
            first_day,
            first_day_number: first_day.num_days_from_ce(),
            last_year,
            days,
            workdays_through,
            workday_offsets,
            names,
            sources,
        })
    }

    /// The shipped official data plus `imported` years and local rest days.
    pub fn with_shipped_data(
        imported: impl IntoIterator<Item = YearArrangement>,
        local_rest_days: &[LocalRestDay],
    ) -> Result<Self, CalendarBuildError> {
        let shipped = super::official::shipped_arrangements()?;
        Ok(Self::new(
            shipped.into_iter().chain(imported),
            local_rest_days,
        )?)
    }

    /// The first day the calendar knows.
    pub fn first_day(&self) -> NaiveDate {
        self.first_day
    }

    /// The last year the calendar covers (provisional years included).
    pub fn last_year(&self) -> i32 {
        self.last_year
    }

    /// Where `year`'s arrangement comes from, if the calendar covers it.
    pub fn year_source(&self, year: i32) -> Option<ArrangementSource> {
        self.sources.get(&year).copied()
    }

    /// Years with a published arrangement, oldest first.
    pub fn official_years(&self) -> Vec<i32> {
        self.sources
            .iter()
            .filter(|(_, s)| **s == ArrangementSource::Official)
            .map(|(y, _)| *y)
            .collect()
    }

    /// The first provisional year in `from ..= to`, if any.
    pub fn first_provisional_year(&self, from: NaiveDate, to: NaiveDate) -> Option<i32> {
        (from.year()..=to.year())
            .find(|y| self.year_source(*y) != Some(ArrangementSource::Official))
    }

    fn offset_of(&self, date: NaiveDate) -> Result<usize, CalendarError> {
        let offset = date.num_days_from_ce() - self.first_day_number;
        if offset < 0 {
            return Err(CalendarError::BeforeData { date });
        }
        let index = offset as usize;
        if index >= self.days.len() {
            return Err(CalendarError::BeyondRange {
                date,
                last_year: self.last_year,
            });
        }
        Ok(index)
    }

    fn date_at(&self, offset: u32) -> NaiveDate {
        self.first_day + chrono::Days::new(u64::from(offset))
    }

    /// Everything the calendar says about `date`.
    pub fn day(&self, date: NaiveDate) -> Result<CalendarDay<'_>, CalendarError> {
        let record = self.days[self.offset_of(date)?];
        Ok(CalendarDay {
            date,
            is_workday: record.is_workday,
            holiday: record
                .holiday
                .and_then(|i| self.names.get(usize::from(i)))
                .map(String::as_str),
            adjusted_workday: record.adjusted_workday,
            provisional: self.year_source(date.year()) != Some(ArrangementSource::Official),
        })
    }

    /// Every day of one month, first to last.
    pub fn month(&self, year: i32, month: u32) -> Result<Vec<CalendarDay<'_>>, CalendarError> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)
            .ok_or(CalendarError::NoSuchMonth { year, month })?;
        first
            .iter_days()
            .take_while(|d| d.month() == month)
            .map(|d| self.day(d))
            .collect()
    }

    /// Is `date` a working day?
    pub fn is_workday(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        Ok(self.days[self.offset_of(date)?].is_workday)
    }

    /// The `n`-th working day strictly after `date` (`n = 0` gives `date`).
    pub fn add_working_days(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        if n == 0 {
            self.offset_of(date)?;
            return Ok(date);
        }
        let through = self.workdays_through[self.offset_of(date)?];
        let target = (through as usize) + (n as usize) - 1;
        match self.workday_offsets.get(target) {
            Some(offset) => Ok(self.date_at(*offset)),
            None => Err(CalendarError::BeyondRange {
                date: NaiveDate::from_ymd_opt(self.last_year, 12, 31).unwrap_or(date),
                last_year: self.last_year,
            }),
        }
    }

    /// The number of working days in `(from, to]`; zero when `to <= from`.
    pub fn working_days_after(&self, from: NaiveDate, to: NaiveDate) -> Result<u32, CalendarError> {
        let a = self.workdays_through[self.offset_of(from)?];
        let b = self.workdays_through[self.offset_of(to)?];
        Ok(b.saturating_sub(a))
    }

    /// The first working day on or after `date`.
    pub fn working_day_on_or_after(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        if self.is_workday(date)? {
            return Ok(date);
        }
        self.add_working_days(date, 1)
    }

    /// A short name for a rest day that is not a holiday.
    pub fn weekday_name(date: NaiveDate) -> &'static str {
        match date.weekday() {
            Weekday::Mon => "星期一",
            Weekday::Tue => "星期二",
            Weekday::Wed => "星期三",
            Weekday::Thu => "星期四",
            Weekday::Fri => "星期五",
            Weekday::Sat => "星期六",
            Weekday::Sun => "星期日",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn calendar() -> WorkingCalendar {
        WorkingCalendar::with_shipped_data([], &[]).expect("calendar")
    }

    #[test]
    fn holidays_rest_and_adjusted_weekends_work() {
        let cal = calendar();
        let spring = cal.day(date(2024, 2, 12)).unwrap();
        assert!(!spring.is_workday);
        assert_eq!(spring.holiday, Some("春节"));
        let adjusted = cal.day(date(2024, 2, 4)).unwrap();
        assert!(adjusted.is_workday && adjusted.adjusted_workday);
        assert!(
            !cal.is_workday(date(2024, 3, 2)).unwrap(),
            "an ordinary Saturday"
        );
        assert!(
            cal.is_workday(date(2024, 3, 4)).unwrap(),
            "an ordinary Monday"
        );
    }

    #[test]
    fn adding_working_days_skips_the_spring_festival() {
        let cal = calendar();
        // Friday 2024-02-09 (除夕, a working day that year) + 1 working day:
        // 10–17 Feb are rest days, 18 Feb (Sunday) is worked.
        assert_eq!(
            cal.add_working_days(date(2024, 2, 9), 1).unwrap(),
            date(2024, 2, 18)
        );
        assert_eq!(
            cal.working_days_after(date(2024, 2, 9), date(2024, 2, 18))
                .unwrap(),
            1
        );
    }

    #[test]
    fn years_beyond_the_official_data_are_provisional_not_plain_weekdays() {
        let cal = calendar();
        let new_year = cal.day(date(2027, 1, 1)).unwrap();
        assert!(!new_year.is_workday);
        assert!(new_year.provisional);
        assert_eq!(
            cal.first_provisional_year(date(2026, 12, 1), date(2027, 1, 5)),
            Some(2027)
        );
        assert_eq!(
            cal.first_provisional_year(date(2026, 1, 1), date(2026, 12, 31)),
            None
        );
    }

    #[test]
    fn days_outside_the_range_are_errors() {
        let cal = calendar();
        assert!(matches!(
            cal.day(date(2019, 12, 31)),
            Err(CalendarError::BeforeData { .. })
        ));
        assert!(matches!(
            cal.day(date(cal.last_year() + 1, 1, 1)),
            Err(CalendarError::BeyondRange { .. })
        ));
    }

    #[test]
    fn calendar_errors_have_the_codes_and_messages_of_deadline_errors() {
        use crate::error_code::ErrorCode;
        let before = CalendarError::BeforeData {
            date: date(2019, 12, 31),
        };
        assert_eq!(before.code(), ErrorCode::DateOutOfRange);
        assert!(
            before.message_zh().contains("2019-12-31"),
            "{}",
            before.message_zh()
        );
        let beyond = CalendarError::BeyondRange {
            date: date(2037, 1, 1),
            last_year: 2036,
        };
        assert_eq!(beyond.code(), ErrorCode::DateOutOfRange);
        assert!(beyond.message_zh().contains("2037-01-01"));
        assert!(beyond.message_zh().contains("2036年"));
        let month = CalendarError::NoSuchMonth {
            year: 2026,
            month: 13,
        };
        assert_eq!(month.code(), ErrorCode::InvalidInput);
        assert!(month.message_zh().contains("2026年13月"));
        let local = CalendarError::LocalRestDayOutOfRange {
            date: date(2019, 3, 10),
            name: "地方节日".to_owned(),
        };
        assert_eq!(local.code(), ErrorCode::DateOutOfRange);
        assert!(local.message_zh().contains("2019-03-10（地方节日）"));
    }

    #[test]
    fn local_rest_days_lie_on_top() {
        let local = [LocalRestDay {
            date: date(2026, 3, 10),
            name: "地方节日".to_owned(),
        }];
        let cal = WorkingCalendar::with_shipped_data([], &local).unwrap();
        let day = cal.day(date(2026, 3, 10)).unwrap();
        assert!(!day.is_workday);
        assert_eq!(day.holiday, Some("地方节日"));
    }
}
