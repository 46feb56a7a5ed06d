-- Rows a database of schema version 20261210000000 (the exchange) adds,
-- written as that version's SQL on top of the rows of the earlier versions'
-- seeds (see 20261126000000.sql). Never change this file once the version
-- has shipped.

-- A profile bound to a hub, its exchange state, the seeded case as pulled
-- with one material file, the seeded outbox row after a failed push, a
-- sealed result document, a review and a filing decision.
INSERT INTO hub_binding (id, url, account, person, ca_path, bound_at)
VALUES (1, 'https://hub.example.gov.cn', 'li.shenpi', '李审批', NULL, '2026-03-02T09:00:00+08:00');

INSERT INTO exchange_state (id, desk_id, feed_cursor, acknowledged, checkpoint_length,
    last_success_at, last_attempt_at, last_error_code, last_error_message)
VALUES (1, '0b7f8a52-6c1e-4d8e-9f43-2a5b7c9d1e60', 7, 7, 1, '2026-03-02T10:05:00+08:00',
    '2026-03-02T10:05:00+08:00', NULL, NULL);

UPDATE outbox SET attempts = 2, last_error_code = 'hub_unavailable',
    last_error_message = 'hub unavailable: connection refused',
    next_attempt_at = '2026-03-02T10:10:00.000+08:00';

INSERT INTO pulled_transfers (case_number, feed_seq, body, pulled_at, stored_at,
    refusal_code, refusal_message)
VALUES ('SX2026-000123', 7, '{"case_number":"SX2026-000123"}', '2026-03-02T10:05:00+08:00',
    '2026-03-02T10:05:00+08:00', NULL, NULL);

INSERT INTO case_material_files (case_number, position, material_name, file_name, media_type,
    sha256, content)
VALUES ('SX2026-000123', 0, '食品经营许可申请书', 'application.pdf', 'application/pdf',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', X'');

INSERT INTO result_documents (case_number, file_name, media_type, sha256, content,
    verification_code, sealed_at)
VALUES ('SX2026-000123', 'SX2026-000123-decision.pdf', 'application/pdf',
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', X'', 'ABCD-1234',
    '2026-03-10T10:00:00+08:00');

INSERT INTO case_reviews (feed_seq, case_number, level, comment, at, pulled_at)
VALUES (8, 'SX2026-000123', '4', '', '2026-03-12T10:00:00+08:00', '2026-03-12T10:05:00+08:00');

INSERT INTO hub_filing_decisions (feed_seq, filing_id, department, verdict, comment, decided_by,
    at, applied, note)
VALUES (9, 'BA-2026-0001', '市场监督管理局', 'approve', '同意', '王科长',
    '2026-03-12T11:00:00+08:00', 0, 'no such filing here');
