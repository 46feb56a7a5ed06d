//! The official arrangements shipped with the app, 2020 onward, one JSON file
//! a year in `crates/core/data/holidays/` (see the README there for the
//! notices each year comes from).
//!
//! The files are compiled in, so no I/O is needed to read them; they go
//! through the same validation as an imported file.

use super::arrangement::YearArrangement;
use super::import::{parse_arrangement, ImportError};

const SHIPPED: &[(i32, &str)] = &[
    (2020, include_str!("../../data/holidays/2020.json")),
    (2021, include_str!("../../data/holidays/2021.json")),
    (2022, include_str!("../../data/holidays/2022.json")),
    (2023, include_str!("../../data/holidays/2023.json")),
    (2024, include_str!("../../data/holidays/2024.json")),
    (2025, include_str!("../../data/holidays/2025.json")),
    (2026, include_str!("../../data/holidays/2026.json")),
];

/// A shipped file that fails validation: a build defect, caught by the tests.
#[derive(Debug, thiserror::Error)]
#[error("shipped arrangement for {year} is invalid: {source}")]
pub struct ShippedDataError {
    pub year: i32,
    #[source]
    pub source: ImportError,
}

/// Every shipped official arrangement, oldest first.
pub fn shipped_arrangements() -> Result<Vec<YearArrangement>, ShippedDataError> {
    SHIPPED
        .iter()
        .map(|(year, json)| {
            parse_arrangement(json).map_err(|source| ShippedDataError {
                year: *year,
                source,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_shipped_year_is_valid_and_in_its_slot() {
        let years = shipped_arrangements().expect("shipped data valid");
        let numbers: Vec<i32> = years.iter().map(|a| a.year).collect();
        assert_eq!(numbers, (2020..=2026).collect::<Vec<_>>());
        assert!(years.iter().all(|a| !a.papers.is_empty()));
    }

    /// Spot checks against the notices' own words.
    #[test]
    fn notable_days_match_the_notices() {
        let years = shipped_arrangements().expect("shipped data valid");
        let find = |d: NaiveDate| {
            years
                .iter()
                .flat_map(|a| a.days.iter())
                .find(|x| x.date == d)
                .map(|x| x.is_off_day)
        };
        // 国办发明电〔2020〕1号 extended the 2020 Spring Festival to 2 February.
        assert_eq!(find(date(2020, 1, 31)), Some(true));
        assert_eq!(find(date(2020, 2, 2)), Some(true));
        // 2024: 春节 2月10日至17日; 2月4日（星期日）、2月18日（星期日）上班.
        assert_eq!(find(date(2024, 2, 10)), Some(true));
        assert_eq!(find(date(2024, 2, 4)), Some(false));
        assert_eq!(find(date(2024, 2, 18)), Some(false));
        // 2025: 除夕 became statutory; 春节 1月28日至2月4日; 1月26日（周日）、2月8日（周六）上班.
        assert_eq!(find(date(2025, 1, 28)), Some(true));
        assert_eq!(find(date(2025, 1, 26)), Some(false));
        assert_eq!(find(date(2025, 2, 8)), Some(false));
        // 2026: 国庆节 10月1日至7日.
        assert_eq!(find(date(2026, 10, 7)), Some(true));
    }
}
