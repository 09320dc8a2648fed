-- Editors' reviews of the audit's failed findings: a failed check marked
-- reviewed (a known misprint of the report) is not raised again. A finding
-- is named by its key (check, document and fact keys; see pipeline/audit),
-- not a row id, so its review outlives a run of the audit.
CREATE TABLE finding_reviews (
    finding_key TEXT PRIMARY KEY,
    check_name  TEXT NOT NULL DEFAULT '',
    document    TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('pending', 'reviewed')),
    note        TEXT NOT NULL DEFAULT '',
    reviewer    TEXT NOT NULL DEFAULT '',
    reviewed_at {{TIMESTAMP}} NOT NULL
);

-- Every review of a finding ever applied, oldest first.
CREATE TABLE finding_review_history (
    id          {{ID}},
    finding_key TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('pending', 'reviewed')),
    note        TEXT NOT NULL DEFAULT '',
    reviewer    TEXT NOT NULL DEFAULT '',
    reviewed_at {{TIMESTAMP}} NOT NULL
);

CREATE INDEX finding_review_history_key ON finding_review_history (finding_key, id);
