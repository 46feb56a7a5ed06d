//! The one error shape that crosses IPC: a stable `code` the UI branches on,
//! a zh-CN `message` it may show, and for file imports the `details` of each
//! finding.

use approval_core::access::Denied;
use approval_core::calendar::{CalendarError, ImportError};
use approval_core::clock::ClockError;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpcError {
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<ErrorDetail>,
}

/// One finding of a rejected file, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorDetail {
    /// A JSON path (`days[3].date`) or a line and column.
    pub location: String,
    pub message: String,
    pub message_en: String,
}

impl IpcError {
    fn new(code: &'static str, message: String) -> Self {
        Self {
            code,
            message,
            details: Vec::new(),
        }
    }

    pub fn invalid_input(message: String) -> Self {
        Self::new("invalid_input", message)
    }

    pub fn internal(message: String) -> Self {
        Self::new("internal", message)
    }
}

impl From<ClockError> for IpcError {
    fn from(error: ClockError) -> Self {
        Self::new(error.code(), error.message_zh())
    }
}

impl From<CalendarError> for IpcError {
    fn from(error: CalendarError) -> Self {
        ClockError::from(error).into()
    }
}

impl From<ImportError> for IpcError {
    fn from(error: ImportError) -> Self {
        Self {
            code: "import_invalid",
            message: error.message_zh(),
            details: error
                .findings()
                .into_iter()
                .map(|f| ErrorDetail {
                    message: f.problem.message_zh(),
                    message_en: f.problem.to_string(),
                    location: f.location,
                })
                .collect(),
        }
    }
}

impl From<Denied> for IpcError {
    fn from(denied: Denied) -> Self {
        Self::new(denied.code(), denied.message_zh())
    }
}
