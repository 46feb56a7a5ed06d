/// Every command the window may call. tauri-build makes an `allow-<command>`
/// permission of each; the capability in tauri.conf.json grants the main
/// window exactly these, so a command not listed here and there is refused.
const COMMANDS: &[&str] = &[
    // inbox
    "case_inbox",
    "inbox_filters",
    // case view and actions
    "case_view",
    "case_act",
    "correction_notice_preview",
    "case_material",
    "result_preview",
    "seal_result",
    "record_tracking",
    // batch sealing
    "cases_awaiting_seal",
    "seal_results",
    "bundle_view",
    // delegation
    "delegate",
    "withdraw_delegation",
    "my_delegations",
    // guide editor
    "guide_editor_items",
    "guide_editor_view",
    "check_guide_draft",
    "save_guide_draft",
    "publish_guide_draft",
    "guide_diff",
    // session and sync
    "session",
    "sync_status",
    "sync_now",
    "hub_connect",
    // calendar, deadlines, seal check
    "calendar_import",
    "calendar_month",
    "calendar_status",
    "compute_deadline",
    "seal_check",
    "seal_check_cancel",
];

fn main() {
    // tauri.conf.json sits beside the top-level Cargo.toml, this package's
    // manifest, so tauri-build finds it without a custom path.
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .unwrap_or_else(|e| panic!("tauri-build: {e:#}"));
}
