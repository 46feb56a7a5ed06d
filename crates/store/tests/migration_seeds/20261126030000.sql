-- Rows a database of schema version 20261126030000 (department) adds, written as that
-- version's SQL on top of the rows of the earlier versions' seeds (see
-- 20261126000000.sql). Never change this file once the version has shipped.

-- The department workflow.
INSERT INTO department_workflow (id, body, updated_at)
VALUES (1, '{"department":"市场监督管理局","role_holders":{"承办人":["张三"]},"supervisors":["孙科长"],"sign_offs":{},"assignment_rules":{},"delegations":[],"urge_interval_minutes":240}',
    '2026-03-01T09:00:00+08:00');
