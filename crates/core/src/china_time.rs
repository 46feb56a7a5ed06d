//! China Standard Time (UTC+8), the zone every legal day is counted in.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeDelta, TimeZone};

/// UTC+8. Chinese law counts days on Beijing time whatever zone an instant was
/// written in.
pub const CHINA_STANDARD_TIME: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    None => panic!("UTC+8 is a valid offset"),
};

/// The legal (Beijing) date on which `instant` happens.
pub fn china_date<Tz: TimeZone>(instant: &DateTime<Tz>) -> NaiveDate {
    instant.with_timezone(&CHINA_STANDARD_TIME).date_naive()
}

/// `date` at `time`, Beijing time.
pub fn china_instant(date: NaiveDate, time: NaiveTime) -> DateTime<FixedOffset> {
    // UTC+8 has no gaps or folds: the local time maps to exactly one instant.
    let utc = date.and_time(time) - TimeDelta::hours(8);
    DateTime::from_naive_utc_and_offset(utc, CHINA_STANDARD_TIME)
}

/// The end of `date` (24:00, i.e. 00:00 of the next day), Beijing time.
pub fn end_of_china_day(date: NaiveDate) -> DateTime<FixedOffset> {
    let next = date.succ_opt().unwrap_or(date);
    china_instant(next, NaiveTime::MIN)
}

/// An instant as officers read it: Beijing time to the minute,
/// `2026-11-06 24:00` style (a midnight reads as 24:00 of the day before,
/// as deadlines are written, 民法典 第203条).
pub fn minute_zh(instant: &DateTime<FixedOffset>) -> String {
    let local = instant.with_timezone(&CHINA_STANDARD_TIME);
    if local.time() == NaiveTime::MIN {
        let day = local.date_naive().pred_opt().unwrap_or(local.date_naive());
        return format!("{} 24:00", day.format("%Y-%m-%d"));
    }
    local.format("%Y-%m-%d %H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instant_late_in_the_utc_day_is_already_the_next_day_in_beijing() {
        let instant = DateTime::parse_from_rfc3339("2026-01-01T17:30:00Z").unwrap();
        assert_eq!(
            china_date(&instant),
            NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()
        );
    }

    #[test]
    fn the_end_of_a_day_is_midnight_of_the_next() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        assert_eq!(
            end_of_china_day(day).to_rfc3339(),
            "2027-01-01T00:00:00+08:00"
        );
    }
}
