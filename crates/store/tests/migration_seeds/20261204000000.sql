-- Rows a database of schema version 20261204000000 (case versions) adds,
-- written as that version's SQL on top of the rows of the earlier versions'
-- seeds (see 20261126000000.sql). Never change this file once the version
-- has shipped.

-- The version adds no table, only the column: the seeded case has moved on
-- twice since it was received.
UPDATE cases SET version = 3;
