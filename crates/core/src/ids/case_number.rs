//! 办件编号: the case number a window unit gives a case at receipt.

use chrono::{Datelike, NaiveDate};

use super::error::{CharClass, IdError, IdKind, IdPart};
use super::implementation::{check_chars, ImplementationCode};

/// A 办件编号: the item's 实施编码 (31), the receipt date `yyyyMMdd` (8, a
/// real date) and a six-digit sequence `000001`–`999999` (流水号, per item
/// and day: a million cases of one item on one day is beyond any window) —
/// 45 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CaseNumber {
    code: String,
    implementation: ImplementationCode,
    receipt_date: NaiveDate,
    sequence: u32,
}

impl CaseNumber {
    /// The sequence's width.
    pub const SEQUENCE_DIGITS: usize = 6;
    /// The largest sequence.
    pub const MAX_SEQUENCE: u32 = 999_999;
    /// Its length.
    pub const LEN: usize = ImplementationCode::LEN + 8 + Self::SEQUENCE_DIGITS;

    /// The number of the `sequence`th case (from 1) of an item received on
    /// `receipt_date`.
    pub fn new(
        implementation: &ImplementationCode,
        receipt_date: NaiveDate,
        sequence: u32,
    ) -> Result<Self, IdError> {
        if !(1..=9999).contains(&receipt_date.year()) {
            return Err(IdError::DateOutOfRange { date: receipt_date });
        }
        if !(1..=Self::MAX_SEQUENCE).contains(&sequence) {
            return Err(IdError::SequenceOutOfRange { sequence });
        }
        Ok(CaseNumber {
            code: format!(
                "{}{}{sequence:06}",
                implementation.as_str(),
                receipt_date.format("%Y%m%d")
            ),
            implementation: implementation.clone(),
            receipt_date,
            sequence,
        })
    }

    /// Reads a 办件编号.
    pub fn parse(text: &str) -> Result<Self, IdError> {
        let id = IdKind::CaseNumber;
        let chars: Vec<char> = text.chars().collect();
        if chars.len() != Self::LEN {
            return Err(IdError::WrongLength {
                id,
                expected: Self::LEN,
                found: chars.len(),
            });
        }
        let implementation = ImplementationCode::from_chars(&chars, id)?;
        let (_, rest) = chars.split_at(ImplementationCode::LEN);
        let (date, sequence) = rest.split_at(8);

        let date_at = ImplementationCode::LEN;
        check_chars(date, date_at, id, IdPart::ReceiptDate, CharClass::Digit)?;
        let date_text: String = date.iter().collect();
        let receipt_date = date_of_digits(&date_text).ok_or_else(|| IdError::NotADate {
            id,
            part: IdPart::ReceiptDate,
            position: date_at + 1,
            text: date_text.clone(),
        })?;

        let sequence_at = date_at + 8;
        check_chars(
            sequence,
            sequence_at,
            id,
            IdPart::Sequence,
            CharClass::Digit,
        )?;
        let sequence: u32 = sequence
            .iter()
            .filter_map(|c| c.to_digit(10))
            .fold(0, |n, d| n * 10 + d);
        if sequence == 0 {
            return Err(IdError::ZeroSequence {
                id,
                position: sequence_at + 1,
            });
        }
        Ok(CaseNumber {
            code: chars.iter().collect(),
            implementation,
            receipt_date,
            sequence,
        })
    }

    pub fn implementation_code(&self) -> &ImplementationCode {
        &self.implementation
    }

    pub fn receipt_date(&self) -> NaiveDate {
        self.receipt_date
    }

    pub fn sequence(&self) -> u32 {
        self.sequence
    }

    pub fn as_str(&self) -> &str {
        &self.code
    }
}

super::string_identifier!(CaseNumber);

/// The day eight digits `yyyyMMdd` name, if it is one (year 0001 onwards).
pub(super) fn date_of_digits(text: &str) -> Option<NaiveDate> {
    let number = |range: std::ops::Range<usize>| {
        text.get(range)
            .filter(|digits| digits.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|digits| digits.parse::<u32>().ok())
    };
    if text.len() != 8 {
        return None;
    }
    match (number(0..4), number(4..6), number(6..8)) {
        (Some(year), Some(month), Some(day)) if year >= 1 => i32::try_from(year)
            .ok()
            .and_then(|year| NaiveDate::from_ymd_opt(year, month, day)),
        _ => None,
    }
}
