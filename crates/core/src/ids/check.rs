//! The two check-character systems: GB 32100's for the unified social
//! credit code, and ISO 7064 MOD 37,36 for electronic licence identifiers.

use super::error::{CharClass, IdError, IdKind, IdPart};

/// GB 32100's character set, in value order (0–30): the digits and the
/// capitals without I, O, Z, S, V, which are too easily misread.
const CREDIT_CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// GB 32100's weights for characters 1–17 (3^(i−1) mod 31).
const CREDIT_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// The length of a unified social credit code.
pub const CREDIT_CODE_LEN: usize = 18;

pub(super) fn credit_code_char_value(c: char) -> Option<u32> {
    CREDIT_CHARSET
        .iter()
        .position(|&b| char::from(b) == c)
        .and_then(|i| u32::try_from(i).ok())
}

fn credit_char(value: u32) -> Option<char> {
    let index = usize::try_from(value).ok()?;
    CREDIT_CHARSET.get(index).map(|&b| char::from(b))
}

/// The check character (the 18th) of a unified social credit code whose
/// first 17 characters are `first17`; `None` when `first17` is not 17
/// characters of GB 32100's set.
pub fn credit_code_check_char(first17: &str) -> Option<char> {
    let mut sum = 0u32;
    let mut count = 0usize;
    for (i, c) in first17.chars().enumerate() {
        let weight = CREDIT_WEIGHTS.get(i)?;
        sum += credit_code_char_value(c)? * weight;
        count += 1;
    }
    if count != CREDIT_WEIGHTS.len() {
        return None;
    }
    credit_char((31 - sum % 31) % 31)
}

/// `first17` with its check character appended: a whole credit code (for
/// demo data and tests that make up departments).
pub fn complete_credit_code(first17: &str) -> Option<String> {
    let check = credit_code_check_char(first17)?;
    let mut code = String::with_capacity(CREDIT_CODE_LEN);
    code.push_str(first17);
    code.push(check);
    Some(code)
}

/// Checks a unified social credit code (统一社会信用代码, GB 32100): 18
/// characters of its set, characters 3–8 (the registration authority's
/// region code) digits, and the 18th the check character of the first 17.
///
/// Not checked: the registration authority and category codes (characters
/// 1–2; their tables grow) and the GB 11714 check of the embedded
/// organisation code (characters 9–17), which the 18th character already
/// guards; a desk must not refuse a code the registration authority issued.
pub fn check_credit_code(code: &str) -> Result<(), IdError> {
    let chars: Vec<char> = code.chars().collect();
    if chars.len() != CREDIT_CODE_LEN {
        return Err(IdError::WrongLength {
            id: IdKind::CreditCode,
            expected: CREDIT_CODE_LEN,
            found: chars.len(),
        });
    }
    check_credit_chars(&chars, 0, IdKind::CreditCode, IdPart::CreditCode)
}

/// Checks the 18 characters `chars` as a credit code found at 0-based
/// character `offset` of an identifier of kind `id` (positions in errors
/// are the identifier's).
pub(super) fn check_credit_chars(
    chars: &[char],
    offset: usize,
    id: IdKind,
    part: IdPart,
) -> Result<(), IdError> {
    if chars.len() != CREDIT_CODE_LEN {
        return Err(IdError::WrongPartLength {
            id,
            part,
            position: offset + 1,
            expected: super::error::LengthRule::Exactly(CREDIT_CODE_LEN),
            found: chars.len(),
        });
    }
    for (i, &c) in chars.iter().enumerate() {
        let (ok, expected) = if (2..8).contains(&i) {
            (c.is_ascii_digit(), CharClass::RegionDigit)
        } else {
            (
                credit_code_char_value(c).is_some(),
                CharClass::CreditCodeChar,
            )
        };
        if !ok {
            return Err(IdError::BadChar {
                id,
                part,
                position: offset + i + 1,
                found: c,
                expected,
            });
        }
    }
    let first17: String = chars.iter().take(17).collect();
    let found = chars[17];
    match credit_code_check_char(&first17) {
        Some(expected) if expected == found => Ok(()),
        Some(expected) => Err(IdError::CheckCharMismatch {
            id,
            part,
            position: offset + CREDIT_CODE_LEN,
            found,
            expected,
        }),
        // Unreachable: every character was checked above. Name the check
        // character rather than panic.
        None => Err(IdError::BadChar {
            id,
            part,
            position: offset + CREDIT_CODE_LEN,
            found,
            expected: CharClass::CreditCodeChar,
        }),
    }
}

/// ISO 7064's modulus for MOD 37,36 (M = 36, M + 1 = 37).
const MOD37_36_M: u32 = 36;

/// The value of a character of ISO 7064 MOD 37,36's set `0`–`9`, `A`–`Z`.
pub(super) fn mod37_36_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' | 'A'..='Z' => c.to_digit(36),
        _ => None,
    }
}

/// The ISO 7064 hybrid system MOD 37,36 check character of `data` (every
/// character `0`–`9` or `A`–`Z`; `None` otherwise). It detects every single
/// substitution and all but 1 in 630 adjacent transpositions of the data.
pub fn mod37_36_check_char(data: &str) -> Option<char> {
    let m = MOD37_36_M;
    let mut p = m;
    for c in data.chars() {
        let s = (p + mod37_36_value(c)?) % m;
        // ISO 7064's "||S||": a sum of 0 counts as M.
        let s = if s == 0 { m } else { s };
        p = (s * 2) % (m + 1);
    }
    // The check character makes (P + check) mod M equal 1.
    char::from_digit((m + 1 - p) % m, 36).map(|c| c.to_ascii_uppercase())
}
