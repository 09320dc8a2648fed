-- A document is its bytes: it is read once, and every path at which the
-- same bytes were found is recorded here, each naming one document.
-- documents.path stays the path it was last read from, one of these.
CREATE TABLE document_paths (
    path        TEXT PRIMARY KEY,
    document_id BIGINT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seen_at     {{TIMESTAMP}} NOT NULL
);

CREATE INDEX document_paths_document ON document_paths (document_id);

INSERT INTO document_paths (path, document_id, seen_at)
    SELECT path, id, updated_at FROM documents;

-- A run claims the bytes of a document before it reads them, so that
-- concurrent runs (in one process or on many machines) never work on the
-- same document at once. A claim is held until expires_ms (milliseconds
-- since 1970 by the database's clock on PostgreSQL, the machine's on
-- SQLite), which its owner pushes forward while it runs; a claim past its
-- expiry, or whose owner process is gone from the host that took it, may
-- be taken over.
CREATE TABLE claims (
    sha256     TEXT PRIMARY KEY,
    path       TEXT NOT NULL,
    owner      TEXT NOT NULL,
    host       TEXT NOT NULL,
    pid        BIGINT NOT NULL,
    claimed_ms BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL
);

CREATE INDEX claims_owner ON claims (owner);
