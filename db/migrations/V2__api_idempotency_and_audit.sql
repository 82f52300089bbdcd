-- The REST API's own state: idempotency keys and the audit log of write requests.

-- A POST with an Idempotency-Key: the first successful answer, replayed for the same key and
-- body. The primary key makes two racing requests with one key produce a single row.
CREATE TABLE idempotency_keys (
    caller        text        NOT NULL,
    path          text        NOT NULL,
    key           text        NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    -- lower-case hex SHA-256 of method, path, query, content type and body
    request_hash  text        NOT NULL,
    operation_id  text,
    status        integer     NOT NULL,
    content_type  text,
    location      text,
    body          text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT idempotency_keys_pkey PRIMARY KEY (caller, path, key)
);

-- Every write request (POST, PUT, PATCH, DELETE under /api/), whatever its outcome.
CREATE TABLE audit (
    id          bigserial   PRIMARY KEY,
    request_id  text        NOT NULL,
    token_name  text,
    method      text        NOT NULL,
    action      text        NOT NULL,
    target      text        NOT NULL,
    source      text,
    outcome     integer     NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX audit_created_idx ON audit (created_at DESC);
CREATE INDEX audit_target_idx ON audit (target, created_at DESC);
