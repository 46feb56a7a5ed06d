-- The version of each case: 1 when received, one more with each recorded
-- transition. A transition is written only against the version it was
-- computed from (compare-and-set), so the window, its background sweep and
-- deskctl working on one profile at once never overwrite each other.
ALTER TABLE cases ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
