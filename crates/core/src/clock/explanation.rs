//! Every deadline explains itself: which days counted, which were skipped
//! as rest days (with the holiday's name) and which a pause excluded (with
//! its reason).

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::count::{deadline, exclusion_of, DeadlineOutcome};
use super::error::ClockError;
use super::period::{DeadlineOptions, Period, PeriodLength};
use crate::calendar::WorkingCalendar;
use crate::china_time::china_date;

/// What a day was to the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayRole {
    /// The day of the event: not counted (民法典 第201条).
    Start,
    Counted,
    /// A rest day a working-day period skips, or one a natural-day period
    /// passes after its nominal end.
    Rest,
    /// Excluded by a pause.
    Paused,
    /// The working day a natural-day period was extended to (民法典 第203条).
    Extended,
}

/// One day of an explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExplainedDay {
    pub date: NaiveDate,
    pub role: DayRole,
    /// For counted days: the how-manieth.
    pub ordinal: Option<u32>,
    /// The holiday's name, the weekday of a weekend, or the pause's reason.
    pub note: Option<String>,
    pub provisional: bool,
}

/// A deadline with the days that made it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explanation {
    pub outcome: DeadlineOutcome,
    pub days: Vec<ExplainedDay>,
}

/// The deadline of `period` with its day-by-day explanation.
pub fn explain(
    calendar: &WorkingCalendar,
    period: &Period,
    options: DeadlineOptions,
) -> Result<Explanation, ClockError> {
    let outcome = deadline(calendar, period, options)?;
    let start_day = china_date(&period.start);
    let (through, last_day) = match &outcome {
        DeadlineOutcome::Due(d) => (d.last_day, Some(d.last_day)),
        DeadlineOutcome::Suspended(s) => (china_date(&s.paused_since), None),
    };
    // One exclusion per pause (unmerged), so each paused day names the pause
    // that caused it; the first pause listed wins where two overlap.
    let mut by_pause = Vec::with_capacity(period.pauses.len());
    for (index, pause) in period.pauses.iter().enumerate() {
        if let Some(exclusion) = exclusion_of(index, pause)? {
            by_pause.push((exclusion, pause.reason.as_str()));
        }
    }
    let total = period.length.days();
    let is_natural = matches!(period.length, PeriodLength::NaturalDays(_));

    let mut days = Vec::new();
    let mut counted = 0u32;
    for date in start_day.iter_days().take_while(|d| *d <= through) {
        let info = calendar.day(date)?;
        let rest_note = || {
            info.holiday
                .map(str::to_owned)
                .unwrap_or_else(|| WorkingCalendar::weekday_name(date).to_owned())
        };
        let (role, ordinal, note) = if date == start_day {
            (DayRole::Start, None, None)
        } else if let Some((_, reason)) = by_pause.iter().find(|(e, _)| e.contains(date)) {
            (DayRole::Paused, None, Some((*reason).to_owned()))
        } else if counted < total && (is_natural || info.is_workday) {
            counted += 1;
            let note = (!info.is_workday).then(rest_note);
            (DayRole::Counted, Some(counted), note)
        } else if Some(date) == last_day && is_natural {
            (DayRole::Extended, None, None)
        } else {
            (DayRole::Rest, None, Some(rest_note()))
        };
        days.push(ExplainedDay {
            date,
            role,
            ordinal,
            note,
            provisional: info.provisional,
        });
    }
    Ok(Explanation { outcome, days })
}

impl Explanation {
    /// The explanation as zh-CN text for the command line.
    pub fn to_text(&self) -> String {
        let mut text = String::new();
        for day in &self.days {
            let weekday = WorkingCalendar::weekday_name(day.date);
            let flag = if day.provisional { "（推算）" } else { "" };
            let note = day.note.as_deref().unwrap_or("");
            let line = match day.role {
                DayRole::Start => format!(
                    "{} {weekday}  起算日，当日不计入（民法典第二百零一条）",
                    day.date
                ),
                DayRole::Counted if note.is_empty() => {
                    format!("{} {weekday}  第{}日", day.date, day.ordinal.unwrap_or(0))
                }
                DayRole::Counted => format!(
                    "{} {weekday}  第{}日（{note}，自然日照常计算）",
                    day.date,
                    day.ordinal.unwrap_or(0)
                ),
                DayRole::Rest => format!("{} {weekday}  休息日，不计入（{note}）", day.date),
                DayRole::Paused => format!("{} {weekday}  暂停计时（{note}）", day.date),
                DayRole::Extended => format!(
                    "{} {weekday}  期间最后一日为休息日，顺延至此日（民法典第二百零三条）",
                    day.date
                ),
            };
            let _ = writeln!(text, "{line}{flag}");
        }
        match &self.outcome {
            DeadlineOutcome::Due(d) => {
                let _ = write!(
                    text,
                    "期限届满：{}（{}）{}",
                    d.last_day,
                    d.due.to_rfc3339(),
                    if d.provisional {
                        "，含推算年份，仅供参考"
                    } else {
                        ""
                    }
                );
            }
            DeadlineOutcome::Suspended(s) => {
                let _ = write!(
                    text,
                    "计时自 {} 起暂停（{}），已计{}日，尚余{}日：暂停结束前期限无法确定",
                    s.paused_since.to_rfc3339(),
                    s.reason,
                    s.counted_days,
                    s.remaining_days
                );
            }
        }
        text
    }
}
