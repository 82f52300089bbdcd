-- Baton runtime state (see docs/DESIGN.md "Runtime state").
--
-- Every row that activities write has a natural key with a primary key or unique constraint on
-- it, so a retried activity can only ever upsert the same row (INSERT ... ON CONFLICT ... DO
-- UPDATE) and a double write is rejected by the database itself.

CREATE TABLE hosts (
    name         text        PRIMARY KEY,
    endpoint     text        NOT NULL,
    labels       jsonb       NOT NULL DEFAULT '{}'::jsonb,
    cpus         integer     NOT NULL DEFAULT 0 CHECK (cpus >= 0),
    memory_bytes bigint      NOT NULL DEFAULT 0 CHECK (memory_bytes >= 0),
    status       text        NOT NULL DEFAULT 'READY'
                             CHECK (status IN ('READY', 'UNREACHABLE', 'DRAINING', 'REMOVED')),
    api_version  text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT hosts_labels_is_object CHECK (jsonb_typeof(labels) = 'object')
);

CREATE INDEX hosts_status_idx ON hosts (status);

CREATE TABLE apps (
    name             text        PRIMARY KEY,
    current_revision integer     CHECK (current_revision > 0),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE revisions (
    app        text        NOT NULL REFERENCES apps (name) ON DELETE CASCADE,
    number     integer     NOT NULL CHECK (number > 0),
    spec       jsonb       NOT NULL,
    yaml       text,
    digest     text        NOT NULL,
    created_by text,
    reason     text,
    -- what became of the rollout to this revision (SUCCEEDED, FAILED, ROLLED_BACK, ...), if known
    outcome    text,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT revisions_pkey PRIMARY KEY (app, number)
);

-- An app's current revision must be one of its stored revisions.
ALTER TABLE apps
    ADD CONSTRAINT apps_current_revision_fkey FOREIGN KEY (name, current_revision)
        REFERENCES revisions (app, number);

CREATE TABLE operations (
    id           text        PRIMARY KEY,
    app          text        NOT NULL REFERENCES apps (name) ON DELETE CASCADE,
    kind         text        NOT NULL,
    revision     integer     NOT NULL,
    status       text        NOT NULL
                             CHECK (status IN ('QUEUED', 'RUNNING', 'PAUSED', 'ROLLING_BACK',
                                               'SUCCEEDED', 'FAILED', 'ROLLED_BACK', 'ABORTED')),
    workflow_id  text        NOT NULL,
    run_id       text,
    requested_by text,
    reason       text,
    error        text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    started_at   timestamptz,
    finished_at  timestamptz,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT operations_workflow_id_key UNIQUE (workflow_id),
    CONSTRAINT operations_finished_iff_terminal CHECK (
        (finished_at IS NOT NULL) = (status IN ('SUCCEEDED', 'FAILED', 'ROLLED_BACK', 'ABORTED')))
);

CREATE INDEX operations_app_created_idx ON operations (app, created_at DESC);
-- The active (non-terminal) operations, e.g. the dashboard's "running now".
CREATE INDEX operations_active_idx ON operations (app)
    WHERE status IN ('QUEUED', 'RUNNING', 'PAUSED', 'ROLLING_BACK');

CREATE TABLE instances (
    app            text        NOT NULL REFERENCES apps (name) ON DELETE CASCADE,
    service        text        NOT NULL,
    revision       integer     NOT NULL,
    slot           integer     NOT NULL CHECK (slot >= 0),
    host           text        NOT NULL REFERENCES hosts (name),
    container_id   text,
    container_name text        NOT NULL,
    state          text,
    health         text,
    address        text,
    operation_id   text        REFERENCES operations (id) ON DELETE SET NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    -- During a start-first rollout the old and the new instance of a slot coexist, so the
    -- revision is part of the identity.
    CONSTRAINT instances_pkey PRIMARY KEY (app, service, revision, slot),
    CONSTRAINT instances_container_name_key UNIQUE (container_name)
);

CREATE INDEX instances_host_idx ON instances (host);
CREATE INDEX instances_operation_idx ON instances (operation_id);

CREATE TABLE events (
    id           bigserial   PRIMARY KEY,
    app          text        NOT NULL REFERENCES apps (name) ON DELETE CASCADE,
    operation_id text        REFERENCES operations (id) ON DELETE CASCADE,
    seq          integer     NOT NULL CHECK (seq >= 0),
    type         text        NOT NULL,
    service      text,
    message      text,
    actor        text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT events_operation_seq_key UNIQUE (operation_id, seq)
);

-- App-level events (no operation, e.g. self-healing between operations) are numbered by the
-- app's workflow, so they are deduplicated per app instead.
CREATE UNIQUE INDEX events_app_seq_without_operation_key ON events (app, seq)
    WHERE operation_id IS NULL;

CREATE INDEX events_app_idx ON events (app, id);
-- events_operation_seq_key already indexes (operation_id, seq) for an operation's log.

-- The log is append-only: rows may be added, never changed. (Deleting an app still cascades.)
CREATE FUNCTION events_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'events is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER events_no_update
    BEFORE UPDATE ON events
    FOR EACH ROW EXECUTE FUNCTION events_append_only();

CREATE TABLE api_tokens (
    id           bigserial   PRIMARY KEY,
    name         text        NOT NULL,
    -- lower-case hex SHA-256 of the bearer token; the token itself is never stored
    token_hash   text        NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    role         text        NOT NULL CHECK (role IN ('viewer', 'deployer', 'admin')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    CONSTRAINT api_tokens_name_key UNIQUE (name),
    CONSTRAINT api_tokens_token_hash_key UNIQUE (token_hash)
);
