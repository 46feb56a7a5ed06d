-- Rows a database of schema version 20261214000000 (the audit log's index
-- by subject) adds: none — the version adds an index, and the earlier
-- seeds' audit entries are read through it. Never change this file once the
-- version has shipped.
SELECT 1;
