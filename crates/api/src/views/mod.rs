//! What crosses IPC: plain data shaped for the UI (see ui/src/ipc/types.ts).

pub mod seal;

use approval_core::calendar::{CalendarDay, YearArrangement};
use approval_core::clock::{DeadlineOutcome, ExplainedDay, Explanation};
use chrono::Datelike;
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize)]
pub struct DayView {
    pub date: String,
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u32,
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

#[derive(Debug, Serialize)]
pub struct MonthView {
    pub year: i32,
    pub month: u32,
    pub provisional: bool,
    pub days: Vec<DayView>,
}

#[derive(Debug, Serialize)]
pub struct NoticeView {
    pub code: &'static str,
    pub year: i32,
    pub message: String,
}

#[derive(Debug, Serialize)]
pub struct CalendarStatusView {
    pub official_years: Vec<i32>,
    pub first_year: i32,
    pub last_year: i32,
    pub notices: Vec<NoticeView>,
}

#[derive(Debug, Serialize)]
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

#[derive(Debug, Deserialize)]
pub struct PauseRequest {
    pub start: String,
    pub end: Option<String>,
    pub reason: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitRequest {
    WorkingDays,
    NaturalDays,
}

#[derive(Debug, Deserialize)]
pub struct DeadlineRequest {
    pub start: String,
    pub unit: UnitRequest,
    pub length: u32,
    pub pauses: Vec<PauseRequest>,
    pub allow_provisional: bool,
}

#[derive(Debug, Serialize)]
pub struct ExplanationView {
    pub days: Vec<ExplainedDay>,
    pub text: String,
}

#[derive(Debug, Serialize)]
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
            days: explanation.days,
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
