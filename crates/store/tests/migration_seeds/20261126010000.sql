-- Rows a database of schema version 20261126010000 (audit) adds, written as that
-- version's SQL on top of the rows of the earlier versions' seeds (see
-- 20261126000000.sql). Never change this file once the version has shipped.

-- The audit log: two chained entries (the first links to 64 zeros).
INSERT INTO audit_log (sequence, at, actor, action, subject, before_json, after_json,
    previous_hash, hash)
VALUES
    (1, '2026-11-26T09:30:00+08:00', '王科员', 'guide.publish', 'guide:610100-XK-0001/1',
     '{"state":"draft"}',
     '{"state":"published","effective_from":"2026-01-01T00:00:00+08:00"}',
     '0000000000000000000000000000000000000000000000000000000000000000',
     '588c1d1496303734feb18b79bee436cc762ed4b6d5ace2376b3c8084a3665e21'),
    (2, '2026-11-26T10:15:42.250+08:00', '李审批', 'case.accept', 'case:SX2026-000123',
     'null',
     '{"state":"accepted","item":"610100-XK-0001","deadline":"2026-12-24T24:00:00+08:00","days":20}',
     '588c1d1496303734feb18b79bee436cc762ed4b6d5ace2376b3c8084a3665e21',
     '8bb1e93442960b09af8cfb6f00a2a37e971ca131266be201eebc6a6f9ec4364b');
