//! The identifiers the exchange with window units carries, checked as the
//! national conventions define them (pure computation, no I/O):
//!
//! - the unified social credit code (统一社会信用代码, GB 32100) and its check
//!   character: [`check_credit_code`], [`credit_code_check_char`];
//! - an item's 实施编码 ([`ImplementationCode`]) and 业务办理项编码
//!   ([`HandlingItemCode`]);
//! - the case number (办件编号, [`CaseNumber`]);
//! - the electronic licence identifier (电子证照标识, GB/T 36904,
//!   [`LicenceId`]) with its ISO 7064 MOD 37,36 check character
//!   ([`mod37_36_check_char`]);
//! - the resident identity number (公民身份号码, GB 11643) with its ISO 7064
//!   MOD 11-2 check character: [`check_resident_id`],
//!   [`resident_id_check_char`].
//!
//! Each type can only hold a valid identifier: `parse` checks, the fields
//! are private. A wrong identifier is an [`IdError`] naming the part and the
//! character position at fault, in zh-CN and English. `docs/formats.md`
//! ("Exchange identifiers and codes") describes the formats.

mod case_number;
mod check;
mod error;
mod implementation;
mod licence;
mod resident;
pub mod samples;

pub use case_number::CaseNumber;
pub use check::{
    check_credit_code, complete_credit_code, credit_code_check_char, mod37_36_check_char,
    CREDIT_CODE_LEN,
};
pub use error::{CharClass, IdError, IdKind, IdPart, LengthRule};
pub use implementation::{HandlingItemCode, ImplementationCode, ImplementationLevel};
pub use licence::{LicenceId, LICENCE_ID_PREFIX};
pub use resident::{check_resident_id, resident_id_check_char, RESIDENT_ID_LEN};

/// `Display`, `FromStr`, `AsRef<str>` and serde (as the plain string, read
/// back through `parse`) for an identifier type with `parse` and `as_str`.
macro_rules! string_identifier {
    ($name:ident) => {
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::ids::IdError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::parse(text)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                Self::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}
use string_identifier;

#[cfg(test)]
mod tests;
