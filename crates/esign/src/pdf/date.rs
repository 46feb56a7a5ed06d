//! PDF dates (PDF 7.9.4): `D:YYYYMMDDHHmmSS+HH'mm'`.

use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};

/// Formats `time` with its own offset, e.g. `D:20250301093000+08'00'`.
pub fn format(time: &DateTime<FixedOffset>) -> String {
    let offset = time.offset().local_minus_utc();
    let sign = if offset < 0 { '-' } else { '+' };
    let offset = offset.unsigned_abs();
    format!(
        "D:{}{}{:02}'{:02}'",
        time.format("%Y%m%d%H%M%S"),
        sign,
        offset / 3600,
        offset / 60 % 60
    )
}

/// Parses a PDF date, leniently: the prefix `D:` and every part after the
/// year are optional, `Z` means UTC, the apostrophes may be missing, and a
/// missing zone reads as UTC.
pub fn parse(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    let text = text.strip_prefix("D:").unwrap_or(text);
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits < 4 || digits % 2 != 0 || digits > 14 {
        return None;
    }
    let (stamp, zone) = text.split_at(digits);
    let part = |from: usize, default: u32| -> Option<u32> {
        stamp
            .get(from..from + 2)
            .map_or(Some(default), |p| p.parse().ok())
    };
    let year: i32 = stamp.get(0..4)?.parse().ok()?;
    let date = NaiveDate::from_ymd_opt(year, part(4, 1)?, part(6, 1)?)?;
    let naive = date.and_hms_opt(part(8, 0)?, part(10, 0)?, part(12, 0)?)?;
    let offset = parse_zone(zone)?;
    offset.from_local_datetime(&naive).single()
}

fn parse_zone(zone: &str) -> Option<FixedOffset> {
    let zone = zone.trim_end_matches('\'');
    let Some(sign) = zone.chars().next() else {
        return FixedOffset::east_opt(0);
    };
    if sign == 'Z' {
        return FixedOffset::east_opt(0);
    }
    let factor = match sign {
        '+' => 1,
        '-' => -1,
        _ => return None,
    };
    let rest: String = zone[1..].chars().filter(|c| *c != '\'').collect();
    let hours: i32 = rest.get(0..2)?.parse().ok()?;
    let minutes: i32 = match rest.get(2..4) {
        Some(m) => m.parse().ok()?,
        None => 0,
    };
    FixedOffset::east_opt(factor * (hours * 3600 + minutes * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn china(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<FixedOffset> {
        let Some(offset) = FixedOffset::east_opt(8 * 3600) else {
            panic!("offset");
        };
        let Some(t) = offset.with_ymd_and_hms(y, mo, d, h, mi, s).single() else {
            panic!("time");
        };
        t
    }

    #[test]
    fn formats_china_standard_time() {
        assert_eq!(
            format(&china(2025, 3, 1, 9, 30, 5)),
            "D:20250301093005+08'00'"
        );
    }

    #[test]
    fn formats_negative_and_half_hour_offsets() {
        let Some(offset) = FixedOffset::west_opt(3 * 3600 + 1800) else {
            panic!("offset");
        };
        let Some(t) = offset.with_ymd_and_hms(2024, 12, 31, 23, 59, 59).single() else {
            panic!("time");
        };
        assert_eq!(format(&t), "D:20241231235959-03'30'");
    }

    #[test]
    fn parses_what_it_formats_and_lenient_forms() {
        let t = china(2025, 3, 1, 9, 30, 5);
        assert_eq!(parse(&format(&t)), Some(t));
        assert_eq!(parse("D:20250301013005Z"), Some(t));
        assert_eq!(parse("20250301093005+0800"), Some(t));
        assert_eq!(parse("D:2025").map(|d| d.timestamp()), Some(1_735_689_600));
        assert_eq!(parse("D:20251341"), None);
        assert_eq!(parse("garbage"), None);
        assert_eq!(parse("D:202503010930051"), None);
    }
}
