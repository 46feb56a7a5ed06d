//! Scenario tests written from the articles of 陕西省政务服务效能管理暂行办法
//! and 民法典 第201、203条: each an article, a situation, the expected outcome,
//! all through one `check`.

use approval_core::clock::rules::{
    acceptance_deadline, acceptance_state, processing_deadline, result_push_deadline,
    AcceptanceState, ItemComplexity,
};
use approval_core::clock::{
    deadline, explain, ClockError, DayRole, DeadlineOptions, DeadlineOutcome, Pause, Period,
    PeriodLength, ProvisionalPolicy,
};
use approval_desk_tests::{beijing, day, shipped_calendar};
use chrono::NaiveTime;

const ALLOW_PROVISIONAL: DeadlineOptions = DeadlineOptions {
    office_closes_at: None,
    provisional: ProvisionalPolicy::Allow,
};

/// One scenario: a period, and the last day and due instant it must give.
fn check(article: &str, period: Period, options: DeadlineOptions, last_day: &str, due: &str) {
    let calendar = shipped_calendar();
    match deadline(&calendar, &period, options) {
        Ok(DeadlineOutcome::Due(d)) => {
            assert_eq!(d.last_day, day(last_day), "{article}: last day");
            assert_eq!(d.due.to_rfc3339(), due, "{article}: due instant");
        }
        other => panic!("{article}: expected a due date, got {other:?}"),
    }
}

fn working(start: &str, days: u32, pauses: Vec<Pause>) -> Period {
    Period {
        start: beijing(start),
        length: PeriodLength::WorkingDays(days),
        pauses,
    }
}

fn pause(from: &str, to: Option<&str>, reason: &str) -> Pause {
    Pause {
        start: beijing(from),
        end: to.map(beijing),
        reason: reason.to_owned(),
    }
}

#[test]
fn civil_code_201_the_day_of_the_event_is_not_counted() {
    check(
        "民法典201: received Thursday, 1 working day",
        working("2026-11-26 08:01", 1, vec![]),
        DeadlineOptions::default(),
        "2026-11-27",
        "2026-11-28T00:00:00+08:00",
    );
}

#[test]
fn civil_code_203_the_period_ends_at_the_close_of_office_hours_where_configured() {
    check(
        "民法典203: office closes 17:30",
        working("2026-11-26 08:01", 1, vec![]),
        DeadlineOptions {
            office_closes_at: NaiveTime::from_hms_opt(17, 30, 0),
            provisional: ProvisionalPolicy::Refuse,
        },
        "2026-11-27",
        "2026-11-27T17:30:00+08:00",
    );
}

#[test]
fn civil_code_203_a_natural_day_period_ending_on_a_holiday_runs_to_the_next_working_day() {
    // 30 natural days from 2026-09-07 end on 7 Oct, inside 国庆节 (1–7 Oct):
    // the period ends on Thursday 8 October.
    check(
        "民法典203: natural days ending in 国庆节",
        Period {
            start: beijing("2026-09-07 09:00"),
            length: PeriodLength::NaturalDays(30),
            pauses: vec![],
        },
        DeadlineOptions::default(),
        "2026-10-08",
        "2026-10-09T00:00:00+08:00",
    );
}

#[test]
fn art10_acceptance_within_one_working_day_skips_the_weekend() {
    let calendar = shipped_calendar();
    let d = acceptance_deadline(
        &calendar,
        beijing("2026-11-27 16:00"),
        ItemComplexity::Ordinary,
        DeadlineOptions::default(),
    )
    .expect("deadline");
    assert_eq!(
        d.last_day,
        day("2026-11-30"),
        "Friday's receipt is answered by Monday"
    );
}

#[test]
fn art10_complex_items_get_five_working_days_across_national_day_and_its_adjusted_saturday() {
    // 2026: 国庆节 1–7 Oct rest; Saturday 10 Oct is worked (调休上班).
    // Counted: 8 (Thu), 9 (Fri), 10 (Sat, adjusted), 12 (Mon), 13 (Tue).
    let calendar = shipped_calendar();
    let d = acceptance_deadline(
        &calendar,
        beijing("2026-09-30 11:00"),
        ItemComplexity::Complex,
        DeadlineOptions::default(),
    )
    .expect("deadline");
    assert_eq!(d.last_day, day("2026-10-13"));
}

#[test]
fn art10_no_answer_in_time_means_deemed_acceptance_as_of_the_window_units_receipt() {
    let calendar = shipped_calendar();
    let received = beijing("2026-11-26 09:15");
    let state = acceptance_state(
        &calendar,
        received,
        ItemComplexity::Ordinary,
        None,
        beijing("2026-11-28 00:00"),
        DeadlineOptions::default(),
    )
    .expect("state");
    match state {
        AcceptanceState::DeemedAccepted { accepted_at, .. } => assert_eq!(accepted_at, received),
        other => panic!("expected 视同受理, got {other:?}"),
    }
}

#[test]
fn art10_one_minute_before_the_deadline_the_case_is_still_pending() {
    let calendar = shipped_calendar();
    let state = acceptance_state(
        &calendar,
        beijing("2026-11-26 09:15"),
        ItemComplexity::Ordinary,
        None,
        beijing("2026-11-27 23:59"),
        DeadlineOptions::default(),
    )
    .expect("state");
    assert!(
        matches!(state, AcceptanceState::Pending { .. }),
        "{state:?}"
    );
}

#[test]
fn art10_an_answer_in_time_is_in_time_and_a_late_answer_does_not_undo_deemed_acceptance() {
    let calendar = shipped_calendar();
    let received = beijing("2026-11-26 09:15");
    let in_time = acceptance_state(
        &calendar,
        received,
        ItemComplexity::Ordinary,
        Some(beijing("2026-11-27 17:00")),
        beijing("2026-12-10 00:00"),
        DeadlineOptions::default(),
    )
    .expect("state");
    assert!(matches!(in_time, AcceptanceState::AnsweredInTime { .. }));
    let late = acceptance_state(
        &calendar,
        received,
        ItemComplexity::Ordinary,
        Some(beijing("2026-11-30 09:00")),
        beijing("2026-11-30 09:00"),
        DeadlineOptions::default(),
    )
    .expect("state");
    assert!(
        matches!(late, AcceptanceState::DeemedAccepted { .. }),
        "{late:?}"
    );
}

#[test]
fn art10_corrected_materials_restart_the_acceptance_clock_from_their_receipt() {
    let calendar = shipped_calendar();
    // Corrections arrive on Friday 4 Dec: the new answer is due Monday 7 Dec.
    let d = acceptance_deadline(
        &calendar,
        beijing("2026-12-04 15:00"),
        ItemComplexity::Ordinary,
        DeadlineOptions::default(),
    )
    .expect("deadline");
    assert_eq!(d.last_day, day("2026-12-07"));
}

#[test]
fn art11_a_special_stage_pauses_the_processing_clock() {
    // 10 working days from Monday 2 Nov 2026 end Monday 16 Nov. A site survey
    // (现场勘察) from Wednesday 4 Nov to Monday 9 Nov excludes 5–9 Nov, of which
    // 5, 6 and 9 are working days: the deadline moves 3 working days, to 19 Nov.
    let calendar = shipped_calendar();
    let without = processing_deadline(
        &calendar,
        beijing("2026-11-02 10:00"),
        PeriodLength::WorkingDays(10),
        vec![],
        DeadlineOptions::default(),
    )
    .expect("deadline");
    let with = processing_deadline(
        &calendar,
        beijing("2026-11-02 10:00"),
        PeriodLength::WorkingDays(10),
        vec![pause(
            "2026-11-04 14:00",
            Some("2026-11-09 11:00"),
            "现场勘察",
        )],
        DeadlineOptions::default(),
    )
    .expect("deadline");
    match (without, with) {
        (DeadlineOutcome::Due(a), DeadlineOutcome::Due(b)) => {
            assert_eq!(a.last_day, day("2026-11-16"));
            assert_eq!(b.last_day, day("2026-11-19"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn art11_a_pause_that_starts_and_ends_on_one_day_excludes_nothing() {
    check(
        "Art 11: same-day hearing",
        working(
            "2026-11-02 10:00",
            10,
            vec![pause("2026-11-04 09:00", Some("2026-11-04 17:00"), "听证")],
        ),
        DeadlineOptions::default(),
        "2026-11-16",
        "2026-11-17T00:00:00+08:00",
    );
}

#[test]
fn art11_while_a_stage_is_still_running_the_deadline_is_unknown_and_says_so() {
    let calendar = shipped_calendar();
    let outcome = processing_deadline(
        &calendar,
        beijing("2026-11-02 10:00"),
        PeriodLength::WorkingDays(10),
        vec![pause("2026-11-04 14:00", None, "专家论证")],
        DeadlineOptions::default(),
    )
    .expect("outcome");
    match outcome {
        DeadlineOutcome::Suspended(s) => {
            assert_eq!((s.counted_days, s.remaining_days), (2, 8));
            assert_eq!(s.reason, "专家论证");
        }
        other => panic!("expected a suspended clock, got {other:?}"),
    }
}

#[test]
fn art12_results_are_pushed_within_three_working_days_of_the_decision() {
    let calendar = shipped_calendar();
    // Decided Wednesday 30 Sep 2026: 1–7 Oct rest, 8, 9 and Saturday 10 Oct worked.
    let d = result_push_deadline(
        &calendar,
        beijing("2026-09-30 16:00"),
        DeadlineOptions::default(),
    )
    .expect("deadline");
    assert_eq!(d.last_day, day("2026-10-10"));
}

#[test]
fn a_december_case_running_into_an_unpublished_year_is_refused_unless_allowed_and_then_labelled() {
    let calendar = shipped_calendar();
    let decided = beijing("2026-12-30 10:00");
    let refused = result_push_deadline(&calendar, decided, DeadlineOptions::default());
    assert_eq!(refused, Err(ClockError::ProvisionalYear { year: 2027 }));
    let allowed = result_push_deadline(&calendar, decided, ALLOW_PROVISIONAL).expect("deadline");
    assert!(allowed.provisional);
    // 31 Dec counts; 1 Jan 2027 is 元旦 by the statutory rules; 4 and 5 Jan count.
    assert_eq!(allowed.last_day, day("2027-01-05"));
}

#[test]
fn an_explanation_names_the_start_the_holidays_and_the_pauses() {
    let calendar = shipped_calendar();
    let period = working(
        "2026-09-29 10:00",
        4,
        vec![pause(
            "2026-10-09 10:00",
            Some("2026-10-12 10:00"),
            "补正材料",
        )],
    );
    let explanation = explain(&calendar, &period, DeadlineOptions::default()).expect("explain");
    let roles: Vec<(String, DayRole, Option<String>)> = explanation
        .days
        .iter()
        .map(|d| (d.date.to_string(), d.role, d.note.clone()))
        .collect();
    assert_eq!(roles[0], ("2026-09-29".into(), DayRole::Start, None));
    assert_eq!(roles[1], ("2026-09-30".into(), DayRole::Counted, None));
    assert_eq!(
        roles[2],
        ("2026-10-01".into(), DayRole::Rest, Some("国庆节".into()))
    );
    assert_eq!(roles[9], ("2026-10-08".into(), DayRole::Counted, None));
    assert_eq!(roles[10], ("2026-10-09".into(), DayRole::Counted, None));
    assert_eq!(
        roles[11],
        (
            "2026-10-10".into(),
            DayRole::Paused,
            Some("补正材料".into())
        )
    );
    // Saturday 10 Oct, a 调休 working day, is paused; so are 11 and 12 Oct.
    // Tuesday 13 Oct is the fourth counted day.
    assert_eq!(roles.last().map(|r| r.0.as_str()), Some("2026-10-13"));
    let text = explanation.to_text();
    assert!(text.contains("起算日"), "{text}");
    assert!(text.contains("国庆节"), "{text}");
    assert!(text.contains("补正材料"), "{text}");
}

/// Art 23: timeliness as supervision sees it, at given instants.
#[test]
fn status_is_on_time_then_warning_then_overdue() {
    use approval_core::clock::{status_at, Timeliness, DEFAULT_WARNING_WORKING_DAYS};
    let calendar = shipped_calendar();
    // Last day Monday 16 Nov 2026 (10 working days from 2 Nov).
    let d = match processing_deadline(
        &calendar,
        beijing("2026-11-02 10:00"),
        PeriodLength::WorkingDays(10),
        vec![],
        DeadlineOptions::default(),
    )
    .expect("deadline")
    {
        DeadlineOutcome::Due(d) => d,
        other => panic!("{other:?}"),
    };
    let at = |instant: &str, threshold: u32| {
        let s = status_at(&calendar, &d, beijing(instant), threshold).expect("status");
        (s.timeliness, s.remaining_working_days)
    };
    let warn = DEFAULT_WARNING_WORKING_DAYS;
    assert_eq!(at("2026-11-12 09:00", warn), (Timeliness::OnTime, 3));
    // Friday 13 Nov: 13 and 16 Nov are left; the weekend does not count.
    assert_eq!(at("2026-11-13 09:00", warn), (Timeliness::OnTime, 2));
    assert_eq!(at("2026-11-14 09:00", warn), (Timeliness::Warning, 1));
    assert_eq!(at("2026-11-16 23:59", warn), (Timeliness::Warning, 1));
    assert_eq!(at("2026-11-17 00:00", warn), (Timeliness::Overdue, -1));
    assert_eq!(at("2026-11-19 12:00", warn), (Timeliness::Overdue, -3));
    // A threshold of 3 working days warns from Thursday 12 Nov.
    assert_eq!(at("2026-11-12 09:00", 3).0, Timeliness::Warning);
}
