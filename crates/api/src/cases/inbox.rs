//! The inbox (what the actor may see) and one case in full.

use std::collections::HashMap;

use approval_core::access::{Action, Target};
use approval_core::bundle::SerialWait;
use approval_core::case::{
    case_clock_options, complexity_of, open_step_standings, CaseEvent, CaseState, StepStanding,
};
use approval_core::clock::rules::acceptance_period;
use approval_core::clock::{explain, DeadlineOptions, Explanation, Period};
use approval_store::{InboxFilter, InboxRow, Page, StoredCase};
use chrono::{DateTime, FixedOffset};

use super::serial::case_bundle;
use super::{bound_version, load_case};
use crate::access::{item_target, may_view, require, Actor};
use crate::{in_read_unit, ApiError, Desk};

/// One page of the inbox, filtered, showing only the cases of departments
/// `actor` may see.
pub async fn case_inbox(
    desk: &Desk,
    actor: &Actor,
    filter: &InboxFilter,
    page: Page,
) -> Result<Vec<InboxRow>, ApiError> {
    in_read_unit!(desk.db(), async |tx| {
        let mut visible_by_item: HashMap<String, bool> = HashMap::new();
        let mut rows = Vec::new();
        for row in tx.inbox(filter, page).await? {
            let visible = match visible_by_item.get(&row.item_code) {
                Some(visible) => *visible,
                None => {
                    let target = match tx.item(&row.item_code).await? {
                        Some(item) => Target::of_item(&item.definition),
                        None => Target::Department(String::new()),
                    };
                    let visible = may_view(tx, actor, Action::ViewCase, &target).await?;
                    visible_by_item.insert(row.item_code.clone(), visible);
                    visible
                }
            };
            if visible {
                rows.push(row);
            }
        }
        Ok(rows)
    })
    .await
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
