//! The clocks of the regulation (陕西省政务服务效能管理暂行办法), each a named
//! function over [`deadline`](super::deadline).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::count::{deadline, Deadline, DeadlineOutcome};
use super::error::ClockError;
use super::period::{DeadlineOptions, Pause, Period, PeriodLength};
use crate::calendar::WorkingCalendar;

/// Art 10: an ordinary item is answered within 1 working day of receipt.
pub const ACCEPTANCE_WORKING_DAYS: u32 = 1;
/// Art 10: an item its guide flags complex gets 5 working days.
pub const COMPLEX_ACCEPTANCE_WORKING_DAYS: u32 = 5;
/// Art 12: results are pushed within 3 working days of the decision.
pub const RESULT_PUSH_WORKING_DAYS: u32 = 3;

/// Whether the guide flags an item complex (Art 10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemComplexity {
    Ordinary,
    Complex,
}

/// Art 10: the period of the acceptance notice or the one-time correction
/// notice, from the window unit's receipt: 1 working day, 5 for an item
/// its guide flags complex.
pub fn acceptance_period(received_at: DateTime<FixedOffset>, complexity: ItemComplexity) -> Period {
    let days = match complexity {
        ItemComplexity::Ordinary => ACCEPTANCE_WORKING_DAYS,
        ItemComplexity::Complex => COMPLEX_ACCEPTANCE_WORKING_DAYS,
    };
    Period {
        start: received_at,
        length: PeriodLength::WorkingDays(days),
        pauses: Vec::new(),
    }
}

/// Art 10: the deadline for the acceptance notice or the one-time correction
/// notice (一次性告知补正), counted from the window unit's receipt. Corrected
/// materials restart it: pass their receipt as `received_at`.
pub fn acceptance_deadline(
    calendar: &WorkingCalendar,
    received_at: DateTime<FixedOffset>,
    complexity: ItemComplexity,
    options: DeadlineOptions,
) -> Result<Deadline, ClockError> {
    let period = acceptance_period(received_at, complexity);
    match deadline(calendar, &period, options)? {
        DeadlineOutcome::Due(due) => Ok(due),
        // Unreachable without pauses; kept total rather than panicking.
        DeadlineOutcome::Suspended(_) => Err(ClockError::EmptyPeriod),
    }
}

/// Where a case stands on acceptance at an instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum AcceptanceState {
    /// Still within the deadline, no answer yet.
    Pending { deadline: Deadline },
    /// The department answered (acceptance or correction notice) in time.
    AnsweredInTime { answered_at: DateTime<FixedOffset> },
    /// 视同受理: no answer by the deadline, so the case is accepted as of the
    /// window unit's receipt, and the department has an efficiency violation.
    DeemedAccepted {
        accepted_at: DateTime<FixedOffset>,
        deadline: Deadline,
    },
}

/// Art 10 at `now`: has the department answered in time, or is the case
/// deemed accepted (视同受理) with acceptance time = `received_at`?
/// An answer after the deadline does not undo a deemed acceptance.
pub fn acceptance_state(
    calendar: &WorkingCalendar,
    received_at: DateTime<FixedOffset>,
    complexity: ItemComplexity,
    first_answer_at: Option<DateTime<FixedOffset>>,
    now: DateTime<FixedOffset>,
    options: DeadlineOptions,
) -> Result<AcceptanceState, ClockError> {
    let deadline = acceptance_deadline(calendar, received_at, complexity, options)?;
    match first_answer_at {
        Some(answered_at) if answered_at < deadline.due => {
            Ok(AcceptanceState::AnsweredInTime { answered_at })
        }
        _ if now >= deadline.due || first_answer_at.is_some() => {
            Ok(AcceptanceState::DeemedAccepted {
                accepted_at: received_at,
                deadline,
            })
        }
        _ => Ok(AcceptanceState::Pending { deadline }),
    }
}

/// Art 6, 11: the processing deadline from acceptance under the guide's
/// promised limit (承诺时限), with the special stages and correction waits
/// that paused it.
pub fn processing_deadline(
    calendar: &WorkingCalendar,
    accepted_at: DateTime<FixedOffset>,
    limit: PeriodLength,
    pauses: Vec<Pause>,
    options: DeadlineOptions,
) -> Result<DeadlineOutcome, ClockError> {
    let period = Period {
        start: accepted_at,
        length: limit,
        pauses,
    };
    deadline(calendar, &period, options)
}

/// Art 12: the result reaches the window unit and the applicant within 3
/// working days of the decision.
pub fn result_push_deadline(
    calendar: &WorkingCalendar,
    decided_at: DateTime<FixedOffset>,
    options: DeadlineOptions,
) -> Result<Deadline, ClockError> {
    let period = Period {
        start: decided_at,
        length: PeriodLength::WorkingDays(RESULT_PUSH_WORKING_DAYS),
        pauses: Vec::new(),
    };
    match deadline(calendar, &period, options)? {
        DeadlineOutcome::Due(due) => Ok(due),
        DeadlineOutcome::Suspended(_) => Err(ClockError::EmptyPeriod),
    }
}
