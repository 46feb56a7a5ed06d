//! The main window's capability, enforced: a command the app registers but
//! the capability does not grant is refused by Tauri's ACL before it runs,
//! and a granted one gets past it (here it then fails only for want of
//! its state, which the mock app does not manage).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;

/// Registered, never granted (src-tauri/build.rs does not list it).
#[tauri::command]
fn not_granted() -> u32 {
    1
}

fn invoke(webview: &tauri::WebviewWindow<tauri::test::MockRuntime>, cmd: &str) -> String {
    let answer = get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::default(),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_owned(),
        },
    );
    match answer {
        Ok(_) => "ok".to_owned(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn a_command_not_granted_is_refused_and_a_granted_one_passes() {
    let app = mock_builder()
        .invoke_handler(tauri::generate_handler![
            not_granted,
            crate::commands::calendar::calendar_status,
        ])
        .build(tauri::generate_context!(test = true))
        .unwrap();
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let refused = invoke(&webview, "not_granted");
    assert!(refused.contains("not allowed"), "{refused}");
    let granted = invoke(&webview, "calendar_status");
    assert!(!granted.contains("not allowed"), "{granted}");
    assert!(granted.contains("state not managed"), "{granted}");
}
