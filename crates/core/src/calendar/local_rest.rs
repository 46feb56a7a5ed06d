//! Local extra rest days (地方性假日): a region's own holidays, e.g. those of an
//! ethnic autonomous area, layered on top of the national arrangement.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A rest day that applies only where the office is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalRestDay {
    pub date: NaiveDate,
    /// The holiday's name, shown wherever the day is skipped.
    pub name: String,
}
