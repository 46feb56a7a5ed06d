-- One case's history (the case view) reads the audit entries of its
-- subject only: without this index that read scanned the whole log, which
-- grows with every action of every case.
CREATE INDEX audit_log_by_subject ON audit_log (subject, sequence);
