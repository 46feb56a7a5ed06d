-- Rows a database of schema version 20261126040000 (filings) holds, written
-- as that version's SQL. `opens_a_database_created_by_every_earlier_schema_version`
-- migrates a fresh database to this version, runs this file and opens it with
-- the current build. Never change this file once the version has shipped.
--
-- The harness wants every table non-empty, so the rows of the earlier tables
-- are those of 20261126030000.sql (its audit rows form an intact chain); the
-- filing rows follow at the end.

INSERT INTO items (code, name, item_type, department, level, setting_basis, complex,
    statutory_limit_days, statutory_limit_unit, promised_limit_days, promised_limit_unit,
    result_kind, result_needs_public_notice, delegated_to, cancelled)
VALUES
    ('610100-XK-0001', '食品经营许可', 'licensing', '市场监督管理局', 'county',
     '《中华人民共和国食品安全法》第三十五条', 0, 20, 'working_days', 10, 'working_days',
     'certificate', 0, NULL, 0),
    ('610100-QR-0002', '不动产登记确认', 'confirmation', '自然资源局', 'city',
     '《不动产登记暂行条例》第三条', 1, 30, 'natural_days', 15, 'natural_days',
     'decision_letter', 1, '高新区分局', 1);

INSERT INTO item_pending_changes (item_code, change_json, reason, requested_by, requested_at)
VALUES ('610100-XK-0001', '{"change":"rename","name":"食品经营许可（新）"}', '目录调整',
        '王科员', '2026-02-01T14:05:30+08:00');

-- Version 1: inserted as a draft with its rows, then published.
INSERT INTO guide_versions (id, item_code, number, state, stated_code, name, item_type,
    department, level, setting_basis, complex, statutory_limit_days, statutory_limit_unit,
    promised_limit_days, promised_limit_unit, result_kind, result_needs_public_notice,
    delegated_to, conditions_json, legal_basis_json, fees_json, contact_json, windows_json)
VALUES (1, '610100-XK-0001', 1, 'draft', '610100-XK-0001', '食品经营许可', 'licensing',
    '市场监督管理局', 'county', '《中华人民共和国食品安全法》第三十五条', 0, 20, 'working_days',
    10, 'working_days', 'certificate', 0, NULL,
    '["具有与经营的食品品种、数量相适应的经营场所"]',
    '[{"title":"《中华人民共和国食品安全法》","provision":"第三十五条"}]',
    '[]', '{"phone":"029-12345678","complaint_phone":"12345"}',
    '[{"name":"3 号窗口","address":"凤城八路","hours":"9:00-17:00"}]');

INSERT INTO materials (id, version_id, position, material_id, name, catalog_code, requirement,
    condition, form, originals, copies, electronic_accepted, paper_required, paper_filing,
    format_notes, filling_instructions)
VALUES
    (1, 1, 0, 'M01', '食品经营许可申请书', 'CL-0001', 'required', NULL, 'original', 1, 0, 1, 0,
     NULL, 'A4', '签字盖章'),
    (2, 1, 1, 'M02', '授权委托书', NULL, 'conditional', '委托他人办理的', 'original_and_copy',
     1, 2, 0, 1, '纸质材料备案 2026-003', '', '');

INSERT INTO material_samples (material, file_name, media_type, content)
VALUES (1, '示范文本.pdf', 'application/pdf', X'255044460000FFFE');

INSERT INTO special_stages (version_id, position, stage_id, kind, name, legal_basis, method,
    duration_kind, estimate_days, estimate_unit, filing)
VALUES
    (1, 0, 'S1', 'site_survey', '现场核查', '第十四条', '现场核查', 'estimated', 5,
     'working_days', NULL),
    (1, 1, 'S2', 'expert_review', '专家评审', '第十五条', '专家评审', 'by_filing', NULL, NULL,
     '特殊环节备案 2026-011');

INSERT INTO flowchart_steps (version_id, position, step_id, name, kind, stage, role,
    limit_days, limit_unit)
VALUES
    (1, 0, 'receive', '收件', 'start', NULL, NULL, NULL, NULL),
    (1, 1, 'accept', '受理', 'step', NULL, '承办人', 1, 'working_days'),
    (1, 2, 'review', '审查', 'step', NULL, '承办人', 5, 'working_days'),
    (1, 3, 'survey', '现场核查', 'special_stage', 'S1', NULL, NULL, NULL),
    (1, 4, 'experts', '专家评审', 'special_stage', 'S2', NULL, NULL, NULL),
    (1, 5, 'decide', '决定', 'decision', NULL, '签发人', 2, 'working_days'),
    (1, 6, 'deliver', '送达', 'end', NULL, NULL, NULL, NULL);

INSERT INTO flowchart_edges (version_id, position, from_step, to_step)
VALUES
    (1, 0, 'receive', 'accept'),
    (1, 1, 'accept', 'review'),
    (1, 2, 'accept', 'survey'),
    (1, 3, 'accept', 'experts'),
    (1, 4, 'review', 'decide'),
    (1, 5, 'survey', 'decide'),
    (1, 6, 'experts', 'decide'),
    (1, 7, 'decide', 'deliver');

UPDATE guide_versions
SET state = 'published', effective_from = '2026-01-01T00:00:00+08:00',
    published_at = '2025-12-20T10:30:00+08:00', published_by = '张科长'
WHERE id = 1;

-- Version 2: a draft.
INSERT INTO guide_versions (id, item_code, number, state, stated_code, name, item_type,
    department, level, setting_basis, complex, statutory_limit_days, statutory_limit_unit,
    promised_limit_days, promised_limit_unit, result_kind, result_needs_public_notice,
    delegated_to, conditions_json, legal_basis_json, fees_json, contact_json, windows_json)
VALUES (2, '610100-XK-0001', 2, 'draft', '610100-XK-0001', '食品经营许可', 'licensing',
    '市场监督管理局', 'county', '《中华人民共和国食品安全法》第三十五条', 0, 20, 'working_days',
    8, 'working_days', 'certificate', 0, NULL, '[]', '[]',
    '[{"name":"工本费","standard":"每件0元","basis":"财税〔2016〕42号"}]', '{}', '[]');

INSERT INTO materials (version_id, position, material_id, name, catalog_code, requirement,
    condition, form, originals, copies, electronic_accepted, paper_required, paper_filing,
    format_notes, filling_instructions)
VALUES (2, 0, 'M01', '食品经营许可申请书', NULL, 'required', NULL, 'copy', 0, 1, 1, 0, NULL,
    '', '');

INSERT INTO bundles (code, name, kind) VALUES ('TC-0001', '开餐馆', 'package');

INSERT INTO bundle_members (bundle_code, position, item_code, department)
VALUES
    ('TC-0001', 0, '610100-DJ-0001', '市场监督管理局'),
    ('TC-0001', 1, '610100-XK-0001', '市场监督管理局'),
    ('TC-0001', 2, '610100-XF-0002', '消防救援支队');

INSERT INTO bundle_prerequisites (bundle_code, position, prerequisite, dependent)
VALUES
    ('TC-0001', 0, '610100-DJ-0001', '610100-XK-0001'),
    ('TC-0001', 1, '610100-DJ-0001', '610100-XF-0002');

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

-- The department workflow.
INSERT INTO department_workflow (id, body, updated_at)
VALUES (1, '{"department":"市场监督管理局","role_holders":{"承办人":["张三"]},"supervisors":["孙科长"],"sign_offs":{},"assignment_rules":{},"delegations":[],"urge_interval_minutes":240}',
    '2026-03-01T09:00:00+08:00');

-- A submitted filing with one attachment, and two grants.
INSERT INTO filings (id, department, filed_by, type, state, replaces, body, updated_at)
VALUES ('BA-2026-0001', '市场监督管理局', '王科员', 'serial_approval', 'submitted', NULL,
    '{"id":"BA-2026-0001","department":"市场监督管理局","filed_by":"王科员","subject":{"type":"serial_approval","bundle_code":"TC-0001","prerequisite":"610100-DJ-0001","dependent":"610100-XK-0001","ground":"review_cannot_start","explanation":"未取得营业执照无法审查"},"attachments":[{"file_name":"说明.txt","media_type":"text/plain","sha256_hex":"2689367b205c16ce32ed4200942b8b8b1e262dfc70d9bc9fbc77c49699a4f1df","size":2}],"state":{"state":"submitted","at":"2026-03-03T09:00:00+08:00"},"history":[{"at":"2026-03-03T09:00:00+08:00","by":"王科员","from":"draft","to":"submitted","comment":""}]}',
    '2026-03-03T09:00:00+08:00');

INSERT INTO filing_attachments (filing_id, file_name, media_type, sha256, size, content)
VALUES ('BA-2026-0001', '说明.txt', 'text/plain',
    '2689367b205c16ce32ed4200942b8b8b1e262dfc70d9bc9fbc77c49699a4f1df', 2, X'6F6B');

INSERT INTO grants (person, role, scope)
VALUES ('孙科长', 'manager', '*'), ('王科员', 'officer', '市场监督管理局');
