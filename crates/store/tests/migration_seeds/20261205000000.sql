-- Rows a database of schema version 20261205000000 (instant and classified
-- items) adds, written as that version's SQL on top of the rows of the
-- earlier versions' seeds (see 20261126000000.sql). Never change this file
-- once the version has shipped.

-- The version adds no table, only columns: the food licence became an
-- instant item entrusted to the approval bureau, its draft saying so too
-- (published versions are immutable); the land registration became
-- classified.
UPDATE items SET instant_json = '{"handled_by":{"name":"蓝田县行政审批服务局","mode":"entrusted"}}'
WHERE code = '610100-XK-0001';
UPDATE guide_versions SET instant_json = '{"handled_by":{"name":"蓝田县行政审批服务局","mode":"entrusted"}}'
WHERE item_code = '610100-XK-0001' AND state = 'draft';
UPDATE items SET classified = 1 WHERE code = '610100-QR-0002';

-- A clearance for the classified item's department.
INSERT INTO grants (person, role, scope) VALUES ('赵科员', 'classified_clearance', '自然资源局');
