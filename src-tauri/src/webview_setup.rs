//! Settings of the window's web view that Tauri's configuration does not
//! reach.
//!
//! On Linux the window is WebKitGTK. The desk is lists, forms and a PDF
//! viewer: nothing in it gains from GPU compositing, while compositing costs
//! the web process about 80 MB and, where the GPU is weak or emulated (the
//! domestic office desktops with their basic drivers, virtual machines,
//! Xvfb's llvmpipe), makes scrolling the inbox several times slower. The
//! window therefore draws without GPU compositing, keeps no back/forward
//! page cache (it is one page), and uses the document viewer's cache model:
//! the smallest in-memory caches, enough for an app whose every resource is
//! local. Figures: docs/benchmarks.md, "The window".
//!
//! On Windows the window is WebView2, which manages its own GPU use and
//! memory; nothing is set there.

/// Applies the settings to the main window's web view once it exists.
pub fn apply(app: &tauri::App) {
    #[cfg(target_os = "linux")]
    {
        use tauri::Manager;
        let Some(window) = app.get_webview_window("main") else {
            tracing::warn!("no main window: its web view settings were not applied");
            return;
        };
        if let Err(error) = window.with_webview(|webview| linux::configure(&webview.inner())) {
            tracing::warn!("the web view settings were not applied: {error}");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

#[cfg(target_os = "linux")]
mod linux {
    use webkit2gtk::{
        CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt,
    };

    pub fn configure(webview: &webkit2gtk::WebView) {
        if let Some(settings) = WebViewExt::settings(webview) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            settings.set_enable_page_cache(false);
        }
        if let Some(context) = webview.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    }
}
