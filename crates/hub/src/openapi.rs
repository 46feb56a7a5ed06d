//! The OpenAPI 3.1 document: the contract's schemas (derived on the wire
//! types themselves) and the handlers' annotations. Served at
//! `/openapi.json` and committed as `docs/openapi.json` (a test fails on
//! drift; regenerate with `UPDATE_OPENAPI=1 cargo test -p desk-hub --test openapi`).

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Approval Desk exchange (审批工作台交换接口)",
        description = "The exchange between window units (政务服务窗口), departments and the hub: \
cases, notices, results, filings, the catalogue and audit checkpoints. Every push carries an \
Idempotency-Key; every refusal is a WireError.",
        license(name = "MIT")
    ),
    paths(
        crate::health,
        crate::auth::sign_in,
        crate::auth::whoami,
        crate::auth::sign_out,
        crate::feed::pull,
        crate::feed::ack,
        crate::files::download,
        crate::cases::push_notice,
        crate::cases::push_result,
        crate::cases::push_public_notice,
        crate::cases::push_delivery,
        crate::filings::submit,
        crate::filings::list,
        crate::filings::decide,
        crate::catalogue::calendar,
        crate::catalogue::publish_guide,
        crate::catalogue::list_guides,
        crate::catalogue::publish_bundle,
        crate::catalogue::list_bundles,
        crate::audit::upload_efficiency,
        crate::audit::push_checkpoint,
        crate::audit::list_checkpoints,
        crate::cases::create_case,
        crate::cases::list_cases,
        crate::cases::case_status,
        crate::cases::transfer,
        crate::cases::review,
        crate::cases::bundle_transfer,
        crate::cases::release_bundle,
        crate::cases::release_case,
    ),
    components(schemas(
        approval_contract::WireError,
        approval_contract::feed::FeedItem,
        approval_contract::codes::ExchangeState,
        approval_contract::codes::ReviewLevel,
        approval_contract::codes::LicenceState,
    )),
    modifiers(&Security),
    tags(
        (name = "session", description = "Signing in"),
        (name = "department", description = "A department's side: the feed, pushes on its cases"),
        (name = "window", description = "A window unit's side: cases, transfers, releases, reviews"),
        (name = "filings", description = "Exemption filings (备案)"),
        (name = "catalogue", description = "Guides and bundles"),
        (name = "audit", description = "Audit checkpoints"),
        (name = "meta", description = "Health")
    )
)]
struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The document, with the contract's version.
pub fn document() -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    doc.info.version = approval_contract::CONTRACT_VERSION.to_owned();
    doc
}

/// The document as committed (pretty JSON, trailing newline).
pub fn document_json() -> String {
    let mut text = doc_text();
    text.push('\n');
    text
}

fn doc_text() -> String {
    document().to_pretty_json().unwrap_or_default()
}
