//! Result documents as PDF (DESIGN.md 3.4): the notices and decision letters
//! a department issues, the certificate (证照), and the public flowchart.
//!
//! - [`font`]: the CJK face (found on the machine or configured).
//! - [`shaper`], [`wrap`]: characters to glyphs, lines broken by the rules
//!   of Chinese typesetting.
//! - [`page`]: drawing on a page; [`letter`]: the flow of an official letter
//!   (title, number, addressee, paragraphs, tables, the issuing line, page
//!   numbers); [`verify`]: the verification code and its QR code.
//! - [`templates`]: one module per document; [`flowchart`]: the chart.
//! - [`assemble`]: subsetting the font and writing deterministic bytes.

mod assemble;
pub mod flowchart;
pub mod font;
mod letter;
mod page;
mod shaper;
pub mod templates;
mod verify;
mod wrap;

use font::FontError;

pub use verify::verification_code;

/// Where the visible seal goes: over the issuing line (the department's name
/// and the date), a square of about 42 mm. `rect` is `[llx, lly, urx, ury]`
/// in PDF points in the default user space of page `page_index` (0-based).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SealSlot {
    pub page_index: usize,
    pub rect: [f32; 4],
}

/// A rendered result document, ready to be signed.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderedDocument {
    pub pdf: Vec<u8>,
    pub seal_slot: SealSlot,
    /// The code printed beside the QR code, e.g. `K7QD2-MX4TA` (see
    /// [`verification_code`]).
    pub verification_code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    #[error(transparent)]
    Font(#[from] FontError),
    #[error("the font {font} has no glyph for {chars:?}; configure a font that covers them")]
    MissingGlyphs { font: String, chars: String },
    #[error("the font cannot be subset: {0}")]
    Subset(String),
    #[error("the PDF cannot be written: {0}")]
    Pdf(String),
    #[error("{field} is empty")]
    MissingField { field: &'static str },
    #[error("{field}: {reason}")]
    InvalidField { field: &'static str, reason: String },
    #[error("the verification QR code cannot be made: {0}")]
    QrCode(String),
    #[error("{what} does not fit on one page even in the smallest type")]
    TooLong { what: &'static str },
}
