//! `deskctl deadline …`

use approval_core::clock::{
    DeadlineOptions, DeadlineOutcome, Pause, Period, PeriodLength, ProvisionalPolicy,
};
use serde_json::json;

use crate::args::{Cli, DeadlineRequest};
use crate::failure::Failure;

pub fn run(cli: &Cli, request: &DeadlineRequest) -> Result<(), Failure> {
    let length = match (request.working_days, request.natural_days) {
        (Some(n), None) => PeriodLength::WorkingDays(n),
        (None, Some(n)) => PeriodLength::NaturalDays(n),
        _ => {
            return Err(Failure::Usage(
                "give exactly one of --working-days and --natural-days".to_owned(),
            ))
        }
    };
    let period = Period {
        start: request.start,
        length,
        pauses: request
            .pauses
            .iter()
            .map(|p| Pause {
                start: p.start,
                end: p.end,
                reason: p.reason.clone(),
            })
            .collect(),
    };
    let options = DeadlineOptions {
        office_closes_at: request.office_closes,
        provisional: if request.provisional {
            ProvisionalPolicy::Allow
        } else {
            ProvisionalPolicy::Refuse
        },
    };
    let desk = crate::block_on(crate::open_desk(cli))?;
    let explained = approval_api::calendar::compute_deadline(&desk, &period, options)?;
    let outcome = explained.outcome.clone();
    let explanation = request.explain.then_some(explained);

    if request.json {
        let mut object = match &outcome {
            DeadlineOutcome::Due(d) => json!({
                "outcome": "due",
                "last_day": d.last_day.to_string(),
                "due": d.due.to_rfc3339(),
                "provisional": d.provisional,
            }),
            DeadlineOutcome::Suspended(s) => json!({
                "outcome": "suspended",
                "last_day": null,
                "due": null,
                "paused_since": s.paused_since.to_rfc3339(),
                "reason": s.reason,
                "counted_days": s.counted_days,
                "remaining_days": s.remaining_days,
                "provisional": s.provisional,
            }),
        };
        object["start"] = json!(request.start.to_rfc3339());
        object["length"] = json!(length);
        if let Some(explanation) = &explanation {
            object["explanation"] = json!({
                "days": explanation.days,
                "text": explanation.to_text(),
            });
        }
        println!("{object}");
        return Ok(());
    }

    if let Some(explanation) = &explanation {
        println!("{}", explanation.to_text());
        return Ok(());
    }
    match outcome {
        DeadlineOutcome::Due(d) => {
            let label = if d.provisional { "\tprovisional" } else { "" };
            println!("{}\t{}{label}", d.last_day, d.due.to_rfc3339());
        }
        DeadlineOutcome::Suspended(s) => println!(
            "suspended since {} ({}): {} days counted, {} remaining; the deadline is unknown until the pause ends",
            s.paused_since.to_rfc3339(),
            s.reason,
            s.counted_days,
            s.remaining_days
        ),
    }
    Ok(())
}
