//! Reading a year's arrangement from JSON, with validation that names the
//! line (for malformed JSON) or the field (for wrong content) of every problem.
//!
//! Validation is all-or-nothing: a file with any finding yields no
//! arrangement, so a bad import can never change the calendar.

use std::collections::HashMap;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::arrangement::{is_weekend, ArrangedDay, ArrangementSource, YearArrangement};
use super::statutory::statutory_holidays;
use super::working_calendar::{WorkingCalendar, FIRST_YEAR};
use crate::error_code::ErrorCode;

/// The last year an arrangement may be imported for; far enough for any
/// notice, near enough to catch a typo such as 20277.
pub const LAST_IMPORTABLE_YEAR: i32 = 2100;

/// The first year whose notices follow the 2024 amendment of
/// 全国年节及纪念日放假办法 (除夕 became a statutory holiday).
const AMENDED_REGULATION_FROM: i32 = 2025;

/// What is wrong with one part of an arrangement file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Problem {
    /// Not JSON, or not the expected layout (the parser's own words).
    Malformed {
        detail: String,
    },
    YearOutOfRange {
        year: i64,
    },
    NoPapers,
    NoDays,
    Unnamed,
    NotADate {
        text: String,
    },
    OutsideYear {
        date: NaiveDate,
        year: i32,
    },
    Duplicate {
        date: NaiveDate,
        first_index: usize,
    },
    AdjustedWorkdayNotOnWeekend {
        date: NaiveDate,
    },
    StatutoryHolidayMissing {
        date: NaiveDate,
        name: String,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Malformed { detail } => write!(f, "{detail}"),
            Problem::YearOutOfRange { year } => write!(
                f,
                "{year} is outside the years the calendar covers ({FIRST_YEAR}–{LAST_IMPORTABLE_YEAR})"
            ),
            Problem::NoPapers => write!(f, "cite at least one notice the arrangement comes from"),
            Problem::NoDays => write!(f, "no days listed"),
            Problem::Unnamed => write!(f, "every day must name its holiday"),
            Problem::NotADate { text } => write!(f, "\"{text}\" is not a date of the form YYYY-MM-DD"),
            Problem::OutsideYear { date, year } => write!(
                f,
                "{date} is not in {year}: list each date in the file of its own year"
            ),
            Problem::Duplicate { date, first_index } => {
                write!(f, "{date} is listed twice (also at days[{first_index}])")
            }
            Problem::AdjustedWorkdayNotOnWeekend { date } => write!(
                f,
                "{date} is a {}: an adjusted working day (isOffDay: false) must fall on a Saturday or Sunday",
                date.format("%A")
            ),
            Problem::StatutoryHolidayMissing { date, name } => write!(
                f,
                "{date} ({name}) is a statutory holiday of 全国年节及纪念日放假办法 but is not listed as a rest day"
            ),
        }
    }
}

impl Problem {
    /// The problem in zh-CN, for officers.
    pub fn message_zh(&self) -> String {
        match self {
            Problem::Malformed { detail } => format!("不是有效的放假安排文件（{detail}）"),
            Problem::YearOutOfRange { year } => {
                format!("年份{year}超出工作日历的范围（{FIRST_YEAR}—{LAST_IMPORTABLE_YEAR}年）")
            }
            Problem::NoPapers => "须至少注明一份放假安排的来源通知".to_owned(),
            Problem::NoDays => "没有列出任何日期".to_owned(),
            Problem::Unnamed => "每一天都须注明所属节日".to_owned(),
            Problem::NotADate { text } => format!("“{text}”不是 YYYY-MM-DD 格式的日期"),
            Problem::OutsideYear { date, year } => {
                format!("{date}不在{year}年内：每个日期须列在其所属年份的文件中")
            }
            Problem::Duplicate { date, first_index } => {
                format!("{date}重复列出（另见 days[{first_index}]）")
            }
            Problem::AdjustedWorkdayNotOnWeekend { date } => format!(
                "{date}是{}：调休上班日（isOffDay: false）只能是星期六或星期日",
                WorkingCalendar::weekday_name(*date)
            ),
            Problem::StatutoryHolidayMissing { date, name } => format!(
                "{date}（{name}）是《全国年节及纪念日放假办法》规定的法定节假日，但文件未将其列为休息日"
            ),
        }
    }
}

/// One problem found in an arrangement file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportFinding {
    /// Where: a JSON path such as `days[3].date`, or `line 7, column 12`.
    pub location: String,
    pub problem: Problem,
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

    /// A stable code for the UI and scripts; never changes once shipped.
    pub fn code(&self) -> ErrorCode {
        ErrorCode::ImportInvalid
    }

    /// The whole error in zh-CN: one line per finding, with its location.
    pub fn message_zh(&self) -> String {
        let findings = self.findings();
        let lines: Vec<String> = findings
            .iter()
            .map(|f| format!("  - {}：{}", f.location, f.problem.message_zh()))
            .collect();
        format!(
            "放假安排文件有{}处问题，未导入：\n{}",
            findings.len(),
            lines.join("\n")
        )
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
            problem: Problem::Malformed {
                detail: e.to_string(),
            },
        })
    })?;
    validate(raw)
}

fn finding(location: impl Into<String>, problem: Problem) -> ImportFinding {
    ImportFinding {
        location: location.into(),
        problem,
    }
}

fn validate(raw: RawArrangement) -> Result<YearArrangement, ImportError> {
    let mut findings = Vec::new();
    let year = match i32::try_from(raw.year) {
        Ok(y) if (FIRST_YEAR..=LAST_IMPORTABLE_YEAR).contains(&y) => Some(y),
        _ => {
            findings.push(finding("year", Problem::YearOutOfRange { year: raw.year }));
            None
        }
    };
    if raw.papers.iter().all(|p| p.trim().is_empty()) {
        findings.push(finding("papers", Problem::NoPapers));
    }
    if raw.days.is_empty() {
        findings.push(finding("days", Problem::NoDays));
    }

    let mut days = Vec::with_capacity(raw.days.len());
    let mut first_index_of: HashMap<NaiveDate, usize> = HashMap::new();
    for (index, day) in raw.days.iter().enumerate() {
        let at = |field: &str| format!("days[{index}].{field}");
        if day.name.trim().is_empty() {
            findings.push(finding(at("name"), Problem::Unnamed));
        }
        let Some(date) = parse_strict_date(&day.date) else {
            findings.push(finding(
                at("date"),
                Problem::NotADate {
                    text: day.date.clone(),
                },
            ));
            continue;
        };
        if let Some(year) = year {
            if date.year() != year {
                findings.push(finding(at("date"), Problem::OutsideYear { date, year }));
            }
        }
        if let Some(first_index) = first_index_of.insert(date, index) {
            findings.push(finding(
                at("date"),
                Problem::Duplicate { date, first_index },
            ));
        }
        if !day.is_off_day && !is_weekend(date) {
            findings.push(finding(
                at("isOffDay"),
                Problem::AdjustedWorkdayNotOnWeekend { date },
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

    match year {
        Some(year) if findings.is_empty() => {
            days.sort_by_key(|d| d.date);
            Ok(YearArrangement {
                year,
                papers: raw.papers,
                days,
                source: ArrangementSource::Official,
            })
        }
        _ => Err(ImportError::Invalid(findings)),
    }
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
                Problem::StatutoryHolidayMissing {
                    date: d.date,
                    name: d.name,
                },
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
    fn the_whole_error_reads_in_chinese_with_every_location() {
        let json = GOOD_2027.replace("2027-09-15", "2026-09-15");
        let err = parse_arrangement(&json).expect_err("bad");
        let zh = err.message_zh();
        assert!(zh.contains("days[12].date：2026-09-15不在2027年内"), "{zh}");
        assert!(zh.contains("2027-09-15（中秋节）"), "{zh}");
    }

    #[test]
    fn malformed_and_invalid_files_are_both_import_invalid() {
        let malformed = parse_arrangement("{\"year\": 2027,").expect_err("malformed");
        assert!(
            matches!(malformed, ImportError::Malformed(_)),
            "{malformed:?}"
        );
        assert_eq!(malformed.code(), ErrorCode::ImportInvalid);
        assert!(malformed.message_zh().contains("不是有效的放假安排文件"));
        let json = GOOD_2027.replace(r#""year": 2027"#, r#""year": 2019"#);
        let invalid = parse_arrangement(&json).expect_err("invalid");
        assert_eq!(invalid.code(), ErrorCode::ImportInvalid);
        let zh = invalid.message_zh();
        assert!(zh.contains("year：年份2019超出工作日历的范围"), "{zh}");
    }

    #[test]
    fn loose_dates_are_refused() {
        assert_eq!(parse_strict_date("2027-1-01"), None);
        assert_eq!(parse_strict_date("2027-02-30"), None);
        assert!(parse_strict_date("2027-02-28").is_some());
    }
}
