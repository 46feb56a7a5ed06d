//! Property tests of the calendar index and the clocks against a
//! day-by-day reference implementation.

// Test helpers may panic: a panic here is a failed test.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use approval_core::calendar::WorkingCalendar;
use approval_core::china_time::{china_date, china_instant};
use approval_core::clock::{
    deadline, DeadlineOptions, DeadlineOutcome, Pause, Period, PeriodLength, ProvisionalPolicy,
};
use chrono::{Days, NaiveDate, NaiveTime};
use proptest::prelude::*;
use std::sync::OnceLock;

fn calendar() -> &'static WorkingCalendar {
    static CALENDAR: OnceLock<WorkingCalendar> = OnceLock::new();
    CALENDAR.get_or_init(|| WorkingCalendar::with_shipped_data([], &[]).expect("shipped calendar"))
}

const OPTIONS: DeadlineOptions = DeadlineOptions {
    office_closes_at: None,
    provisional: ProvisionalPolicy::Allow,
};

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).expect("date")
}

/// A date between 2020-01-01 and about 2027-06.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..2700).prop_map(|offset| base() + Days::new(offset))
}

fn any_time() -> impl Strategy<Value = NaiveTime> {
    (0u32..24, 0u32..60).prop_map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).expect("time"))
}

/// Pauses near `start`: some closed (possibly same-day), some still running.
fn any_pauses(start: NaiveDate) -> impl Strategy<Value = Vec<Pause>> {
    prop::collection::vec(
        (
            0u64..90,
            0u64..25,
            any_time(),
            any_time(),
            prop::bool::weighted(0.15),
        ),
        0..4,
    )
    .prop_map(move |raw| {
        raw.into_iter()
            .enumerate()
            .map(|(i, (from, len, t1, t2, open))| {
                let s = start + Days::new(from);
                let e = s + Days::new(len);
                let (t1, t2) = if len == 0 {
                    (t1.min(t2), t1.max(t2))
                } else {
                    (t1, t2)
                };
                Pause {
                    start: china_instant(s, t1),
                    end: (!open).then(|| china_instant(e, t2)),
                    reason: format!("pause {i}"),
                }
            })
            .collect()
    })
}

fn any_length() -> impl Strategy<Value = PeriodLength> {
    prop_oneof![
        (1u32..=60).prop_map(PeriodLength::WorkingDays),
        (1u32..=120).prop_map(PeriodLength::NaturalDays),
    ]
}

fn any_period() -> impl Strategy<Value = Period> {
    (any_date(), any_time(), any_length()).prop_flat_map(|(date, time, length)| {
        any_pauses(date).prop_map(move |pauses| Period {
            start: china_instant(date, time),
            length,
            pauses,
        })
    })
}

/// The reference: walk day by day, exactly as the law reads.
fn reference(cal: &WorkingCalendar, period: &Period) -> Option<NaiveDate> {
    let excluded = |d: NaiveDate| -> Option<bool> {
        // Some(true): closed pause; Some(false): open pause; None: not paused.
        period.pauses.iter().find_map(|p| {
            let after = china_date(&p.start);
            match p.end.map(|e| china_date(&e)) {
                Some(through) if d > after && d <= through => Some(true),
                None if d > after => Some(false),
                _ => None,
            }
        })
    };
    let workday = |d: NaiveDate| cal.is_workday(d).expect("in range");
    let natural = matches!(period.length, PeriodLength::NaturalDays(_));
    let mut counted = 0;
    let mut day = china_date(&period.start);
    while counted < period.length.days() {
        day = day.succ_opt()?;
        match excluded(day) {
            Some(false) => return None,
            Some(true) => continue,
            None if natural || workday(day) => counted += 1,
            None => {}
        }
    }
    if natural {
        while !workday(day) || excluded(day).is_some() {
            if excluded(day) == Some(false) {
                return None;
            }
            day = day.succ_opt()?;
        }
    }
    Some(day)
}

fn last_day(outcome: &DeadlineOutcome) -> Option<NaiveDate> {
    match outcome {
        DeadlineOutcome::Due(d) => Some(d.last_day),
        DeadlineOutcome::Suspended(_) => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn adding_n_working_days_then_counting_back_gives_n(date in any_date(), n in 0u32..400) {
        let cal = calendar();
        let end = cal.add_working_days(date, n).expect("in range");
        prop_assert_eq!(cal.working_days_after(date, end).expect("in range"), n);
        if n > 0 {
            prop_assert!(cal.is_workday(end).expect("in range"));
        }
    }

    #[test]
    fn the_index_agrees_with_the_reference_walk(period in any_period()) {
        let cal = calendar();
        let outcome = deadline(cal, &period, OPTIONS).expect("computable");
        prop_assert_eq!(last_day(&outcome), reference(cal, &period), "{:?}", period);
    }

    #[test]
    fn the_deadline_always_falls_on_a_working_day(period in any_period()) {
        let cal = calendar();
        if let DeadlineOutcome::Due(d) = deadline(cal, &period, OPTIONS).expect("computable") {
            prop_assert!(cal.is_workday(d.last_day).expect("in range"), "{:?}", d);
            prop_assert!(d.last_day > china_date(&period.start));
        }
    }

    #[test]
    fn a_pause_never_makes_a_deadline_earlier(period in any_period(), extra in any_pauses(NaiveDate::from_ymd_opt(2023, 1, 1).expect("date"))) {
        let cal = calendar();
        let before = deadline(cal, &period, OPTIONS).expect("computable");
        let mut paused = period.clone();
        paused.pauses.extend(extra.into_iter().map(|mut p| {
            // Move the extra pauses near this period's start.
            let shift = china_date(&period.start) - NaiveDate::from_ymd_opt(2023, 1, 1).expect("date");
            p.start += shift;
            p.end = p.end.map(|e| e + shift);
            p
        }));
        let after = deadline(cal, &paused, OPTIONS).expect("computable");
        match (last_day(&before), last_day(&after)) {
            (Some(a), Some(b)) => prop_assert!(b >= a, "{a} then {b}"),
            (None, Some(b)) => prop_assert!(false, "adding pauses resolved a suspension to {b}"),
            _ => {}
        }
    }
}
