//! The one error shape that crosses IPC: a stable `code` the UI branches on
//! and a zh-CN `message` it may show.

use approval_core::calendar::CalendarError;
use approval_core::clock::ClockError;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IpcError {
    pub code: &'static str,
    pub message: String,
}

impl IpcError {
    pub fn invalid_input(message: String) -> Self {
        Self {
            code: "invalid_input",
            message,
        }
    }

    pub fn internal(message: String) -> Self {
        Self {
            code: "internal",
            message,
        }
    }
}

impl From<ClockError> for IpcError {
    fn from(error: ClockError) -> Self {
        Self {
            code: error.code(),
            message: error.message_zh(),
        }
    }
}

impl From<CalendarError> for IpcError {
    fn from(error: CalendarError) -> Self {
        ClockError::from(error).into()
    }
}
