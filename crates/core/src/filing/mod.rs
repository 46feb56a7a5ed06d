//! Exemption filings (备案, design 3.5; Art 5, 9, 11, 12, 17).
//!
//! One workflow for several types: an officer or editor files, a manager
//! decides (approve / reject with a comment), and an approved filing changes
//! what the rules allow — from its approval until it is revoked or
//! superseded, never backwards. Every filing keeps its history, and each
//! transition yields an audit record.
//!
//! | type | article | effect when approved |
//! |---|---|---|
//! | serial approval (串联审批) | 17 | a bundle edge runs serially |
//! | special stage (特殊环节备案) | 11 | a guide stage pauses the clock without a stated duration |
//! | paper materials (纸质材料收取) | 9 | paper may be asked for that material |
//! | result delay (纸质证照延期) | 12 | paper delivery may exceed 3 working days |
//! | item change (事项变更) | 5 | the item's pending change takes effect |
//!
//! Pure: no I/O, no clock; every instant is an argument. Who holds which
//! role is checked elsewhere; here only the filer-only rules and the rule
//! that nobody decides their own filing.

mod error;
mod ledger;
mod model;

pub use error::FilingError;
pub use ledger::FilingLedger;
pub use model::{Attachment, Filing, FilingEvent, FilingState, FilingSubject, SerialGround};

#[cfg(test)]
mod tests;
