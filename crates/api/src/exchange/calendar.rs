//! The working-day calendar from the hub: the shared arrangements every
//! department counts its deadlines on. A bound desk takes the years it
//! lacks and the years whose content changed (a corrected notice), so its
//! deadlines agree with the hub's and the other departments'.

use std::path::PathBuf;

use approval_contract::Exchange;
use approval_core::calendar::{parse_arrangement, YearArrangement};
use approval_store::CalendarYearStore;

use crate::calendar::store_calendar_year;
use crate::{ApiError, Desk};

/// What one fetch of the hub's calendar did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CalendarFetch {
    /// Years imported (new here, or changed).
    pub imported: Vec<i32>,
    /// Years the desk had as the hub has them.
    pub unchanged: Vec<i32>,
    /// Years the hub sent that do not validate (the year when it can be
    /// read, and why): not imported, the desk keeps what it had.
    pub refused: Vec<(Option<i32>, String)>,
}

/// Fetches the hub's calendar through `exchange` and imports, through the
/// calendar's import path, each year the desk lacks or has with other
/// content (its notices or its days).
///
/// Errors: the hub could not be asked (`hub_unavailable`,
/// `hub_unauthorized`, `hub_refused`); the desk's calendar or its folder
/// cannot be read or written.
pub async fn fetch_calendar<E: Exchange>(
    desk: &Desk,
    exchange: &E,
) -> Result<CalendarFetch, ApiError> {
    let years = exchange.calendar().await?;
    let imported = CalendarYearStore::for_database(desk.database_path()).load_all()?;
    let shipped = approval_core::calendar::official::shipped_arrangements().map_err(|e| {
        ApiError::internal(
            format!("随程序提供的工作日历数据无法读取：{e}"),
            format!("the shipped calendar data cannot be read: {e}"),
        )
    })?;
    let mut fetch = CalendarFetch::default();
    for value in years.years {
        let year = value
            .get("year")
            .and_then(serde_json::Value::as_i64)
            .and_then(|y| i32::try_from(y).ok());
        let json = value.to_string();
        let arrangement = match parse_arrangement(&json) {
            Ok(arrangement) => arrangement,
            Err(e) => {
                tracing::warn!(?year, "the hub's calendar year does not validate");
                fetch.refused.push((year, e.to_string()));
                continue;
            }
        };
        // An import replaces the shipped year, so the one in force is the
        // imported one when there is one.
        let current = imported
            .iter()
            .find(|a| a.year == arrangement.year)
            .or_else(|| shipped.iter().find(|a| a.year == arrangement.year));
        if current.is_some_and(|c| same_content(c, &arrangement)) {
            fetch.unchanged.push(arrangement.year);
            continue;
        }
        let origin = PathBuf::from(format!("hub:/v1/calendar/{}.json", arrangement.year));
        let stored = store_calendar_year(desk, &json, &origin)?;
        tracing::info!(
            year = stored.arrangement.year,
            "calendar year taken from the hub"
        );
        fetch.imported.push(stored.arrangement.year);
    }
    Ok(fetch)
}

fn same_content(a: &YearArrangement, b: &YearArrangement) -> bool {
    a.year == b.year && a.papers == b.papers && a.days == b.days
}
