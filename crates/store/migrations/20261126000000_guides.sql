-- Service items, their versioned guides (materials and sample files, special
-- stages, flowcharts) and bundles.
--
-- Enumerations are stored as the snake_case names of the exchange format
-- (the same words serde writes), checked here. Instants are RFC 3339 text
-- with their offset. A published guide version and every row under it are
-- immutable: the triggers at the end refuse any change.
-- Once a version of the app has shipped with this file, it never changes:
-- later schema changes are new, additive migrations.

-- The item in force (政务服务事项). `code` is the catalogue code.
CREATE TABLE items (
    code TEXT PRIMARY KEY NOT NULL CHECK (length(trim(code)) > 0),
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    item_type TEXT NOT NULL CHECK (item_type IN (
        'licensing', 'confirmation', 'payment', 'ruling', 'reward', 'record',
        'other_power', 'public_service')),
    department TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province', 'city', 'county', 'township')),
    setting_basis TEXT NOT NULL,
    complex BOOLEAN NOT NULL CHECK (complex IN (0, 1)),
    statutory_limit_days INTEGER NOT NULL CHECK (statutory_limit_days BETWEEN 0 AND 4294967295),
    statutory_limit_unit TEXT NOT NULL CHECK (statutory_limit_unit IN ('working_days', 'natural_days')),
    promised_limit_days INTEGER NOT NULL CHECK (promised_limit_days BETWEEN 0 AND 4294967295),
    promised_limit_unit TEXT NOT NULL CHECK (promised_limit_unit IN ('working_days', 'natural_days')),
    result_kind TEXT NOT NULL CHECK (result_kind IN (
        'decision_letter', 'certificate', 'approval_document', 'other')),
    result_needs_public_notice BOOLEAN NOT NULL CHECK (result_needs_public_notice IN (0, 1)),
    delegated_to TEXT,
    cancelled BOOLEAN NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1))
);

-- A change waiting for approval (Art 5), kept apart from the definition in
-- force: at most one per item.
CREATE TABLE item_pending_changes (
    item_code TEXT PRIMARY KEY NOT NULL REFERENCES items (code) ON DELETE CASCADE,
    -- `ItemChange` as the exchange format's JSON, e.g. {"change":"rename","name":"…"}.
    change_json TEXT NOT NULL CHECK (json_valid(change_json)),
    reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    requested_by TEXT NOT NULL,
    requested_at TEXT NOT NULL
);

-- One version of an item's guide (办事指南). The statement columns are the
-- item as this version states it (`GuideVersion::item`).
CREATE TABLE guide_versions (
    id INTEGER PRIMARY KEY NOT NULL,
    item_code TEXT NOT NULL REFERENCES items (code),
    number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 4294967295),
    state TEXT NOT NULL CHECK (state IN ('draft', 'published')),
    effective_from TEXT,
    published_at TEXT,
    published_by TEXT,
    stated_code TEXT NOT NULL,
    name TEXT NOT NULL,
    item_type TEXT NOT NULL CHECK (item_type IN (
        'licensing', 'confirmation', 'payment', 'ruling', 'reward', 'record',
        'other_power', 'public_service')),
    department TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province', 'city', 'county', 'township')),
    setting_basis TEXT NOT NULL,
    complex BOOLEAN NOT NULL CHECK (complex IN (0, 1)),
    statutory_limit_days INTEGER NOT NULL CHECK (statutory_limit_days BETWEEN 0 AND 4294967295),
    statutory_limit_unit TEXT NOT NULL CHECK (statutory_limit_unit IN ('working_days', 'natural_days')),
    promised_limit_days INTEGER NOT NULL CHECK (promised_limit_days BETWEEN 0 AND 4294967295),
    promised_limit_unit TEXT NOT NULL CHECK (promised_limit_unit IN ('working_days', 'natural_days')),
    result_kind TEXT NOT NULL CHECK (result_kind IN (
        'decision_letter', 'certificate', 'approval_document', 'other')),
    result_needs_public_notice BOOLEAN NOT NULL CHECK (result_needs_public_notice IN (0, 1)),
    delegated_to TEXT,
    -- Lists and small records of the guide, as the exchange format's JSON.
    conditions_json TEXT NOT NULL CHECK (json_valid(conditions_json) AND json_type(conditions_json) = 'array'),
    legal_basis_json TEXT NOT NULL CHECK (json_valid(legal_basis_json) AND json_type(legal_basis_json) = 'array'),
    fees_json TEXT NOT NULL CHECK (json_valid(fees_json) AND json_type(fees_json) = 'array'),
    contact_json TEXT NOT NULL CHECK (json_valid(contact_json) AND json_type(contact_json) = 'object'),
    windows_json TEXT NOT NULL CHECK (json_valid(windows_json) AND json_type(windows_json) = 'array'),
    UNIQUE (item_code, number),
    CHECK (
        (state = 'draft' AND effective_from IS NULL AND published_at IS NULL AND published_by IS NULL)
        OR (state = 'published' AND effective_from IS NOT NULL AND published_at IS NOT NULL
            AND published_by IS NOT NULL AND length(trim(published_by)) > 0)
    )
);

-- At most one draft per item.
CREATE UNIQUE INDEX guide_versions_one_draft ON guide_versions (item_code) WHERE state = 'draft';

-- The guide's materials (申请材料), in the guide's order. `material_id` is
-- the guide's own id (e.g. M03); a draft may still repeat one, so rows are
-- keyed by position.
CREATE TABLE materials (
    id INTEGER PRIMARY KEY NOT NULL,
    version_id INTEGER NOT NULL REFERENCES guide_versions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    material_id TEXT NOT NULL,
    name TEXT NOT NULL,
    catalog_code TEXT,
    requirement TEXT NOT NULL CHECK (requirement IN ('required', 'conditional')),
    condition TEXT,
    form TEXT NOT NULL CHECK (form IN ('original', 'copy', 'original_and_copy')),
    originals INTEGER NOT NULL CHECK (originals BETWEEN 0 AND 4294967295),
    copies INTEGER NOT NULL CHECK (copies BETWEEN 0 AND 4294967295),
    electronic_accepted BOOLEAN NOT NULL CHECK (electronic_accepted IN (0, 1)),
    paper_required BOOLEAN NOT NULL CHECK (paper_required IN (0, 1)),
    paper_filing TEXT,
    format_notes TEXT NOT NULL,
    filling_instructions TEXT NOT NULL,
    UNIQUE (version_id, position),
    CHECK ((requirement = 'required') = (condition IS NULL))
);

-- A material's sample document or blank form (示范文本), as raw bytes.
CREATE TABLE material_samples (
    material INTEGER PRIMARY KEY NOT NULL REFERENCES materials (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL CHECK (length(trim(file_name)) > 0),
    media_type TEXT NOT NULL CHECK (length(trim(media_type)) > 0),
    content BLOB NOT NULL
);

-- Special stages (特殊环节, Art 11): an estimated duration or a filing.
CREATE TABLE special_stages (
    id INTEGER PRIMARY KEY NOT NULL,
    version_id INTEGER NOT NULL REFERENCES guide_versions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    stage_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN (
        'site_survey', 'expert_review', 'hearing', 'public_notice', 'other')),
    name TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    method TEXT NOT NULL,
    duration_kind TEXT NOT NULL CHECK (duration_kind IN ('estimated', 'by_filing')),
    estimate_days INTEGER CHECK (estimate_days BETWEEN 0 AND 4294967295),
    estimate_unit TEXT CHECK (estimate_unit IN ('working_days', 'natural_days')),
    filing TEXT,
    UNIQUE (version_id, position),
    CHECK (
        (duration_kind = 'estimated' AND estimate_days IS NOT NULL AND estimate_unit IS NOT NULL AND filing IS NULL)
        OR (duration_kind = 'by_filing' AND estimate_days IS NULL AND estimate_unit IS NULL AND filing IS NOT NULL)
    )
);

-- The flowchart's steps (办事流程图), in the chart's order.
CREATE TABLE flowchart_steps (
    id INTEGER PRIMARY KEY NOT NULL,
    version_id INTEGER NOT NULL REFERENCES guide_versions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    step_id TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('start', 'step', 'special_stage', 'decision', 'end')),
    -- For a special-stage step: the `stage_id` of one of the version's stages.
    stage TEXT,
    role TEXT,
    limit_days INTEGER CHECK (limit_days BETWEEN 0 AND 4294967295),
    limit_unit TEXT CHECK (limit_unit IN ('working_days', 'natural_days')),
    UNIQUE (version_id, position),
    CHECK ((limit_days IS NULL) = (limit_unit IS NULL))
);

-- The flowchart's edges, naming steps by their `step_id`. A draft may still
-- name a step that does not exist (the guide check reports it), so there is
-- no foreign key to the steps.
CREATE TABLE flowchart_edges (
    id INTEGER PRIMARY KEY NOT NULL,
    version_id INTEGER NOT NULL REFERENCES guide_versions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    from_step TEXT NOT NULL,
    to_step TEXT NOT NULL,
    UNIQUE (version_id, position)
);

CREATE INDEX materials_version ON materials (version_id);
CREATE INDEX special_stages_version ON special_stages (version_id);
CREATE INDEX flowchart_steps_version ON flowchart_steps (version_id);
CREATE INDEX flowchart_edges_version ON flowchart_edges (version_id);

-- Published guide versions are immutable: the version row (the draft ->
-- published change is the last update it takes) and every row under it.
CREATE TRIGGER guide_versions_published_no_update
BEFORE UPDATE ON guide_versions WHEN OLD.state = 'published'
BEGIN SELECT RAISE(ABORT, 'published guide versions are immutable'); END;

CREATE TRIGGER guide_versions_published_no_delete
BEFORE DELETE ON guide_versions WHEN OLD.state = 'published'
BEGIN SELECT RAISE(ABORT, 'published guide versions are immutable'); END;

CREATE TRIGGER materials_published_no_insert
BEFORE INSERT ON materials
WHEN EXISTS (SELECT 1 FROM guide_versions WHERE id = NEW.version_id AND state = 'published')
BEGIN SELECT RAISE(ABORT, 'published guide versions are immutable'); END;

CREATE TRIGGER materials_published_no_update
BEFORE UPDATE ON materials
WHEN EXISTS (SELECT 1 FROM guide_versions WHERE id = OLD.version_id AND state = 'published')
  OR EXISTS (SELECT 1 FROM guide_versions WHERE id = NEW.version_id AND state = 'published')
BEGIN SELECT RAISE(ABORT, 'published guide versions are immutable'); END;

CREATE TRIGGER materials_published_no_delete
BEFORE DELETE ON materials
WHEN EXISTS (SELECT 1 FROM guide_versions WHERE id = OLD.version_id AND state = 'published')
BEGIN SELECT RAISE(ABORT, 'published guide versions are immutable'); END;

CREATE TRIGGER material_samples_published_no_insert
BEFORE INSERT ON material_samples
WHEN EXISTS (SELECT 1 FROM materials JOIN guide_versions ON guide_versions.id = materials.version_id
        WHERE materials.id = NEW.material AND guide_versions.state = 'published')
BEGIN SELECT RAISE(ABORT, 'published guide versions are immutable'); END;

CREATE TRIGGER material_samples_published_no_update
BEFORE UPDATE ON material_samples
WHEN EXISTS (SELECT 1 FROM materials JOIN guide_versions ON guide_versions.id = materials.version_id
        WHERE materials.id = OLD.material AND guide_versions.state = 'published')
  OR EXISTS (SELECT 1 FROM materials JOIN guide_versions ON guide_versions.id = materials.version_id
        WHERE materials.id = NEW.material AND guide_versions.state = 'published')
BEGIN SELECT RAISE(ABORT, 'published guide versions are immutable'); END;

CREATE TRIGGER material_samples_published_no_delete
BEFORE DELETE ON material_samples
WHEN EXISTS (SELECT 1 FROM materials JOIN guide_versions ON guide_versions.id = materials.version_id
        WHERE materials.id = OLD.material AND guide_versions.state = 'published')
BEGIN SELECT RAISE(ABORT, 'published guide versions are immutable'); END;

CREATE TRIGGER special_stages_published_no_insert
BEFORE INSERT ON special_stages
WHEN EXISTS (SELECT 1 FROM guide_versions WHERE id = NEW.version_id AND state = 'published')
BEGIN SELECT RAISE(ABORT, 'published guide versions are immutable'); END;

CREATE TRIGGER special_stages_published_no_update
BEFORE UPDATE ON special_stages
WHEN EXISTS (SELECT 1 FROM guide_versions WHERE id = OLD.version_id AND state = 'published')
  OR EXISTS (SELECT 1 FROM guide_versions WHERE id = NEW.version_id AND state = 'published')
BEGIN SELECT RAISE(ABORT, 'published guide versions are immutable'); END;

CREATE TRIGGER special_stages_published_no_delete
BEFORE DELETE ON special_stages
WHEN EXISTS (SELECT 1 FROM guide_versions WHERE id = OLD.version_id AND state = 'published')
BEGIN SELECT RAISE(ABORT, 'published guide versions are immutable'); END;

CREATE TRIGGER flowchart_steps_published_no_insert
BEFORE INSERT ON flowchart_steps
WHEN EXISTS (SELECT 1 FROM guide_versions WHERE id = NEW.version_id AND state = 'published')
BEGIN SELECT RAISE(ABORT, 'published guide versions are immutable'); END;

CREATE TRIGGER flowchart_steps_published_no_update
BEFORE UPDATE ON flowchart_steps
WHEN EXISTS (SELECT 1 FROM guide_versions WHERE id = OLD.version_id AND state = 'published')
  OR EXISTS (SELECT 1 FROM guide_versions WHERE id = NEW.version_id AND state = 'published')
BEGIN SELECT RAISE(ABORT, 'published guide versions are immutable'); END;

CREATE TRIGGER flowchart_steps_published_no_delete
BEFORE DELETE ON flowchart_steps
WHEN EXISTS (SELECT 1 FROM guide_versions WHERE id = OLD.version_id AND state = 'published')
BEGIN SELECT RAISE(ABORT, 'published guide versions are immutable'); END;

CREATE TRIGGER flowchart_edges_published_no_insert
BEFORE INSERT ON flowchart_edges
WHEN EXISTS (SELECT 1 FROM guide_versions WHERE id = NEW.version_id AND state = 'published')
BEGIN SELECT RAISE(ABORT, 'published guide versions are immutable'); END;

CREATE TRIGGER flowchart_edges_published_no_update
BEFORE UPDATE ON flowchart_edges
WHEN EXISTS (SELECT 1 FROM guide_versions WHERE id = OLD.version_id AND state = 'published')
  OR EXISTS (SELECT 1 FROM guide_versions WHERE id = NEW.version_id AND state = 'published')
BEGIN SELECT RAISE(ABORT, 'published guide versions are immutable'); END;

CREATE TRIGGER flowchart_edges_published_no_delete
BEFORE DELETE ON flowchart_edges
WHEN EXISTS (SELECT 1 FROM guide_versions WHERE id = OLD.version_id AND state = 'published')
BEGIN SELECT RAISE(ABORT, 'published guide versions are immutable'); END;

-- Bundles (并联服务 / 套餐服务). Members may be other departments' items,
-- which this profile need not hold, so `item_code` is not a foreign key.
CREATE TABLE bundles (
    code TEXT PRIMARY KEY NOT NULL CHECK (length(trim(code)) > 0),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('parallel', 'package'))
);

CREATE TABLE bundle_members (
    bundle_code TEXT NOT NULL REFERENCES bundles (code) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    item_code TEXT NOT NULL,
    department TEXT NOT NULL,
    PRIMARY KEY (bundle_code, position)
);

-- `dependent` needs `prerequisite`'s result (前置事项 → 后置事项).
CREATE TABLE bundle_prerequisites (
    bundle_code TEXT NOT NULL REFERENCES bundles (code) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    prerequisite TEXT NOT NULL,
    dependent TEXT NOT NULL,
    PRIMARY KEY (bundle_code, position)
);
