//! Approval Desk's pure domain (部门审批工作台的领域核心).
//!
//! Architecture invariant: this crate does no I/O, no async and never reads the
//! system clock. "Now" is always an argument. It knows nothing of sqlx,
//! reqwest, tauri or printpdf (checked by `tests/architecture.rs`).

pub mod access;
pub mod audit;
pub mod bundle;
pub mod calendar;
pub mod case;
pub mod china_time;
pub mod clock;
pub mod error_code;
pub mod exchange;
pub mod filing;
pub mod guide;
pub mod ids;
