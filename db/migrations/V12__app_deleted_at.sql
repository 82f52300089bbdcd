-- A deleted app keeps its row (its revisions and operations stay for the record) but leaves the
-- lists and its name is free: deleted_at is set by the delete and cleared by the next deploy.
ALTER TABLE apps ADD COLUMN deleted_at timestamptz;
