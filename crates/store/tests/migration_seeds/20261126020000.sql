-- Rows a database of schema version 20261126020000 (cases) adds, written as that
-- version's SQL on top of the rows of the earlier versions' seeds (see
-- 20261126000000.sql). Never change this file once the version has shipped.

-- A bundle instance and one received case with its event and an outbox row.
INSERT INTO bundle_instances (id, body)
VALUES ('BI-2026-0001', '{"id":"BI-2026-0001","bundle":{"code":"TC-0001","name":"开餐馆","kind":"package","members":[{"item_code":"610100-XK-0001","department":"市场监督管理局"}],"prerequisites":[]},"cases":{"610100-XK-0001":"SX2026-000123"},"serial_edges":[]}');

INSERT INTO cases (number, item_code, guide_version, state, received_at,
    submission_received_at, acceptance_due, processing_due, due, bundle_instance, officer, body)
VALUES ('SX2026-000123', '610100-XK-0001', 1, 'received', '2026-03-02T10:00:00+08:00',
    '2026-03-02T10:00:00+08:00', '2026-03-04T00:00:00.000+08:00', NULL,
    '2026-03-04T00:00:00.000+08:00', 'BI-2026-0001', NULL,
    '{"number":"SX2026-000123","item_code":"610100-XK-0001","guide_version":1,"applicant":{"name":"蓝田县味道餐饮店","id_type":"统一社会信用代码","id_number":"92610122MA6TXXXX1A","phone":""},"window_unit":"蓝田县政务服务中心","received_at":"2026-03-02T10:00:00+08:00","submission":1,"submission_received_at":"2026-03-02T10:00:00+08:00","materials":[{"name":"食品经营许可申请书","material_id":"M01","form":{"kind":"paper"}}],"bundle_instance":"BI-2026-0001","state":{"state":"received"},"acceptance":null,"corrections":[],"pauses":[],"steps_done":[],"decision":null,"public_notice":null,"result":{"ready_at":null,"pushed_at":null,"released_at":null}}');

INSERT INTO case_events (case_number, sequence, at, actor, on_behalf_of, kind)
VALUES ('SX2026-000123', 1, '2026-03-02T10:00:00+08:00', '蓝田县政务服务中心', NULL,
    '{"event":"received","guide_version":1}');

INSERT INTO outbox (case_number, kind, payload, created_at, pushed_at)
VALUES ('SX2026-000123', 'notice', '{"notice":"acceptance","case":"SX2026-000123"}',
    '2026-03-02T11:00:00+08:00', NULL);
