//! The contract's paths, shared by the hub's router and the client.

pub const OPENAPI: &str = "/openapi.json";
pub const HEALTH: &str = "/health";
pub const SESSION: &str = "/v1/session";
pub const FEED: &str = "/v1/feed";
pub const FEED_ACK: &str = "/v1/feed/ack";
pub const FILE: &str = "/v1/files/{id}";
pub const CASE_NOTICES: &str = "/v1/cases/{number}/notices";
pub const CASE_RESULT: &str = "/v1/cases/{number}/result";
pub const CASE_PUBLIC_NOTICE: &str = "/v1/cases/{number}/public-notice";
pub const CASE_DELIVERY: &str = "/v1/cases/{number}/delivery";
pub const FILINGS: &str = "/v1/filings";
pub const FILING_DECISION: &str = "/v1/filings/{id}/decision";
pub const CALENDAR: &str = "/v1/calendar";
pub const CATALOGUE_GUIDES: &str = "/v1/catalogue/guides";
pub const CATALOGUE_BUNDLES: &str = "/v1/catalogue/bundles";
pub const EFFICIENCY: &str = "/v1/efficiency";
pub const CHECKPOINTS: &str = "/v1/audit/checkpoints";
pub const WINDOW_CASES: &str = "/v1/window/cases";
pub const WINDOW_CASE: &str = "/v1/window/cases/{number}";
pub const WINDOW_TRANSFER: &str = "/v1/window/cases/{number}/transfer";
pub const WINDOW_REVIEW: &str = "/v1/window/cases/{number}/review";
pub const WINDOW_BUNDLES: &str = "/v1/window/bundles";
pub const WINDOW_BUNDLE_RELEASE: &str = "/v1/window/bundles/{instance}/release";
pub const WINDOW_CASE_RELEASE: &str = "/v1/window/cases/{number}/release";

/// A path with its `{name}` parameter filled (percent-encoding is the
/// client's job; identifiers are ASCII).
pub fn fill(path: &str, value: &str) -> String {
    match (path.find('{'), path.find('}')) {
        (Some(open), Some(close)) if open < close => {
            format!("{}{}{}", &path[..open], value, &path[close + 1..])
        }
        _ => path.to_owned(),
    }
}
