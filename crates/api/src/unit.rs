//! Running a use case as one unit of work: one immediate transaction
//! (the write lock held from its start, so what it read cannot change
//! before it writes), tried again from the start when the database stayed
//! busy past its timeout — another process (the window, its sweep,
//! `deskctl`) held the lock that long.
//!
//! The units are macros, not functions taking async closures: a future
//! that borrows the transaction through a higher-ranked closure is not
//! provably `Send`, and the window runs use cases on a multi-threaded
//! runtime.

use std::future::Future;
use std::time::Duration;

use crate::ApiError;

/// How many times a unit of work is tried on a busy database.
const ATTEMPTS: u32 = 4;
/// The first pause before another try; it doubles each time.
const FIRST_BACKOFF: Duration = Duration::from_millis(50);

/// Runs `attempt` until it succeeds, fails other than busy, or has been
/// tried [`ATTEMPTS`] times.
pub async fn retrying_when_busy<T, Attempt, Fut>(mut attempt: Attempt) -> Result<T, ApiError>
where
    Attempt: FnMut() -> Fut,
    Fut: Future<Output = Result<T, ApiError>>,
{
    let mut backoff = FIRST_BACKOFF;
    let mut tried = 1;
    loop {
        match attempt().await {
            Err(error) if error.is_busy() && tried < ATTEMPTS => {
                tracing::warn!(attempt = tried, code = %error.code, "database busy: trying the unit of work again");
                tokio::time::sleep(backoff).await;
                backoff *= 2;
                tried += 1;
            }
            other => return other,
        }
    }
}

/// `in_write_unit!(db, async |tx| { … })`: runs the block with `tx`, a
/// write unit ([`approval_store::Database::write`]); commits what it wrote
/// when the block returns `Ok`, rolls everything back when it returns
/// `Err`, and runs it again from the start while the database is busy.
/// Evaluates to a future of the block's result.
#[macro_export]
macro_rules! in_write_unit {
    ($db:expr, async |$tx:ident| $body:expr) => {
        $crate::unit::retrying_when_busy(|| async {
            let mut unit = $db.write().await.map_err($crate::ApiError::from)?;
            let result: ::std::result::Result<_, $crate::ApiError> = {
                let $tx = &mut unit;
                $body
            };
            let value = result?;
            unit.commit().await.map_err($crate::ApiError::from)?;
            Ok(value)
        })
    };
}

/// `in_read_unit!(db, async |tx| { … })`: runs the block with `tx`, one
/// consistent snapshot that writes nothing. Evaluates to a future of the
/// block's result.
#[macro_export]
macro_rules! in_read_unit {
    ($db:expr, async |$tx:ident| $body:expr) => {
        async {
            let mut unit = $db.read().await.map_err($crate::ApiError::from)?;
            let $tx = &mut unit;
            let result: ::std::result::Result<_, $crate::ApiError> = $body;
            result
        }
    };
}
