//! Application materials (申请材料) as the guide lists them (Art 6, 7, 9).

use serde::{Deserialize, Serialize};

/// Whether the applicant must always submit the material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Requirement {
    Required,
    /// Only where `condition` holds (e.g. 委托办理的).
    Conditional {
        condition: String,
    },
}

/// Original, copy or both (原件/复印件).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum MaterialForm {
    Original,
    Copy,
    OriginalAndCopy,
}

/// A sample document (示范文本) or blank form attached to a material.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SampleFile {
    pub file_name: String,
    pub media_type: String,
    /// Base64 in the exchange format; raw bytes in the store.
    #[serde(with = "base64_bytes")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub content: Vec<u8>,
}

/// One material of a guide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// Stable within the guide across versions (e.g. `M03`): cases and
    /// correction notices refer to materials by it.
    pub id: String,
    pub name: String,
    /// The code of the province's material catalogue (材料目录编码), which
    /// lets a bundle list a material shared by several items once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catalog_code: Option<String>,
    pub requirement: Requirement,
    pub form: MaterialForm,
    #[serde(default)]
    pub originals: u32,
    #[serde(default)]
    pub copies: u32,
    /// Electronic materials have the force of paper (Art 8).
    #[serde(default = "yes")]
    pub electronic_accepted: bool,
    /// Paper may only be required with an approved paper-materials filing
    /// (Art 9), referenced here.
    #[serde(default)]
    pub paper_required: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper_filing: Option<String>,
    #[serde(default)]
    pub format_notes: String,
    /// 填写说明.
    #[serde(default)]
    pub filling_instructions: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sample: Option<SampleFile>,
}

fn yes() -> bool {
    true
}

impl Material {
    /// The key under which a bundle merges the material with other items'
    /// (Art 15: one consolidated list, shared materials once). The
    /// province's catalogue code names one material everywhere; without it
    /// only the same department's materials of one name are one — two
    /// departments' own "申请书" are different forms.
    pub fn shared_key(&self, department: &str) -> String {
        match &self.catalog_code {
            Some(code) if !code.trim().is_empty() => format!("catalog:{}", code.trim()),
            _ => format!(
                "name:{department}:{}",
                self.name.split_whitespace().collect::<String>()
            ),
        }
    }
}

/// Bytes as standard base64 text in JSON.
mod base64_bytes {
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        STANDARD
            .decode(text.trim())
            .map_err(|e| serde::de::Error::custom(format!("not valid base64: {e}")))
    }
}
