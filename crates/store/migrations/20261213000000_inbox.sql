-- The officer's inbox (待办) at 100,000 cases: keyset pages by the current
-- deadline and the case number, filtered without reading the case bodies.
--
-- `applicant` (the applicant's name, searched by a part of it) and
-- `bundle_code` (the bundle definition's code of the case's bundle instance)
-- are copies of what `body` and `bundle_instances` hold, written with every
-- insert and transition; existing rows are filled from them here.
-- `due_order` is the sort key: the current deadline, or '~' (after every
-- digit, so after every instant) when none runs: due ascending, nulls last.
-- One index serves every inbox page and count: its leading columns give the
-- order and the keyset seek, the rest let every filter be checked in the
-- index alone, reading a case's row only once it is on the page.
-- Once a version of the app has shipped with this file, it never changes.

ALTER TABLE cases ADD COLUMN applicant TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN bundle_code TEXT;
ALTER TABLE cases ADD COLUMN due_order TEXT GENERATED ALWAYS AS (coalesce(due, '~')) VIRTUAL;

UPDATE cases SET applicant = coalesce(json_extract(body, '$.applicant.name'), '');
UPDATE cases SET bundle_code = (
    SELECT json_extract(b.body, '$.bundle.code') FROM bundle_instances b
    WHERE b.id = cases.bundle_instance
) WHERE bundle_instance IS NOT NULL;

-- Superseded by cases_inbox (the same order, nulls last).
DROP INDEX cases_by_due;
CREATE INDEX cases_inbox ON cases (due_order, number, state, item_code, officer,
    bundle_code, due, applicant, received_at);
