use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;

const CREDIT_CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const ALNUM: &str = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn food() -> ImplementationCode {
    samples::item("610122-SCJG-XK-0001")
        .unwrap()
        .implementation_code()
}

/// Characters a corruption may put in: the identifiers' own sets, the
/// letters GB 32100 leaves out, lower case, punctuation and a CJK character.
fn corruption_chars() -> Vec<char> {
    let mut chars: Vec<char> = ALNUM.chars().collect();
    chars.extend("abcxyz.-_ 〇".chars());
    chars
}

// ---- GB 32100 ----

#[test]
fn known_credit_codes_are_valid() {
    for code in [
        "91350100M000100Y43",
        "91110000600037341L",
        // As they appear in national e-licence identifiers.
        "11100000000013338W",
        "11430000006122244L",
    ] {
        assert_eq!(check_credit_code(code), Ok(()), "{code}");
        assert_eq!(
            credit_code_check_char(&code[..17]),
            code.chars().last(),
            "{code}"
        );
    }
    assert_eq!(
        complete_credit_code("91350100M000100Y4").as_deref(),
        Some("91350100M000100Y43")
    );
}

#[test]
fn check_char_needs_17_characters_of_the_set() {
    assert_eq!(credit_code_check_char("91350100M000100Y"), None);
    assert_eq!(credit_code_check_char("91350100M000100Y43"), None);
    assert_eq!(credit_code_check_char("91350100M000100I4"), None);
    assert_eq!(credit_code_check_char("91350100m000100Y4"), None);
}

#[test]
fn a_wrong_credit_code_says_where() {
    let err = check_credit_code("91350100M000100Y44").unwrap_err();
    assert_eq!(
        err,
        IdError::CheckCharMismatch {
            id: IdKind::CreditCode,
            part: IdPart::CreditCode,
            position: 18,
            found: '4',
            expected: '3',
        }
    );
    assert_eq!(err.code(), crate::error_code::ErrorCode::InvalidIdentifier);
    assert!(err.message_zh().contains("第18位"), "{}", err.message_zh());
    assert!(err.message_zh().contains("“3”"), "{}", err.message_zh());
    assert!(
        err.message_en().contains("character 18"),
        "{}",
        err.message_en()
    );

    // The letter O is not in GB 32100's set (too like 0).
    let err = check_credit_code("91350100MO00100Y43").unwrap_err();
    assert_eq!(err.position(), Some(10));
    assert!(matches!(
        err,
        IdError::BadChar {
            found: 'O',
            expected: CharClass::CreditCodeChar,
            ..
        }
    ));
    // Characters 3–8 are the region code: digits only.
    let err = check_credit_code("913501A0M000100Y43").unwrap_err();
    assert_eq!(err.position(), Some(7));
    assert!(
        err.message_zh().contains("行政区划代码"),
        "{}",
        err.message_zh()
    );

    let err = check_credit_code("91350100M000100Y4").unwrap_err();
    assert_eq!(
        err,
        IdError::WrongLength {
            id: IdKind::CreditCode,
            expected: 18,
            found: 17
        }
    );
    assert_eq!(err.message_zh(), "统一社会信用代码应为18位，实为17位");
}

fn credit_code() -> impl Strategy<Value = String> {
    let set: Vec<char> = CREDIT_CHARSET.chars().collect();
    let digits: Vec<char> = "0123456789".chars().collect();
    (
        prop::collection::vec(prop::sample::select(set.clone()), 2),
        prop::collection::vec(prop::sample::select(digits), 6),
        prop::collection::vec(prop::sample::select(set), 9),
    )
        .prop_map(|(head, region, body)| {
            let first17: String = head.into_iter().chain(region).chain(body).collect();
            complete_credit_code(&first17).unwrap()
        })
}

fn replace_at(text: &str, at: usize, with: char) -> String {
    text.chars()
        .enumerate()
        .map(|(i, c)| if i == at { with } else { c })
        .collect()
}

fn swap_at(text: &str, at: usize) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    chars.swap(at, at + 1);
    chars.into_iter().collect()
}

proptest! {
    #[test]
    fn every_single_character_corruption_of_a_credit_code_is_caught(
        code in credit_code(),
        at in 0usize..18,
        with in prop::sample::select(corruption_chars()),
    ) {
        prop_assert_eq!(check_credit_code(&code), Ok(()));
        let original = code.chars().nth(at).unwrap();
        prop_assume!(with != original);
        let corrupted = replace_at(&code, at, with);
        let err = check_credit_code(&corrupted).unwrap_err();
        // A character the position admits leaves only the check character
        // to object; any other is named where it stands.
        let admissible = if (2..8).contains(&at) {
            with.is_ascii_digit()
        } else {
            CREDIT_CHARSET.contains(with)
        };
        prop_assert_eq!(err.position(), Some(if admissible { 18 } else { at + 1 }));
    }

    #[test]
    fn every_adjacent_transposition_in_a_credit_code_is_caught(
        code in credit_code(),
        at in 0usize..17,
    ) {
        let swapped = swap_at(&code, at);
        prop_assume!(swapped != code);
        prop_assert!(check_credit_code(&swapped).is_err(), "{} → {}", code, swapped);
    }
}

// ---- GB 11643 ----

#[test]
fn known_resident_ids_are_valid() {
    for number in [
        // The standard's own examples.
        "11010519491231002X",
        "440524188001010014",
        // The demo's applicant.
        "610122199001010007",
    ] {
        assert_eq!(check_resident_id(number), Ok(()), "{number}");
        assert_eq!(
            resident_id_check_char(&number[..17]),
            number.chars().last(),
            "{number}"
        );
    }
    assert_eq!(resident_id_check_char("6101221990010100"), None);
    assert_eq!(resident_id_check_char("61012219900101000X"), None);
    assert_eq!(resident_id_check_char("61012219900101000A"), None);
}

#[test]
fn a_wrong_resident_id_says_where() {
    let err = check_resident_id("610122199001010000").unwrap_err();
    assert_eq!(
        err,
        IdError::CheckCharMismatch {
            id: IdKind::ResidentId,
            part: IdPart::CheckChar,
            position: 18,
            found: '0',
            expected: '7',
        }
    );
    assert_eq!(err.code(), crate::error_code::ErrorCode::InvalidIdentifier);
    assert_eq!(
        err.message_zh(),
        "公民身份号码第18位是校验位，为“0”，按前面各位应为“7”，可能有字符录入错误"
    );
    assert_eq!(
        err.message_en(),
        "character 18 of the resident identity number is its check character: it is '0', \
         but the characters before it call for '7' (a character is mistyped)"
    );

    // The birth date must be a day of the calendar.
    let err = check_resident_id("610122199002300003").unwrap_err();
    assert_eq!(
        err,
        IdError::NotADate {
            id: IdKind::ResidentId,
            part: IdPart::BirthDate,
            position: 7,
            text: "19900230".into()
        }
    );
    assert_eq!(
        err.message_zh(),
        "公民身份号码第7～14位（出生日期）“19900230”不是有效日期（yyyyMMdd）"
    );
    assert_eq!(
        err.message_en(),
        "characters 7–14 of the resident identity number (birth date 19900230) are not a real date (yyyyMMdd)"
    );

    // A lower-case x is not the standard's check character.
    let err = check_resident_id("11010519491231002x").unwrap_err();
    assert_eq!(
        err,
        IdError::BadChar {
            id: IdKind::ResidentId,
            part: IdPart::CheckChar,
            position: 18,
            found: 'x',
            expected: CharClass::DigitOrX,
        }
    );
    assert!(
        err.message_zh().contains("大写字母X"),
        "{}",
        err.message_zh()
    );
    // X is only the check character.
    let err = check_resident_id("6101221990010100X7").unwrap_err();
    assert_eq!((err.part(), err.position()), (IdPart::OrderCode, Some(17)));
    let err = check_resident_id("61012A199001010007").unwrap_err();
    assert_eq!((err.part(), err.position()), (IdPart::AddressCode, Some(6)));
    let err = check_resident_id("610122199O01010007").unwrap_err();
    assert_eq!((err.part(), err.position()), (IdPart::BirthDate, Some(10)));

    // The first generation's 15 digits are refused by their length.
    let err = check_resident_id("610122900101000").unwrap_err();
    assert_eq!(err.message_zh(), "公民身份号码应为18位，实为15位");
    assert_eq!(err.kind(), IdKind::ResidentId);
}

fn resident_id() -> impl Strategy<Value = String> {
    let digits: Vec<char> = "0123456789".chars().collect();
    (
        prop::collection::vec(prop::sample::select(digits.clone()), 6),
        // Any day from 1900 to 2099.
        0i64..73_048,
        prop::collection::vec(prop::sample::select(digits), 3),
    )
        .prop_map(|(address, day, order)| {
            let birth = date(1900, 1, 1) + chrono::Duration::days(day);
            let first17: String = address
                .into_iter()
                .chain(birth.format("%Y%m%d").to_string().chars())
                .chain(order)
                .collect();
            let check = resident_id_check_char(&first17).unwrap();
            format!("{first17}{check}")
        })
}

proptest! {
    #[test]
    fn every_single_character_corruption_of_a_resident_id_is_caught(
        number in resident_id(),
        at in 0usize..18,
        with in prop::sample::select(corruption_chars()),
    ) {
        prop_assert_eq!(check_resident_id(&number), Ok(()));
        prop_assume!(number.chars().nth(at) != Some(with));
        let corrupted = replace_at(&number, at, with);
        let err = check_resident_id(&corrupted).unwrap_err();
        prop_assert_eq!(err.kind(), IdKind::ResidentId);
        // A character the position admits leaves the date (for a birth date
        // digit) or the check character to object; any other is named where
        // it stands.
        let expected = if at == 17 {
            18
        } else if !with.is_ascii_digit() {
            at + 1
        } else if (6..14).contains(&at)
            && NaiveDate::parse_from_str(&corrupted[6..14], "%Y%m%d").is_err()
        {
            7
        } else {
            18
        };
        prop_assert_eq!(err.position(), Some(expected), "{} → {}: {}", number, corrupted, err);
    }

    #[test]
    fn every_adjacent_transposition_in_a_resident_id_is_caught(
        number in resident_id(),
        at in 0usize..17,
    ) {
        let swapped = swap_at(&number, at);
        prop_assume!(swapped != number);
        prop_assert!(check_resident_id(&swapped).is_err(), "{} → {}", number, swapped);
    }

    #[test]
    fn resident_check_char_makes_the_weighted_sum_one(first17 in "[0-9]{17}") {
        // ISO 7064 MOD 11-2 over all 18 with weights 2^(18−i) mod 11.
        let check = resident_id_check_char(&first17).unwrap();
        let value = if check == 'X' { 10 } else { check.to_digit(10).unwrap() };
        let sum: u32 = first17
            .chars()
            .enumerate()
            .map(|(i, c)| c.to_digit(10).unwrap() * ((1u32 << (17 - i)) % 11))
            .sum::<u32>()
            + value;
        prop_assert_eq!(sum % 11, 1);
    }
}

// ---- ISO 7064 MOD 37,36 ----

#[test]
fn mod37_36_matches_national_licence_identifiers() {
    // Check characters of identifiers issued on the national platform:
    // computed over type code + issuer + serial + version.
    for (body, check) in [
        ("11100000000013338W01111430000006122244L20230000403002", 'S'),
        ("11100000000013338W01111430000006122244L20230000403001", 'U'),
        ("11100000000013338W00911330105002500287C2025052201002", '0'),
    ] {
        assert_eq!(mod37_36_check_char(body), Some(check), "{body}");
    }
    assert_eq!(mod37_36_check_char("12a"), None);
    assert_eq!(mod37_36_check_char("1.2"), None);
}

/// The hybrid system's transposition blind spots, counted over every
/// state the running check can be in (a one-character prefix reaches each
/// of the 36) and every pair of different characters: 72 of 45,360 swaps
/// (1 in 630) leave the check unchanged; every other is caught.
#[test]
fn mod37_36_catches_all_but_1_in_630_adjacent_transpositions() {
    let mut missed = 0;
    let mut total = 0;
    for prefix in ALNUM.chars() {
        for a in ALNUM.chars() {
            for b in ALNUM.chars().filter(|&b| b != a) {
                total += 1;
                let data = format!("{prefix}{a}{b}7");
                let swapped = format!("{prefix}{b}{a}7");
                if mod37_36_check_char(&data) == mod37_36_check_char(&swapped) {
                    missed += 1;
                }
            }
        }
    }
    assert_eq!((missed, total), (72, 45_360));
}

fn alnum(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    let set: Vec<char> = ALNUM.chars().collect();
    prop::collection::vec(prop::sample::select(set), len).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #[test]
    fn mod37_36_catches_every_single_substitution(
        data in alnum(1..40),
        at in any::<prop::sample::Index>(),
        with in prop::sample::select(ALNUM.chars().collect::<Vec<_>>()),
    ) {
        let check = mod37_36_check_char(&data).unwrap();
        let whole = format!("{data}{check}");
        let at = at.index(whole.len());
        prop_assume!(whole.chars().nth(at) != Some(with));
        let corrupted = replace_at(&whole, at, with);
        let (body, last) = corrupted.split_at(corrupted.len() - 1);
        let recomputed = mod37_36_check_char(body).map(String::from);
        prop_assert_ne!(recomputed.as_deref(), Some(last));
    }
}

// ---- 实施编码 and 业务办理项编码 ----

#[test]
fn an_implementation_code_has_its_parts() {
    let code = ImplementationCode::parse("11610122MB2961374C4000172006000").unwrap();
    assert_eq!(code.credit_code(), "11610122MB2961374C");
    assert_eq!(code.level(), ImplementationLevel::County);
    assert_eq!(code.level().name_zh(), "县级");
    assert_eq!(code.basic_code(), "000172006000");
    assert_eq!(code.as_str(), "11610122MB2961374C4000172006000");
    assert_eq!(code.to_string(), code.as_str());
    assert_eq!(code, food());
    assert_eq!(
        ImplementationCode::new(
            "11610122MB2961374C",
            ImplementationLevel::County,
            "000172006000"
        ),
        Ok(code.clone())
    );
    let json = serde_json::to_string(&code).unwrap();
    assert_eq!(json, "\"11610122MB2961374C4000172006000\"");
    assert_eq!(
        serde_json::from_str::<ImplementationCode>(&json).unwrap(),
        code
    );
    let err = serde_json::from_str::<ImplementationCode>("\"11610122MB2961374C7000172006000\"")
        .unwrap_err();
    assert!(err.to_string().contains("character 19"), "{err}");
}

#[test]
fn the_levels_read_back_with_their_names() {
    let names: Vec<_> = ImplementationLevel::ALL
        .iter()
        .map(|l| (l.digit(), l.name_zh()))
        .collect();
    assert_eq!(
        names,
        [
            ('1', "国家级"),
            ('2', "省级"),
            ('3', "市级"),
            ('4', "县级"),
            ('5', "乡镇（街道）级"),
            ('6', "村（社区）级"),
        ]
    );
    for level in ImplementationLevel::ALL {
        assert_eq!(ImplementationLevel::from_digit(level.digit()), Some(*level));
    }
    assert_eq!(ImplementationLevel::from_digit('0'), None);
    assert_eq!(ImplementationLevel::from_digit('7'), None);
}

#[test]
fn a_wrong_implementation_code_names_the_part() {
    let check = |text: &str| ImplementationCode::parse(text).unwrap_err();

    let err = check("11610122MB2961374C400017200600");
    assert_eq!(err.part(), IdPart::Whole);
    assert_eq!(err.message_zh(), "实施编码应为31位，实为30位");

    let err = check("11610122MB2961374D4000172006000");
    assert_eq!(
        err,
        IdError::CheckCharMismatch {
            id: IdKind::ImplementationCode,
            part: IdPart::CreditCode,
            position: 18,
            found: 'D',
            expected: 'C',
        }
    );
    assert!(
        err.message_zh()
            .contains("实施编码第18位是统一社会信用代码的校验位"),
        "{}",
        err.message_zh()
    );

    let err = check("11610122MB2961374C7000172006000");
    assert_eq!((err.part(), err.position()), (IdPart::Level, Some(19)));
    assert!(
        err.message_zh().contains("层级代码1～6"),
        "{}",
        err.message_zh()
    );

    let err = check("11610122MB2961374C40001720060a0");
    assert_eq!((err.part(), err.position()), (IdPart::BasicCode, Some(30)));
    assert!(
        err.message_en().contains("basic code"),
        "{}",
        err.message_en()
    );
}

#[test]
fn a_handling_item_code_is_an_implementation_code_and_two_digits() {
    let code = HandlingItemCode::new(&food(), 1).unwrap();
    assert_eq!(code.as_str(), "11610122MB2961374C400017200600001");
    assert_eq!(code.number(), 1);
    assert_eq!(code.implementation_code(), &food());
    assert_eq!(HandlingItemCode::parse(code.as_str()), Ok(code));
    assert_eq!(
        HandlingItemCode::new(&food(), 100),
        Err(IdError::HandlingItemOutOfRange { value: 100 })
    );

    let err = HandlingItemCode::parse("11610122MB2961374C40001720060000A").unwrap_err();
    assert_eq!(
        (err.part(), err.position()),
        (IdPart::HandlingItem, Some(33))
    );
    let err = HandlingItemCode::parse("11610122MB2961374C9000172006000").unwrap_err();
    assert_eq!(err.kind(), IdKind::HandlingItemCode);
    assert_eq!(err.part(), IdPart::Whole);
    let err = HandlingItemCode::parse("11610122MB2961374C900017200600001").unwrap_err();
    assert_eq!((err.part(), err.position()), (IdPart::Level, Some(19)));
    assert!(
        err.message_zh().starts_with("业务办理项编码第19位"),
        "{}",
        err.message_zh()
    );
}

// ---- 办件编号 ----

#[test]
fn a_case_number_round_trips() {
    let number = CaseNumber::new(&food(), date(2026, 3, 2), 17).unwrap();
    assert_eq!(
        number.as_str(),
        "11610122MB2961374C400017200600020260302000017"
    );
    assert_eq!(number.as_str().len(), CaseNumber::LEN);
    let back = CaseNumber::parse(number.as_str()).unwrap();
    assert_eq!(back, number);
    assert_eq!(back.implementation_code(), &food());
    assert_eq!(back.receipt_date(), date(2026, 3, 2));
    assert_eq!(back.sequence(), 17);
    assert_eq!(back.as_str().parse::<CaseNumber>(), Ok(number));
}

#[test]
fn a_case_number_needs_a_real_date_and_a_sequence_that_fits() {
    let implementation = food();
    assert_eq!(
        CaseNumber::new(&implementation, date(2026, 3, 2), 0),
        Err(IdError::SequenceOutOfRange { sequence: 0 })
    );
    assert_eq!(
        CaseNumber::new(&implementation, date(2026, 3, 2), 1_000_000),
        Err(IdError::SequenceOutOfRange {
            sequence: 1_000_000
        })
    );
    assert!(CaseNumber::new(&implementation, date(2026, 3, 2), 999_999).is_ok());
    assert!(matches!(
        CaseNumber::new(&implementation, date(10_000, 1, 1), 1),
        Err(IdError::DateOutOfRange { .. })
    ));

    let prefix = implementation.as_str();
    let err = CaseNumber::parse(&format!("{prefix}20260230000001")).unwrap_err();
    assert_eq!(
        err,
        IdError::NotADate {
            id: IdKind::CaseNumber,
            part: IdPart::ReceiptDate,
            position: 32,
            text: "20260230".into()
        }
    );
    assert_eq!(
        err.message_zh(),
        "办件编号第32～39位（收件日期）“20260230”不是有效日期（yyyyMMdd）"
    );
    assert_eq!(
        err.message_en(),
        "characters 32–39 of the case number (receipt date 20260230) are not a real date (yyyyMMdd)"
    );
    let err = CaseNumber::parse(&format!("{prefix}2026O302000001")).unwrap_err();
    assert_eq!(
        (err.part(), err.position()),
        (IdPart::ReceiptDate, Some(36))
    );
    let err = CaseNumber::parse(&format!("{prefix}20260302000000")).unwrap_err();
    assert_eq!((err.part(), err.position()), (IdPart::Sequence, Some(40)));
    let err = CaseNumber::parse(&format!("{prefix}2026030200001X")).unwrap_err();
    assert_eq!((err.part(), err.position()), (IdPart::Sequence, Some(45)));
    let err = CaseNumber::parse(&format!("{prefix}202603020001")).unwrap_err();
    assert_eq!(
        err.message_en(),
        "the case number has 43 characters; it must have 45"
    );
}

proptest! {
    #[test]
    fn case_numbers_round_trip(
        item in prop::sample::select(samples::ITEMS.to_vec()),
        days in 0i64..30_000,
        sequence in 1u32..=999_999,
    ) {
        let receipt = date(1990, 1, 1) + chrono::Duration::days(days);
        let number = item.case_number(receipt, sequence).unwrap();
        prop_assert_eq!(CaseNumber::parse(number.as_str()), Ok(number.clone()));
        prop_assert_eq!(number.receipt_date(), receipt);
        prop_assert_eq!(number.sequence(), sequence);
    }
}

// ---- 电子证照标识 ----

#[test]
fn national_licence_identifiers_parse() {
    let id = LicenceId::parse(
        "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.S",
    )
    .unwrap();
    assert_eq!(id.type_code(), "11100000000013338W011");
    assert_eq!(id.issuer_credit_code(), "11430000006122244L");
    assert_eq!(id.serial(), "20230000403");
    assert_eq!(id.version(), 2);
    assert_eq!(id.check_char(), 'S');
    assert_eq!(
        LicenceId::new(
            "11100000000013338W011",
            "11430000006122244L",
            "20230000403",
            2
        ),
        Ok(id)
    );
    assert!(LicenceId::parse(
        "1.2.156.3005.2.11100000000013338W009.11330105002500287C.2025052201.002.0"
    )
    .is_ok());
}

#[test]
fn a_wrong_licence_identifier_names_the_part() {
    let valid = "1.2.156.3005.2.11100000000013338W011.11430000006122244L.20230000403.002.S";
    let check = |text: &str| LicenceId::parse(text).unwrap_err();

    let err = check(&valid.replace("3005", "3006"));
    assert_eq!((err.part(), err.position()), (IdPart::Prefix, Some(12)));
    let err = check(&valid.replace(".002.", "."));
    assert_eq!(
        err,
        IdError::WrongPartCount {
            id: IdKind::LicenceId,
            found: 4
        }
    );
    assert!(err.message_zh().contains("实为4段"), "{}", err.message_zh());

    let err = check(&valid.replace("13338W011", "13338W11"));
    assert_eq!(
        err,
        IdError::WrongPartLength {
            id: IdKind::LicenceId,
            part: IdPart::LicenceType,
            position: 16,
            expected: LengthRule::Exactly(21),
            found: 20
        }
    );
    assert_eq!(
        err.message_zh(),
        "电子证照标识第16位起的证照类型代码应为21位，实为20位"
    );
    let err = check(&valid.replace("13338W011", "13338X011"));
    assert_eq!(
        (err.part(), err.position()),
        (IdPart::LicenceType, Some(33))
    );
    assert!(matches!(err, IdError::CheckCharMismatch { .. }));
    let err = check(&valid.replace("6122244L", "6122245L"));
    assert_eq!((err.part(), err.position()), (IdPart::Issuer, Some(55)));
    assert!(
        err.message_zh().contains("颁发机构代码的校验位"),
        "{}",
        err.message_zh()
    );
    let err = check(&valid.replace("20230000403", "2023-0000403"));
    assert_eq!((err.part(), err.position()), (IdPart::Serial, Some(61)));
    let err = check(&valid.replace(".20230000403.", ".."));
    assert_eq!((err.part(), err.position()), (IdPart::Serial, Some(57)));
    let err = check(&valid.replace(".002.", ".000."));
    assert_eq!((err.part(), err.position()), (IdPart::Version, Some(69)));
    let err = check(&valid.replace(".002.", ".02."));
    assert_eq!(err.part(), IdPart::Version);
    let err = check(&valid.replace(".S", ".T"));
    assert_eq!(
        err,
        IdError::CheckCharMismatch {
            id: IdKind::LicenceId,
            part: IdPart::CheckChar,
            position: 73,
            found: 'T',
            expected: 'S'
        }
    );
    assert!(
        err.message_zh()
            .contains("第73位是校验位，为“T”，按前面各位应为“S”"),
        "{}",
        err.message_zh()
    );
    assert!(
        err.message_en().starts_with(
            "character 73 of the electronic licence identifier is its check character: it is 'T'"
        ),
        "{}",
        err.message_en()
    );
    let err = check(&valid.replace(".S", ".s"));
    assert!(matches!(err, IdError::BadChar { found: 's', .. }));

    assert_eq!(
        LicenceId::new("11100000000013338W011", "11430000006122244L", "1", 1000),
        Err(IdError::VersionOutOfRange { version: 1000 })
    );
    let err = LicenceId::new("11100000000013338W011", "11430000006122244L", "a1", 1).unwrap_err();
    assert_eq!((err.part(), err.position()), (IdPart::Serial, Some(57)));
}

proptest! {
    #[test]
    fn every_single_character_corruption_of_a_licence_id_is_caught(
        issuer in credit_code(),
        serial in alnum(1..20),
        version in 1u16..=999,
        at in any::<prop::sample::Index>(),
        with in prop::sample::select(corruption_chars()),
    ) {
        let id = LicenceId::new(samples::FOOD_BUSINESS_LICENCE.type_code, &issuer, &serial, version).unwrap();
        prop_assert_eq!(LicenceId::parse(id.as_str()), Ok(id.clone()));
        let at = at.index(id.as_str().len());
        prop_assume!(id.as_str().chars().nth(at) != Some(with));
        let corrupted = replace_at(id.as_str(), at, with);
        prop_assert!(LicenceId::parse(&corrupted).is_err(), "{}", corrupted);
    }

    #[test]
    fn licence_ids_round_trip(
        issuer in credit_code(),
        serial in alnum(1..65),
        version in 1u16..=999,
    ) {
        let id = LicenceId::new(samples::CONSTRUCTION_WORKS_PERMIT.type_code, &issuer, &serial, version).unwrap();
        let back = LicenceId::parse(id.as_str()).unwrap();
        prop_assert_eq!(back.issuer_credit_code(), issuer.as_str());
        prop_assert_eq!(back.serial(), serial.as_str());
        prop_assert_eq!(back.version(), version);
        prop_assert_eq!(back, id);
    }
}

// ---- samples ----

#[test]
fn every_sample_is_valid() {
    for department in samples::DEPARTMENTS {
        assert_eq!(
            check_credit_code(department.credit_code),
            Ok(()),
            "{}",
            department.name
        );
        assert!(
            department.credit_code[2..8].starts_with("6101"),
            "{}",
            department.name
        );
        assert_eq!(samples::department(department.name), Some(department));
    }
    for item in samples::ITEMS {
        let code = item.implementation_code();
        assert_eq!(
            ImplementationCode::parse(code.as_str()),
            Ok(code.clone()),
            "{}",
            item.item_name
        );
        assert_eq!(samples::item(item.item_code), Some(item));
        let number = samples::case_number(item.item_code, date(2026, 3, 2), 1)
            .unwrap()
            .unwrap();
        assert_eq!(number.implementation_code(), &code);
        if let Some(licence) = item.licence_id("SX2026000001", 1) {
            let licence = licence.unwrap();
            assert_eq!(licence.issuer_credit_code(), item.department.credit_code);
            assert_eq!(LicenceId::parse(licence.as_str()), Ok(licence));
        }
    }
}

/// The sample guides (core does no I/O, even in tests: they are compiled in).
const SAMPLE_GUIDES: [&str; 4] = [
    include_str!("../../../../tests/fixtures/guides/construction-works-permit.json"),
    include_str!("../../../../tests/fixtures/guides/fire-safety-inspection.json"),
    include_str!("../../../../tests/fixtures/guides/food-business-licence.json"),
    include_str!("../../../../tests/fixtures/guides/pollutant-discharge-registration.json"),
];

#[test]
fn every_sample_guide_has_a_sample_item() {
    for text in SAMPLE_GUIDES {
        let file: serde_json::Value = serde_json::from_str(text).unwrap();
        let code = file["item"]["code"].as_str().unwrap();
        let item = samples::item(code).unwrap_or_else(|| panic!("no sample for {code}"));
        assert_eq!(file["item"]["department"], item.department.name);
        assert_eq!(file["item"]["name"], item.item_name);
    }
    assert_eq!(SAMPLE_GUIDES.len(), samples::ITEMS.len());
}
