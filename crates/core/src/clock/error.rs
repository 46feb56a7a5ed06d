use crate::error_code::ErrorCode;
use chrono::{DateTime, FixedOffset};

use crate::calendar::CalendarError;

/// Why a deadline could not be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ClockError {
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    #[error(
        "the period reaches {year}, whose holiday arrangement has not been published; \
         its days are only provisional (allow provisional years to compute it anyway)"
    )]
    ProvisionalYear { year: i32 },
    #[error("a period must last at least one day")]
    EmptyPeriod,
    #[error("a period of {days} days is longer than the {max} days any legal limit allows")]
    PeriodTooLong { days: u32, max: u32 },
    #[error("pause #{index} ends ({end}) before it starts ({start})")]
    PauseEndsBeforeStart {
        index: usize,
        start: DateTime<FixedOffset>,
        end: DateTime<FixedOffset>,
    },
}

impl ClockError {
    /// A stable code for the UI and scripts; never changes once shipped.
    pub fn code(&self) -> ErrorCode {
        match self {
            ClockError::Calendar(CalendarError::NoSuchMonth { .. }) => ErrorCode::InvalidInput,
            ClockError::Calendar(_) => ErrorCode::DateOutOfRange,
            ClockError::ProvisionalYear { .. } => ErrorCode::ProvisionalYear,
            ClockError::EmptyPeriod | ClockError::PeriodTooLong { .. } => ErrorCode::InvalidPeriod,
            ClockError::PauseEndsBeforeStart { .. } => ErrorCode::PauseInvalid,
        }
    }

    /// The message for officers, in zh-CN.
    pub fn message_zh(&self) -> String {
        match self {
            ClockError::Calendar(CalendarError::BeforeData { date }) => {
                format!("{date} 早于工作日历的起始年份（2020年），无法计算")
            }
            ClockError::Calendar(CalendarError::BeyondRange { date, last_year }) => {
                format!("{date} 超出工作日历的范围（最远至{last_year}年）")
            }
            ClockError::Calendar(CalendarError::NoSuchMonth { year, month }) => {
                format!("{year}年{month}月不是有效的月份")
            }
            ClockError::Calendar(CalendarError::LocalRestDayOutOfRange { date, name }) => {
                format!("地方休息日 {date}（{name}）不在工作日历的年份范围内")
            }
            ClockError::ProvisionalYear { year } => format!(
                "期限涉及{year}年，该年度的放假安排尚未公布，只能按法定节假日推算；如需计算，请选择允许使用推算年份"
            ),
            ClockError::EmptyPeriod => "期限至少为1天".to_owned(),
            ClockError::PeriodTooLong { days, max } => {
                format!("期限{days}天超过了允许的最大值{max}天")
            }
            ClockError::PauseEndsBeforeStart { index, .. } => {
                format!("第{}个暂停区间的结束时间早于开始时间", index + 1)
            }
        }
    }
}
