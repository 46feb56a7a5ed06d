//! Desktop notifications (tauri-plugin-notification): when transfers
//! arrive with a sync round while the window is in the background, and
//! when a case enters its warning period (one working day or fewer left on
//! its clock). Each case's warning is told once per run of the window.

use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

use approval_api::cases::{inbox_page, INBOX_PAGE_LIMIT};
use approval_api::exchange::SyncReport;
use approval_api::views::inbox::InboxQuery;
use approval_api::{Actor, ApiError, Desk};
use chrono::{DateTime, FixedOffset};
use tauri::{AppHandle, Manager};
use tauri_plugin_notification::NotificationExt;

/// The cases whose warning was told already.
#[derive(Default)]
pub struct Notified {
    warned: Mutex<HashSet<String>>,
}

impl Notified {
    /// Of `warning` (the cases in their warning period now), those not told
    /// yet, remembered as told. A case that left the warning period (acted
    /// on, or overdue) is forgotten, so a later warning is told again.
    pub fn newly_warned(&self, warning: &[String]) -> Vec<String> {
        let mut warned = self.warned.lock().unwrap_or_else(PoisonError::into_inner);
        warned.retain(|number| warning.contains(number));
        warning
            .iter()
            .filter(|number| warned.insert((*number).clone()))
            .cloned()
            .collect()
    }
}

/// The text of a notification of `count` arrived transfers.
pub fn transfers_text(count: usize) -> (String, String) {
    (
        "收到转办办件".to_owned(),
        format!("交换平台转来 {count} 件新办件，已加入待办。"),
    )
}

/// The text of a notification of cases entering their warning period.
pub fn warning_text(numbers: &[String]) -> (String, String) {
    let shown: Vec<&str> = numbers.iter().take(3).map(String::as_str).collect();
    let more = if numbers.len() > shown.len() {
        format!(" 等 {} 件", numbers.len())
    } else {
        String::new()
    };
    (
        "办件即将到期".to_owned(),
        format!("{}{more}剩余不足一个工作日，请及时办理。", shown.join("、")),
    )
}

fn show(app: &AppHandle, (title, body): (String, String)) {
    if let Err(e) = app.notification().builder().title(title).body(body).show() {
        tracing::warn!("a desktop notification could not be shown: {e}");
    }
}

/// Calendar days ahead that hold every case one working day or fewer
/// from its deadline, even across the longest holiday (Spring Festival).
const WARNING_HORIZON_DAYS: i64 = 12;

/// Rows read at most per pass (the inbox's pages of 200).
const MAX_PAGES: usize = 25;

/// The cases of the acting person's inbox in their warning period at
/// `now`: only those due within [`WARNING_HORIZON_DAYS`] are read, a
/// keyset page at a time.
async fn warning_cases(desk: &Desk, now: DateTime<FixedOffset>) -> Result<Vec<String>, ApiError> {
    let actor = Actor::new(crate::session::person());
    let horizon = now.date_naive() + chrono::Days::new(WARNING_HORIZON_DAYS as u64);
    let mut query = InboxQuery {
        due_before: Some(horizon.to_string()),
        limit: INBOX_PAGE_LIMIT,
        ..InboxQuery::default()
    };
    let mut warning = Vec::new();
    for _ in 0..MAX_PAGES {
        let page = inbox_page(desk, &actor, &query, now).await?;
        warning.extend(
            page.rows
                .into_iter()
                .filter(|row| row.timeliness == Some("warning"))
                .map(|row| row.number),
        );
        match page.next {
            Some(next) => query.after = Some(next),
            None => break,
        }
    }
    Ok(warning)
}

/// After a sync round: tells of arrived transfers and of cases that
/// entered their warning period.
pub async fn after_round(
    app: &AppHandle,
    desk: &Desk,
    report: &SyncReport,
    now: DateTime<FixedOffset>,
) {
    // The officer looking at the window sees the inbox grow; a desktop
    // notification of each transfer is for when it is in the background.
    let focused = app
        .get_webview_window("main")
        .and_then(|w| w.is_focused().ok())
        .unwrap_or(false);
    if report.cases_stored > 0 && !focused {
        show(app, transfers_text(report.cases_stored));
    }
    let warning = match warning_cases(desk, now).await {
        Ok(numbers) => numbers,
        Err(e) => {
            tracing::warn!(code = %e.code, "the warning cases could not be listed: {}", e.message_en);
            return;
        }
    };
    let notified = app.state::<Notified>();
    let new = notified.newly_warned(&warning);
    if !new.is_empty() {
        show(app, warning_text(&new));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(list: &[&str]) -> Vec<String> {
        list.iter().map(|n| (*n).to_owned()).collect()
    }

    #[test]
    fn each_warning_is_told_once_and_again_after_it_left() {
        let notified = Notified::default();
        assert_eq!(
            notified.newly_warned(&numbers(&["A", "B"])),
            numbers(&["A", "B"])
        );
        assert!(notified.newly_warned(&numbers(&["A", "B"])).is_empty());
        assert_eq!(
            notified.newly_warned(&numbers(&["B", "C"])),
            numbers(&["C"])
        );
        // A left and came back.
        assert_eq!(notified.newly_warned(&numbers(&["A"])), numbers(&["A"]));
    }

    #[test]
    fn a_long_warning_names_three_and_counts_the_rest() {
        let (_, body) = warning_text(&numbers(&["1", "2", "3", "4", "5"]));
        assert!(body.starts_with("1、2、3 等 5 件"), "{body}");
        let (_, one) = warning_text(&numbers(&["1"]));
        assert!(one.starts_with("1剩余"), "{one}");
        let (title, body) = transfers_text(2);
        assert_eq!(title, "收到转办办件");
        assert!(body.contains('2'));
    }
}
