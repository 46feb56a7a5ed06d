-- Rows a database of schema version 20261126040000 (filings) adds, written as that
-- version's SQL on top of the rows of the earlier versions' seeds (see
-- 20261126000000.sql). Never change this file once the version has shipped.

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
