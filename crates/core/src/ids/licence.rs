//! 电子证照标识: an electronic licence's identifier (GB/T 36904).

use super::check::{check_credit_chars, mod37_36_check_char, mod37_36_value, CREDIT_CODE_LEN};
use super::error::{CharClass, IdError, IdKind, IdPart, LengthRule};
use super::implementation::check_chars;

/// The OID arc of electronic licences (GB/T 36904), dot included.
pub const LICENCE_ID_PREFIX: &str = "1.2.156.3005.2.";

/// An electronic licence identifier (电子证照标识, GB/T 36904):
/// `1.2.156.3005.2.<type code>.<issuer>.<serial>.<version>.<check>`.
///
/// - type code (证照类型代码), 21 characters: the credit code of the body
///   that defines the licence type (check character valid) and a
///   three-digit number, as the national licence type catalogue assigns
///   them (e.g. `11100000000013338W011`);
/// - issuer (证照颁发机构代码): the issuing body's credit code, 18, its check
///   character valid;
/// - serial (顺序号): 1–64 digits or capitals, the issuer's own numbering;
/// - version (版本号): three digits `001`–`999`;
/// - check (校验位): ISO 7064 MOD 37,36 over type code, issuer, serial and
///   version written together — the identifier after its fixed prefix with
///   the dots removed. (The fixed prefix is the same for every licence and
///   adds nothing; identifiers issued by the national platform are checked
///   this way.)
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LicenceId {
    code: String,
    /// Byte ranges (start, end) of the parts in `code` (all ASCII once
    /// valid).
    type_code: (usize, usize),
    issuer: (usize, usize),
    serial: (usize, usize),
    version: u16,
    check: char,
}

impl LicenceId {
    /// The type code's length.
    pub const TYPE_CODE_LEN: usize = CREDIT_CODE_LEN + 3;
    /// The longest serial.
    pub const MAX_SERIAL_LEN: usize = 64;

    /// Makes the identifier of version `version` (1–999) of licence `serial`
    /// of type `type_code` issued by `issuer_credit_code`, with its check
    /// character.
    pub fn new(
        type_code: &str,
        issuer_credit_code: &str,
        serial: &str,
        version: u16,
    ) -> Result<Self, IdError> {
        if !(1..=999).contains(&version) {
            return Err(IdError::VersionOutOfRange { version });
        }
        let body = format!("{type_code}{issuer_credit_code}{serial}{version:03}");
        // A bad character leaves no check character; the parse below then
        // names it, so `?` here would only lose the position.
        let check = mod37_36_check_char(&body).unwrap_or('0');
        Self::parse(&format!(
            "{LICENCE_ID_PREFIX}{type_code}.{issuer_credit_code}.{serial}.{version:03}.{check}"
        ))
    }

    /// Reads an electronic licence identifier.
    pub fn parse(text: &str) -> Result<Self, IdError> {
        let id = IdKind::LicenceId;
        let chars: Vec<char> = text.chars().collect();
        let prefix: Vec<char> = LICENCE_ID_PREFIX.chars().collect();
        if let Some(at) = (0..prefix.len()).find(|&i| chars.get(i) != prefix.get(i)) {
            return Err(IdError::WrongPrefix {
                id,
                position: at + 1,
            });
        }
        let (_, rest) = chars.split_at(prefix.len());
        let parts: Vec<&[char]> = rest.split(|&c| c == '.').collect();
        let [type_code, issuer, serial, version, check] = parts.as_slice() else {
            return Err(IdError::WrongPartCount {
                id,
                found: parts.len(),
            });
        };
        // 0-based character offsets of each part.
        let type_at = prefix.len();
        let issuer_at = type_at + type_code.len() + 1;
        let serial_at = issuer_at + issuer.len() + 1;
        let version_at = serial_at + serial.len() + 1;
        let check_at = version_at + version.len() + 1;

        let length = |part: IdPart, at: usize, chars: &[char], rule: LengthRule| {
            let ok = match rule {
                LengthRule::Exactly(n) => chars.len() == n,
                LengthRule::Between(a, b) => (a..=b).contains(&chars.len()),
            };
            if ok {
                Ok(())
            } else {
                Err(IdError::WrongPartLength {
                    id,
                    part,
                    position: at + 1,
                    expected: rule,
                    found: chars.len(),
                })
            }
        };

        length(
            IdPart::LicenceType,
            type_at,
            type_code,
            LengthRule::Exactly(Self::TYPE_CODE_LEN),
        )?;
        let (definer, number) = type_code.split_at(CREDIT_CODE_LEN);
        check_credit_chars(definer, type_at, id, IdPart::LicenceType)?;
        check_chars(
            number,
            type_at + CREDIT_CODE_LEN,
            id,
            IdPart::LicenceType,
            CharClass::Digit,
        )?;

        length(
            IdPart::Issuer,
            issuer_at,
            issuer,
            LengthRule::Exactly(CREDIT_CODE_LEN),
        )?;
        check_credit_chars(issuer, issuer_at, id, IdPart::Issuer)?;

        length(
            IdPart::Serial,
            serial_at,
            serial,
            LengthRule::Between(1, Self::MAX_SERIAL_LEN),
        )?;
        check_chars(
            serial,
            serial_at,
            id,
            IdPart::Serial,
            CharClass::UpperAlphanumeric,
        )?;

        length(IdPart::Version, version_at, version, LengthRule::Exactly(3))?;
        check_chars(version, version_at, id, IdPart::Version, CharClass::Digit)?;
        let version_number = version
            .iter()
            .filter_map(|c| c.to_digit(10))
            .fold(0u16, |n, d| n * 10 + u16::try_from(d).unwrap_or_default());
        if version_number == 0 {
            return Err(IdError::ZeroVersion {
                id,
                position: version_at + 1,
            });
        }

        length(IdPart::CheckChar, check_at, check, LengthRule::Exactly(1))?;
        let found = check.first().copied().unwrap_or(' ');
        if mod37_36_value(found).is_none() {
            return Err(IdError::BadChar {
                id,
                part: IdPart::CheckChar,
                position: check_at + 1,
                found,
                expected: CharClass::UpperAlphanumeric,
            });
        }
        let body: String = [*type_code, *issuer, *serial, *version]
            .concat()
            .iter()
            .collect();
        let expected = mod37_36_check_char(&body).unwrap_or(' ');
        if expected != found {
            return Err(IdError::CheckCharMismatch {
                id,
                part: IdPart::CheckChar,
                position: check_at + 1,
                found,
                expected,
            });
        }
        // Every character is ASCII now, so character offsets are byte offsets.
        Ok(LicenceId {
            code: chars.iter().collect(),
            type_code: (type_at, type_at + type_code.len()),
            issuer: (issuer_at, issuer_at + issuer.len()),
            serial: (serial_at, serial_at + serial.len()),
            version: version_number,
            check: found,
        })
    }

    /// The licence type code (证照类型代码).
    pub fn type_code(&self) -> &str {
        self.code
            .get(self.type_code.0..self.type_code.1)
            .unwrap_or_default()
    }

    /// The issuer's unified social credit code.
    pub fn issuer_credit_code(&self) -> &str {
        self.code
            .get(self.issuer.0..self.issuer.1)
            .unwrap_or_default()
    }

    /// The issuer's serial (顺序号).
    pub fn serial(&self) -> &str {
        self.code
            .get(self.serial.0..self.serial.1)
            .unwrap_or_default()
    }

    /// The version (版本号), 1–999.
    pub fn version(&self) -> u16 {
        self.version
    }

    /// The check character.
    pub fn check_char(&self) -> char {
        self.check
    }

    pub fn as_str(&self) -> &str {
        &self.code
    }
}

super::string_identifier!(LicenceId);
