-- Rows a database of schema version 20261212000000 (paper tracking
-- numbers) adds, written as that version's SQL on top of the rows of the
-- earlier versions' seeds (see 20261126000000.sql). Never change this file
-- once the version has shipped.

INSERT INTO paper_tracking (case_number, tracking_number, recorded_at, recorded_by)
VALUES ('SX2026-000123', 'ZW2026031800001', '2026-03-18T09:00:00+08:00', '张三');
