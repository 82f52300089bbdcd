-- What a deploy's Compose file was accepted with but not as written (ignored keys, unset
-- variables): a JSON list of {path, line, message}. NULL = none.
ALTER TABLE revisions ADD COLUMN warnings jsonb;
