use approval_core::clock::{
    explain, DeadlineOptions, Pause, Period, PeriodLength, ProvisionalPolicy,
};
use chrono::{DateTime, FixedOffset};
use tauri::State;

use crate::profile::DeskState;
use crate::views::{DeadlineRequest, DeadlineView, UnitRequest};
use crate::IpcError;

fn instant(field: &str, text: &str) -> Result<DateTime<FixedOffset>, IpcError> {
    DateTime::parse_from_rfc3339(text)
        .map_err(|_| IpcError::invalid_input(format!("{field}“{text}”不是有效的时间")))
}

/// The deadline of a period with its day-by-day explanation.
#[tauri::command]
pub fn compute_deadline(
    state: State<'_, DeskState>,
    request: DeadlineRequest,
) -> Result<DeadlineView, IpcError> {
    let pauses = request
        .pauses
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Ok(Pause {
                start: instant(&format!("第{}个暂停的开始时间", i + 1), &p.start)?,
                end: p
                    .end
                    .as_deref()
                    .map(|e| instant(&format!("第{}个暂停的结束时间", i + 1), e))
                    .transpose()?,
                reason: p.reason.clone(),
            })
        })
        .collect::<Result<Vec<_>, IpcError>>()?;
    let period = Period {
        start: instant("开始时间", &request.start)?,
        length: match request.unit {
            UnitRequest::WorkingDays => PeriodLength::WorkingDays(request.length),
            UnitRequest::NaturalDays => PeriodLength::NaturalDays(request.length),
        },
        pauses,
    };
    let options = DeadlineOptions {
        office_closes_at: None,
        provisional: if request.allow_provisional {
            ProvisionalPolicy::Allow
        } else {
            ProvisionalPolicy::Refuse
        },
    };
    let calendar = state.calendar()?;
    Ok(explain(&calendar, &period, options)?.into())
}
