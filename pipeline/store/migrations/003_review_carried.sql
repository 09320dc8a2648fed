-- A review carried over to a fact whose offsets moved when its document was
-- read again: the history entry that records the move names the fact key it
-- came from and when it was carried. Entries an editor made leave both empty.
ALTER TABLE review_history ADD COLUMN carried_from TEXT NOT NULL DEFAULT '';
ALTER TABLE review_history ADD COLUMN carried_at {{TIMESTAMP}};
