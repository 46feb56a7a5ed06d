//! Tauri commands, grouped by domain; each a line or two over the layers.

pub mod calendar;
pub mod deadline;
pub mod seal;
