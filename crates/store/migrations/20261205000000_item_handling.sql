-- Where an item is handled and whether it may be published: an instant item
-- (即办, Art 18) as JSON (`approval_core::guide::InstantItem`, with the
-- approval bureau it went to), NULL for an item that is not instant; and the
-- classified flag (涉密敏感事项, Art 28). Both on the item in force and on
-- each guide version, like the other item fields.
ALTER TABLE items ADD COLUMN instant_json TEXT;
ALTER TABLE items ADD COLUMN classified BOOLEAN NOT NULL DEFAULT 0 CHECK (classified IN (0, 1));
ALTER TABLE guide_versions ADD COLUMN instant_json TEXT;
ALTER TABLE guide_versions ADD COLUMN classified BOOLEAN NOT NULL DEFAULT 0 CHECK (classified IN (0, 1));

-- Who may see a classified item's cases and guide: the clearance
-- (`classified_clearance`) is held like a role, so the grants' role check
-- admits it. SQLite cannot change a CHECK in place: the table is rebuilt.
CREATE TABLE grants_with_clearance (
    person TEXT NOT NULL CHECK (length(person) > 0),
    role TEXT NOT NULL CHECK (role IN ('officer', 'guide_editor', 'manager', 'department_admin',
                                       'classified_clearance')),
    -- A department's name, or '*' for all departments.
    scope TEXT NOT NULL CHECK (length(scope) > 0),
    UNIQUE (person, role, scope)
);
INSERT INTO grants_with_clearance (person, role, scope) SELECT person, role, scope FROM grants;
DROP TABLE grants;
ALTER TABLE grants_with_clearance RENAME TO grants;
