//! Reading a year's arrangement from JSON, with validation that names the
//! line (for malformed JSON) or the field (for wrong content) of every problem.
//!
//! Validation is all-or-nothing: a file with any finding yields no
//! arrangement, so a bad import can never change the calendar.

use std::collections::HashMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::arrangement::{is_weekend, ArrangedDay, ArrangementSource, YearArrangement};
use super::statutory::statutory_holidays;
use super::working_calendar::FIRST_YEAR;

/// The last year an arrangement may be imported for; far enough for any
/// notice, near enough to catch a typo such as 20277.
pub const LAST_IMPORTABLE_YEAR: i32 = 2100;

/// The first year whose notices follow the 2024 amendment of
/// 全国年节及纪念日放假办法 (除夕 became a statutory holiday).
const AMENDED_REGULATION_FROM: i32 = 2025;

/// One problem found in an arrangement file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFinding {
    /// Where: a JSON path such as `days[3].date`, or `line 7, column 12`.
    pub location: String,
    /// What is wrong, in English (the CLI and logs); the UI maps the whole
    /// error to a zh-CN message by its code.
    pub problem: String,
}

impl fmt::Display for ImportFinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.problem)
    }
}

/// Why an arrangement file was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("not a valid arrangement file: {0}")]
    Malformed(ImportFinding),
    #[error("the arrangement has {} problem(s):\n{}", .0.len(), render_findings(.0))]
    Invalid(Vec<ImportFinding>),
}

impl ImportError {
    /// Every finding, in file order.
    pub fn findings(&self) -> Vec<ImportFinding> {
        match self {
            ImportError::Malformed(finding) => vec![finding.clone()],
            ImportError::Invalid(findings) => findings.clone(),
        }
    }
}

fn render_findings(findings: &[ImportFinding]) -> String {
    findings
        .iter()
        .map(|f| format!("  - {f}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Deserialize)]
struct RawArrangement {
    year: i64,
    papers: Vec<String>,
    days: Vec<RawDay>,
}

#[derive(Deserialize)]
struct RawDay {
    name: String,
    date: String,
    #[serde(rename = "isOffDay")]
    is_off_day: bool,
}

/// Parses and validates an official arrangement in the
/// `{year, papers, days: [{name, date, isOffDay}]}` layout.
///
/// Checks: the year is one the calendar covers; at least one notice is cited;
/// every entry is named and dated `YYYY-MM-DD` inside the year; no date twice;
/// an adjusted working day (`isOffDay: false`) only on a Saturday or Sunday;
/// from 2025 on, every statutory holiday of the year is a rest day (a notice
/// arranges around them, it cannot take them away).
pub fn parse_arrangement(json: &str) -> Result<YearArrangement, ImportError> {
    let raw: RawArrangement = serde_json::from_str(json).map_err(|e| {
        ImportError::Malformed(ImportFinding {
            location: format!("line {}, column {}", e.line(), e.column()),
            problem: e.to_string(),
        })
    })?;
    validate(raw)
}

fn finding(location: impl Into<String>, problem: impl Into<String>) -> ImportFinding {
    ImportFinding {
        location: location.into(),
        problem: problem.into(),
    }
}

fn validate(raw: RawArrangement) -> Result<YearArrangement, ImportError> {
    let mut findings = Vec::new();
    let year = match i32::try_from(raw.year) {
        Ok(y) if (FIRST_YEAR..=LAST_IMPORTABLE_YEAR).contains(&y) => Some(y),
        _ => {
            findings.push(finding(
                "year",
                format!(
                    "{} is outside the years the calendar covers ({FIRST_YEAR}–{LAST_IMPORTABLE_YEAR})",
                    raw.year
                ),
            ));
            None
        }
    };
    if raw.papers.iter().all(|p| p.trim().is_empty()) {
        findings.push(finding(
            "papers",
            "cite at least one notice the arrangement comes from",
        ));
    }
    if raw.days.is_empty() {
        findings.push(finding("days", "no days listed"));
    }

    let mut days = Vec::with_capacity(raw.days.len());
    let mut first_index_of: HashMap<NaiveDate, usize> = HashMap::new();
    for (index, day) in raw.days.iter().enumerate() {
        let at = |field: &str| format!("days[{index}].{field}");
        if day.name.trim().is_empty() {
            findings.push(finding(at("name"), "every day must name its holiday"));
        }
        let Some(date) = parse_strict_date(&day.date) else {
            findings.push(finding(
                at("date"),
                format!("\"{}\" is not a date of the form YYYY-MM-DD", day.date),
            ));
            continue;
        };
        if let Some(year) = year {
            if date.year() != year {
                findings.push(finding(
                    at("date"),
                    format!("{date} is not in {year}: list each date in the file of its own year"),
                ));
            }
        }
        if let Some(first) = first_index_of.insert(date, index) {
            findings.push(finding(
                at("date"),
                format!("{date} is listed twice (also at days[{first}])"),
            ));
        }
        if !day.is_off_day && !is_weekend(date) {
            findings.push(finding(
                at("isOffDay"),
                format!(
                    "{date} is a {}: an adjusted working day (isOffDay: false) must fall on a Saturday or Sunday",
                    date.weekday()
                ),
            ));
        }
        days.push(ArrangedDay {
            name: day.name.trim().to_owned(),
            date,
            is_off_day: day.is_off_day,
        });
    }

    if let Some(year) = year {
        if year >= AMENDED_REGULATION_FROM {
            findings.extend(missing_statutory_holidays(year, &days));
        }
    }

    let Some(year) = year else {
        return Err(ImportError::Invalid(findings));
    };
    if !findings.is_empty() {
        return Err(ImportError::Invalid(findings));
    }
    days.sort_by_key(|d| d.date);
    Ok(YearArrangement {
        year,
        papers: raw.papers,
        days,
        source: ArrangementSource::Official,
    })
}

/// The statutory holidays (not their make-up days) that the file does not
/// list as rest days.
fn missing_statutory_holidays(year: i32, days: &[ArrangedDay]) -> Vec<ImportFinding> {
    let listed_off: HashMap<NaiveDate, bool> =
        days.iter().map(|d| (d.date, d.is_off_day)).collect();
    statutory_holidays(year)
        .into_iter()
        .filter(|d| listed_off.get(&d.date) != Some(&true))
        .map(|d| {
            finding(
                "days",
                format!(
                    "{} ({}) is a statutory holiday of 全国年节及纪念日放假办法 but is not listed as a rest day",
                    d.date, d.name
                ),
            )
        })
        .collect()
}

/// `YYYY-MM-DD` exactly: chrono alone would also take `2027-1-1`.
fn parse_strict_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD_2027: &str = r#"{
        "year": 2027,
        "papers": ["国务院办公厅关于2027年部分节假日安排的通知（测试用）"],
        "days": [
            {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
            {"name": "春节", "date": "2027-02-05", "isOffDay": true},
            {"name": "春节", "date": "2027-02-06", "isOffDay": true},
            {"name": "春节", "date": "2027-02-07", "isOffDay": true},
            {"name": "春节", "date": "2027-02-08", "isOffDay": true},
            {"name": "春节", "date": "2027-02-09", "isOffDay": true},
            {"name": "春节", "date": "2027-02-14", "isOffDay": false},
            {"name": "清明节", "date": "2027-04-05", "isOffDay": true},
            {"name": "劳动节", "date": "2027-05-01", "isOffDay": true},
            {"name": "劳动节", "date": "2027-05-02", "isOffDay": true},
            {"name": "劳动节", "date": "2027-05-03", "isOffDay": true},
            {"name": "端午节", "date": "2027-06-09", "isOffDay": true},
            {"name": "中秋节", "date": "2027-09-15", "isOffDay": true},
            {"name": "国庆节", "date": "2027-10-01", "isOffDay": true},
            {"name": "国庆节", "date": "2027-10-02", "isOffDay": true},
            {"name": "国庆节", "date": "2027-10-03", "isOffDay": true},
            {"name": "国庆节", "date": "2027-10-04", "isOffDay": true}
        ]
    }"#;

    fn locations(json: &str) -> Vec<String> {
        match parse_arrangement(json) {
            Ok(_) => vec![],
            Err(e) => e.findings().into_iter().map(|f| f.location).collect(),
        }
    }

    #[test]
    fn a_well_formed_year_is_accepted_sorted_and_official() {
        let arrangement = parse_arrangement(GOOD_2027).expect("valid");
        assert_eq!(arrangement.year, 2027);
        assert_eq!(arrangement.source, ArrangementSource::Official);
        assert!(arrangement.days.windows(2).all(|w| w[0].date < w[1].date));
    }

    #[test]
    fn malformed_json_names_the_line() {
        let err = parse_arrangement("{\n \"year\": 2027,\n \"papers\": [\n}").expect_err("bad");
        assert!(
            matches!(&err, ImportError::Malformed(f) if f.location.starts_with("line 4")),
            "{err}"
        );
    }

    #[test]
    fn a_missing_field_is_reported() {
        let err = parse_arrangement(r#"{"year": 2027, "papers": ["x"]}"#).expect_err("bad");
        assert!(err.to_string().contains("days"), "{err}");
    }

    #[test]
    fn each_content_problem_names_its_field() {
        let json = GOOD_2027
            .replace(r#""name": "端午节""#, r#""name": " ""#)
            .replace("2027-09-15", "2026-09-15")
            .replace(
                r#""date": "2027-02-14", "isOffDay": false"#,
                r#""date": "2027-02-15", "isOffDay": false"#,
            )
            .replace("2027-10-04", "2027-10-03")
            .replace("2027-05-03", "2027/05/03");
        let found = locations(&json);
        for expected in [
            "days[11].name",
            "days[12].date",
            "days[6].isOffDay",
            "days[16].date",
            "days[10].date",
        ] {
            assert!(
                found.iter().any(|l| l == expected),
                "{expected} missing from {found:?}"
            );
        }
    }

    #[test]
    fn a_statutory_holiday_cannot_be_left_out() {
        let json = GOOD_2027.replace(
            r#"{"name": "中秋节", "date": "2027-09-15", "isOffDay": true},"#,
            "",
        );
        let err = parse_arrangement(&json).expect_err("bad");
        assert!(err.to_string().contains("2027-09-15"), "{err}");
    }

    #[test]
    fn years_outside_the_calendar_and_empty_papers_are_refused() {
        let json = GOOD_2027.replace(r#""year": 2027"#, r#""year": 2019"#);
        assert!(locations(&json).contains(&"year".to_owned()));
        let json = GOOD_2027.replace("国务院办公厅关于2027年部分节假日安排的通知（测试用）", " ");
        assert!(locations(&json).contains(&"papers".to_owned()));
    }

    #[test]
    fn loose_dates_are_refused() {
        assert_eq!(parse_strict_date("2027-1-01"), None);
        assert_eq!(parse_strict_date("2027-02-30"), None);
        assert!(parse_strict_date("2027-02-28").is_some());
    }
}
