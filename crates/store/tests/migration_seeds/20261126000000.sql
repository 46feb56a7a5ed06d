-- Rows a database of schema version 20261126000000 (guides) holds, written
-- as that version's SQL. `opens_a_database_created_by_every_earlier_schema_version`
-- applies each migration in turn and, right after it, that version's seed, so
-- every seed holds only what its version added. Never change this file once
-- the version has shipped.

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
