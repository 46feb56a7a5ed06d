//! The statutory public holidays (全体公民放假的节日) of
//! 《全国年节及纪念日放假办法》 as amended in 2024 (国务院令第795号, in force
//! from 1 January 2025), turned into a *provisional* year arrangement for a
//! year whose State Council notice (国务院办公厅关于…部分节假日安排的通知) is
//! not yet published.
//!
//! Only what the regulation itself fixes is produced: the holiday days and,
//! because 第三条 says 全体公民放假的假日，如果适逢星期六、星期日，应当在工作日
//! 补假, a make-up rest day (补假) on a working day for every holiday day lost
//! to a weekend or to another holiday. Swapped working days (调休上班) are a
//! choice of each year's notice and cannot be computed, so none are listed.

use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

use super::arrangement::{is_weekend, ArrangedDay, ArrangementSource, YearArrangement};
use super::lunisolar::{chinese_new_years_eve, lunar_to_gregorian, qingming};

/// The single line of `papers` of every provisional arrangement.
const PROVISIONAL_PAPER: &str =
    "《全国年节及纪念日放假办法》（国务院令第795号修订，2025年1月1日起施行）\
规定的全体公民放假节日：日期由本程序推算，并非国务院办公厅公布的放假安排，调休以正式通知为准";

/// The statutory public holidays of `year` as a provisional arrangement:
/// source = [`ArrangementSource::Provisional`], papers = one line naming
/// 《全国年节及纪念日放假办法》(国务院令第795号修订, 2025年1月1日起施行) and
/// saying the dates are computed, not published.
///
/// Every listed day is a rest day inside `year`: the holiday days (a date
/// shared by two holidays is listed once, named e.g. `国庆节、中秋节`) and
/// the make-up days (补假), each named after its holiday, sorted by date.
pub fn provisional_arrangement(year: i32) -> YearArrangement {
    let blocks = holiday_blocks_around(year);
    YearArrangement {
        year,
        papers: vec![PROVISIONAL_PAPER.to_owned()],
        days: arranged_days_in_year(year, &blocks),
        source: ArrangementSource::Provisional,
    }
}

/// The statutory holiday days of `year` themselves, without make-up days:
/// each date once (two holidays on one date are named e.g. `国庆节、中秋节`),
/// sorted, all inside `year`, all `is_off_day: true`. An official
/// arrangement must list every one of them as a rest day.
pub fn statutory_holidays(year: i32) -> Vec<ArrangedDay> {
    holiday_names_by_date(&holiday_blocks_around(year))
        .into_iter()
        .filter(|(date, _)| date.year() == year)
        .map(|(date, names)| ArrangedDay {
            name: names.join("、"),
            date,
            is_off_day: true,
        })
        .collect()
}

/// The holidays of `year` and of the years either side. The neighbours are
/// included so that a block crossing New Year (e.g. a 除夕 on 31 December)
/// is treated whole; callers keep only the days inside `year`.
fn holiday_blocks_around(year: i32) -> Vec<HolidayBlock> {
    [year.saturating_sub(1), year, year.saturating_add(1)]
        .into_iter()
        .flat_map(holiday_blocks)
        .collect()
}

/// One statutory holiday of one year: its name and its consecutive days.
#[derive(Debug, Clone, PartialEq, Eq)]
struct HolidayBlock {
    name: &'static str,
    days: Vec<NaiveDate>,
    /// A holiday on a fixed Gregorian date (元旦, 劳动节, 国庆节). When a
    /// movable holiday (春节, 清明节, 端午节, 中秋节) lands on one of its days,
    /// the fixed holiday keeps the day and the movable one gets the make-up.
    fixed_date: bool,
}

/// The seven statutory holidays of Gregorian `year` (第二条 of the
/// regulation, 全体公民放假的节日); a holiday whose date cannot be formed
/// (far outside chrono's range) is left out rather than panicking.
fn holiday_blocks(year: i32) -> Vec<HolidayBlock> {
    let fixed = |name, month, first_day, count| {
        NaiveDate::from_ymd_opt(year, month, first_day).map(|first| block(name, first, count, true))
    };
    let movable =
        |name, first: Option<NaiveDate>, count| first.map(|d| block(name, d, count, false));
    [
        // 元旦, 1 day: 1 January.
        fixed("元旦", 1, 1, 1),
        // 春节, 4 days: 除夕 and 正月初一 to 初三.
        movable("春节", Some(chinese_new_years_eve(year)), 4),
        // 清明节, 1 day: the day of the solar term 清明.
        movable("清明节", Some(qingming(year)), 1),
        // 劳动节, 2 days: 1–2 May.
        fixed("劳动节", 5, 1, 2),
        // 端午节, 1 day: 农历五月初五.
        movable("端午节", lunar_to_gregorian(year, 5, 5), 1),
        // 中秋节, 1 day: 农历八月十五.
        movable("中秋节", lunar_to_gregorian(year, 8, 15), 1),
        // 国庆节, 3 days: 1–3 October.
        fixed("国庆节", 10, 1, 3),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn block(name: &'static str, first: NaiveDate, count: u64, fixed_date: bool) -> HolidayBlock {
    let days = first.iter_days().take(count as usize).collect();
    HolidayBlock {
        name,
        days,
        fixed_date,
    }
}

/// The arranged rest days of `year` produced by `blocks`: holiday days plus
/// make-up days, each date once, sorted, all inside `year`.
fn arranged_days_in_year(year: i32, blocks: &[HolidayBlock]) -> Vec<ArrangedDay> {
    let holidays_by_date = holiday_names_by_date(blocks);
    let make_ups = make_up_days(blocks, &holidays_by_date);
    let holiday_days = holidays_by_date
        .iter()
        .map(|(&date, names)| (date, names.join("、")));
    let make_up_days = make_ups
        .into_iter()
        .map(|(date, name)| (date, name.to_owned()));
    let all: BTreeMap<NaiveDate, String> = holiday_days.chain(make_up_days).collect();
    all.into_iter()
        .filter(|(date, _)| date.year() == year)
        .map(|(date, name)| ArrangedDay {
            name,
            date,
            is_off_day: true,
        })
        .collect()
}

/// For each holiday date, the names of the holidays on it, the one that keeps
/// the day first: fixed-date holidays before movable ones, then by date.
fn holiday_names_by_date(blocks: &[HolidayBlock]) -> BTreeMap<NaiveDate, Vec<&'static str>> {
    let mut by_date: BTreeMap<NaiveDate, Vec<&'static str>> = BTreeMap::new();
    for holiday in blocks_in_priority_order(blocks) {
        for &date in &holiday.days {
            let names = by_date.entry(date).or_default();
            if !names.contains(&holiday.name) {
                names.push(holiday.name);
            }
        }
    }
    by_date
}

fn blocks_in_priority_order(blocks: &[HolidayBlock]) -> Vec<&HolidayBlock> {
    let mut ordered: Vec<&HolidayBlock> = blocks.iter().collect();
    ordered.sort_by_key(|b| (!b.fixed_date, b.days.first().copied()));
    ordered
}

/// The make-up rest days (补假) and the holiday each belongs to. A holiday
/// owes one for each of its days that falls on a Saturday or Sunday or that
/// another holiday keeps; each is the next Monday–Friday after the holiday's
/// last day that is not already a rest day. Holidays are served in date
/// order, so an earlier holiday's make-up days come first.
fn make_up_days(
    blocks: &[HolidayBlock],
    holidays_by_date: &BTreeMap<NaiveDate, Vec<&'static str>>,
) -> BTreeMap<NaiveDate, &'static str> {
    let mut rest_days: BTreeSet<NaiveDate> = holidays_by_date.keys().copied().collect();
    let mut make_ups = BTreeMap::new();
    let mut chronological: Vec<&HolidayBlock> = blocks.iter().collect();
    chronological.sort_by_key(|b| (b.days.first().copied(), !b.fixed_date));
    for holiday in chronological {
        let Some(&last_day) = holiday.days.last() else {
            continue;
        };
        let mut cursor = last_day;
        for _ in 0..days_owed(holiday, holidays_by_date) {
            let Some(day) = next_free_working_day(cursor, &rest_days) else {
                break;
            };
            rest_days.insert(day);
            make_ups.insert(day, holiday.name);
            cursor = day;
        }
    }
    make_ups
}

/// How many of `holiday`'s days are lost: on a weekend, or kept by another
/// holiday that comes first on that date.
fn days_owed(
    holiday: &HolidayBlock,
    holidays_by_date: &BTreeMap<NaiveDate, Vec<&'static str>>,
) -> usize {
    holiday
        .days
        .iter()
        .filter(|&&date| {
            let kept_by_other = holidays_by_date
                .get(&date)
                .and_then(|names| names.first())
                .is_some_and(|&keeper| keeper != holiday.name);
            is_weekend(date) || kept_by_other
        })
        .count()
}

/// The first Monday–Friday after `after` that is not in `rest_days`.
fn next_free_working_day(after: NaiveDate, rest_days: &BTreeSet<NaiveDate>) -> Option<NaiveDate> {
    after
        .iter_days()
        .skip(1)
        .take(366)
        .find(|day| !is_weekend(*day) && !rest_days.contains(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    fn listed(year: i32) -> Vec<(String, String)> {
        provisional_arrangement(year)
            .days
            .into_iter()
            .map(|d| (d.date.format("%m-%d").to_string(), d.name))
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|&(date, name)| (date.to_owned(), name.to_owned()))
            .collect()
    }

    #[test]
    fn year_2027_worked_by_hand() {
        // 元旦 Fri 1 Jan. 春节: 除夕 Fri 5 Feb, 初一 Sat 6, 初二 Sun 7, 初三 Mon 8;
        // Sat and Sun lost → Tue 9, Wed 10. 清明 Mon 5 Apr. 劳动节 Sat 1 and
        // Sun 2 May → Mon 3, Tue 4. 端午 Wed 9 Jun. 中秋 Wed 15 Sep. 国庆 Fri
        // 1 Oct, Sat 2, Sun 3 → Mon 4, Tue 5.
        let expected = pairs(&[
            ("01-01", "元旦"),
            ("02-05", "春节"),
            ("02-06", "春节"),
            ("02-07", "春节"),
            ("02-08", "春节"),
            ("02-09", "春节"),
            ("02-10", "春节"),
            ("04-05", "清明节"),
            ("05-01", "劳动节"),
            ("05-02", "劳动节"),
            ("05-03", "劳动节"),
            ("05-04", "劳动节"),
            ("06-09", "端午节"),
            ("09-15", "中秋节"),
            ("10-01", "国庆节"),
            ("10-02", "国庆节"),
            ("10-03", "国庆节"),
            ("10-04", "国庆节"),
            ("10-05", "国庆节"),
        ]);
        assert_eq!(listed(2027), expected);
        let arrangement = provisional_arrangement(2027);
        assert_eq!(arrangement.year, 2027);
        assert_eq!(arrangement.source, ArrangementSource::Provisional);
        assert!(arrangement.days.iter().all(|d| d.is_off_day));
    }

    #[test]
    fn mid_autumn_on_national_day_gets_a_make_up_day() {
        // 2020: 中秋 is Thu 1 Oct, shared with 国庆节. 国庆 loses Sat 3 Oct →
        // Mon 5; 中秋 loses its shared day → the next free weekday, Tue 6.
        let october: Vec<(String, String)> = listed(2020)
            .into_iter()
            .filter(|(d, _)| d.starts_with("10-"))
            .collect();
        let expected = pairs(&[
            ("10-01", "国庆节、中秋节"),
            ("10-02", "国庆节"),
            ("10-03", "国庆节"),
            ("10-05", "国庆节"),
            ("10-06", "中秋节"),
        ]);
        assert_eq!(october, expected);
    }

    #[test]
    fn mid_autumn_on_national_day_2031() {
        // 2031: 中秋 Wed 1 Oct; 国庆 Wed–Fri loses nothing else, 中秋 → Mon 6.
        let october: Vec<(String, String)> = listed(2031)
            .into_iter()
            .filter(|(d, _)| d.starts_with("10-"))
            .collect();
        let expected = pairs(&[
            ("10-01", "国庆节、中秋节"),
            ("10-02", "国庆节"),
            ("10-03", "国庆节"),
            ("10-06", "中秋节"),
        ]);
        assert_eq!(october, expected);
    }

    #[test]
    fn year_2025_holiday_days_and_make_ups() {
        // 2025: 除夕 Tue 28 Jan – 初三 Fri 31 Jan (no weekend); 清明 Fri 4 Apr;
        // 劳动节 Thu–Fri 1–2 May; 端午 Sat 31 May → Mon 2 Jun; 国庆 Wed–Fri;
        // 中秋 Mon 6 Oct.
        let expected = pairs(&[
            ("01-01", "元旦"),
            ("01-28", "春节"),
            ("01-29", "春节"),
            ("01-30", "春节"),
            ("01-31", "春节"),
            ("04-04", "清明节"),
            ("05-01", "劳动节"),
            ("05-02", "劳动节"),
            ("05-31", "端午节"),
            ("06-02", "端午节"),
            ("10-01", "国庆节"),
            ("10-02", "国庆节"),
            ("10-03", "国庆节"),
            ("10-06", "中秋节"),
        ]);
        assert_eq!(listed(2025), expected);
    }

    #[test]
    fn new_years_eve_in_the_previous_year_is_cut_at_new_year() {
        // 除夕 never falls on 31 December in practice (正月初一 is 21 Jan – 20
        // Feb), so the rule is checked on a made-up 春节 from Sat 31 Dec 2022
        // to Tue 3 Jan 2023, overlapping 元旦 (Sun 1 Jan 2023).
        let blocks = [
            block("元旦", ymd(2023, 1, 1), 1, true),
            block("春节", ymd(2022, 12, 31), 4, false),
        ];
        let days_2023: Vec<(NaiveDate, String)> = arranged_days_in_year(2023, &blocks)
            .into_iter()
            .map(|d| (d.date, d.name))
            .collect();
        // 春节 (served first, as it starts first) loses Sat 31 Dec and Sun
        // 1 Jan (also kept by 元旦) → Wed 4, Thu 5 Jan; 元旦 loses its Sunday
        // → Fri 6 Jan.
        let expected = vec![
            (ymd(2023, 1, 1), "元旦、春节".to_owned()),
            (ymd(2023, 1, 2), "春节".to_owned()),
            (ymd(2023, 1, 3), "春节".to_owned()),
            (ymd(2023, 1, 4), "春节".to_owned()),
            (ymd(2023, 1, 5), "春节".to_owned()),
            (ymd(2023, 1, 6), "元旦".to_owned()),
        ];
        assert_eq!(days_2023, expected);
        // The same blocks seen from 2022 keep only the 除夕.
        let days_2022: Vec<NaiveDate> = arranged_days_in_year(2022, &blocks)
            .into_iter()
            .map(|d| d.date)
            .collect();
        assert_eq!(days_2022, vec![ymd(2022, 12, 31)]);
    }

    #[test]
    fn every_year_is_inside_itself_sorted_and_unique() {
        for year in 1950..=2150 {
            let arrangement = provisional_arrangement(year);
            let dates: Vec<NaiveDate> = arrangement.days.iter().map(|d| d.date).collect();
            assert!(dates.iter().all(|d| d.year() == year), "{year}");
            assert!(dates.windows(2).all(|w| w[0] < w[1]), "{year}");
            assert!(arrangement.days.iter().all(|d| d.is_off_day), "{year}");
            // 13 holiday days, fewer when two share a date; every other
            // listed day is a make-up day and so a weekday.
            let holidays = holiday_dates_around(year);
            let (holiday_days, make_ups): (Vec<NaiveDate>, Vec<NaiveDate>) =
                dates.iter().partition(|d| holidays.contains(d));
            assert!((12..=13).contains(&holiday_days.len()), "{year}");
            assert!(make_ups.iter().all(|d| !is_weekend(*d)), "{year}");
        }
    }

    /// The statutory holiday days of `year` and its neighbours.
    fn holiday_dates_around(year: i32) -> BTreeSet<NaiveDate> {
        [year - 1, year, year + 1]
            .into_iter()
            .flat_map(holiday_blocks)
            .flat_map(|b| b.days)
            .collect()
    }

    #[test]
    fn statutory_holidays_are_the_holiday_days_without_make_ups() {
        let days: Vec<(NaiveDate, String)> = statutory_holidays(2020)
            .into_iter()
            .map(|d| (d.date, d.name))
            .collect();
        let dates: Vec<NaiveDate> = days.iter().map(|d| d.0).collect();
        // 13 statutory days less the one shared by 国庆节 and 中秋节.
        assert_eq!(dates.len(), 12);
        assert!(dates.contains(&ymd(2020, 1, 24)) && !dates.contains(&ymd(2020, 1, 28)));
        assert!(days.contains(&(ymd(2020, 10, 1), "国庆节、中秋节".to_owned())));
        assert!(!dates.contains(&ymd(2020, 10, 5)));
    }

    #[test]
    fn papers_say_computed_not_published() {
        let arrangement = provisional_arrangement(2030);
        assert_eq!(arrangement.papers.len(), 1);
        let paper = &arrangement.papers[0];
        assert!(paper.contains("全国年节及纪念日放假办法"));
        assert!(paper.contains("第795号"));
        assert!(paper.contains("推算"));
        assert!(paper.contains("并非"));
    }
}
