//! What checking an exchange file (a guide, a bundle) found: every finding
//! for the front end to show, and the file when nothing blocks it. A file
//! with any error is refused as a whole: nothing of it is stored.

use approval_core::error_code::ErrorCode;
use approval_core::guide::Finding;

use crate::{ApiError, ErrorDetail};

/// The findings of one file, and the file itself when it parsed.
#[derive(Debug, Clone)]
pub struct FileCheck<T> {
    /// Every finding, errors and warnings, in the order core found them.
    pub findings: Vec<Finding>,
    file: Option<T>,
    /// The code of the refusal when the file is not accepted.
    code: ErrorCode,
}

impl<T> FileCheck<T> {
    pub(crate) fn new(findings: Vec<Finding>, file: Option<T>, code: ErrorCode) -> Self {
        Self {
            findings,
            file,
            code,
        }
    }

    /// The file as parsed, errors or not (a summary of a file with errors
    /// still helps its editor).
    pub fn file(&self) -> Option<&T> {
        self.file.as_ref()
    }

    /// How many findings are errors.
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|f| f.is_error()).count()
    }

    /// The file, if it parsed and no finding is an error; otherwise the
    /// refusal naming `what` (the file as the user named it), with one
    /// detail per error.
    pub fn accepted(self, what: &str) -> Result<T, ApiError> {
        match self.file {
            Some(file) if self.errors() == 0 => Ok(file),
            _ => Err(rejected(what, self.code, &self.findings)),
        }
    }
}

/// The error findings as error details: each one's JSON path and zh-CN
/// message, with the finding's stable code on the English side (core words
/// findings in zh-CN only).
pub(crate) fn error_details(findings: &[Finding]) -> Vec<ErrorDetail> {
    findings
        .iter()
        .filter(|f| f.is_error())
        .map(|f| ErrorDetail {
            location: f.path.clone(),
            message: f.message.clone(),
            message_en: f.code.as_str(),
        })
        .collect()
}

/// The refusal of a file with error findings: `what` was rejected, nothing
/// was changed, and each error as a detail (its JSON path, its zh-CN
/// message; core words findings in zh-CN only, so the English side carries
/// the finding's stable code).
pub fn rejected(what: &str, code: ErrorCode, findings: &[Finding]) -> ApiError {
    let details = error_details(findings);
    let errors = details.len();
    if errors == 0 {
        return ApiError::new(
            code,
            format!("无法读取{what}"),
            format!("{what} could not be read"),
        );
    }
    ApiError::new(
        code,
        format!("{what}有{errors}处错误，未作任何更改"),
        format!("{what} was rejected: {errors} error(s), nothing was changed"),
    )
    .with_details(details)
}
