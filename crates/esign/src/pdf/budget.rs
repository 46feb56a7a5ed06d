//! Budgets for reading PDFs from outside: a hostile file must be refused
//! with a clear error before it costs gigabytes of memory or minutes of
//! work.
//!
//! [`Limits`] says how much one document may cost; a [`Budget`] counts what
//! one [`Document`](super::document::Document) has spent so far (every
//! document loaded has its own counters) against those limits and a
//! deadline. Decoded bytes, parsed objects, cross-reference entries and
//! sections are counted cumulatively, so re-reading the same object many
//! times is paid for as well.
//!
//! [`Document::load`](super::document::Document::load) uses the limits of
//! the innermost [`within`] scope on the current thread, or the defaults.
//! A scope lets a caller give limits, one deadline and a cancel flag to
//! everything a verification loads (the signed revisions the coverage check
//! loads included) without threading a parameter through every layer.

use std::cell::{Cell, RefCell};
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::PdfError;

/// What a budget limits (shown in the error, in Chinese).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Budgeted {
    /// Bytes produced by decoding streams, summed over the document.
    DecodedTotal,
    /// Bytes produced by decoding one stream.
    DecodedStream,
    /// PDF objects built by the parser (every array item and dictionary
    /// value counts), summed over the document.
    Objects,
    /// Cross-reference entries read or claimed, summed over all sections.
    XrefEntries,
    /// Cross-reference sections in the `/Prev` chain (hybrid streams count).
    XrefSections,
    /// Objects an object stream claims to hold (`/N`).
    ObjectStreamObjects,
    /// Nesting of arrays and dictionaries.
    Depth,
    /// Milliseconds of work.
    Time,
}

impl Budgeted {
    /// A stable code, for logs and scripts.
    pub fn code(self) -> &'static str {
        match self {
            Budgeted::DecodedTotal => "decoded_total",
            Budgeted::DecodedStream => "decoded_stream",
            Budgeted::Objects => "objects",
            Budgeted::XrefEntries => "xref_entries",
            Budgeted::XrefSections => "xref_sections",
            Budgeted::ObjectStreamObjects => "object_stream_objects",
            Budgeted::Depth => "depth",
            Budgeted::Time => "time",
        }
    }
}

impl fmt::Display for Budgeted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Budgeted::DecodedTotal => "全部数据流解压后的总字节数",
            Budgeted::DecodedStream => "单个数据流解压后的字节数",
            Budgeted::Objects => "解析的对象数",
            Budgeted::XrefEntries => "交叉引用条目数",
            Budgeted::XrefSections => "交叉引用段数",
            Budgeted::ObjectStreamObjects => "对象流声明的对象数（/N）",
            Budgeted::Depth => "数组与字典的嵌套层数",
            Budgeted::Time => "处理时间（毫秒）",
        })
    }
}

/// How much one document may cost. The defaults are generous for real
/// e-materials (a scanned file of 50 MB and hundreds of pages uses a small
/// fraction of each) and still keep a hostile file to about a hundred
/// megabytes of memory and half a minute of work.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Bytes decoded from all streams of the document together.
    pub decoded_total: u64,
    /// Bytes decoded from any one stream (each filter stage counts).
    pub decoded_per_stream: u64,
    /// Objects the parser builds, every nested one included.
    pub objects: u64,
    /// Cross-reference entries, over all sections (a claimed count is
    /// checked before anything is read).
    pub xref_entries: u64,
    /// Cross-reference sections.
    pub xref_sections: u64,
    /// Objects one object stream may claim (`/N`).
    pub object_stream_objects: u64,
    /// Nesting of arrays and dictionaries.
    pub depth: u64,
    /// Time from the first document loaded in a [`within`] scope (or from
    /// each load outside one).
    pub time: Duration,
    /// When set to `true` (from another thread), work stops with
    /// [`PdfError::Cancelled`] at the next check.
    pub cancel: Option<Arc<AtomicBool>>,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            decoded_total: 128 * 1024 * 1024,
            decoded_per_stream: 32 * 1024 * 1024,
            objects: 2_000_000,
            xref_entries: 1_000_000,
            xref_sections: 1_000,
            object_stream_objects: 1_000_000,
            depth: 64,
            time: Duration::from_secs(30),
            cancel: None,
        }
    }
}

impl Limits {
    /// Limits with no practical bound (the depth stays bounded for the
    /// stack), for our own documents in benchmarks and tools.
    pub fn unlimited() -> Self {
        Self {
            decoded_total: u64::MAX,
            decoded_per_stream: u64::MAX,
            objects: u64::MAX,
            xref_entries: u64::MAX,
            xref_sections: u64::MAX,
            object_stream_objects: u64::MAX,
            depth: 64,
            time: Duration::from_secs(60 * 60 * 24 * 365),
            cancel: None,
        }
    }
}

/// How often (in counted units) the clock and the cancel flag are read.
const CHECK_EVERY: u64 = 4096;

/// What one document has spent.
#[derive(Debug)]
pub struct Budget {
    limits: Limits,
    deadline: Option<Instant>,
    started: Instant,
    decoded: Cell<u64>,
    objects: Cell<u64>,
    entries: Cell<u64>,
    sections: Cell<u64>,
    ticks: Cell<u64>,
}

struct Scope {
    limits: Limits,
    deadline: Option<Instant>,
    started: Instant,
}

thread_local! {
    static SCOPES: RefCell<Vec<Scope>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with `limits` for every document it loads on this thread; the
/// time limit is one deadline for all of them, counted from now.
pub fn within<T>(limits: &Limits, f: impl FnOnce() -> T) -> T {
    struct Pop;
    impl Drop for Pop {
        fn drop(&mut self) {
            let _ = SCOPES.try_with(|s| s.borrow_mut().pop());
        }
    }
    let started = Instant::now();
    let scope = Scope {
        limits: limits.clone(),
        deadline: started.checked_add(limits.time),
        started,
    };
    SCOPES.with(|s| s.borrow_mut().push(scope));
    let _pop = Pop;
    f()
}

impl Budget {
    /// A fresh budget under `limits`, its deadline counted from now.
    pub fn new(limits: Limits) -> Self {
        let started = Instant::now();
        let deadline = started.checked_add(limits.time);
        Self::with_deadline(limits, started, deadline)
    }

    /// A fresh budget under the innermost [`within`] scope's limits and
    /// deadline, or the defaults.
    pub fn ambient() -> Self {
        let scoped = SCOPES
            .try_with(|s| {
                s.borrow()
                    .last()
                    .map(|sc| (sc.limits.clone(), sc.started, sc.deadline))
            })
            .ok()
            .flatten();
        match scoped {
            Some((limits, started, deadline)) => Self::with_deadline(limits, started, deadline),
            None => Self::new(Limits::default()),
        }
    }

    fn with_deadline(limits: Limits, started: Instant, deadline: Option<Instant>) -> Self {
        Self {
            limits,
            deadline,
            started,
            decoded: Cell::new(0),
            objects: Cell::new(0),
            entries: Cell::new(0),
            sections: Cell::new(0),
            ticks: Cell::new(0),
        }
    }

    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Objects built so far.
    pub fn objects_parsed(&self) -> u64 {
        self.objects.get()
    }

    /// Bytes decoded so far.
    pub fn decoded_bytes(&self) -> u64 {
        self.decoded.get()
    }

    fn over(what: Budgeted, limit: u64) -> PdfError {
        PdfError::OverBudget { what, limit }
    }

    /// Checks the deadline and the cancel flag now.
    pub fn check_time(&self) -> Result<(), PdfError> {
        if let Some(cancel) = &self.limits.cancel {
            if cancel.load(Ordering::Relaxed) {
                return Err(PdfError::Cancelled);
            }
        }
        if let Some(deadline) = self.deadline {
            if Instant::now() >= deadline {
                let limit = u64::try_from(self.limits.time.as_millis()).unwrap_or(u64::MAX);
                return Err(Self::over(Budgeted::Time, limit));
            }
        }
        Ok(())
    }

    /// Counts `units` of work and reads the clock every so often.
    pub fn tick(&self, units: u64) -> Result<(), PdfError> {
        let before = self.ticks.get();
        let after = before.saturating_add(units);
        self.ticks.set(after);
        if after / CHECK_EVERY != before / CHECK_EVERY {
            self.check_time()?;
        }
        Ok(())
    }

    fn charge(
        &self,
        counter: &Cell<u64>,
        amount: u64,
        limit: u64,
        what: Budgeted,
    ) -> Result<(), PdfError> {
        let total = counter.get().saturating_add(amount);
        if total > limit {
            return Err(Self::over(what, limit));
        }
        counter.set(total);
        Ok(())
    }

    /// One more object built by the parser.
    pub fn charge_object(&self) -> Result<(), PdfError> {
        self.charge(&self.objects, 1, self.limits.objects, Budgeted::Objects)?;
        self.tick(1)
    }

    /// `count` cross-reference entries about to be read (checked before
    /// reading them, so a claimed count cannot make us loop or allocate).
    pub fn charge_xref_entries(&self, count: u64) -> Result<(), PdfError> {
        self.charge(
            &self.entries,
            count,
            self.limits.xref_entries,
            Budgeted::XrefEntries,
        )
    }

    /// One more cross-reference section.
    pub fn charge_xref_section(&self) -> Result<(), PdfError> {
        self.charge(
            &self.sections,
            1,
            self.limits.xref_sections,
            Budgeted::XrefSections,
        )?;
        self.check_time()
    }

    /// An object stream claiming `count` objects.
    pub fn check_object_stream(&self, count: u64) -> Result<(), PdfError> {
        if count > self.limits.object_stream_objects {
            return Err(Self::over(
                Budgeted::ObjectStreamObjects,
                self.limits.object_stream_objects,
            ));
        }
        Ok(())
    }

    /// Nesting `depth` reached by the parser.
    pub fn check_depth(&self, depth: u64) -> Result<(), PdfError> {
        if depth > self.limits.depth {
            return Err(Self::over(Budgeted::Depth, self.limits.depth));
        }
        Ok(())
    }

    /// How many more bytes one stream may decode to: the smaller of the
    /// per-stream limit and what is left of the document's total, with the
    /// budget item that would be exceeded.
    pub fn decode_allowance(&self) -> (u64, Budgeted, u64) {
        let left = self.limits.decoded_total.saturating_sub(self.decoded.get());
        if left < self.limits.decoded_per_stream {
            (left, Budgeted::DecodedTotal, self.limits.decoded_total)
        } else {
            (
                self.limits.decoded_per_stream,
                Budgeted::DecodedStream,
                self.limits.decoded_per_stream,
            )
        }
    }

    /// `bytes` decoded.
    pub fn charge_decoded(&self, bytes: u64) -> Result<(), PdfError> {
        self.charge(
            &self.decoded,
            bytes,
            self.limits.decoded_total,
            Budgeted::DecodedTotal,
        )?;
        self.tick(bytes / 1024)
    }

    /// Time since the budget (or its scope) started.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_nest_and_pop() {
        let small = Limits {
            objects: 7,
            ..Limits::default()
        };
        within(&small, || {
            assert_eq!(Budget::ambient().limits().objects, 7);
            let inner = Limits {
                objects: 9,
                ..Limits::default()
            };
            within(&inner, || assert_eq!(Budget::ambient().limits().objects, 9));
            assert_eq!(Budget::ambient().limits().objects, 7);
        });
        assert_eq!(
            Budget::ambient().limits().objects,
            Limits::default().objects
        );
    }

    #[test]
    fn counters_stop_at_the_limit() {
        let budget = Budget::new(Limits {
            objects: 2,
            ..Limits::default()
        });
        assert!(budget.charge_object().is_ok());
        assert!(budget.charge_object().is_ok());
        assert_eq!(
            budget.charge_object(),
            Err(PdfError::OverBudget {
                what: Budgeted::Objects,
                limit: 2
            })
        );
    }

    #[test]
    fn cancel_and_deadline() {
        let flag = Arc::new(AtomicBool::new(false));
        let budget = Budget::new(Limits {
            cancel: Some(flag.clone()),
            ..Limits::default()
        });
        assert!(budget.check_time().is_ok());
        flag.store(true, Ordering::Relaxed);
        assert_eq!(budget.check_time(), Err(PdfError::Cancelled));
        let budget = Budget::new(Limits {
            time: Duration::ZERO,
            ..Limits::default()
        });
        assert!(matches!(
            budget.check_time(),
            Err(PdfError::OverBudget {
                what: Budgeted::Time,
                ..
            })
        ));
    }
}
