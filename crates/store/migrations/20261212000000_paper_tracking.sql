-- The tracking number of a case's paper result when it travels by
-- government express (政务专递, Art 16) or by post to the applicant: the
-- officer records it when the paper leaves, and the delivery (送达) pushed
-- to the window unit carries it.
-- Once a version of the app has shipped with this file, it never changes.
CREATE TABLE paper_tracking (
    case_number TEXT PRIMARY KEY NOT NULL REFERENCES cases (number),
    tracking_number TEXT NOT NULL CHECK (length(trim(tracking_number)) > 0),
    recorded_at TEXT NOT NULL,
    recorded_by TEXT NOT NULL
);
