-- The hub's schema. Portable SQL for SQLite and PostgreSQL (one folder for
-- both): TEXT times (RFC 3339 UTC), BIGINT numbers, BYTEA blobs (SQLite
-- keeps a blob as given in any column), no auto-increment: the one sequence
-- is hub_counter, bumped inside each writing transaction.

-- The feed cursor and the order of everything written (see db.rs: the row
-- lock on this one row serializes writers, so sequence order is commit order).
CREATE TABLE hub_counter (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO hub_counter (name, value) VALUES ('seq', 0);

-- Window units (政务服务窗口) and their hierarchy (Art 16).
CREATE TABLE window_units (
    name TEXT PRIMARY KEY,
    parent TEXT REFERENCES window_units (name)
);

CREATE TABLE departments (
    name TEXT PRIMARY KEY
);

CREATE TABLE accounts (
    account TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- scope '*' is every department and unit (core's Scope::All).
CREATE TABLE grants (
    account TEXT NOT NULL REFERENCES accounts (account),
    role TEXT NOT NULL,
    scope TEXT NOT NULL,
    PRIMARY KEY (account, role, scope)
);

-- Only the SHA-256 of a token is kept: a copy of the database signs nobody in.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account TEXT NOT NULL REFERENCES accounts (account),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);

-- One row per push key: the effect and this row commit together, and the
-- primary key makes a second effect impossible whichever hub process asks.
CREATE TABLE idempotency (
    scope TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    answer TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (scope, idem_key)
);

CREATE TABLE files (
    id TEXT PRIMARY KEY,
    case_number TEXT,
    filing_id TEXT,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content BYTEA NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX files_case ON files (case_number);

CREATE TABLE catalogue_guides (
    implementation_code TEXT NOT NULL,
    version BIGINT NOT NULL,
    item_code TEXT NOT NULL,
    name TEXT NOT NULL,
    department TEXT NOT NULL,
    guide TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL,
    PRIMARY KEY (implementation_code, version)
);
CREATE INDEX catalogue_guides_item ON catalogue_guides (item_code);

CREATE TABLE catalogue_bundles (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    definition TEXT NOT NULL,
    published_at TEXT NOT NULL,
    published_by TEXT NOT NULL
);

CREATE TABLE bundle_instances (
    instance TEXT PRIMARY KEY,
    bundle_code TEXT NOT NULL,
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);

CREATE TABLE cases (
    case_number TEXT PRIMARY KEY,
    implementation_code TEXT NOT NULL,
    handling_item_code TEXT,
    item_code TEXT NOT NULL,
    kind TEXT NOT NULL,
    applicant TEXT NOT NULL,
    received_at TEXT NOT NULL,
    receiving_window TEXT NOT NULL,
    handling_window TEXT NOT NULL,
    reported_to TEXT NOT NULL,
    direct_mailing BIGINT NOT NULL,
    materials TEXT NOT NULL,
    state TEXT NOT NULL,
    department TEXT,
    bundle_instance TEXT,
    transfer_seq BIGINT,
    transferred_at TEXT,
    acknowledged_at TEXT,
    outcome TEXT,
    result TEXT,
    released BIGINT NOT NULL,
    created_by TEXT NOT NULL,
    created_seq BIGINT NOT NULL
);
CREATE INDEX cases_department ON cases (department, transfer_seq);
CREATE INDEX cases_instance ON cases (bundle_instance);

-- Which window units see a case: the receiving and handling units, and the
-- upper units a cross-level transfer was reported to (Art 16).
CREATE TABLE case_units (
    case_number TEXT NOT NULL REFERENCES cases (case_number),
    unit TEXT NOT NULL,
    relation TEXT NOT NULL,
    PRIMARY KEY (case_number, unit, relation)
);
CREATE INDEX case_units_unit ON case_units (unit);

CREATE TABLE case_history (
    case_number TEXT NOT NULL REFERENCES cases (case_number),
    seq BIGINT NOT NULL,
    state TEXT NOT NULL,
    at TEXT NOT NULL,
    by_unit TEXT NOT NULL,
    detail TEXT NOT NULL,
    PRIMARY KEY (case_number, seq)
);

CREATE TABLE reviews (
    case_number TEXT NOT NULL REFERENCES cases (case_number),
    seq BIGINT NOT NULL,
    review TEXT NOT NULL,
    PRIMARY KEY (case_number, seq)
);

-- What a department pulls: transfers, reviews, filing decisions.
CREATE TABLE feed (
    seq BIGINT PRIMARY KEY,
    department TEXT NOT NULL,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    item TEXT NOT NULL
);
CREATE INDEX feed_department ON feed (department, seq);

CREATE TABLE filings (
    id TEXT PRIMARY KEY,
    department TEXT NOT NULL,
    filed_by TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    state TEXT NOT NULL,
    filing TEXT NOT NULL,
    attachments TEXT NOT NULL,
    decision TEXT,
    seq BIGINT NOT NULL
);

CREATE TABLE efficiency (
    department TEXT NOT NULL,
    day TEXT NOT NULL,
    figures TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,
    PRIMARY KEY (department, day)
);

CREATE TABLE checkpoints (
    id TEXT PRIMARY KEY,
    desk TEXT NOT NULL,
    length BIGINT NOT NULL,
    head TEXT NOT NULL,
    at TEXT NOT NULL,
    pushed_by TEXT NOT NULL,
    seq BIGINT NOT NULL
);
CREATE INDEX checkpoints_desk ON checkpoints (desk, seq);
