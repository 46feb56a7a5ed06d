//! The flowchart steps' own clocks while a case runs (Art 6: each step has
//! a maximum time, 环节最长时限): when a step became ready, when it is due,
//! and where the open steps stand.

use chrono::{DateTime, FixedOffset};

use super::clocks::case_clock_options;
use super::record::Case;
use crate::calendar::WorkingCalendar;
use crate::clock::{
    deadline, status_at, ClockError, Deadline, DeadlineOptions, DeadlineOutcome, Period,
    Timeliness, DEFAULT_WARNING_WORKING_DAYS,
};
use crate::guide::{GuideVersion, StepKind};

/// When step `id` became ready to work on: the latest completion of its
/// predecessors (the start counts from acceptance). `None` while a
/// predecessor is open or the case is not accepted.
pub fn step_ready_at(case: &Case, guide: &GuideVersion, id: &str) -> Option<DateTime<FixedOffset>> {
    let accepted = case.acceptance?.at;
    let chart = &guide.content.flowchart;
    let mut ready = accepted;
    for edge in chart.edges.iter().filter(|e| e.to == id) {
        let predecessor = chart.step(&edge.from)?;
        if predecessor.kind == StepKind::Start {
            continue;
        }
        let done = case
            .steps_done
            .iter()
            .filter(|d| d.step == predecessor.id)
            .map(|d| d.at)
            .max()?;
        ready = ready.max(done);
    }
    Some(ready)
}

/// Step `id`'s deadline (Art 6): its maximum time from when it became
/// ready, paused like the case by its declared special stages. `None` for a
/// step without a limit, one not yet ready, or while a pause runs.
pub fn step_deadline(
    case: &Case,
    guide: &GuideVersion,
    calendar: &WorkingCalendar,
    id: &str,
) -> Result<Option<Deadline>, ClockError> {
    let Some(limit) = guide.content.flowchart.step(id).and_then(|s| s.limit) else {
        return Ok(None);
    };
    let Some(start) = step_ready_at(case, guide, id) else {
        return Ok(None);
    };
    let period = Period {
        start,
        length: limit.period_length(),
        pauses: case.pauses.clone(),
    };
    Ok(
        match deadline(
            calendar,
            &period,
            case_clock_options(DeadlineOptions::default()),
        )? {
            DeadlineOutcome::Due(due) => Some(due),
            DeadlineOutcome::Suspended(_) => None,
        },
    )
}

/// Where an open, ready step stands against its maximum time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepStanding {
    pub step: String,
    pub name: String,
    pub due: DateTime<FixedOffset>,
    pub timeliness: Timeliness,
    /// Working days left, today included; negative: overdue by as many.
    pub remaining_working_days: i64,
}

/// The open steps of `case` that are ready and have a limit, with where
/// each stands at `now` (the officer sees a warning before the violation).
pub fn open_step_standings(
    case: &Case,
    guide: &GuideVersion,
    calendar: &WorkingCalendar,
    now: DateTime<FixedOffset>,
) -> Result<Vec<StepStanding>, ClockError> {
    let mut standings = Vec::new();
    for step in &guide.content.flowchart.steps {
        if !step.is_timed_work() || case.step_done(&step.id) {
            continue;
        }
        let Some(due) = step_deadline(case, guide, calendar, &step.id)? else {
            continue;
        };
        let status = status_at(calendar, &due, now, DEFAULT_WARNING_WORKING_DAYS)?;
        standings.push(StepStanding {
            step: step.id.clone(),
            name: step.name.clone(),
            due: due.due,
            timeliness: status.timeliness,
            remaining_working_days: status.remaining_working_days,
        });
    }
    Ok(standings)
}
