use serde::{Deserialize, Serialize};

use crate::clock::PeriodLength;

/// Whether a limit counts working days (the default of the regulation) or
/// natural days (where a law says so).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LimitUnit {
    WorkingDays,
    NaturalDays,
}

/// A time limit: the statutory limit (法定时限), the promised limit (承诺时限),
/// a step's maximum or a stage's estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct TimeLimit {
    pub days: u32,
    pub unit: LimitUnit,
}

impl TimeLimit {
    pub const fn working_days(days: u32) -> Self {
        Self {
            days,
            unit: LimitUnit::WorkingDays,
        }
    }

    pub const fn natural_days(days: u32) -> Self {
        Self {
            days,
            unit: LimitUnit::NaturalDays,
        }
    }

    /// The period a clock counts for this limit.
    pub fn period_length(self) -> PeriodLength {
        match self.unit {
            LimitUnit::WorkingDays => PeriodLength::WorkingDays(self.days),
            LimitUnit::NaturalDays => PeriodLength::NaturalDays(self.days),
        }
    }

    /// Chinese, as a guide prints it: `20个工作日`, `60日`.
    pub fn to_zh(self) -> String {
        match self.unit {
            LimitUnit::WorkingDays => format!("{}个工作日", self.days),
            LimitUnit::NaturalDays => format!("{}日", self.days),
        }
    }
}
