//! The PDF side: a small reader for the structure a signature needs, the
//! writer of incremental updates, and PDF text strings and dates.
//!
//! Our own reader rather than a PDF library: signing and verifying need the
//! exact byte offsets of objects, revisions and cross-reference sections,
//! and the original bytes must never be rewritten.

pub mod budget;
pub mod date;
pub mod document;
pub mod filter;
pub mod incremental;
pub mod object;
pub mod parse;
pub mod serialize;
pub mod text_string;
pub mod xref;

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PdfError {
    #[error("不是 PDF 文件：{0}")]
    NotPdf(&'static str),
    #[error("PDF 语法错误（偏移 {offset}）：{what}")]
    Syntax { offset: usize, what: String },
    #[error("PDF 结构损坏：{0}")]
    Structure(String),
    #[error("PDF 缺少对象 {0}")]
    MissingObject(u32),
    #[error("不支持的 PDF 特性：{0}")]
    Unsupported(String),
    /// A budget for files from outside was exceeded (see [`budget`]); the
    /// file is refused rather than read at any cost.
    #[error("PDF 超出处理限额：{what}超过上限 {limit}，文件可能是恶意构造的，已拒绝处理")]
    OverBudget { what: budget::Budgeted, limit: u64 },
    /// The caller cancelled the work (the flag in [`budget::Limits`]).
    #[error("PDF 处理已取消")]
    Cancelled,
}

pub use budget::{Budget, Budgeted, Limits};
