//! The clocks of a case as it stands: which options they run under, how
//! long acceptance may take, and the deadlines the inbox sorts on.

use chrono::{DateTime, FixedOffset};

use crate::bundle::SerialWait;
use crate::calendar::WorkingCalendar;
use crate::case::{Case, CaseState};
use crate::clock::rules::{acceptance_deadline, processing_deadline, ItemComplexity};
use crate::clock::{DeadlineOptions, DeadlineOutcome, ProvisionalPolicy};
use crate::guide::GuideVersion;

/// The options a case's clocks run under: cases keep running into years
/// without a published arrangement, so their deadlines may be provisional
/// (and are labelled so where shown) instead of refused.
pub fn case_clock_options(options: DeadlineOptions) -> DeadlineOptions {
    DeadlineOptions {
        provisional: ProvisionalPolicy::Allow,
        ..options
    }
}

/// Art 10: an item its guide flags complex gets 5 working days for
/// acceptance, any other 1.
pub fn complexity_of(guide: &GuideVersion) -> ItemComplexity {
    if guide.item.complex {
        ItemComplexity::Complex
    } else {
        ItemComplexity::Ordinary
    }
}

/// The deadlines of a case as it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CaseDue {
    /// Art 10: while the case waits for acceptance.
    pub acceptance_due: Option<DateTime<FixedOffset>>,
    /// Art 6, 11: from acceptance, under the promised limit and the pauses;
    /// `None` while a pause runs or before acceptance.
    pub processing_due: Option<DateTime<FixedOffset>>,
}

impl CaseDue {
    /// The deadline the officer works against in `state`: acceptance while
    /// the case waits for it, processing while it runs, none otherwise.
    pub fn current(&self, state: &CaseState) -> Option<DateTime<FixedOffset>> {
        match state {
            CaseState::Received => self.acceptance_due,
            CaseState::InReview
            | CaseState::SpecialStage { .. }
            | CaseState::Decided
            | CaseState::PublicNotice
            | CaseState::ResultReady => self.processing_due,
            CaseState::CorrectionRequested
            | CaseState::NotAccepted
            | CaseState::ResultPushed
            | CaseState::Released => None,
        }
    }
}

/// The deadlines of `case`, bound to `guide`, on `calendar`, with the wait
/// for serial prerequisites not yet in its record (Art 17; see
/// [`crate::case::pending_serial_wait`]). A deadline the calendar cannot
/// compute (a date past its range) is `None`.
pub fn case_due(
    case: &Case,
    guide: &GuideVersion,
    calendar: &WorkingCalendar,
    serial_wait: Option<&SerialWait>,
) -> CaseDue {
    let options = case_clock_options(DeadlineOptions::default());
    let acceptance_due = (case.state == CaseState::Received)
        .then(|| {
            acceptance_deadline(
                calendar,
                case.submission_received_at,
                complexity_of(guide),
                options,
            )
            .ok()
        })
        .flatten()
        .map(|d| d.due);
    let mut pauses = case.pauses.clone();
    pauses.extend(serial_wait.map(SerialWait::pause));
    let processing_due = case.acceptance.and_then(|acceptance| {
        match processing_deadline(
            calendar,
            acceptance.at,
            guide.item.promised_limit.period_length(),
            pauses,
            options,
        ) {
            Ok(DeadlineOutcome::Due(d)) => Some(d.due),
            _ => None,
        }
    });
    CaseDue {
        acceptance_due,
        processing_due,
    }
}

/// When the result clocks (Art 12: the push and the paper delivery within 3
/// working days) start for `case`: at the end of a public notice the guide
/// declares (Art 12 应先行公示; Art 11 lists 公示 among the stages whose time
/// is not counted), else at the decision. `None` before the decision.
pub fn result_clock_start(case: &Case) -> Option<DateTime<FixedOffset>> {
    let decided = case.decision.as_ref()?.at;
    Some(match case.public_notice {
        Some(notice) if notice.declared => notice.until.max(decided),
        _ => decided,
    })
}
