-- Cases (办件) transferred by the window unit, their events, what still has
-- to be pushed back to the window unit (the outbox), and the bundle
-- instances cases belong to.
--
-- `cases.body` holds the whole `approval_core::case::Case` as JSON; the
-- other columns copy what the officer's inbox filters and sorts on. Instants
-- used for ordering (`acceptance_due`, `processing_due`, `due`) are RFC 3339
-- in China Standard Time with milliseconds (`2026-03-03T00:00:00.000+08:00`),
-- one width and one offset, so text order is time order.
-- Once a version of the app has shipped with this file, it never changes.

CREATE TABLE bundle_instances (
    id TEXT PRIMARY KEY NOT NULL CHECK (length(trim(id)) > 0),
    -- The whole `approval_core::bundle::BundleInstance`.
    body TEXT NOT NULL CHECK (json_valid(body))
);

CREATE TABLE cases (
    number TEXT PRIMARY KEY NOT NULL CHECK (length(trim(number)) > 0),
    item_code TEXT NOT NULL,
    guide_version INTEGER NOT NULL CHECK (guide_version >= 1),
    -- The snake_case word of `CaseState` (its serde tag).
    state TEXT NOT NULL CHECK (state IN ('received', 'correction_requested',
        'not_accepted', 'in_review', 'special_stage', 'decided', 'public_notice',
        'result_ready', 'result_pushed', 'released')),
    received_at TEXT NOT NULL,
    submission_received_at TEXT NOT NULL,
    acceptance_due TEXT,
    processing_due TEXT,
    -- The deadline the officer works against now: the acceptance deadline
    -- while the case waits for acceptance, the processing deadline while it
    -- runs; NULL when none runs.
    due TEXT,
    bundle_instance TEXT,
    -- The officer who holds the case (`Case::holder`); NULL: the pool.
    officer TEXT,
    body TEXT NOT NULL CHECK (json_valid(body))
);

-- The inbox: one state sorted by due date, optionally for one officer or item.
CREATE INDEX cases_by_state_due ON cases (state, due, number);
CREATE INDEX cases_by_due ON cases (due, number);
CREATE INDEX cases_by_officer ON cases (officer, state, due);
CREATE INDEX cases_by_item ON cases (item_code, state, due);
CREATE INDEX cases_by_bundle_instance ON cases (bundle_instance)
    WHERE bundle_instance IS NOT NULL;

CREATE TABLE case_events (
    case_number TEXT NOT NULL REFERENCES cases (number),
    -- 1, 2, … within the case.
    sequence INTEGER NOT NULL CHECK (sequence >= 1),
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    -- The officer the actor stood in for under a delegation, if any.
    on_behalf_of TEXT,
    -- The `approval_core::case::EventKind` as JSON.
    kind TEXT NOT NULL CHECK (json_valid(kind)),
    PRIMARY KEY (case_number, sequence)
) WITHOUT ROWID;

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_number TEXT NOT NULL REFERENCES cases (number),
    kind TEXT NOT NULL CHECK (kind IN ('notice', 'result')),
    payload TEXT NOT NULL CHECK (json_valid(payload)),
    created_at TEXT NOT NULL,
    pushed_at TEXT
);

CREATE INDEX outbox_pending ON outbox (id) WHERE pushed_at IS NULL;
CREATE INDEX outbox_by_case ON outbox (case_number);
