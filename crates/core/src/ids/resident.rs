//! The resident identity number (公民身份号码, GB 11643), the number on a
//! 居民身份证: 6 digits of address code (地址码), 8 of birth date (出生日期码,
//! yyyyMMdd), 3 of order code (顺序码, odd for men, even for women) and a
//! check character by ISO 7064 MOD 11-2 (`X` for ten).

use super::case_number::date_of_digits;
use super::error::{CharClass, IdError, IdKind, IdPart};
use super::implementation::check_chars;

/// The length of a resident identity number.
pub const RESIDENT_ID_LEN: usize = 18;

/// ISO 7064 MOD 11-2's weights for characters 1–17: 2^(18−i) mod 11.
const RESIDENT_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The check character (the 18th) of a resident identity number whose first
/// 17 characters are `first17`; `None` unless those are 17 digits.
pub fn resident_id_check_char(first17: &str) -> Option<char> {
    let mut sum = 0u32;
    let mut count = 0usize;
    for (i, c) in first17.chars().enumerate() {
        let weight = RESIDENT_WEIGHTS.get(i)?;
        sum += c.to_digit(10)? * weight;
        count += 1;
    }
    if count != RESIDENT_WEIGHTS.len() {
        return None;
    }
    // The check value makes the weighted sum of all 18 (the check's own
    // weight is 1) congruent to 1 mod 11.
    match (12 - sum % 11) % 11 {
        10 => Some('X'),
        value => char::from_digit(value, 10),
    }
}

/// Checks a resident identity number (公民身份号码, GB 11643): 18
/// characters, the first 17 digits, characters 7–14 a real date, the 18th
/// the ISO 7064 MOD 11-2 check character of the first 17 (`X` for ten, a
/// capital as the standard prints it).
///
/// Not checked: that the address code is a county that exists (the table
/// changes, and a number keeps its first county for life) and that the
/// birth date is not in the future (core does not read the clock; a caller
/// with "today" may compare). The 15-digit numbers of the first generation
/// of cards, invalid since 2013, are refused by their length.
pub fn check_resident_id(number: &str) -> Result<(), IdError> {
    let id = IdKind::ResidentId;
    let chars: Vec<char> = number.chars().collect();
    if chars.len() != RESIDENT_ID_LEN {
        return Err(IdError::WrongLength {
            id,
            expected: RESIDENT_ID_LEN,
            found: chars.len(),
        });
    }
    let (address, rest) = chars.split_at(6);
    let (birth, rest) = rest.split_at(8);
    let (order, check) = rest.split_at(3);
    check_chars(address, 0, id, IdPart::AddressCode, CharClass::Digit)?;
    check_chars(birth, 6, id, IdPart::BirthDate, CharClass::Digit)?;
    check_chars(order, 14, id, IdPart::OrderCode, CharClass::Digit)?;
    check_chars(check, 17, id, IdPart::CheckChar, CharClass::DigitOrX)?;
    let birth_text: String = birth.iter().collect();
    if date_of_digits(&birth_text).is_none() {
        return Err(IdError::NotADate {
            id,
            part: IdPart::BirthDate,
            position: 7,
            text: birth_text,
        });
    }
    let first17: String = chars.iter().take(17).collect();
    let found = chars[17];
    match resident_id_check_char(&first17) {
        Some(expected) if expected == found => Ok(()),
        Some(expected) => Err(IdError::CheckCharMismatch {
            id,
            part: IdPart::CheckChar,
            position: RESIDENT_ID_LEN,
            found,
            expected,
        }),
        // Unreachable: the 17 were checked to be digits. Name the place
        // rather than panic.
        None => Err(IdError::BadChar {
            id,
            part: IdPart::CheckChar,
            position: RESIDENT_ID_LEN,
            found,
            expected: CharClass::DigitOrX,
        }),
    }
}
