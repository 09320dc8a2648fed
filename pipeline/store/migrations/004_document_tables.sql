-- The tables a reader found, as JSON: the table rule reads them again
-- when the audit re-extracts a stored document.
ALTER TABLE documents ADD COLUMN tables TEXT NOT NULL DEFAULT '';
