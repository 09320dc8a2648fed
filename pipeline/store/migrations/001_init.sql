-- The schema of documents, their facts, and the editors' reviews of facts.
-- Placeholders in braces are the few types that differ between SQLite and
-- PostgreSQL; store.go fills them in for the driver at hand.

CREATE TABLE documents (
    id          {{ID}},
    path        TEXT NOT NULL,
    sha256      TEXT NOT NULL UNIQUE,
    format      TEXT NOT NULL DEFAULT '',
    pages       INTEGER NOT NULL DEFAULT 0,
    size        BIGINT NOT NULL DEFAULT 0,
    engine      TEXT NOT NULL DEFAULT '',
    encoding    TEXT NOT NULL DEFAULT '',
    title       TEXT NOT NULL DEFAULT '',
    doc_date    TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL CHECK (status IN ('ok', 'no_text', 'failed', 'unsupported')),
    error       TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL DEFAULT '',
    ingested_at {{TIMESTAMP}} NOT NULL,
    updated_at  {{TIMESTAMP}} NOT NULL
);

-- A path names one document: a file whose bytes changed replaces its row.
CREATE UNIQUE INDEX documents_path ON documents (path);

CREATE TABLE facts (
    id           {{ID}},
    document_id  BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    fact_key     TEXT NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('money', 'count', 'percent', 'growth', 'pp_change', 'multiple', 'date', 'period')),
    text         TEXT NOT NULL,
    start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset   INTEGER NOT NULL CHECK (end_offset >= start_offset),
    page         INTEGER NOT NULL DEFAULT 1,
    value        TEXT NOT NULL DEFAULT '',     -- exact decimal string: the source of truth
    value_num    {{DECIMAL}},                  -- value as a number, for sorting and filtering only
    unit         TEXT NOT NULL DEFAULT '',
    from_date    TEXT NOT NULL DEFAULT '',
    to_date      TEXT NOT NULL DEFAULT '',
    qualifier    TEXT NOT NULL DEFAULT '',
    basis        TEXT NOT NULL DEFAULT '',
    entity       TEXT NOT NULL DEFAULT '',
    metric       TEXT NOT NULL DEFAULT '',
    period       TEXT NOT NULL DEFAULT '',
    sentence     TEXT NOT NULL DEFAULT '',
    rule         TEXT NOT NULL DEFAULT ''
);

CREATE INDEX facts_document_start ON facts (document_id, start_offset);
CREATE INDEX facts_kind ON facts (kind);
CREATE INDEX facts_entity ON facts (entity);
CREATE INDEX facts_metric ON facts (metric);
CREATE INDEX facts_period ON facts (period);
CREATE INDEX facts_value_num ON facts (value_num);

-- The current review of a fact. fact_key is deliberately not a foreign key:
-- a review outlives re-extraction, and one whose fact disappeared is
-- reported as orphaned rather than deleted.
CREATE TABLE reviews (
    fact_key        TEXT PRIMARY KEY,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'correct', 'wrong', 'corrected')),
    corrected_value TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    reviewer        TEXT NOT NULL DEFAULT '',
    reviewed_at     {{TIMESTAMP}} NOT NULL
);

CREATE INDEX reviews_status ON reviews (status);

-- Every review ever applied, oldest first.
CREATE TABLE review_history (
    id              {{ID}},
    fact_key        TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'correct', 'wrong', 'corrected')),
    corrected_value TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    reviewer        TEXT NOT NULL DEFAULT '',
    reviewed_at     {{TIMESTAMP}} NOT NULL
);

CREATE INDEX review_history_fact_key ON review_history (fact_key, id);
