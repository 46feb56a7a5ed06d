use chrono::{DateTime, FixedOffset, NaiveTime};
use serde::{Deserialize, Serialize};

/// No legal limit an officer meets is longer than this; a larger number is a
/// typing mistake, not a period.
pub const MAX_PERIOD_DAYS: u32 = 3660;

/// How long a period runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "unit", content = "days", rename_all = "snake_case")]
pub enum PeriodLength {
    /// 工作日: only working days count.
    WorkingDays(u32),
    /// 自然日: every day counts, where the law says so.
    NaturalDays(u32),
}

impl PeriodLength {
    pub fn days(self) -> u32 {
        match self {
            PeriodLength::WorkingDays(n) | PeriodLength::NaturalDays(n) => n,
        }
    }
}

/// An interval in which the clock stands still: a special stage (特殊环节)
/// or waiting for corrected materials. A pause from day S to day E excludes the
/// days after S up to and including E; `end: None` means it is still running.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub start: DateTime<FixedOffset>,
    pub end: Option<DateTime<FixedOffset>>,
    /// Why the clock stopped, shown in every explanation.
    pub reason: String,
}

/// A period that starts with an event (receipt, acceptance, decision …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: DateTime<FixedOffset>,
    pub length: PeriodLength,
    pub pauses: Vec<Pause>,
}

/// Whether a period may run into a year whose arrangement is only provisional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProvisionalPolicy {
    /// Refuse with [`super::ClockError::ProvisionalYear`].
    #[default]
    Refuse,
    /// Compute it, labelled provisional.
    Allow,
}

/// How deadlines are computed for an office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DeadlineOptions {
    /// The close of office hours; `None`: periods end at 24:00 (民法典 第203条).
    pub office_closes_at: Option<NaiveTime>,
    pub provisional: ProvisionalPolicy,
}
