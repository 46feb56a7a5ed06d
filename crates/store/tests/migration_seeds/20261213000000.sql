-- Rows a database of schema version 20261213000000 (the inbox's columns)
-- adds, written as that version's SQL on top of the rows of the earlier
-- versions' seeds (see 20261126000000.sql). Never change this file once the
-- version has shipped.

-- A second case, received with the new columns written as the store writes
-- them (the seeded first case has them filled by the migration).
INSERT INTO cases (number, item_code, guide_version, state, received_at,
    submission_received_at, acceptance_due, processing_due, due, bundle_instance, officer,
    applicant, bundle_code, body)
VALUES ('SX2026-000124', '610100-XK-0001', 1, 'received', '2026-03-03T10:00:00+08:00',
    '2026-03-03T10:00:00+08:00', '2026-03-05T00:00:00.000+08:00', NULL,
    '2026-03-05T00:00:00.000+08:00', NULL, NULL, '灞桥区老味道面馆', NULL,
    '{"number":"SX2026-000124","item_code":"610100-XK-0001","guide_version":1,"applicant":{"name":"灞桥区老味道面馆","id_type":"统一社会信用代码","id_number":"92610122MA6TXXXX2B","phone":""},"window_unit":"蓝田县政务服务中心","received_at":"2026-03-03T10:00:00+08:00","submission":1,"submission_received_at":"2026-03-03T10:00:00+08:00","materials":[{"name":"食品经营许可申请书","material_id":"M01","form":{"kind":"paper"}}],"bundle_instance":null,"state":{"state":"received"},"acceptance":null,"corrections":[],"pauses":[],"steps_done":[],"decision":null,"public_notice":null,"result":{"ready_at":null,"pushed_at":null,"released_at":null}}');

INSERT INTO case_events (case_number, sequence, at, actor, on_behalf_of, kind)
VALUES ('SX2026-000124', 1, '2026-03-03T10:00:00+08:00', '蓝田县政务服务中心', NULL,
    '{"event":"received","guide_version":1}');
