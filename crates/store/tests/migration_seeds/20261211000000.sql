-- Rows a database of schema version 20261211000000 (every exchange state
-- and filings pushed, window clerks' grants) adds, written as that
-- version's SQL on top of the rows of the earlier versions' seeds (see
-- 20261126000000.sql). Never change this file once the version has shipped.

-- A public-notice and a delivery record of the seeded case, and the seeded
-- filing's record for the hub; a window clerk's grant.
INSERT INTO outbox (case_number, filing_id, kind, payload, created_at)
VALUES ('SX2026-000123', NULL, 'public_notice',
    '{"case":"SX2026-000123","from":"2026-03-10","to":"2026-03-16","text":"公示"}',
    '2026-03-10T10:00:00+08:00');
INSERT INTO outbox (case_number, filing_id, kind, payload, created_at)
VALUES ('SX2026-000123', NULL, 'delivery',
    '{"case":"SX2026-000123","delivered_at":"2026-03-18T10:00:00+08:00"}',
    '2026-03-18T10:00:00+08:00');
INSERT INTO outbox (case_number, filing_id, kind, payload, created_at)
VALUES (NULL, 'BA-2026-0001', 'filing', '{"filing":{"id":"BA-2026-0001"}}',
    '2026-03-18T11:00:00+08:00');

INSERT INTO grants (person, role, scope) VALUES ('周窗口', 'window_clerk', '蓝田县政务服务中心');
