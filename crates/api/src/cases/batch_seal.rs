//! Batch sealing (批量签章): the decided cases whose decision letter waits
//! for the department's seal, and sealing several letters with one key
//! opened once — each through the single seal's path, each case's failure
//! reported without stopping the others.

use chrono::{DateTime, FixedOffset};

use super::inbox_page;
use super::view::{open_seal_key, seal_letter};
use crate::access::Actor;
use crate::results::{discover_font, Signer};
use crate::views::batch_seal::{
    AwaitingSealView, BatchSealCase, BatchSealOutcome, BatchSealProgress, BatchSealRequest,
    BatchSealView,
};
use crate::views::case::ResultParticulars;
use crate::views::inbox::{InboxQuery, InboxRowView};
use crate::{in_read_unit, ApiError, Desk};

/// The states a case may be in with a decision and its letter unsealed:
/// sealing changes no state, and a pushed result was sealed before.
const SEALABLE_STATES: [&str; 3] = ["decided", "public_notice", "result_ready"];

/// At most this many cases are listed for one batch.
pub const AWAITING_SEAL_LIMIT: usize = 500;

/// The decided cases `actor` may see whose decision letter is not sealed
/// yet, in the inbox's order (due first), state by state; at most
/// [`AWAITING_SEAL_LIMIT`].
pub async fn cases_awaiting_seal(
    desk: &Desk,
    actor: &Actor,
    now: DateTime<FixedOffset>,
) -> Result<Vec<AwaitingSealView>, ApiError> {
    let mut candidates: Vec<InboxRowView> = Vec::new();
    for state in SEALABLE_STATES {
        let mut query = InboxQuery {
            state: Some(state.to_owned()),
            limit: super::INBOX_PAGE_LIMIT,
            ..InboxQuery::default()
        };
        loop {
            let page = inbox_page(desk, actor, &query, now).await?;
            candidates.extend(page.rows);
            match page.next {
                Some(next) if candidates.len() < AWAITING_SEAL_LIMIT * 2 => {
                    query.after = Some(next)
                }
                _ => break,
            }
        }
    }
    let numbers: Vec<String> = candidates.iter().map(|r| r.number.clone()).collect();
    let unsealed = in_read_unit!(desk.db(), async |tx| {
        let mut unsealed = Vec::new();
        for number in &numbers {
            let decided = tx
                .stored_case(number)
                .await?
                .is_some_and(|stored| stored.case.decision.is_some());
            if decided && tx.result_document(number).await?.is_none() {
                unsealed.push(number.clone());
            }
        }
        Ok(unsealed)
    })
    .await?;
    Ok(candidates
        .into_iter()
        .filter(|row| unsealed.contains(&row.number))
        .take(AWAITING_SEAL_LIMIT)
        .map(|row| AwaitingSealView {
            number: row.number,
            item_code: row.item_code,
            item_name: row.item_name,
            applicant: row.applicant,
            state: row.state,
        })
        .collect())
}

/// Seals the decision letters of `request.cases` in order with the key
/// opened once (a USB key's PIN read once, never stored or logged),
/// calling `progress` after each case. A case that cannot be sealed (not
/// decided, sealed already, refused) is reported with its error and the
/// batch goes on; every letter sealed before stays kept.
///
/// Errors (the whole batch): the key or the font cannot be opened.
pub async fn seal_results(
    desk: &Desk,
    actor: &Actor,
    request: BatchSealRequest,
    now: DateTime<FixedOffset>,
    progress: &mut dyn FnMut(BatchSealProgress),
) -> Result<BatchSealView, ApiError> {
    let BatchSealRequest {
        cases,
        review_body,
        court,
        verification_url,
        key,
    } = request;
    let signer = open_seal_key(key)?;
    let font = discover_font(None)?;
    let batch = Batch {
        review_body,
        court,
        verification_url,
    };
    batch
        .seal(desk, actor, cases, signer.as_ref(), &font, now, progress)
        .await
}

/// What every letter of a batch shares.
struct Batch {
    review_body: String,
    court: String,
    verification_url: Option<String>,
}

impl Batch {
    #[allow(clippy::too_many_arguments)]
    async fn seal(
        &self,
        desk: &Desk,
        actor: &Actor,
        cases: Vec<BatchSealCase>,
        signer: &dyn Signer,
        font: &approval_docs::font::DocumentFont,
        now: DateTime<FixedOffset>,
        progress: &mut dyn FnMut(BatchSealProgress),
    ) -> Result<BatchSealView, ApiError> {
        let total = u32::try_from(cases.len()).unwrap_or(u32::MAX);
        let mut outcomes = Vec::with_capacity(cases.len());
        for (done, case) in (1..=total).zip(cases) {
            let particulars = ResultParticulars {
                document_number: case.document_number,
                review_body: self.review_body.clone(),
                court: self.court.clone(),
                verification_url: self.verification_url.clone(),
            };
            let error = seal_letter(desk, actor, &case.number, particulars, signer, font, now)
                .await
                .err();
            if let Some(e) = &error {
                tracing::warn!(case = %case.number, code = %e.code.as_str(), "batch seal: case not sealed");
            }
            progress(BatchSealProgress {
                done,
                total,
                number: case.number.clone(),
                sealed: error.is_none(),
            });
            outcomes.push(BatchSealOutcome {
                number: case.number,
                error,
            });
        }
        let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
        let failed = u32::try_from(failed).unwrap_or(u32::MAX);
        Ok(BatchSealView {
            sealed: total - failed,
            failed,
            outcomes,
        })
    }
}

#[cfg(test)]
mod tests;
