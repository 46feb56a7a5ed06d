//! 实施编码 (the code of an item as one body implements it) and
//! 业务办理项编码 (one way of handling it).

use std::fmt;

use super::check::{check_credit_chars, CREDIT_CODE_LEN};
use super::error::{CharClass, IdError, IdKind, IdPart};

/// The level of the implementing body (the 19th character of an 实施编码).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ImplementationLevel {
    /// 国家级.
    National,
    /// 省级.
    Province,
    /// 市级.
    City,
    /// 县级.
    County,
    /// 乡镇（街道）级.
    Township,
    /// 村（社区）级.
    Village,
}

impl ImplementationLevel {
    pub const ALL: &'static [ImplementationLevel] = &[
        ImplementationLevel::National,
        ImplementationLevel::Province,
        ImplementationLevel::City,
        ImplementationLevel::County,
        ImplementationLevel::Township,
        ImplementationLevel::Village,
    ];

    /// The digit written in the code.
    pub fn digit(self) -> char {
        match self {
            ImplementationLevel::National => '1',
            ImplementationLevel::Province => '2',
            ImplementationLevel::City => '3',
            ImplementationLevel::County => '4',
            ImplementationLevel::Township => '5',
            ImplementationLevel::Village => '6',
        }
    }

    /// The level a digit stands for.
    pub fn from_digit(digit: char) -> Option<Self> {
        Self::ALL.iter().copied().find(|l| l.digit() == digit)
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            ImplementationLevel::National => "国家级",
            ImplementationLevel::Province => "省级",
            ImplementationLevel::City => "市级",
            ImplementationLevel::County => "县级",
            ImplementationLevel::Township => "乡镇（街道）级",
            ImplementationLevel::Village => "村（社区）级",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            ImplementationLevel::National => "national",
            ImplementationLevel::Province => "provincial",
            ImplementationLevel::City => "city",
            ImplementationLevel::County => "county",
            ImplementationLevel::Township => "township (subdistrict)",
            ImplementationLevel::Village => "village (community)",
        }
    }
}

/// An 实施编码: the implementing body's unified social credit code (18,
/// its check character valid), the level digit (1–6) and the item's
/// 12-character basic code (基本编码, digits and capitals) — 31 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ImplementationCode {
    code: String,
    level: ImplementationLevel,
}

impl ImplementationCode {
    /// Its length.
    pub const LEN: usize = 31;
    /// The basic code's length.
    pub const BASIC_CODE_LEN: usize = 12;

    /// Reads an 实施编码.
    pub fn parse(text: &str) -> Result<Self, IdError> {
        let chars: Vec<char> = text.chars().collect();
        if chars.len() != Self::LEN {
            return Err(IdError::WrongLength {
                id: IdKind::ImplementationCode,
                expected: Self::LEN,
                found: chars.len(),
            });
        }
        Self::from_chars(&chars, IdKind::ImplementationCode)
    }

    /// Puts one together from its parts (checked as `parse` checks).
    pub fn new(
        credit_code: &str,
        level: ImplementationLevel,
        basic_code: &str,
    ) -> Result<Self, IdError> {
        Self::parse(&format!("{credit_code}{}{basic_code}", level.digit()))
    }

    /// Reads the first 31 of `chars` (which has at least that many) as an
    /// 实施编码 at the start of an identifier of kind `id`.
    pub(super) fn from_chars(chars: &[char], id: IdKind) -> Result<Self, IdError> {
        let (credit, rest) = chars.split_at(CREDIT_CODE_LEN.min(chars.len()));
        check_credit_chars(credit, 0, id, IdPart::CreditCode)?;
        let level_char = rest.first().copied().unwrap_or(' ');
        let level = ImplementationLevel::from_digit(level_char).ok_or(IdError::BadChar {
            id,
            part: IdPart::Level,
            position: CREDIT_CODE_LEN + 1,
            found: level_char,
            expected: CharClass::LevelDigit,
        })?;
        let basic: Vec<char> = rest
            .iter()
            .skip(1)
            .take(Self::BASIC_CODE_LEN)
            .copied()
            .collect();
        check_chars(
            &basic,
            CREDIT_CODE_LEN + 1,
            id,
            IdPart::BasicCode,
            CharClass::UpperAlphanumeric,
        )?;
        let code: String = chars.iter().take(Self::LEN).collect();
        Ok(ImplementationCode { code, level })
    }

    /// Builds one from parts known valid (the samples; their test parses
    /// every one back).
    pub(super) fn from_valid_parts(
        credit_code: &str,
        level: ImplementationLevel,
        basic_code: &str,
    ) -> Self {
        ImplementationCode {
            code: format!("{credit_code}{}{basic_code}", level.digit()),
            level,
        }
    }

    /// The implementing body's unified social credit code.
    pub fn credit_code(&self) -> &str {
        self.code.get(..CREDIT_CODE_LEN).unwrap_or_default()
    }

    pub fn level(&self) -> ImplementationLevel {
        self.level
    }

    /// The item's 12-character basic code (基本编码).
    pub fn basic_code(&self) -> &str {
        self.code.get(CREDIT_CODE_LEN + 1..).unwrap_or_default()
    }

    pub fn as_str(&self) -> &str {
        &self.code
    }
}

/// Checks that every one of `chars` is of `class`; `offset` is the 0-based
/// position of the first in the identifier.
pub(super) fn check_chars(
    chars: &[char],
    offset: usize,
    id: IdKind,
    part: IdPart,
    class: CharClass,
) -> Result<(), IdError> {
    for (i, &c) in chars.iter().enumerate() {
        let ok = match class {
            CharClass::Digit | CharClass::RegionDigit => c.is_ascii_digit(),
            CharClass::UpperAlphanumeric => c.is_ascii_digit() || c.is_ascii_uppercase(),
            CharClass::LevelDigit => ImplementationLevel::from_digit(c).is_some(),
            CharClass::CreditCodeChar => super::check::credit_code_char_value(c).is_some(),
            CharClass::DigitOrX => c.is_ascii_digit() || c == 'X',
        };
        if !ok {
            return Err(IdError::BadChar {
                id,
                part,
                position: offset + i + 1,
                found: c,
                expected: class,
            });
        }
    }
    Ok(())
}

/// A 业务办理项编码: an 实施编码 and two digits naming one way of handling
/// the item — 33 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HandlingItemCode {
    code: String,
    implementation: ImplementationCode,
}

impl HandlingItemCode {
    /// Its length.
    pub const LEN: usize = ImplementationCode::LEN + 2;

    /// Reads a 业务办理项编码.
    pub fn parse(text: &str) -> Result<Self, IdError> {
        let id = IdKind::HandlingItemCode;
        let chars: Vec<char> = text.chars().collect();
        if chars.len() != Self::LEN {
            return Err(IdError::WrongLength {
                id,
                expected: Self::LEN,
                found: chars.len(),
            });
        }
        let implementation = ImplementationCode::from_chars(&chars, id)?;
        let (_, suffix) = chars.split_at(ImplementationCode::LEN);
        check_chars(
            suffix,
            ImplementationCode::LEN,
            id,
            IdPart::HandlingItem,
            CharClass::Digit,
        )?;
        Ok(HandlingItemCode {
            code: chars.iter().collect(),
            implementation,
        })
    }

    /// The code of handling item `number` (0–99) of an 实施编码.
    pub fn new(implementation: &ImplementationCode, number: u8) -> Result<Self, IdError> {
        if number > 99 {
            return Err(IdError::HandlingItemOutOfRange { value: number });
        }
        Ok(HandlingItemCode {
            code: format!("{}{number:02}", implementation.as_str()),
            implementation: implementation.clone(),
        })
    }

    pub fn implementation_code(&self) -> &ImplementationCode {
        &self.implementation
    }

    /// The two digits after the 实施编码, as a number.
    pub fn number(&self) -> u8 {
        self.code
            .get(ImplementationCode::LEN..)
            .and_then(|digits| digits.parse().ok())
            .unwrap_or_default()
    }

    pub fn as_str(&self) -> &str {
        &self.code
    }
}

super::string_identifier!(ImplementationCode);
super::string_identifier!(HandlingItemCode);

impl fmt::Display for ImplementationLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name_en())
    }
}
