//! How fast deadlines are computed: the target is at least five
//! million per second on one core. Run: `cargo bench -p approval-core`.

use std::hint::black_box;

use approval_core::calendar::WorkingCalendar;
use approval_core::china_time::china_instant;
use approval_core::clock::{
    deadline, DeadlineOptions, Pause, Period, PeriodLength, ProvisionalPolicy,
};
use chrono::{Days, NaiveDate, NaiveTime, TimeDelta};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const BATCH: usize = 10_000;

/// A fixed spread of periods: starts across 2020–2026, 1–30 working days.
fn periods() -> Vec<Period> {
    let base = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or(NaiveDate::MIN);
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    (0..BATCH)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let date = base + Days::new(seed % 2500);
            let days = u32::try_from(seed % 30).unwrap_or(0) + 1;
            Period {
                start: china_instant(date, NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default()),
                length: PeriodLength::WorkingDays(days),
                pauses: Vec::new(),
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let Ok(calendar) = WorkingCalendar::with_shipped_data([], &[]) else {
        return;
    };
    let periods = periods();
    let options = DeadlineOptions {
        office_closes_at: None,
        provisional: ProvisionalPolicy::Allow,
    };
    let mut group = c.benchmark_group("deadline");
    group.throughput(Throughput::Elements(BATCH as u64));
    group.bench_function("working_days_no_pauses", |b| {
        b.iter(|| {
            for period in &periods {
                let _ = black_box(deadline(&calendar, black_box(period), options));
            }
        })
    });
    let paused: Vec<Period> = periods
        .iter()
        .map(|p| Period {
            pauses: vec![
                Pause {
                    start: p.start + TimeDelta::days(2),
                    end: Some(p.start + TimeDelta::days(9)),
                    reason: "专家论证".to_owned(),
                },
                Pause {
                    start: p.start + TimeDelta::days(12),
                    end: Some(p.start + TimeDelta::days(15)),
                    reason: "补正材料".to_owned(),
                },
            ],
            ..p.clone()
        })
        .collect();
    group.bench_function("working_days_two_pauses", |b| {
        b.iter(|| {
            for period in &paused {
                let _ = black_box(deadline(&calendar, black_box(period), options));
            }
        })
    });
    group.bench_function("add_working_days", |b| {
        b.iter(|| {
            for period in &periods {
                let _ =
                    black_box(calendar.add_working_days(
                        black_box(period.start.date_naive()),
                        period.length.days(),
                    ));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
