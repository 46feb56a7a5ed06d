//! Running a use case as one unit of work: one immediate transaction
//! (the write lock held from its start, so what it read cannot change
//! before it writes), tried again from the start when the database stayed
//! busy past its timeout — another process (the window, its sweep,
//! `deskctl`) held the lock that long.

use std::time::Duration;

use approval_store::{Database, StoreTx};

use crate::ApiError;

/// How many times a unit of work is tried on a busy database.
const ATTEMPTS: u32 = 4;
/// The first pause before another try; it doubles each time.
const FIRST_BACKOFF: Duration = Duration::from_millis(50);

/// Runs `work` in a write unit: commits what it wrote when it returns
/// `Ok`, rolls everything back when it returns `Err`, and runs it again
/// from the start while the database is busy.
pub async fn in_write_unit<T>(
    db: &Database,
    mut work: impl AsyncFnMut(&mut StoreTx) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let mut backoff = FIRST_BACKOFF;
    let mut attempt = 1;
    loop {
        let outcome: Result<T, ApiError> = async {
            let mut tx = db.write().await?;
            let value = work(&mut tx).await?;
            tx.commit().await?;
            Ok(value)
        }
        .await;
        match outcome {
            Err(error) if error.is_busy() && attempt < ATTEMPTS => {
                tracing::warn!(attempt, code = %error.code, "database busy: trying the unit of work again");
                tokio::time::sleep(backoff).await;
                backoff *= 2;
                attempt += 1;
            }
            other => return other,
        }
    }
}

/// Runs `work` over one consistent snapshot, writing nothing.
pub async fn in_read_unit<T>(
    db: &Database,
    work: impl AsyncFnOnce(&mut StoreTx) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let mut tx = db.read().await?;
    work(&mut tx).await
}
