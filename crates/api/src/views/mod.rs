//! What crosses IPC: plain data shaped for the UI, generated into
//! TypeScript (`ui/src/ipc/generated/`, checked for drift by a test).

pub mod batch_seal;
pub mod bundle;
pub mod case;
pub mod delegation;
pub mod guide_editor;
pub mod inbox;
pub mod seal;
pub mod session;

use approval_core::calendar::{CalendarDay, YearArrangement};
use approval_core::clock::{DayRole, DeadlineOutcome, ExplainedDay, Explanation};
use chrono::Datelike;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Serialize, TS)]
#[ts(rename = "CalendarDay")]
pub struct DayView {
    pub date: String,
    /// 1 = Monday … 7 = Sunday.
    #[ts(type = "1 | 2 | 3 | 4 | 5 | 6 | 7")]
    pub weekday: u32,
    #[ts(type = "\"workday\" | \"restday\"")]
    pub kind: &'static str,
    pub holiday: Option<String>,
    pub adjusted_workday: bool,
    pub provisional: bool,
}

impl From<&CalendarDay<'_>> for DayView {
    fn from(day: &CalendarDay<'_>) -> Self {
        Self {
            date: day.date.to_string(),
            weekday: day.date.weekday().number_from_monday(),
            kind: if day.is_workday { "workday" } else { "restday" },
            holiday: day.holiday.map(str::to_owned),
            adjusted_workday: day.adjusted_workday,
            provisional: day.provisional,
        }
    }
}

#[derive(Debug, Serialize, TS)]
#[ts(rename = "CalendarMonth")]
pub struct MonthView {
    pub year: i32,
    pub month: u32,
    pub provisional: bool,
    pub days: Vec<DayView>,
}

#[derive(Debug, Serialize, TS)]
#[ts(rename = "CalendarNotice")]
pub struct NoticeView {
    #[ts(type = "\"official_data_runs_out\" | \"provisional_year_in_use\"")]
    pub code: &'static str,
    pub year: i32,
    pub message: String,
}

#[derive(Debug, Serialize, TS)]
#[ts(rename = "CalendarStatus")]
pub struct CalendarStatusView {
    pub official_years: Vec<i32>,
    pub first_year: i32,
    pub last_year: i32,
    pub notices: Vec<NoticeView>,
}

#[derive(Debug, Serialize, TS)]
#[ts(rename = "CalendarImportSummary")]
pub struct ImportSummaryView {
    pub year: i32,
    pub rest_days: usize,
    pub adjusted_workdays: usize,
    /// The year already had an official arrangement, which this replaced.
    pub replaced: bool,
}

impl ImportSummaryView {
    pub fn of(arrangement: &YearArrangement, replaced: bool) -> Self {
        let rest_days = arrangement.days.iter().filter(|d| d.is_off_day).count();
        Self {
            year: arrangement.year,
            rest_days,
            adjusted_workdays: arrangement.days.len() - rest_days,
            replaced,
        }
    }
}

#[derive(Debug, Deserialize, TS)]
#[ts(rename = "Pause")]
pub struct PauseRequest {
    pub start: String,
    pub end: Option<String>,
    pub reason: String,
}

#[derive(Debug, Deserialize, TS)]
#[ts(rename = "PeriodUnit")]
#[serde(rename_all = "snake_case")]
pub enum UnitRequest {
    WorkingDays,
    NaturalDays,
}

#[derive(Debug, Deserialize, TS)]
#[ts(rename = "DeadlineRequest")]
pub struct DeadlineRequest {
    pub start: String,
    pub unit: UnitRequest,
    pub length: u32,
    pub pauses: Vec<PauseRequest>,
    pub allow_provisional: bool,
}

#[derive(Debug, Serialize, TS)]
#[ts(rename = "Explanation")]
pub struct ExplanationView {
    pub days: Vec<ExplainedDayView>,
    pub text: String,
}

/// What a day was to the period.
#[derive(Debug, Serialize, TS)]
#[ts(rename = "ExplanationRole")]
#[serde(rename_all = "snake_case")]
pub enum DayRoleView {
    /// The day of the event: not counted (民法典 第201条).
    Start,
    Counted,
    Rest,
    Paused,
    /// The working day a natural-day period was extended to (第203条).
    Extended,
}

/// One day of an explanation.
#[derive(Debug, Serialize, TS)]
#[ts(rename = "ExplanationDay")]
pub struct ExplainedDayView {
    /// YYYY-MM-DD.
    pub date: String,
    pub role: DayRoleView,
    /// For counted days: the how-manieth.
    pub ordinal: Option<u32>,
    /// The holiday's name, the weekday of a weekend, or the pause's reason.
    pub note: Option<String>,
    pub provisional: bool,
}

impl From<ExplainedDay> for ExplainedDayView {
    fn from(day: ExplainedDay) -> Self {
        Self {
            date: day.date.to_string(),
            role: match day.role {
                DayRole::Start => DayRoleView::Start,
                DayRole::Counted => DayRoleView::Counted,
                DayRole::Rest => DayRoleView::Rest,
                DayRole::Paused => DayRoleView::Paused,
                DayRole::Extended => DayRoleView::Extended,
            },
            ordinal: day.ordinal,
            note: day.note,
            provisional: day.provisional,
        }
    }
}

#[derive(Debug, Serialize, TS)]
#[ts(rename = "DeadlineResult")]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum DeadlineView {
    Due {
        last_day: String,
        due: String,
        provisional: bool,
        explanation: ExplanationView,
    },
    Suspended {
        paused_since: String,
        reason: String,
        counted_days: u32,
        remaining_days: u32,
        provisional: bool,
        explanation: ExplanationView,
    },
}

impl From<Explanation> for DeadlineView {
    fn from(explanation: Explanation) -> Self {
        let text = explanation.to_text();
        let view = ExplanationView {
            days: explanation.days.into_iter().map(Into::into).collect(),
            text,
        };
        match explanation.outcome {
            DeadlineOutcome::Due(d) => DeadlineView::Due {
                last_day: d.last_day.to_string(),
                due: d.due.to_rfc3339(),
                provisional: d.provisional,
                explanation: view,
            },
            DeadlineOutcome::Suspended(s) => DeadlineView::Suspended {
                paused_since: s.paused_since.to_rfc3339(),
                reason: s.reason,
                counted_days: s.counted_days,
                remaining_days: s.remaining_days,
                provisional: s.provisional,
                explanation: view,
            },
        }
    }
}
