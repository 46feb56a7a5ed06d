//! The one error shape that crosses IPC: a stable `code` the UI branches on,
//! a zh-CN `message` it may show, and for file imports the `details` of each
//! finding.

use approval_core::access::Denied;
use approval_core::calendar::{CalendarError, ImportError};
use approval_core::clock::ClockError;
use approval_esign::VerifyError;
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

    /// A file the window sent is over the size the command accepts.
    pub fn file_too_large(message: String) -> Self {
        Self::new("file_too_large", message)
    }

    /// The profile's trust folder (受信任根证书) could not be listed or read.
    pub fn trust_folder_unreadable(message: String) -> Self {
        Self::new("trust_folder_unreadable", message)
    }
}

/// Verification could not run at all. A bad signature is not an error: the
/// report says so.
impl From<VerifyError> for IpcError {
    fn from(error: VerifyError) -> Self {
        let code = match &error {
            VerifyError::Pdf(_) => "pdf_unreadable",
            VerifyError::TrustRoot { .. } => "trust_root_unreadable",
        };
        Self::new(code, error.to_string())
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
