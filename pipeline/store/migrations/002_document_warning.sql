-- A document read in full but perhaps not faithfully (characters an engine
-- could not map) keeps the reader's warning beside its status.
ALTER TABLE documents ADD COLUMN warning TEXT NOT NULL DEFAULT '';
