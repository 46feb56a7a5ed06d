-- The department's way of working (assignment rules, role holders, 会签/或签,
-- delegations, the urging interval): one document per profile.
CREATE TABLE department_workflow (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    body TEXT NOT NULL CHECK (json_valid(body) AND json_type(body) = 'object'),
    updated_at TEXT NOT NULL CHECK (length(updated_at) > 0)
);
