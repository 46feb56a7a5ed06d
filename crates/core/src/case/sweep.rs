//! The deemed-acceptance sweep (视同受理): run on start and on a timer.

use chrono::{DateTime, FixedOffset};

use super::clocks::case_clock_options;
use super::engine::{deemed_accepted, paper_deadline, stage_filing_ended_at, Applied, SYSTEM};
use super::error::CaseError;
use super::event::{CaseEvent, EventKind, Violation};
use super::record::{Case, CaseState};
use crate::calendar::WorkingCalendar;
use crate::clock::rules::{acceptance_deadline, ItemComplexity};
use crate::clock::DeadlineOptions;
use crate::filing::FilingLedger;
use crate::guide::GuideVersion;

/// Every case still waiting for acceptance whose deadline has passed at
/// `now`, deemed accepted as of the window unit's receipt of its current
/// submission, with its violation. `complexity_of` says whether a case's
/// bound guide flags the item complex (`None`: the guide is missing, which
/// is reported as an error for that case).
pub fn deemed_acceptance_sweep<'a>(
    cases: impl IntoIterator<Item = &'a Case>,
    complexity_of: impl Fn(&Case) -> Option<ItemComplexity>,
    calendar: &WorkingCalendar,
    options: DeadlineOptions,
    now: DateTime<FixedOffset>,
) -> Vec<Result<Applied, (String, CaseError)>> {
    let options = case_clock_options(options);
    cases
        .into_iter()
        .filter(|case| case.state == CaseState::Received)
        .filter_map(|case| {
            let Some(complexity) = complexity_of(case) else {
                return Some(Err((
                    case.number.clone(),
                    CaseError::NoGuideInForce {
                        item_code: case.item_code.clone(),
                        received_at: case.received_at,
                    },
                )));
            };
            let deadline = match acceptance_deadline(
                calendar,
                case.submission_received_at,
                complexity,
                options,
            ) {
                Ok(deadline) => deadline,
                Err(e) => return Some(Err((case.number.clone(), e.into()))),
            };
            if now < deadline.due {
                return None;
            }
            Some(Ok(deemed_accepted(case, deadline.due)))
        })
        .collect()
}

/// Art 12: a decided case whose result is also paper (`ResultKind::has_paper`)
/// and whose paper has not reached the window unit by its deadline at
/// `now` is flagged once, with the `LatePaperDelivery` violation; `None`
/// when there is nothing to flag (no paper, delivered, flagged before, not
/// yet due, or released).
pub fn overdue_paper(
    case: &Case,
    guide: &GuideVersion,
    calendar: &WorkingCalendar,
    filings: Option<&FilingLedger>,
    now: DateTime<FixedOffset>,
) -> Result<Option<Applied>, CaseError> {
    let waiting = matches!(case.state, CaseState::ResultReady | CaseState::ResultPushed)
        && guide.item.result_kind.has_paper()
        && case.result.paper_delivered_at.is_none()
        && !case.result.paper_overdue_flagged;
    if !waiting {
        return Ok(None);
    }
    let options = case_clock_options(DeadlineOptions::default());
    let Some(deadline) = paper_deadline(case, calendar, filings, options, now)? else {
        return Ok(None);
    };
    if now < deadline {
        return Ok(None);
    }
    let mut next = case.clone();
    next.result.paper_overdue_flagged = true;
    let event = CaseEvent {
        case: case.number.clone(),
        at: deadline,
        actor: SYSTEM.to_owned(),
        on_behalf_of: None,
        kind: EventKind::Violation(Violation::LatePaperDelivery { deadline }),
    };
    Ok(Some(Applied {
        case: next,
        events: vec![event],
    }))
}

/// Art 11: a special stage resting on a special-stage filing pauses the
/// processing clock only while the filing is in effect. Once it is revoked
/// (or superseded) the pause of a stage still running ends at that moment,
/// and the time from then on counts, though the stage itself may go on;
/// `None` when there is nothing to end.
pub fn stage_filing_revoked(
    case: &Case,
    guide: &GuideVersion,
    filings: &FilingLedger,
) -> Option<Applied> {
    let CaseState::SpecialStage { stage } = &case.state else {
        return None;
    };
    let ended = stage_filing_ended_at(guide, Some(filings), stage)?;
    let mut next = case.clone();
    let pause = next.pauses.iter_mut().rev().find(|p| p.end.is_none())?;
    let at = ended.max(pause.start);
    pause.end = Some(at);
    let filing = match guide.content.stage(stage).map(|s| &s.duration) {
        Some(crate::guide::StageDuration::ByFiling { filing }) => filing.clone(),
        _ => String::new(),
    };
    let event = CaseEvent {
        case: case.number.clone(),
        at,
        actor: SYSTEM.to_owned(),
        on_behalf_of: None,
        kind: EventKind::StagePauseEndedByRevocation {
            stage: stage.clone(),
            filing,
        },
    };
    Some(Applied {
        case: next,
        events: vec![event],
    })
}
