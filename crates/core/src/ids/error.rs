//! What is wrong with an identifier, and where, in both languages.

use std::fmt;

use chrono::NaiveDate;

use crate::error_code::ErrorCode;

/// Which identifier was being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// 统一社会信用代码 (GB 32100).
    CreditCode,
    /// 实施编码.
    ImplementationCode,
    /// 业务办理项编码.
    HandlingItemCode,
    /// 办件编号.
    CaseNumber,
    /// 电子证照标识 (GB/T 36904).
    LicenceId,
    /// 公民身份号码 (GB 11643), the number on a 居民身份证.
    ResidentId,
}

impl IdKind {
    pub fn name_zh(self) -> &'static str {
        match self {
            IdKind::CreditCode => "统一社会信用代码",
            IdKind::ImplementationCode => "实施编码",
            IdKind::HandlingItemCode => "业务办理项编码",
            IdKind::CaseNumber => "办件编号",
            IdKind::LicenceId => "电子证照标识",
            IdKind::ResidentId => "公民身份号码",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            IdKind::CreditCode => "unified social credit code",
            IdKind::ImplementationCode => "implementation code",
            IdKind::HandlingItemCode => "handling item code",
            IdKind::CaseNumber => "case number",
            IdKind::LicenceId => "electronic licence identifier",
            IdKind::ResidentId => "resident identity number",
        }
    }
}

impl fmt::Display for IdKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name_en())
    }
}

/// The part of an identifier a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdPart {
    /// The whole identifier (its length).
    Whole,
    /// The 18-character unified social credit code (of the implementing
    /// body, or the code being checked itself).
    CreditCode,
    /// The level digit of an 实施编码.
    Level,
    /// The 12-character basic code (基本编码) of an 实施编码.
    BasicCode,
    /// The two digits of a 业务办理项编码 after the 实施编码.
    HandlingItem,
    /// The receipt date (收件日期, yyyyMMdd) of a case number.
    ReceiptDate,
    /// The sequence (流水号) of a case number.
    Sequence,
    /// The OID prefix `1.2.156.3005.2.` of a licence identifier.
    Prefix,
    /// The licence type code (证照类型代码).
    LicenceType,
    /// The issuer's credit code (证照颁发机构代码).
    Issuer,
    /// The licence's serial (顺序号).
    Serial,
    /// The licence's version (版本号).
    Version,
    /// The identifier's own check character (校验位): a licence
    /// identifier's, a resident identity number's.
    CheckChar,
    /// The address code (地址码) of a resident identity number: the county
    /// of first registration.
    AddressCode,
    /// The birth date (出生日期码, yyyyMMdd) of a resident identity number.
    BirthDate,
    /// The order code (顺序码) of a resident identity number: three digits
    /// telling apart people of one address and birth date.
    OrderCode,
}

impl IdPart {
    pub fn name_zh(self) -> &'static str {
        match self {
            IdPart::Whole => "整体",
            IdPart::CreditCode => "统一社会信用代码",
            IdPart::Level => "层级代码",
            IdPart::BasicCode => "基本编码",
            IdPart::HandlingItem => "业务办理项序号",
            IdPart::ReceiptDate => "收件日期",
            IdPart::Sequence => "流水号",
            IdPart::Prefix => "标识前缀",
            IdPart::LicenceType => "证照类型代码",
            IdPart::Issuer => "颁发机构代码",
            IdPart::Serial => "顺序号",
            IdPart::Version => "版本号",
            IdPart::CheckChar => "校验位",
            IdPart::AddressCode => "地址码",
            IdPart::BirthDate => "出生日期",
            IdPart::OrderCode => "顺序码",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            IdPart::Whole => "whole",
            IdPart::CreditCode => "credit code",
            IdPart::Level => "level",
            IdPart::BasicCode => "basic code",
            IdPart::HandlingItem => "handling item",
            IdPart::ReceiptDate => "receipt date",
            IdPart::Sequence => "sequence",
            IdPart::Prefix => "prefix",
            IdPart::LicenceType => "licence type code",
            IdPart::Issuer => "issuer's credit code",
            IdPart::Serial => "serial",
            IdPart::Version => "version",
            IdPart::CheckChar => "check character",
            IdPart::AddressCode => "address code",
            IdPart::BirthDate => "birth date",
            IdPart::OrderCode => "order code",
        }
    }
}

impl fmt::Display for IdPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name_en())
    }
}

/// The characters a position admits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CharClass {
    /// `0`–`9`.
    Digit,
    /// `0`–`9` of the registration authority's region code (登记管理机关行政区划码).
    RegionDigit,
    /// GB 32100's 31 characters: digits and the capitals other than I, O,
    /// Z, S and V.
    CreditCodeChar,
    /// `0`–`9` and `A`–`Z`.
    UpperAlphanumeric,
    /// `1`–`6`, the level of the implementing body.
    LevelDigit,
    /// `0`–`9` or a capital `X` (ten), a resident identity number's check
    /// character.
    DigitOrX,
}

impl CharClass {
    pub fn name_zh(self) -> &'static str {
        match self {
            CharClass::Digit => "数字",
            CharClass::RegionDigit => "行政区划代码数字",
            CharClass::CreditCodeChar => "数字或除I、O、Z、S、V以外的大写英文字母",
            CharClass::UpperAlphanumeric => "数字或大写英文字母",
            CharClass::LevelDigit => "层级代码1～6",
            CharClass::DigitOrX => "数字或大写字母X",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            CharClass::Digit => "a digit",
            CharClass::RegionDigit => "a digit of the region code",
            CharClass::CreditCodeChar => "a digit or a capital letter other than I, O, Z, S, V",
            CharClass::UpperAlphanumeric => "a digit or a capital letter",
            CharClass::LevelDigit => "a level digit 1–6",
            CharClass::DigitOrX => "a digit or a capital X",
        }
    }
}

impl fmt::Display for CharClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name_en())
    }
}

/// How long a part must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LengthRule {
    Exactly(usize),
    Between(usize, usize),
}

impl LengthRule {
    fn zh(self) -> String {
        match self {
            LengthRule::Exactly(n) => format!("{n}位"),
            LengthRule::Between(a, b) => format!("{a}～{b}位"),
        }
    }
}

impl fmt::Display for LengthRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LengthRule::Exactly(n) => write!(f, "{n}"),
            LengthRule::Between(a, b) => write!(f, "{a}–{b}"),
        }
    }
}

/// "the check character of its issuer's credit code", or "its check
/// character" for the identifier's own.
fn check_char_of(part: &IdPart) -> String {
    match part {
        IdPart::CheckChar => "its check character".to_owned(),
        part => format!("the check character of its {part}"),
    }
}

/// An identifier that is not well-formed. Positions count characters from
/// 1, over the whole identifier as given (dots included), so an officer can
/// count along the printed code.
///
/// `Display` is the English message ([`IdError::message_en`]);
/// [`IdError::message_zh`] is the one officers read. Every variant maps to
/// [`ErrorCode::InvalidIdentifier`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    #[error("the {id} has {found} characters; it must have {expected}")]
    WrongLength {
        id: IdKind,
        expected: usize,
        found: usize,
    },
    #[error(
        "the {id}'s {part} has {found} characters at position {position}; it must have {expected}"
    )]
    WrongPartLength {
        id: IdKind,
        part: IdPart,
        position: usize,
        expected: LengthRule,
        found: usize,
    },
    #[error("character {position} of the {id} ({part}) is {found:?}; expected {expected}")]
    BadChar {
        id: IdKind,
        part: IdPart,
        position: usize,
        found: char,
        expected: CharClass,
    },
    #[error(
        "character {position} of the {id} is {}: it is {found:?}, \
         but the characters before it call for {expected:?} (a character is mistyped)",
        check_char_of(.part)
    )]
    CheckCharMismatch {
        id: IdKind,
        part: IdPart,
        position: usize,
        found: char,
        expected: char,
    },
    /// A date part (a case number's receipt date, a resident identity
    /// number's birth date) that is eight digits but no day of the calendar.
    #[error("characters {position}–{} of the {id} ({part} {text}) are not a real date (yyyyMMdd)", position + 7)]
    NotADate {
        id: IdKind,
        part: IdPart,
        position: usize,
        text: String,
    },
    #[error("the {id}'s sequence at position {position} is 000000; sequences start at 000001")]
    ZeroSequence { id: IdKind, position: usize },
    #[error("sequence {sequence} does not fit the case number's six digits (000001–999999)")]
    SequenceOutOfRange { sequence: u32 },
    #[error("receipt date {date} has no four-digit year")]
    DateOutOfRange { date: NaiveDate },
    #[error("handling item {value} does not fit two digits (00–99)")]
    HandlingItemOutOfRange { value: u8 },
    #[error("the {id} must start with 1.2.156.3005.2. (GB/T 36904); character {position} differs")]
    WrongPrefix { id: IdKind, position: usize },
    #[error(
        "the {id} has {found} dot-separated parts after its prefix; it must have 5 \
         (type code, issuer, serial, version, check character)"
    )]
    WrongPartCount { id: IdKind, found: usize },
    #[error("the {id}'s version at position {position} is 000; versions start at 001")]
    ZeroVersion { id: IdKind, position: usize },
    #[error("version {version} does not fit three digits (001–999)")]
    VersionOutOfRange { version: u16 },
}

impl IdError {
    /// The stable error code.
    pub fn code(&self) -> ErrorCode {
        ErrorCode::InvalidIdentifier
    }

    /// The identifier being read or made.
    pub fn kind(&self) -> IdKind {
        match self {
            IdError::WrongLength { id, .. }
            | IdError::WrongPartLength { id, .. }
            | IdError::BadChar { id, .. }
            | IdError::CheckCharMismatch { id, .. }
            | IdError::NotADate { id, .. }
            | IdError::ZeroSequence { id, .. }
            | IdError::WrongPrefix { id, .. }
            | IdError::WrongPartCount { id, .. }
            | IdError::ZeroVersion { id, .. } => *id,
            IdError::SequenceOutOfRange { .. } | IdError::DateOutOfRange { .. } => {
                IdKind::CaseNumber
            }
            IdError::HandlingItemOutOfRange { .. } => IdKind::HandlingItemCode,
            IdError::VersionOutOfRange { .. } => IdKind::LicenceId,
        }
    }

    /// The part at fault.
    pub fn part(&self) -> IdPart {
        match self {
            IdError::WrongLength { .. } | IdError::WrongPartCount { .. } => IdPart::Whole,
            IdError::WrongPartLength { part, .. }
            | IdError::BadChar { part, .. }
            | IdError::CheckCharMismatch { part, .. } => *part,
            IdError::NotADate { part, .. } => *part,
            IdError::DateOutOfRange { .. } => IdPart::ReceiptDate,
            IdError::ZeroSequence { .. } | IdError::SequenceOutOfRange { .. } => IdPart::Sequence,
            IdError::HandlingItemOutOfRange { .. } => IdPart::HandlingItem,
            IdError::WrongPrefix { .. } => IdPart::Prefix,
            IdError::ZeroVersion { .. } | IdError::VersionOutOfRange { .. } => IdPart::Version,
        }
    }

    /// The 1-based character position the problem is at (or starts at), when
    /// the error is about a given text rather than a value.
    pub fn position(&self) -> Option<usize> {
        match self {
            IdError::WrongPartLength { position, .. }
            | IdError::BadChar { position, .. }
            | IdError::CheckCharMismatch { position, .. }
            | IdError::NotADate { position, .. }
            | IdError::ZeroSequence { position, .. }
            | IdError::WrongPrefix { position, .. }
            | IdError::ZeroVersion { position, .. } => Some(*position),
            IdError::WrongLength { .. }
            | IdError::WrongPartCount { .. }
            | IdError::SequenceOutOfRange { .. }
            | IdError::DateOutOfRange { .. }
            | IdError::HandlingItemOutOfRange { .. }
            | IdError::VersionOutOfRange { .. } => None,
        }
    }

    /// The message in English (the same as `Display`).
    pub fn message_en(&self) -> String {
        self.to_string()
    }

    /// The message in zh-CN, for officers and applicants.
    pub fn message_zh(&self) -> String {
        match self {
            IdError::WrongLength {
                id,
                expected,
                found,
            } => format!("{}应为{expected}位，实为{found}位", id.name_zh()),
            IdError::WrongPartLength {
                id,
                part,
                position,
                expected,
                found,
            } => format!(
                "{}第{position}位起的{}应为{}，实为{found}位",
                id.name_zh(),
                part.name_zh(),
                expected.zh()
            ),
            IdError::BadChar {
                id,
                part,
                position,
                found,
                expected,
            } => format!(
                "{}第{position}位（{}）为“{found}”，应为{}",
                id.name_zh(),
                part.name_zh(),
                expected.name_zh()
            ),
            IdError::CheckCharMismatch {
                id,
                part,
                position,
                found,
                expected,
            } => {
                let whose = if *part == IdPart::CheckChar {
                    String::new()
                } else {
                    format!("{}的", part.name_zh())
                };
                format!(
                    "{}第{position}位是{whose}校验位，为“{found}”，按前面各位应为“{expected}”，可能有字符录入错误",
                    id.name_zh()
                )
            }
            IdError::NotADate {
                id,
                part,
                position,
                text,
            } => format!(
                "{}第{position}～{}位（{}）“{text}”不是有效日期（yyyyMMdd）",
                id.name_zh(),
                position + 7,
                part.name_zh()
            ),
            IdError::ZeroSequence { id, position } => format!(
                "{}第{position}位起的流水号为000000，流水号应从000001开始",
                id.name_zh()
            ),
            IdError::SequenceOutOfRange { sequence } => {
                format!("流水号{sequence}超出办件编号的6位范围（000001～999999）")
            }
            IdError::DateOutOfRange { date } => {
                format!("收件日期{date}的年份不是4位数")
            }
            IdError::HandlingItemOutOfRange { value } => {
                format!("业务办理项序号{value}超出2位范围（00～99）")
            }
            IdError::WrongPrefix { id, position } => format!(
                "{}应以“1.2.156.3005.2.”开头（GB/T 36904），第{position}位不符",
                id.name_zh()
            ),
            IdError::WrongPartCount { id, found } => format!(
                "{}前缀之后应有以“.”分隔的5段（证照类型代码、颁发机构代码、顺序号、版本号、校验位），实为{found}段",
                id.name_zh()
            ),
            IdError::ZeroVersion { id, position } => format!(
                "{}第{position}位起的版本号为000，版本号应从001开始",
                id.name_zh()
            ),
            IdError::VersionOutOfRange { version } => {
                format!("版本号{version}超出3位范围（001～999）")
            }
        }
    }
}
