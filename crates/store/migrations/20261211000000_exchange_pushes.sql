-- Every state the exchange reports reaches the window unit, and filings
-- travel to the hub (issue 13). Additive: every row stays as it was.
--
-- The outbox takes three more kinds: `public_notice` (公示 period),
-- `delivery` (送达 of the paper result) and `filing` (an exemption filing
-- submitted to the hub). A filing record is about a filing, not a case: its
-- `case_number` is NULL and its `filing_id` names the filing (one record a
-- filing at most). SQLite cannot change a CHECK or a NOT NULL in place, so
-- the table is rebuilt with its rows and their ids, and the AUTOINCREMENT
-- sequence is carried over: an id is part of a push's idempotency key
-- (`desk-<desk id>-outbox-<id>`) and must never be given out twice.
CREATE TABLE outbox_with_filings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The case of a case record; NULL for a filing record.
    case_number TEXT REFERENCES cases (number),
    -- The filing of a filing record; NULL for a case record.
    filing_id TEXT REFERENCES filings (id),
    kind TEXT NOT NULL CHECK (kind IN ('notice', 'result', 'public_notice', 'delivery', 'filing')),
    payload TEXT NOT NULL CHECK (json_valid(payload)),
    created_at TEXT NOT NULL,
    pushed_at TEXT,
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error_code TEXT,
    last_error_message TEXT,
    next_attempt_at TEXT,
    failed_at TEXT,
    CHECK ((kind = 'filing') = (filing_id IS NOT NULL)),
    CHECK ((case_number IS NULL) = (filing_id IS NOT NULL))
);
INSERT INTO outbox_with_filings (id, case_number, filing_id, kind, payload, created_at, pushed_at,
    attempts, last_error_code, last_error_message, next_attempt_at, failed_at)
SELECT id, case_number, NULL, kind, payload, created_at, pushed_at,
    attempts, last_error_code, last_error_message, next_attempt_at, failed_at
FROM outbox;
DELETE FROM sqlite_sequence WHERE name = 'outbox_with_filings';
INSERT INTO sqlite_sequence (name, seq)
SELECT 'outbox_with_filings', seq FROM sqlite_sequence WHERE name = 'outbox';
DROP TABLE outbox;
ALTER TABLE outbox_with_filings RENAME TO outbox;
CREATE INDEX outbox_pending ON outbox (id) WHERE pushed_at IS NULL;
CREATE INDEX outbox_by_case ON outbox (case_number);
CREATE UNIQUE INDEX outbox_filing_once ON outbox (filing_id) WHERE filing_id IS NOT NULL;

-- A bound desk adopts the hub's grants of the signed-in person, and the hub
-- grants window clerks (`window_clerk`, scoped to their window unit) too.
-- The table is rebuilt to admit the role, as 20261205000000 did.
CREATE TABLE grants_with_window_clerk (
    person TEXT NOT NULL CHECK (length(person) > 0),
    role TEXT NOT NULL CHECK (role IN ('officer', 'guide_editor', 'manager', 'department_admin',
                                       'window_clerk', 'classified_clearance')),
    -- A department's (or window unit's) name, or '*' for all of them.
    scope TEXT NOT NULL CHECK (length(scope) > 0),
    UNIQUE (person, role, scope)
);
INSERT INTO grants_with_window_clerk (person, role, scope) SELECT person, role, scope FROM grants;
DROP TABLE grants;
ALTER TABLE grants_with_window_clerk RENAME TO grants;
