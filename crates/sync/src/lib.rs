//! Approval Desk's network clients: the only crate that speaks to other
//! machines. Each client is a transport the layers above are given, so the
//! rules about what is sent and what an answer must hold stay with them
//! (`esign` checks a timestamp token, the use cases decide what to push)
//! and a test or another platform can put its own transport in.
//!
//! - [`tsa`]: POSTing an RFC 3161 TimeStampReq to a timestamp authority.
//! - [`hub`]: the exchange hub's client, implementing
//!   [`approval_contract::Exchange`] and the window unit's, manager's and
//!   session calls.
//! - [`backoff`]: exponential backoff with full jitter for the sync loop.
//! - [`credentials`]: the session token in the OS keyring.
//! - `fault_proxy` (feature `fault-proxy`): a fault-injection HTTP proxy
//!   for tests.

pub mod backoff;
pub mod credentials;
#[cfg(feature = "fault-proxy")]
pub mod fault_proxy;
pub mod hub;
pub mod tsa;

pub use backoff::Backoff;
pub use credentials::{KeyringTokenStore, MemoryTokenStore, TokenStore};
pub use hub::{HubClient, HubClientError, HubConfig};
