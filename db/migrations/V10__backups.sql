-- Backups of named volumes. Each is one file in Baton's backup store (baton.backups.dir) at
-- `path` (relative to the store: <app>/<volume>/<id>.tar), a tar of the volume's contents.
-- A row is RUNNING from before the first byte is read; COMPLETE once the file is renamed into place,
-- with its size and SHA-256 (a restore checks the file against it first); FAILED if the backup
-- stopped. `id` is decided by the backup's workflow, so a retried write lands on the same row and
-- file. Backups outlive their app (a deleted app is restored into its redeploy): no foreign key.
CREATE TABLE backups (
    id           text        PRIMARY KEY,
    app          text        NOT NULL,
    volume       text        NOT NULL,
    host         text        NOT NULL,
    path         text        NOT NULL,
    size_bytes   bigint      CHECK (size_bytes >= 0),
    sha256       text        CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    status       text        NOT NULL CHECK (status IN ('RUNNING', 'COMPLETE', 'FAILED')),
    operation_id text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz,
    CONSTRAINT backups_complete_has_file CHECK (
        (status = 'COMPLETE') = (sha256 IS NOT NULL AND size_bytes IS NOT NULL
                                 AND completed_at IS NOT NULL))
);
CREATE INDEX backups_volume ON backups (app, volume, created_at DESC);
