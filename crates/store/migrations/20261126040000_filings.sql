-- Exemption filings (备案, design 3.5): the whole `Filing` as JSON in `body`,
-- plus the columns lists filter on; their attachments' bytes; and the role
-- grants (`approval_core::access::Grant`).
CREATE TABLE filings (
    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
    department TEXT NOT NULL CHECK (length(department) > 0),
    filed_by TEXT NOT NULL CHECK (length(filed_by) > 0),
    type TEXT NOT NULL CHECK (type IN ('serial_approval', 'special_stage',
        'paper_materials', 'result_delay', 'item_change')),
    state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'rejected',
        'withdrawn', 'revoked', 'superseded')),
    replaces TEXT CHECK (replaces IS NULL OR (length(replaces) > 0 AND replaces <> id)),
    body TEXT NOT NULL CHECK (json_valid(body) AND json_type(body) = 'object'),
    updated_at TEXT NOT NULL CHECK (length(updated_at) > 0)
);

CREATE INDEX filings_by_state ON filings (state, id);

CREATE TABLE filing_attachments (
    filing_id TEXT NOT NULL REFERENCES filings (id),
    file_name TEXT NOT NULL CHECK (length(file_name) > 0),
    media_type TEXT NOT NULL CHECK (length(media_type) > 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    size INTEGER NOT NULL CHECK (size >= 0),
    content BLOB NOT NULL CHECK (length(content) = size),
    PRIMARY KEY (filing_id, file_name)
);

CREATE TABLE grants (
    person TEXT NOT NULL CHECK (length(person) > 0),
    role TEXT NOT NULL CHECK (role IN ('officer', 'guide_editor', 'manager', 'department_admin')),
    -- A department's name, or '*' for all departments.
    scope TEXT NOT NULL CHECK (length(scope) > 0),
    UNIQUE (person, role, scope)
);
