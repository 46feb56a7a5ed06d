//! Seal checks the window runs for the officer. A check of a hostile or
//! huge file must never hold the window: each runs on a blocking thread,
//! gives up at [`SEAL_CHECK_TIME_LIMIT`], and can be cancelled by the id the
//! window gave it when it started. Whatever ends a check first — its
//! answer, the time limit or the officer — the check's [`CancelFlag`] is
//! raised, so the verifier stops at its next budget check instead of
//! running on unseen.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use approval_core::error_code::ErrorCode;
use tokio::sync::oneshot;

use crate::views::seal::SealCheckView;
use crate::ApiError;

/// How long one check may take before the window gives up on it. A 50 MB
/// scanned e-material verifies in well under a second; a file that needs
/// more is one to refuse, not to wait for.
pub const SEAL_CHECK_TIME_LIMIT: Duration = Duration::from_secs(30);

/// The longest id a window may name a check by.
const MAX_CHECK_ID_LEN: usize = 64;

/// Raised when a check is no longer wanted; the verifier reads it.
#[derive(Debug, Clone, Default)]
pub struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    pub fn raise(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_raised(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// The flag as the verifier's budget takes it.
    pub fn shared(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.0)
    }
}

/// The checks running now, by the id the window gave each.
#[derive(Debug, Default)]
pub struct RunningSealChecks {
    cancels: Mutex<HashMap<String, oneshot::Sender<()>>>,
}

impl RunningSealChecks {
    /// Runs `check` on a blocking thread and answers with its result, or
    /// `seal_check_cancelled` once [`cancel`](Self::cancel) is called with
    /// `check_id`, or `seal_check_timed_out` after `limit`. Must be called
    /// on a tokio runtime (Tauri's async commands are).
    pub async fn run<F>(
        &self,
        check_id: &str,
        file_name: &str,
        limit: Duration,
        check: F,
    ) -> Result<SealCheckView, ApiError>
    where
        F: FnOnce(CancelFlag) -> Result<SealCheckView, ApiError> + Send + 'static,
    {
        let check_id = valid_check_id(check_id)?;
        let (cancel, cancelled) = oneshot::channel();
        {
            let mut cancels = self.lock();
            if cancels.contains_key(check_id) {
                return Err(ApiError::invalid_input(
                    format!("验章编号“{check_id}”已在使用"),
                    format!("a seal check with the id {check_id} is running already"),
                )
                .at_field("check_id"));
            }
            cancels.insert(check_id.to_owned(), cancel);
        }
        let flag = CancelFlag::default();
        let worker_flag = flag.clone();
        let work = tokio::task::spawn_blocking(move || check(worker_flag));
        let outcome = tokio::select! {
            done = work => done.unwrap_or_else(|e| Err(unfinished(&e))),
            _ = cancelled => Err(cancelled_error(file_name)),
            () = tokio::time::sleep(limit) => Err(timed_out(file_name, limit)),
        };
        flag.raise();
        self.lock().remove(check_id);
        outcome
    }

    /// Cancels the running check `check_id`; false when none runs under
    /// that id (it may have just finished).
    pub fn cancel(&self, check_id: &str) -> bool {
        match self.lock().remove(check_id) {
            Some(cancel) => cancel.send(()).is_ok(),
            None => false,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, oneshot::Sender<()>>> {
        // The map stays consistent whatever panicked while holding it.
        self.cancels.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn valid_check_id(check_id: &str) -> Result<&str, ApiError> {
    let fine = !check_id.is_empty()
        && check_id.len() <= MAX_CHECK_ID_LEN
        && check_id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if fine {
        Ok(check_id)
    } else {
        Err(ApiError::invalid_input(
            "验章编号应为不超过64个字母、数字、连字符或下划线",
            "a seal check id is 1 to 64 letters, digits, '-' or '_'",
        )
        .at_field("check_id"))
    }
}

fn cancelled_error(file_name: &str) -> ApiError {
    ApiError::new(
        ErrorCode::SealCheckCancelled,
        format!("已取消对文件“{file_name}”的验章"),
        format!("the seal check of {file_name} was cancelled"),
    )
}

fn timed_out(file_name: &str, limit: Duration) -> ApiError {
    let seconds = limit.as_secs();
    ApiError::new(
        ErrorCode::SealCheckTimedOut,
        format!("文件“{file_name}”的验章超过{seconds}秒仍未完成，已停止：文件可能过于复杂或被刻意构造"),
        format!(
            "the seal check of {file_name} did not finish within {seconds} s and was stopped: the file may be overly complex or crafted"
        ),
    )
}

fn unfinished(error: &impl std::fmt::Display) -> ApiError {
    ApiError::internal(
        format!("验章未能完成：{error}"),
        format!("the seal check did not finish: {error}"),
    )
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::sync::mpsc;

    use super::*;
    use crate::views::seal::SealVerdict;

    fn answer(name: &str) -> SealCheckView {
        SealCheckView::of(name, &Default::default(), 0)
    }

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    }

    /// A check that runs until its flag is raised, and tells the test when
    /// it has seen the flag.
    fn until_cancelled(
        started: mpsc::Sender<()>,
        stopped: mpsc::Sender<()>,
    ) -> impl FnOnce(CancelFlag) -> Result<SealCheckView, ApiError> + Send + 'static {
        move |flag| {
            started.send(()).unwrap();
            while !flag.is_raised() {
                std::thread::sleep(Duration::from_millis(2));
            }
            stopped.send(()).unwrap();
            Ok(answer("never shown"))
        }
    }

    /// Starts a check under `id` that runs until cancelled, once it has
    /// started: its task, and where it says it has seen its flag.
    fn start_until_cancelled(
        rt: &tokio::runtime::Runtime,
        checks: &Arc<RunningSealChecks>,
        id: &'static str,
        file_name: &'static str,
    ) -> (
        tokio::task::JoinHandle<Result<SealCheckView, ApiError>>,
        mpsc::Receiver<()>,
    ) {
        let (started_tx, started) = mpsc::channel();
        let (stopped_tx, stopped) = mpsc::channel();
        let checks = Arc::clone(checks);
        let running = rt.spawn(async move {
            checks
                .run(
                    id,
                    file_name,
                    Duration::from_secs(3600),
                    until_cancelled(started_tx, stopped_tx),
                )
                .await
        });
        started.recv().unwrap();
        (running, stopped)
    }

    #[test]
    fn a_finished_check_answers_and_frees_its_id() {
        let checks = RunningSealChecks::default();
        let rt = runtime();
        let view = rt
            .block_on(checks.run("a-1", "决定书.pdf", SEAL_CHECK_TIME_LIMIT, |_| {
                Ok(answer("决定书.pdf"))
            }))
            .unwrap();
        assert_eq!(view.verdict, SealVerdict::Unsigned);
        assert!(!checks.cancel("a-1"), "nothing runs under the id any more");
    }

    #[test]
    fn a_cancelled_check_answers_at_once_and_its_worker_sees_the_flag() {
        let checks = Arc::new(RunningSealChecks::default());
        let rt = runtime();
        let (running, stopped) = start_until_cancelled(&rt, &checks, "b-2", "扫描件.pdf");
        assert!(checks.cancel("b-2"));
        let error = rt.block_on(running).unwrap().unwrap_err();
        assert_eq!(error.code, ErrorCode::SealCheckCancelled);
        assert!(error.message.contains("扫描件.pdf"), "{}", error.message);
        stopped
            .recv_timeout(Duration::from_secs(60))
            .expect("the worker stops once the check is cancelled");
    }

    #[test]
    fn a_check_past_its_limit_times_out_and_its_worker_sees_the_flag() {
        let checks = RunningSealChecks::default();
        let rt = runtime();
        let (started_tx, _started) = mpsc::channel();
        let (stopped_tx, stopped) = mpsc::channel();
        let error = rt
            .block_on(checks.run(
                "c-3",
                "炸弹.pdf",
                Duration::from_millis(50),
                until_cancelled(started_tx, stopped_tx),
            ))
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::SealCheckTimedOut);
        assert!(error.message.contains("炸弹.pdf"), "{}", error.message);
        stopped
            .recv_timeout(Duration::from_secs(60))
            .expect("the worker stops once the check timed out");
        assert!(!checks.cancel("c-3"));
    }

    #[test]
    fn ids_are_checked_and_not_shared_by_two_running_checks() {
        let checks = Arc::new(RunningSealChecks::default());
        let rt = runtime();
        for bad in ["", "有中文", "a b", &"x".repeat(65)] {
            let error = rt
                .block_on(checks.run(bad, "f.pdf", SEAL_CHECK_TIME_LIMIT, |_| Ok(answer("f.pdf"))))
                .unwrap_err();
            assert_eq!(error.code, ErrorCode::InvalidInput, "{bad:?}");
        }
        let (first, _stopped) = start_until_cancelled(&rt, &checks, "d-4", "f.pdf");
        let error = rt
            .block_on(checks.run("d-4", "g.pdf", SEAL_CHECK_TIME_LIMIT, |_| {
                Ok(answer("g.pdf"))
            }))
            .unwrap_err();
        assert_eq!(error.code, ErrorCode::InvalidInput);
        assert!(checks.cancel("d-4"));
        assert!(rt.block_on(first).unwrap().is_err());
    }
}
