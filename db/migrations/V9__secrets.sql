-- Values of Compose secrets and configs, encrypted with AES-256-GCM under Baton's key
-- (baton.secrets.key). `scope` is the app, or '' for a value stored beforehand with
-- PUT /api/v1/secrets/{name} (Compose `external: true`). `digest` is an HMAC of the value under a key
-- derived from Baton's: revisions refer to (scope, kind, name, digest), so every value a kept
-- revision uses stays readable, and a changed value is a new row. `key_id` names the key that
-- encrypted the row (rotation re-encrypts rows of older keys at start).
CREATE TABLE secrets (
    scope      text        NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('SECRET', 'CONFIG')),
    name       text        NOT NULL,
    digest     text        NOT NULL,
    key_id     text        NOT NULL,
    nonce      bytea       NOT NULL,
    ciphertext bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, kind, name, digest)
);
CREATE INDEX secrets_key_id ON secrets (key_id);
