-- The audit trail (审计日志): who did what to which subject, when, with its
-- state before and after; one row an `approval_core::audit::AuditEntry`.
--
-- Entries are hash-chained (the hash is defined in approval_core::audit and
-- checked by `deskctl audit verify`). The log is append-only in the schema
-- itself: the triggers at the end refuse any UPDATE or DELETE, and any
-- INSERT but the next entry after the last one (numbered one more, linked to
-- its hash) — which also stops INSERT OR REPLACE, whose implicit delete
-- fires no delete trigger. Two writers that read the same last entry cannot
-- both append after it: the second insert fails and is retried.
-- Once a version of the app has shipped with this file, it never changes.

CREATE TABLE audit_log (
    sequence INTEGER PRIMARY KEY NOT NULL CHECK (sequence >= 1),
    -- RFC 3339 with its offset, exactly as hashed (chrono's to_rfc3339).
    at TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*'),
    actor TEXT NOT NULL CHECK (length(trim(actor)) > 0),
    -- e.g. 'case.accept'.
    action TEXT NOT NULL CHECK (length(trim(action)) > 0),
    -- e.g. 'case:SX2026-000123'.
    subject TEXT NOT NULL,
    before_json TEXT NOT NULL CHECK (json_valid(before_json)),
    after_json TEXT NOT NULL CHECK (json_valid(after_json)),
    -- Lower-case hex SHA-256; 64 zeros before the first entry.
    previous_hash TEXT NOT NULL CHECK (
        length(previous_hash) = 64 AND previous_hash NOT GLOB '*[^0-9a-f]*'),
    hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'),
    CHECK (sequence > 1 OR previous_hash = '0000000000000000000000000000000000000000000000000000000000000000')
);

CREATE TRIGGER audit_log_append_at_end BEFORE INSERT ON audit_log
WHEN NEW.sequence IS NOT (SELECT coalesce(max(sequence), 0) + 1 FROM audit_log)
    OR NEW.previous_hash IS NOT coalesce(
        (SELECT hash FROM audit_log ORDER BY sequence DESC LIMIT 1),
        '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN
    SELECT RAISE(ABORT, 'an audit entry must follow the last one');
END;

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
