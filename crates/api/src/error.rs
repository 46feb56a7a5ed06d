//! The one error shape every use case returns and both front ends show:
//! a stable [`ErrorCode`], the message in zh-CN and in English, the input
//! field at fault where there is one, and the findings of a rejected file.

use approval_core::error_code::ErrorCode;
use serde::Serialize;
use ts_rs::TS;

/// A refused or failed use case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message_en} ({code})")]
#[ts(rename = "IpcError")]
pub struct ApiError {
    #[ts(type = "ErrorCode")]
    pub code: ErrorCode,
    /// zh-CN: what is wrong and where.
    pub message: String,
    pub message_en: String,
    /// The request field at fault (`start`, `pauses[1].end`, `--outcome`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// One entry per finding of a rejected file.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<ErrorDetail>>", optional)]
    pub details: Vec<ErrorDetail>,
}

/// One finding of a rejected file, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(rename = "IpcErrorDetail")]
pub struct ErrorDetail {
    /// A JSON path (`days[3].date`) or a line and column.
    pub location: String,
    pub message: String,
    pub message_en: String,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>, message_en: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            message_en: message_en.into(),
            field: None,
            details: Vec::new(),
        }
    }

    /// The same error under another code.
    pub fn with_code(mut self, code: ErrorCode) -> Self {
        self.code = code;
        self
    }

    /// Names the request field at fault.
    pub fn at_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn with_details(mut self, details: Vec<ErrorDetail>) -> Self {
        self.details = details;
        self
    }

    pub fn invalid_input(message: impl Into<String>, message_en: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message, message_en)
    }

    pub fn not_found(message: impl Into<String>, message_en: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message, message_en)
    }

    pub fn already_exists(message: impl Into<String>, message_en: impl Into<String>) -> Self {
        Self::new(ErrorCode::AlreadyExists, message, message_en)
    }

    pub fn internal(message: impl Into<String>, message_en: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message, message_en)
    }

    /// The database was busy past its timeout: the unit of work may be
    /// tried again.
    pub fn is_busy(&self) -> bool {
        self.code == ErrorCode::StoreBusy
    }
}

/// Every layer error with a code and a zh-CN message maps the same way:
/// its code, its zh-CN message, its Display as the English one.
macro_rules! from_layer_error {
    ($($error:ty),* $(,)?) => {
        $(
            impl From<$error> for ApiError {
                fn from(error: $error) -> Self {
                    ApiError::new(error.code(), error.message_zh(), error.to_string())
                }
            }
        )*
    };
}

from_layer_error!(
    approval_core::access::Denied,
    approval_core::clock::ClockError,
    approval_core::filing::FilingError,
    approval_core::case::CaseError,
    approval_core::bundle::InstanceError,
    approval_core::guide::VersionError,
    approval_core::guide::ItemError,
    approval_core::guide::NotPublic,
    approval_core::audit::ChainBreak,
    approval_store::DbError,
);

impl From<approval_core::calendar::CalendarError> for ApiError {
    fn from(error: approval_core::calendar::CalendarError) -> Self {
        approval_core::clock::ClockError::from(error).into()
    }
}

impl From<approval_core::calendar::ImportError> for ApiError {
    fn from(error: approval_core::calendar::ImportError) -> Self {
        let details = error
            .findings()
            .into_iter()
            .map(|f| ErrorDetail {
                message: f.problem.message_zh(),
                message_en: f.problem.to_string(),
                location: f.location,
            })
            .collect();
        ApiError::new(
            ErrorCode::ImportInvalid,
            error.message_zh(),
            error.to_string(),
        )
        .with_details(details)
    }
}

impl From<approval_store::StoreError> for ApiError {
    fn from(error: approval_store::StoreError) -> Self {
        match error {
            approval_store::StoreError::Invalid { source, .. } => source.into(),
            other => ApiError::new(other.code(), other.message_zh(), other.to_string()),
        }
    }
}

/// Verification could not run at all (a bad signature is no error: the
/// report says so).
impl From<approval_esign::VerifyError> for ApiError {
    fn from(error: approval_esign::VerifyError) -> Self {
        let code = verify_error_code(&error);
        let english = match &error {
            approval_esign::VerifyError::Pdf(e) => format!("cannot read the PDF: {e}"),
            approval_esign::VerifyError::TrustRoot { index, reason } => {
                format!("trusted root #{index} cannot be read: {reason}")
            }
        };
        ApiError::new(code, error.to_string(), english)
    }
}

/// The code of a verification that could not run: a file over the
/// verifier's budget, a cancelled check, an unreadable PDF or root.
pub(crate) fn verify_error_code(error: &approval_esign::VerifyError) -> ErrorCode {
    use approval_esign::pdf::PdfError;
    use approval_esign::VerifyError;
    match error {
        VerifyError::Pdf(PdfError::OverBudget { .. }) => ErrorCode::PdfOverBudget,
        VerifyError::Pdf(PdfError::Cancelled) => ErrorCode::SealCheckCancelled,
        VerifyError::Pdf(_) => ErrorCode::PdfUnreadable,
        VerifyError::TrustRoot { .. } => ErrorCode::TrustRootUnreadable,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn an_error_crosses_as_code_messages_and_only_the_parts_it_has() {
        let error = ApiError::invalid_input("开始时间无效", "the start is not a valid time")
            .at_field("start");
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(
            json,
            serde_json::json!({
                "code": "invalid_input",
                "message": "开始时间无效",
                "message_en": "the start is not a valid time",
                "field": "start",
            })
        );
    }
}
