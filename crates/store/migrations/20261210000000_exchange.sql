-- The exchange with the hub (交换平台, issue 13): the profile's binding to a
-- hub, the feed cursor and the last sync's outcome, the transferred cases as
-- pulled (with the wire fields the case model does not keep) and their
-- material files, the push state of each outbox record, the sealed result
-- documents waiting to be pushed, and the applicants' reviews and filing
-- decisions the feed brought.
--
-- Times are RFC 3339; the ones compared in queries (`next_attempt_at`) are
-- written in China Standard Time with milliseconds, so text order is time
-- order. Once a version of the app has shipped with this file, it never
-- changes.

-- One row at most: the hub this profile is bound to, and who signed in.
-- Once it exists, the signed-in person is who acts (`--as` and
-- APPROVAL_DESK_USER are refused). The token is never here: it lives in the
-- OS keyring.
CREATE TABLE hub_binding (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    url TEXT NOT NULL CHECK (length(trim(url)) > 0),
    account TEXT NOT NULL CHECK (length(trim(account)) > 0),
    -- The person's name as the hub gave it: actions are recorded under it.
    person TEXT NOT NULL CHECK (length(trim(person)) > 0),
    -- An extra trusted CA (PEM file) for the hub's TLS certificate.
    ca_path TEXT,
    bound_at TEXT NOT NULL
);

-- One row: the exchange's state of this profile. `desk_id` is made once
-- (a UUID) and names the profile's audit chain and its push keys
-- (`desk-<desk id>-outbox-<id>`), so it never changes, even when the profile
-- is bound to another hub.
CREATE TABLE exchange_state (
    id INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
    desk_id TEXT NOT NULL UNIQUE CHECK (length(desk_id) = 36),
    -- The last feed entry stored (the hub's sequence number); 0: none yet.
    feed_cursor INTEGER NOT NULL DEFAULT 0 CHECK (feed_cursor >= 0),
    -- The last entry the hub was told the desk has (acknowledged).
    acknowledged INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged >= 0),
    -- The length of the audit chain last pushed as a checkpoint.
    checkpoint_length INTEGER NOT NULL DEFAULT 0 CHECK (checkpoint_length >= 0),
    last_success_at TEXT,
    last_attempt_at TEXT,
    -- The last sync's failure (an `ErrorCode` word and its message); NULL
    -- after a successful one.
    last_error_code TEXT,
    last_error_message TEXT
);

-- The push state of each outbox record. `pushed_at` (in `outbox`) says it
-- reached the hub; `failed_at` that the hub refused it for good (its code and
-- message kept), which holds back the later records of the same case.
ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0);
ALTER TABLE outbox ADD COLUMN last_error_code TEXT;
ALTER TABLE outbox ADD COLUMN last_error_message TEXT;
ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;
ALTER TABLE outbox ADD COLUMN failed_at TEXT;

-- Transferred cases as pulled from the feed: the wire form
-- (`approval_contract::cases::TransferredCase`, JSON) keeps what the case
-- model does not (applicant kind, receiving and handling windows, direct
-- mailing). `stored_at` is set once the case is in `cases`; until then
-- (an item not imported yet, a bundle instance still incomplete) the refusal
-- is kept and every sync tries again.
CREATE TABLE pulled_transfers (
    case_number TEXT PRIMARY KEY NOT NULL CHECK (length(trim(case_number)) > 0),
    feed_seq INTEGER NOT NULL CHECK (feed_seq >= 1),
    body TEXT NOT NULL CHECK (json_valid(body)),
    pulled_at TEXT NOT NULL,
    stored_at TEXT,
    refusal_code TEXT,
    refusal_message TEXT
);

CREATE INDEX pulled_transfers_waiting ON pulled_transfers (feed_seq) WHERE stored_at IS NULL;

-- The material files of pulled cases, checked against their SHA-256 when
-- fetched; `position` is the material's index in the transfer.
CREATE TABLE case_material_files (
    case_number TEXT NOT NULL REFERENCES pulled_transfers (case_number),
    position INTEGER NOT NULL CHECK (position >= 0),
    material_name TEXT NOT NULL,
    file_name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    -- Lower-case hex SHA-256 of `content`.
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    content BLOB NOT NULL,
    PRIMARY KEY (case_number, position)
) WITHOUT ROWID;

-- The sealed result document of a decided case (准予/不予行政许可决定书 with
-- the department's e-seal): a result push waits until it is here.
CREATE TABLE result_documents (
    case_number TEXT PRIMARY KEY NOT NULL REFERENCES cases (number),
    file_name TEXT NOT NULL CHECK (length(trim(file_name)) > 0),
    media_type TEXT NOT NULL,
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    content BLOB NOT NULL,
    verification_code TEXT NOT NULL,
    sealed_at TEXT NOT NULL
);

-- Applicants' reviews (好差评) as the feed brought them; supervision reads
-- them (a bad one opens a rectification).
CREATE TABLE case_reviews (
    feed_seq INTEGER PRIMARY KEY NOT NULL CHECK (feed_seq >= 1),
    case_number TEXT NOT NULL CHECK (length(trim(case_number)) > 0),
    -- The review level's wire code (`approval_contract::codes::ReviewLevel`).
    level TEXT NOT NULL CHECK (level IN ('1', '2', '3', '4', '5')),
    comment TEXT NOT NULL,
    at TEXT NOT NULL,
    pulled_at TEXT NOT NULL
);

CREATE INDEX case_reviews_by_case ON case_reviews (case_number);

-- Decisions on this department's filings as the feed brought them, and
-- whether the local filing took them (`applied`; `note` says why not).
CREATE TABLE hub_filing_decisions (
    feed_seq INTEGER PRIMARY KEY NOT NULL CHECK (feed_seq >= 1),
    filing_id TEXT NOT NULL,
    department TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('approve', 'reject')),
    comment TEXT NOT NULL,
    decided_by TEXT NOT NULL,
    at TEXT NOT NULL,
    applied BOOLEAN NOT NULL CHECK (applied IN (0, 1)),
    note TEXT
);
