//! Approval Desk's network clients: the only crate that speaks to other
//! machines. Each client is a transport the layers above are given, so the
//! rules about what is sent and what an answer must hold stay with them
//! (`esign` checks a timestamp token, the exchange client will check its
//! contract) and a test or another platform can put its own transport in.
//!
//! - [`tsa`]: POSTing an RFC 3161 TimeStampReq to a timestamp authority.

pub mod tsa;
