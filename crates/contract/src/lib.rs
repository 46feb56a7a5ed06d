//! The exchange contract (交换接口) between window units, departments and the
//! hub: every request and answer body, the stable codes they carry, and the
//! one error shape. The hub (`desk-hub`) serves it and the desk's sync client
//! (`approval-sync`) speaks it; nothing else knows the wire.
//!
//! The OpenAPI document is generated from these types by the hub
//! (`/openapi.json`, committed as `docs/openapi.json`). Identifiers follow
//! the national conventions checked by `approval_core::ids`; times are
//! RFC 3339 with their offset; files travel base64-encoded with their SHA-256.

pub mod audit;
pub mod auth;
pub mod cases;
pub mod catalogue;
pub mod codes;
pub mod error;
pub mod exchange;
pub mod feed;
pub mod filings;
pub mod paths;
pub mod reports;

pub use error::WireError;
pub use exchange::{Exchange, ExchangeError, ExchangeResult};

/// The header that carries a push's idempotency key: the same key with the
/// same body has one effect; the same key with another body is refused (409).
pub const IDEMPOTENCY_KEY_HEADER: &str = "Idempotency-Key";

/// The contract's version, in the OpenAPI document's `info.version`.
pub const CONTRACT_VERSION: &str = "1.0.0";
