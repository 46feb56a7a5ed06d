//! The one error shape of the exchange. Every refusal carries a stable code
//! (the codes of `approval_core::error_code::ErrorCode` where the desk has
//! one, plus the hub's own), the field at fault and a message in zh-CN and
//! English. A caller's fault is a 4xx, never a 5xx.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct WireError {
    /// Stable snake_case code (`idempotency_conflict`, `release_gate_closed` …).
    pub code: String,
    /// zh-CN: what is wrong and where.
    pub message: String,
    pub message_en: String,
    /// The request field at fault (`applicant.certificate_number`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl WireError {
    pub fn new(code: &str, message: impl Into<String>, message_en: impl Into<String>) -> Self {
        Self {
            code: code.to_owned(),
            message: message.into(),
            message_en: message_en.into(),
            field: None,
        }
    }

    pub fn at_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }
}

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message_en, self.code)?;
        if let Some(field) = &self.field {
            write!(f, " at {field}")?;
        }
        Ok(())
    }
}

impl std::error::Error for WireError {}
