//! The columns' words for the model's enumerations, and the checked
//! conversions between stored integers and the model's.
//!
//! The words are the exchange format's (the snake_case names serde writes),
//! so a row reads like the JSON of the same thing; a test holds them equal.

use approval_core::bundle::BundleKind;
use approval_core::guide::{
    ItemLevel, ItemType, LimitUnit, MaterialForm, ResultKind, StageKind, StepKind, TimeLimit,
};

/// A stored value the model cannot take, described for the error message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unreadable(pub String);

/// For each enumeration: the word a column stores, and back.
macro_rules! stored_words {
    ($($ty:ident: $word:ident, $parse:ident { $($variant:ident => $text:literal),+ $(,)? })+) => {
        $(
            pub(crate) fn $word(value: &$ty) -> &'static str {
                match value {
                    $($ty::$variant => $text,)+
                }
            }

            pub(crate) fn $parse(column: &str, text: &str) -> Result<$ty, Unreadable> {
                match text {
                    $($text => Ok($ty::$variant),)+
                    other => Err(Unreadable(format!(
                        "{column} is {other:?}, which is no {}",
                        stringify!($ty)
                    ))),
                }
            }
        )+

        #[cfg(test)]
        mod words_are_the_exchange_names {
            use super::*;

            #[test]
            fn every_word_is_what_serde_writes() {
                $($(
                    assert_eq!(
                        serde_json::to_value($ty::$variant).ok(),
                        Some(serde_json::Value::from($text)),
                    );
                    assert_eq!($parse("column", $word(&$ty::$variant)), Ok($ty::$variant));
                )+)+
            }
        }
    };
}

stored_words! {
    ItemType: item_type_word, parse_item_type {
        Licensing => "licensing",
        Confirmation => "confirmation",
        Payment => "payment",
        Ruling => "ruling",
        Reward => "reward",
        Record => "record",
        OtherPower => "other_power",
        PublicService => "public_service",
    }
    ItemLevel: item_level_word, parse_item_level {
        Province => "province",
        City => "city",
        County => "county",
        Township => "township",
    }
    ResultKind: result_kind_word, parse_result_kind {
        DecisionLetter => "decision_letter",
        Certificate => "certificate",
        ApprovalDocument => "approval_document",
        Other => "other",
    }
    LimitUnit: limit_unit_word, parse_limit_unit {
        WorkingDays => "working_days",
        NaturalDays => "natural_days",
    }
    MaterialForm: material_form_word, parse_material_form {
        Original => "original",
        Copy => "copy",
        OriginalAndCopy => "original_and_copy",
    }
    StageKind: stage_kind_word, parse_stage_kind {
        SiteSurvey => "site_survey",
        ExpertReview => "expert_review",
        Hearing => "hearing",
        PublicNotice => "public_notice",
        Other => "other",
    }
    StepKind: step_kind_word, parse_step_kind {
        Start => "start",
        Step => "step",
        SpecialStage => "special_stage",
        Decision => "decision",
        End => "end",
    }
    BundleKind: bundle_kind_word, parse_bundle_kind {
        Parallel => "parallel",
        Package => "package",
    }
}

/// A stored count, day number or version number as the model's `u32`.
pub(crate) fn count(column: &str, value: i64) -> Result<u32, Unreadable> {
    u32::try_from(value).map_err(|_| Unreadable(format!("{column} is {value}, out of range")))
}

/// A limit stored as two columns.
pub(crate) fn limit(column: &str, days: i64, unit: &str) -> Result<TimeLimit, Unreadable> {
    Ok(TimeLimit {
        days: count(column, days)?,
        unit: parse_limit_unit(column, unit)?,
    })
}

/// A limit stored as two nullable columns, both set or both empty.
pub(crate) fn optional_limit(
    column: &str,
    days: Option<i64>,
    unit: Option<&str>,
) -> Result<Option<TimeLimit>, Unreadable> {
    match (days, unit) {
        (Some(days), Some(unit)) => limit(column, days, unit).map(Some),
        (None, None) => Ok(None),
        _ => Err(Unreadable(format!(
            "{column} has its days or its unit but not both"
        ))),
    }
}

/// A JSON column read back into the model.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(
    column: &str,
    text: &str,
) -> Result<T, Unreadable> {
    serde_json::from_str(text).map_err(|e| Unreadable(format!("{column}: {e}")))
}
