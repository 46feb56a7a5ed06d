//! Verifying PDFs from outside within limits: decoded bytes, objects,
//! cross-reference entries and sections, nesting and time (see
//! [`crate::pdf::budget`]). [`verify_pdf`](crate::verify_pdf) already runs
//! under the default limits; this is for a caller that wants its own, one
//! deadline for the whole verification, or a cancel flag.

use crate::verify::{verify_pdf, Report, VerifyError};

pub use crate::pdf::budget::{within, Budgeted, Limits};

/// [`verify_pdf`] with every document it reads (the signed revisions
/// included) under `limits`, and one deadline for all of it counted from
/// now. A file over a limit gives `VerifyError::Pdf(PdfError::OverBudget
/// { .. })`; a raised cancel flag gives `PdfError::Cancelled`.
pub fn verify_pdf_with_limits<R: AsRef<[u8]>>(
    pdf: &[u8],
    trust_roots: &[R],
    limits: &Limits,
) -> Result<Report, VerifyError> {
    within(limits, || verify_pdf(pdf, trust_roots))
}
