//! The inbox (待办: what the actor may see, a keyset page at a time) and
//! one case in full.

use approval_core::access::{authorize_unless_setting_up, Action, Target};
use approval_core::bundle::SerialWait;
use approval_core::calendar::WorkingCalendar;
use approval_core::case::{
    case_clock_options, complexity_of, open_step_standings, CaseEvent, CaseState, StepStanding,
};
use approval_core::china_time::{china_date, china_instant, CHINA_STANDARD_TIME};
use approval_core::clock::rules::acceptance_period;
use approval_core::clock::{
    explain, status_at, Deadline, DeadlineOptions, Explanation, Period, Timeliness,
    DEFAULT_WARNING_WORKING_DAYS,
};
use approval_store::{
    InboxCursor, InboxFilter, InboxRow, InboxVisibility, StoreTx, StoredCase, CASE_STATE_WORDS,
};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime, TimeDelta};

use super::serial::case_bundle;
use super::{bound_version, load_case};
use crate::access::{item_target, require, Actor};
use crate::views::inbox::{
    InboxChoiceView, InboxCursorView, InboxFiltersView, InboxPageView, InboxQuery, InboxRowView,
};
use crate::{in_read_unit, ApiError, Desk};

/// The most rows one inbox page holds.
pub const INBOX_PAGE_LIMIT: u32 = 200;

/// One page of the inbox: the cases `query` lets through among those of
/// the items `actor` may see, in the inbox's order (due ascending, cases
/// without a deadline last, then number), each with where its clock stands
/// at `now` on the desk's calendar; the cursor of the next page; and how
/// many cases the filters let through in all.
///
/// Errors: an unknown state word, a `dueBefore` that is no date, a cursor
/// whose `due` is no RFC 3339 instant, a limit outside 1..=200
/// (`invalid_input`).
pub async fn inbox_page(
    desk: &Desk,
    actor: &Actor,
    query: &InboxQuery,
    now: DateTime<FixedOffset>,
) -> Result<InboxPageView, ApiError> {
    if query.limit == 0 || query.limit > INBOX_PAGE_LIMIT {
        return Err(ApiError::invalid_input(
            format!(
                "每页条数须在1到{INBOX_PAGE_LIMIT}之间，而不是{}",
                query.limit
            ),
            format!(
                "a page holds 1 to {INBOX_PAGE_LIMIT} rows, not {}",
                query.limit
            ),
        )
        .at_field("limit"));
    }
    let mut filter = store_filter(actor, query, now)?;
    let after = query.after.as_ref().map(store_cursor).transpose()?;
    let calendar = desk.calendar()?;
    let (rows, total) = in_read_unit!(desk.db(), async |tx| {
        filter.visibility = visibility(tx, actor).await?;
        // One row more than asked tells whether a next page exists.
        let rows = tx.inbox(&filter, after.as_ref(), query.limit + 1).await?;
        let total = tx.inbox_count(&filter).await?;
        Ok((rows, total))
    })
    .await?;
    let more = rows.len() > query.limit as usize;
    let rows: Vec<InboxRow> = rows.into_iter().take(query.limit as usize).collect();
    let next = if more {
        rows.last().map(|row| cursor_view(&row.cursor()))
    } else {
        None
    };
    Ok(InboxPageView {
        rows: rows
            .into_iter()
            .map(|row| row_view(row, &calendar, now))
            .collect(),
        next,
        total,
    })
}

/// What the inbox's filters offer `actor`: the items whose cases they may
/// see, the bundles with such an item, and every state.
pub async fn inbox_filters(desk: &Desk, actor: &Actor) -> Result<InboxFiltersView, ApiError> {
    in_read_unit!(desk.db(), async |tx| {
        let visibility = visibility(tx, actor).await?;
        let mut items: Vec<InboxChoiceView> = tx
            .items()
            .await?
            .into_iter()
            .filter(|item| permits(&visibility, &item.definition.code))
            .map(|item| InboxChoiceView {
                code: item.definition.code,
                name: item.definition.name,
            })
            .collect();
        items.sort_by(|a, b| a.code.cmp(&b.code));
        let mut bundles: Vec<InboxChoiceView> = tx
            .bundles()
            .await?
            .into_iter()
            .filter(|bundle| {
                bundle
                    .members
                    .iter()
                    .any(|m| permits(&visibility, &m.item_code))
            })
            .map(|bundle| InboxChoiceView {
                code: bundle.code,
                name: bundle.name,
            })
            .collect();
        bundles.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(InboxFiltersView {
            items,
            bundles,
            states: CASE_STATE_WORDS.iter().map(|&w| w.to_owned()).collect(),
        })
    })
    .await
}

/// The cursor of the page after case `number` (its current deadline and
/// number): for front ends that name the last case listed instead of
/// keeping a cursor (`deskctl case list --after`).
///
/// Errors: no such case, or not one `actor` may see (`not_found`).
pub async fn inbox_cursor_after(
    desk: &Desk,
    actor: &Actor,
    number: &str,
) -> Result<InboxCursorView, ApiError> {
    let not_found =
        || ApiError::not_found(format!("没有办件{number}"), format!("no case {number}"));
    in_read_unit!(desk.db(), async |tx| {
        let visibility = visibility(tx, actor).await?;
        let Some(case) = tx.case(number).await? else {
            return Err(not_found());
        };
        if !permits(&visibility, &case.item_code) {
            return Err(not_found());
        }
        let cursor = tx.inbox_cursor_of(number).await?.ok_or_else(not_found)?;
        Ok(cursor_view(&cursor))
    })
    .await
}

/// The item codes whose cases `actor` may see (Art 28: an officer of one
/// department never sees another's, nor a classified item's without
/// clearance), decided once for the whole query so the store's pages are
/// full. A case of an item not stored counts as of no department: seen
/// only with a grant over every department. While the installation has no
/// grant, everything is visible.
async fn visibility(tx: &mut StoreTx, actor: &Actor) -> Result<InboxVisibility, ApiError> {
    let grants = tx.grants().await?;
    if grants.is_empty() {
        return Ok(InboxVisibility::All);
    }
    let sees = |target: &Target| {
        authorize_unless_setting_up(&grants, actor.name(), Action::ViewCase, target).is_ok()
    };
    let unknown_items_seen = sees(&Target::Department(String::new()));
    let (seen, hidden): (Vec<_>, Vec<_>) = tx
        .items()
        .await?
        .into_iter()
        .map(|item| {
            let seen = sees(&Target::of_item(&item.definition));
            (item.definition.code, seen)
        })
        .partition(|(_, seen)| *seen);
    let codes = |pairs: Vec<(String, bool)>| pairs.into_iter().map(|(code, _)| code).collect();
    Ok(match (unknown_items_seen, hidden.is_empty()) {
        (true, true) => InboxVisibility::All,
        (true, false) => InboxVisibility::AllBut(codes(hidden)),
        (false, _) => InboxVisibility::Only(codes(seen)),
    })
}

fn permits(visibility: &InboxVisibility, item_code: &str) -> bool {
    match visibility {
        InboxVisibility::All => true,
        InboxVisibility::Only(codes) => codes.iter().any(|c| c == item_code),
        InboxVisibility::AllBut(codes) => !codes.iter().any(|c| c == item_code),
    }
}

/// The store's filter for `query` (visibility still to be decided).
fn store_filter(
    actor: &Actor,
    query: &InboxQuery,
    now: DateTime<FixedOffset>,
) -> Result<InboxFilter, ApiError> {
    let given = |text: &Option<String>| {
        text.as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
    };
    let state = given(&query.state);
    if let Some(state) = &state {
        if !CASE_STATE_WORDS.contains(&state.as_str()) {
            return Err(ApiError::invalid_input(
                format!(
                    "“{state}”不是办件状态；可选：{}",
                    CASE_STATE_WORDS.join("、")
                ),
                format!(
                    "{state:?} is no case state; one of: {}",
                    CASE_STATE_WORDS.join(", ")
                ),
            )
            .at_field("state"));
        }
    }
    let due_before = given(&query.due_before)
        .map(|text| {
            NaiveDate::parse_from_str(&text, "%Y-%m-%d")
                .map(|date| china_instant(date, NaiveTime::MIN))
                .or_else(|_| DateTime::parse_from_rfc3339(&text))
                .map_err(|_| {
                    ApiError::invalid_input(
                        format!("截止日期“{text}”既不是YYYY-MM-DD格式的日期，也不是RFC 3339时间"),
                        format!("dueBefore {text:?} is neither a YYYY-MM-DD date nor an RFC 3339 instant"),
                    )
                    .at_field("dueBefore")
                })
        })
        .transpose()?;
    // Overdue: the deadline has passed; with a day as well, the earlier.
    let due_before = match (due_before, query.overdue.then_some(now)) {
        (Some(day), Some(now)) => Some(day.min(now)),
        (day, now) => day.or(now),
    };
    Ok(InboxFilter {
        state,
        item_code: given(&query.item_code),
        officer: if query.assigned_to_me {
            Some(actor.name().to_owned())
        } else {
            given(&query.officer)
        },
        due_before,
        bundle_code: given(&query.bundle),
        search: given(&query.search),
        visibility: InboxVisibility::All,
    })
}

fn store_cursor(cursor: &InboxCursorView) -> Result<InboxCursor, ApiError> {
    let due = cursor
        .due
        .as_deref()
        .map(|text| {
            DateTime::parse_from_rfc3339(text).map_err(|_| {
                ApiError::invalid_input(
                    format!("翻页位置的期限“{text}”不是RFC 3339时间"),
                    format!("the cursor's due {text:?} is no RFC 3339 instant"),
                )
                .at_field("after.due")
            })
        })
        .transpose()?;
    Ok(InboxCursor {
        due,
        number: cursor.number.clone(),
    })
}

/// An instant as the inbox shows it: RFC 3339 in Beijing time.
fn beijing(instant: DateTime<FixedOffset>) -> String {
    instant.with_timezone(&CHINA_STANDARD_TIME).to_rfc3339()
}

fn cursor_view(cursor: &InboxCursor) -> InboxCursorView {
    InboxCursorView {
        due: cursor.due.map(beijing),
        number: cursor.number.clone(),
    }
}

fn row_view(row: InboxRow, calendar: &WorkingCalendar, now: DateTime<FixedOffset>) -> InboxRowView {
    let clock = row.due.map(|_| {
        if row.state == "received" {
            "acceptance"
        } else {
            "processing"
        }
    });
    let standing = row.due.and_then(|due| {
        // The stored deadline is the end of its last day (24:00, or the
        // office's close on that day): the day it ends in, an instant before.
        let deadline = Deadline {
            last_day: china_date(&(due - TimeDelta::milliseconds(1))),
            due,
            provisional: false,
        };
        status_at(calendar, &deadline, now, DEFAULT_WARNING_WORKING_DAYS)
            .inspect_err(|e| tracing::debug!(case = %row.number, "no clock standing: {e}"))
            .ok()
    });
    InboxRowView {
        item_name: row.item_name.unwrap_or_else(|| row.item_code.clone()),
        number: row.number,
        item_code: row.item_code,
        applicant: row.applicant,
        state: row.state,
        due: row.due.map(beijing),
        clock,
        timeliness: standing.map(|s| match s.timeliness {
            Timeliness::OnTime => "on_time",
            Timeliness::Warning => "warning",
            Timeliness::Overdue => "overdue",
        }),
        remaining_working_days: standing.map(|s| s.remaining_working_days),
        officer: row.officer,
        bundle: row.bundle_code,
        received_at: beijing(row.received_at),
    }
}

/// Which clock a case's running deadline is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeadlineKind {
    /// 受理期限 (Art 10).
    Acceptance,
    /// 承诺办结时限 (Art 6, 11).
    Processing,
}

/// A running deadline, explained day by day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDeadline {
    pub kind: DeadlineKind,
    pub explanation: Explanation,
}

/// A case with its version, events, running deadline and where its open
/// steps stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDetail {
    pub stored: StoredCase,
    pub events: Vec<CaseEvent>,
    pub deadline: Option<CaseDeadline>,
    /// The open, ready steps against their maximum time at the instant
    /// asked (Art 6): a warning before the violation.
    pub steps: Vec<StepStanding>,
    /// The wait for serial prerequisites (Art 17) while the case has not
    /// decided; once it decides, the wait is in its pauses and events.
    pub serial_wait: Option<SerialWait>,
    /// The applicant's reviews (好差评, Art 26) the hub passed on, oldest
    /// first.
    pub reviews: Vec<CaseReview>,
}

/// An applicant's review of the case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseReview {
    pub level: approval_contract::codes::ReviewLevel,
    pub comment: String,
    pub at: DateTime<FixedOffset>,
}

/// Case `number` in full as at `at`, if `actor` may see its department.
pub async fn case_detail(
    desk: &Desk,
    actor: &Actor,
    number: &str,
    at: DateTime<FixedOffset>,
) -> Result<CaseDetail, ApiError> {
    let calendar = desk.calendar()?;
    in_read_unit!(desk.db(), async |tx| {
        let (stored, history) = load_case(tx, number).await?;
        let guide = bound_version(&history, &stored.case)?;
        let target = item_target(tx, &stored.case.item_code, &guide.item).await?;
        require(tx, actor, Action::ViewCase, target).await?;
        let events = tx.case_events(number).await?;
        let case = &stored.case;
        let ledger = tx.filing_ledger().await?;
        let serial_wait = case_bundle(tx, &ledger, case, at)
            .await?
            .and_then(|bundle| bundle.pending_wait(case));
        // The case as its clocks read it: with the wait still running.
        let mut clocked = case.clone();
        clocked
            .pauses
            .extend(serial_wait.as_ref().map(SerialWait::pause));
        let period = if case.state == CaseState::Received {
            Some((
                DeadlineKind::Acceptance,
                acceptance_period(case.submission_received_at, complexity_of(guide)),
            ))
        } else {
            case.acceptance.map(|acceptance| {
                (
                    DeadlineKind::Processing,
                    Period {
                        start: acceptance.at,
                        length: guide.item.promised_limit.period_length(),
                        pauses: clocked.pauses.clone(),
                    },
                )
            })
        };
        let deadline = match period {
            Some((kind, period)) => Some(CaseDeadline {
                kind,
                explanation: explain(
                    &calendar,
                    &period,
                    case_clock_options(DeadlineOptions::default()),
                )?,
            }),
            None => None,
        };
        let steps = open_step_standings(&clocked, guide, &calendar, at)?;
        let reviews = tx
            .reviews(Some(number))
            .await?
            .into_iter()
            // A level the contract does not know cannot have been stored
            // (the feed is parsed through the contract's type).
            .filter_map(|review| {
                approval_contract::codes::ReviewLevel::from_code(&review.level).map(|level| {
                    CaseReview {
                        level,
                        comment: review.comment,
                        at: review.at,
                    }
                })
            })
            .collect();
        Ok(CaseDetail {
            stored,
            events,
            deadline,
            steps,
            serial_wait,
            reviews,
        })
    })
    .await
}

#[cfg(test)]
mod inbox_tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::collections::BTreeSet;

    use approval_core::access::{Role, Scope};
    use approval_core::case::Transfer;
    use approval_core::error_code::ErrorCode;

    use super::*;
    use crate::bench::seed_inbox;
    use crate::cases::receive_transfers;
    use crate::testing::{at, desk, grant, MARKET};

    const FOOD_ITEM: &str = "610122-SCJG-XK-0001";
    const OFFICER: &str = "张承办";

    fn now() -> DateTime<FixedOffset> {
        at(2026, 6, 1)
    }

    /// A profile with `count` seeded cases of four departments' items;
    /// then the market department's officer and an administrator over all
    /// departments are granted (so visibility is checked from then on).
    async fn seeded(count: usize) -> (tempfile::TempDir, Desk) {
        let (dir, desk) = desk().await;
        seed_inbox(&desk, count, 1, now(), &|_| {}).await.unwrap();
        grant(
            &desk,
            OFFICER,
            Role::Officer,
            Scope::Department(MARKET.into()),
        )
        .await;
        grant(&desk, "管理员", Role::Officer, Scope::All).await;
        (dir, desk)
    }

    fn query(limit: u32) -> InboxQuery {
        InboxQuery {
            limit,
            ..InboxQuery::default()
        }
    }

    /// Every page of `base`, following `next`.
    async fn pages(desk: &Desk, who: &str, base: &InboxQuery) -> Vec<InboxPageView> {
        let mut pages = Vec::new();
        let mut query = base.clone();
        loop {
            let page = inbox_page(desk, &Actor::new(who), &query, now())
                .await
                .unwrap();
            let next = page.next.clone();
            pages.push(page);
            match next {
                Some(next) => query.after = Some(next),
                None => return pages,
            }
        }
    }

    fn numbers(pages: &[InboxPageView]) -> Vec<String> {
        pages
            .iter()
            .flat_map(|p| p.rows.iter().map(|r| r.number.clone()))
            .collect()
    }

    #[tokio::test]
    async fn another_departments_cases_never_show_and_pages_stay_full() {
        let (_dir, desk) = seeded(90).await;
        let everything = pages(&desk, "管理员", &query(200)).await;
        assert_eq!(everything.len(), 1);
        assert_eq!(everything[0].total, 90);
        let food: Vec<String> = everything[0]
            .rows
            .iter()
            .filter(|r| r.item_code == FOOD_ITEM)
            .map(|r| r.number.clone())
            .collect();
        assert!(food.len() > 7 && food.len() < 90, "{}", food.len());

        let mine = pages(&desk, OFFICER, &query(7)).await;
        assert_eq!(numbers(&mine), food, "the market's cases, in order");
        for page in &mine[..mine.len() - 1] {
            assert_eq!(page.rows.len(), 7, "every page but the last is full");
        }
        assert!(mine.iter().all(|p| p.total == food.len() as u64));
        assert!(mine
            .iter()
            .flat_map(|p| &p.rows)
            .all(|r| r.item_code == FOOD_ITEM && r.item_name == "食品经营许可（新办）"));
        // Someone with no grant sees nothing once the profile is set up.
        let nobody = inbox_page(&desk, &Actor::new("路人"), &query(50), now())
            .await
            .unwrap();
        assert!(nobody.rows.is_empty());
        assert_eq!(nobody.total, 0);
        // Nor may they name another department's case as a cursor.
        let first_food = &food[0];
        assert_eq!(
            inbox_cursor_after(&desk, &Actor::new("路人"), first_food)
                .await
                .unwrap_err()
                .code,
            ErrorCode::NotFound
        );
        let cursor = inbox_cursor_after(&desk, &Actor::new(OFFICER), first_food)
            .await
            .unwrap();
        let after = inbox_page(
            &desk,
            &Actor::new(OFFICER),
            &InboxQuery {
                after: Some(cursor),
                ..query(1)
            },
            now(),
        )
        .await
        .unwrap();
        assert_eq!(after.rows[0].number, food[1]);
    }

    #[tokio::test]
    async fn each_row_has_its_clock_and_where_it_stands() {
        let (_dir, desk) = seeded(60).await;
        let all = pages(&desk, "管理员", &query(200)).await;
        let rows = &all[0].rows;
        let kinds: BTreeSet<(&str, Option<&str>)> =
            rows.iter().map(|r| (r.state.as_str(), r.clock)).collect();
        assert!(
            kinds.contains(&("received", Some("acceptance"))),
            "{kinds:?}"
        );
        assert!(
            kinds.contains(&("in_review", Some("processing"))),
            "{kinds:?}"
        );
        assert!(kinds.contains(&("correction_requested", None)), "{kinds:?}");
        let calendar = desk.calendar().unwrap();
        for row in rows {
            assert_eq!(row.clock.is_some(), row.due.is_some(), "{row:?}");
            assert_eq!(row.timeliness.is_some(), row.due.is_some(), "{row:?}");
            let Some(due) = &row.due else { continue };
            assert!(due.ends_with("+08:00"), "{due}");
            // As core's status_at puts it, from the due's last day.
            let due = DateTime::parse_from_rfc3339(due).unwrap();
            let deadline = Deadline {
                last_day: china_date(&(due - TimeDelta::milliseconds(1))),
                due,
                provisional: false,
            };
            let status = status_at(&calendar, &deadline, now(), 1).unwrap();
            assert_eq!(
                row.remaining_working_days,
                Some(status.remaining_working_days)
            );
            let expected = match (due <= now(), status.remaining_working_days) {
                (true, _) => "overdue",
                (false, left) if left <= 1 => "warning",
                _ => "on_time",
            };
            assert_eq!(row.timeliness, Some(expected), "{row:?}");
            if expected == "overdue" {
                assert!(status.remaining_working_days <= 0);
            }
        }
        // Earliest first, nulls last.
        let dues: Vec<Option<DateTime<FixedOffset>>> = rows
            .iter()
            .map(|r| {
                r.due
                    .as_deref()
                    .map(|d| DateTime::parse_from_rfc3339(d).unwrap())
            })
            .collect();
        let mut sorted = dues.clone();
        sorted.sort_by_key(|d| (d.is_none(), *d));
        assert_eq!(dues, sorted);
    }

    #[tokio::test]
    async fn each_filter() {
        let (_dir, desk) = seeded(80).await;
        let admin = "管理员";
        let all = pages(&desk, admin, &query(200)).await.remove(0).rows;
        let only = |f: fn(&InboxRowView) -> bool| -> Vec<String> {
            all.iter()
                .filter(|r| f(r))
                .map(|r| r.number.clone())
                .collect()
        };
        let run = |q: InboxQuery| {
            let desk = &desk;
            async move {
                let found = pages(desk, admin, &q).await;
                let total = found[0].total;
                let numbers = numbers(&found);
                assert_eq!(total, numbers.len() as u64, "{q:?}");
                numbers
            }
        };
        let state = run(InboxQuery {
            state: Some("correction_requested".into()),
            ..query(5)
        })
        .await;
        assert_eq!(state, only(|r| r.state == "correction_requested"));
        assert!(!state.is_empty());
        let item = run(InboxQuery {
            item_code: Some(FOOD_ITEM.into()),
            ..query(5)
        })
        .await;
        assert_eq!(item, only(|r| r.item_code == FOOD_ITEM));
        let bundle = run(InboxQuery {
            bundle: Some("610122-TC-0001".into()),
            ..query(5)
        })
        .await;
        assert_eq!(bundle, only(|r| r.bundle.is_some()));
        assert!(bundle.len() >= 3);
        let overdue = run(InboxQuery {
            overdue: true,
            ..query(5)
        })
        .await;
        assert_eq!(overdue, only(|r| r.timeliness == Some("overdue")));
        assert!(!overdue.is_empty());
        let due_before = run(InboxQuery {
            due_before: Some("2026-06-03".into()),
            ..query(5)
        })
        .await;
        assert_eq!(
            due_before,
            only(|r| r.due.as_deref().is_some_and(|d| d < "2026-06-03"))
        );
        let instant = run(InboxQuery {
            due_before: Some("2026-06-03T00:00:00+08:00".into()),
            ..query(5)
        })
        .await;
        assert_eq!(instant, due_before);
        // Both: the earlier bound.
        let both = run(InboxQuery {
            due_before: Some("2026-06-03".into()),
            overdue: true,
            ..query(5)
        })
        .await;
        assert_eq!(both, overdue);
        let applicant = all[3].applicant.clone();
        let part: String = applicant.chars().skip(3).take(3).collect();
        let search = run(InboxQuery {
            search: Some(part.clone()),
            ..query(5)
        })
        .await;
        assert!(search.contains(&all[3].number));
        assert_eq!(
            search,
            all.iter()
                .filter(|r| r.applicant.contains(&part))
                .map(|r| r.number.clone())
                .collect::<Vec<_>>()
        );
        let prefix = run(InboxQuery {
            search: Some("SX2026-1-000001".into()),
            ..query(5)
        })
        .await;
        assert!(!prefix.is_empty());
        assert!(prefix.iter().all(|n| n.starts_with("SX2026-1-000001")));

        // Assigned to me: the cases the asking officer holds.
        let holder = all
            .iter()
            .find_map(|r| r.officer.clone())
            .expect("a held case");
        grant(&desk, &holder, Role::Officer, Scope::All).await;
        let mine = pages(
            &desk,
            &holder,
            &InboxQuery {
                assigned_to_me: true,
                ..query(5)
            },
        )
        .await;
        let expected: Vec<String> = all
            .iter()
            .filter(|r| r.officer.as_deref() == Some(&holder))
            .map(|r| r.number.clone())
            .collect();
        assert_eq!(numbers(&mine), expected);
        let theirs = run(InboxQuery {
            officer: Some(holder.clone()),
            ..query(5)
        })
        .await;
        assert_eq!(theirs, expected);
    }

    #[tokio::test]
    async fn a_query_out_of_bounds_is_refused_with_its_field() {
        let (_dir, desk) = seeded(3).await;
        let refused = |q: InboxQuery| {
            let desk = &desk;
            async move {
                let e = inbox_page(desk, &Actor::new("管理员"), &q, now())
                    .await
                    .unwrap_err();
                assert_eq!(e.code, ErrorCode::InvalidInput, "{e:?}");
                e.field.unwrap_or_default()
            }
        };
        assert_eq!(refused(query(0)).await, "limit");
        assert_eq!(refused(query(201)).await, "limit");
        assert_eq!(
            refused(InboxQuery {
                state: Some("dreaming".into()),
                ..query(5)
            })
            .await,
            "state"
        );
        assert_eq!(
            refused(InboxQuery {
                due_before: Some("2026-13-01".into()),
                ..query(5)
            })
            .await,
            "dueBefore"
        );
        assert_eq!(
            refused(InboxQuery {
                after: Some(InboxCursorView {
                    due: Some("tomorrow".into()),
                    number: "SX".into()
                }),
                ..query(5)
            })
            .await,
            "after.due"
        );
        // Blank filters are no filters.
        let blank = inbox_page(
            &desk,
            &Actor::new("管理员"),
            &InboxQuery {
                state: Some(" ".into()),
                search: Some("".into()),
                ..query(200)
            },
            now(),
        )
        .await
        .unwrap();
        assert_eq!(blank.total, 3);
    }

    #[tokio::test]
    async fn cases_received_between_pages_leave_no_gap_nor_duplicate() {
        let (_dir, desk) = seeded(40).await;
        let officer = Actor::new("管理员");
        let before: Vec<String> = numbers(&pages(&desk, "管理员", &query(200)).await);
        let mut seen = Vec::new();
        let mut q = query(6);
        for round in 0.. {
            let page = inbox_page(&desk, &officer, &q, now()).await.unwrap();
            seen.extend(page.rows.iter().map(|r| r.number.clone()));
            let Some(next) = page.next else { break };
            q.after = Some(next);
            // A new receipt arrives while the officer scrolls.
            let mut transfer: Transfer = serde_json::from_str(include_str!(
                "../../../../tests/fixtures/cases/food-single.json"
            ))
            .unwrap();
            transfer.case_number = format!("NEW-{round}");
            transfer.received_at = now() - TimeDelta::days(round);
            receive_transfers(&desk, &Actor::new("管理员"), vec![transfer])
                .await
                .unwrap();
        }
        let distinct: BTreeSet<&String> = seen.iter().collect();
        assert_eq!(distinct.len(), seen.len(), "no duplicate");
        for number in &before {
            assert!(seen.contains(number), "{number} skipped");
        }
    }

    #[tokio::test]
    async fn the_filters_offer_what_the_officer_may_see() {
        let (_dir, desk) = seeded(30).await;
        let mine = inbox_filters(&desk, &Actor::new(OFFICER)).await.unwrap();
        assert_eq!(
            mine.items,
            [InboxChoiceView {
                code: FOOD_ITEM.into(),
                name: "食品经营许可（新办）".into()
            }]
        );
        assert_eq!(
            mine.bundles
                .iter()
                .map(|b| b.code.as_str())
                .collect::<Vec<_>>(),
            ["610122-TC-0001"]
        );
        assert_eq!(mine.states.len(), 10);
        assert_eq!(mine.states[0], "received");
        let all = inbox_filters(&desk, &Actor::new("管理员")).await.unwrap();
        assert_eq!(all.items.len(), 4);
        let nobody = inbox_filters(&desk, &Actor::new("路人")).await.unwrap();
        assert!(nobody.items.is_empty() && nobody.bundles.is_empty());
    }
}
