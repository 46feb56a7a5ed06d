//! Counting a period to its deadline, in O(pauses) calendar look-ups.

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use serde::Serialize;

use super::error::ClockError;
use super::period::{
    DeadlineOptions, Pause, Period, PeriodLength, ProvisionalPolicy, MAX_PERIOD_DAYS,
};
use crate::calendar::WorkingCalendar;
use crate::china_time::{china_date, china_instant, end_of_china_day};

/// When a period ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deadline {
    /// The last day of the period (a working day).
    pub last_day: NaiveDate,
    /// The instant the period ends: 24:00 of `last_day`, or the office's close.
    pub due: DateTime<FixedOffset>,
    /// Some counted day lies in a year without a published arrangement.
    pub provisional: bool,
}

/// A period stopped by a pause that is still running: the deadline is not
/// known until the pause ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suspension {
    pub paused_since: DateTime<FixedOffset>,
    pub reason: String,
    /// Days counted before the pause.
    pub counted_days: u32,
    /// Days still to count once the pause ends.
    pub remaining_days: u32,
    pub provisional: bool,
}

/// The result of counting a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum DeadlineOutcome {
    Due(Deadline),
    Suspended(Suspension),
}

/// Days excluded by one pause: `(after, through]`; `through: None` is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Exclusion {
    pub after: NaiveDate,
    pub through: Option<NaiveDate>,
    /// The pause (by index into `Period::pauses`) that caused it.
    pub pause: usize,
}

impl Exclusion {
    pub fn contains(&self, date: NaiveDate) -> bool {
        date > self.after && self.through.is_none_or(|t| date <= t)
    }
}

/// The days one pause excludes; `None` for a pause within one day.
pub(super) fn exclusion_of(index: usize, pause: &Pause) -> Result<Option<Exclusion>, ClockError> {
    if let Some(end) = pause.end {
        if end < pause.start {
            return Err(ClockError::PauseEndsBeforeStart {
                index,
                start: pause.start,
                end,
            });
        }
    }
    let after = china_date(&pause.start);
    let through = pause.end.map(|end| china_date(&end));
    // A pause that starts and ends on one day excludes nothing.
    Ok((through != Some(after)).then_some(Exclusion {
        after,
        through,
        pause: index,
    }))
}

/// The exclusions of `pauses`, validated, sorted by start and merged where
/// they touch, so that counting can step over each once.
pub(super) fn exclusions(pauses: &[Pause]) -> Result<Vec<Exclusion>, ClockError> {
    let mut ranges = Vec::with_capacity(pauses.len());
    for (index, pause) in pauses.iter().enumerate() {
        ranges.extend(exclusion_of(index, pause)?);
    }
    ranges.sort_by_key(|r| r.after);
    let mut merged: Vec<Exclusion> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if last.through.is_none_or(|t| range.after <= t) => {
                last.through = match (last.through, range.through) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
            }
            _ => merged.push(range),
        }
    }
    Ok(merged)
}

/// Where counting stopped.
pub(super) enum Walk {
    /// The period's last day.
    Reached(NaiveDate),
    /// Stopped by an open pause.
    Suspended { exclusion: Exclusion, counted: u32 },
}

/// Days of the period's unit in `(from, to]`.
fn units_after(
    calendar: &WorkingCalendar,
    unit: PeriodLength,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<u32, ClockError> {
    Ok(match unit {
        PeriodLength::WorkingDays(_) => calendar.working_days_after(from, to)?,
        PeriodLength::NaturalDays(_) => {
            u32::try_from((to - from).num_days().max(0)).unwrap_or(u32::MAX)
        }
    })
}

/// The `n`-th day of the period's unit after `from`.
fn nth_unit_after(
    calendar: &WorkingCalendar,
    unit: PeriodLength,
    from: NaiveDate,
    n: u32,
) -> Result<NaiveDate, ClockError> {
    Ok(match unit {
        PeriodLength::WorkingDays(_) => calendar.add_working_days(from, n)?,
        PeriodLength::NaturalDays(_) => {
            let date = from
                .checked_add_days(Days::new(u64::from(n)))
                .unwrap_or(NaiveDate::MAX);
            // Range check through the calendar: the day must be known.
            calendar.is_workday(date)?;
            date
        }
    })
}

/// Counts the period over its exclusions to its nominal last day.
pub(super) fn walk(
    calendar: &WorkingCalendar,
    start_day: NaiveDate,
    length: PeriodLength,
    exclusions: &[Exclusion],
) -> Result<Walk, ClockError> {
    let total = length.days();
    let mut cursor = start_day;
    let mut remaining = total;
    for exclusion in exclusions {
        if exclusion.through.is_some_and(|t| t <= cursor) {
            continue;
        }
        let pause_from = exclusion.after.max(cursor);
        let available = units_after(calendar, length, cursor, pause_from)?;
        if available >= remaining {
            return Ok(Walk::Reached(nth_unit_after(
                calendar, length, cursor, remaining,
            )?));
        }
        remaining -= available;
        match exclusion.through {
            Some(through) => cursor = through,
            None => {
                return Ok(Walk::Suspended {
                    exclusion: *exclusion,
                    counted: total - remaining,
                })
            }
        }
    }
    Ok(Walk::Reached(nth_unit_after(
        calendar, length, cursor, remaining,
    )?))
}

/// 民法典 第203条: a natural-day period whose last day is a rest day ends on
/// the next working day (that no pause excludes). `Err(exclusion)` when an
/// open pause swallows the extension.
pub(super) fn extend_to_working_day(
    calendar: &WorkingCalendar,
    nominal_last_day: NaiveDate,
    exclusions: &[Exclusion],
) -> Result<Result<NaiveDate, Exclusion>, ClockError> {
    let mut day = calendar.working_day_on_or_after(nominal_last_day)?;
    while let Some(exclusion) = exclusions.iter().find(|e| e.contains(day)) {
        match exclusion.through {
            Some(through) => day = calendar.add_working_days(through, 1)?,
            None => return Ok(Err(*exclusion)),
        }
    }
    Ok(Ok(day))
}

fn check_length(length: PeriodLength) -> Result<(), ClockError> {
    match length.days() {
        0 => Err(ClockError::EmptyPeriod),
        days if days > MAX_PERIOD_DAYS => Err(ClockError::PeriodTooLong {
            days,
            max: MAX_PERIOD_DAYS,
        }),
        _ => Ok(()),
    }
}

/// Is any day from `from` to `to` in a provisional year, and may it be?
fn provisional_between(
    calendar: &WorkingCalendar,
    from: NaiveDate,
    to: NaiveDate,
    policy: ProvisionalPolicy,
) -> Result<bool, ClockError> {
    match (calendar.first_provisional_year(from, to), policy) {
        (None, _) => Ok(false),
        (Some(_), ProvisionalPolicy::Allow) => Ok(true),
        (Some(year), ProvisionalPolicy::Refuse) => Err(ClockError::ProvisionalYear { year }),
    }
}

/// The deadline of `period` on `calendar`.
///
/// Errors: an empty or overlong period, a pause that ends before it starts,
/// a day outside the calendar, or (under [`ProvisionalPolicy::Refuse`]) a day
/// in a year without a published arrangement.
pub fn deadline(
    calendar: &WorkingCalendar,
    period: &Period,
    options: DeadlineOptions,
) -> Result<DeadlineOutcome, ClockError> {
    check_length(period.length)?;
    let start_day = china_date(&period.start);
    let exclusions = exclusions(&period.pauses)?;
    let suspended = |exclusion: Exclusion, counted: u32| -> Result<DeadlineOutcome, ClockError> {
        let pause = &period.pauses[exclusion.pause];
        let provisional =
            provisional_between(calendar, start_day, exclusion.after, options.provisional)?;
        Ok(DeadlineOutcome::Suspended(Suspension {
            paused_since: pause.start,
            reason: pause.reason.clone(),
            counted_days: counted,
            remaining_days: period.length.days() - counted,
            provisional,
        }))
    };
    let nominal_last_day = match walk(calendar, start_day, period.length, &exclusions)? {
        Walk::Reached(day) => day,
        Walk::Suspended { exclusion, counted } => return suspended(exclusion, counted),
    };
    let last_day = match period.length {
        PeriodLength::WorkingDays(_) => nominal_last_day,
        PeriodLength::NaturalDays(days) => {
            match extend_to_working_day(calendar, nominal_last_day, &exclusions)? {
                Ok(day) => day,
                Err(exclusion) => return suspended(exclusion, days),
            }
        }
    };
    let provisional = provisional_between(calendar, start_day, last_day, options.provisional)?;
    let due = match options.office_closes_at {
        Some(close) => china_instant(last_day, close),
        None => end_of_china_day(last_day),
    };
    Ok(DeadlineOutcome::Due(Deadline {
        last_day,
        due,
        provisional,
    }))
}
