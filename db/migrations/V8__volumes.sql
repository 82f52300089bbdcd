-- Where each app's named volume lives. A volume is pinned to the host of the first instance that
-- mounts it, before that instance is created, and every later instance mounting it is placed
-- there. `volume` is the key in the app's records (the Compose key, with "-<slot>" for a volume
-- per replica); `name` is the volume's name on the engine. Rows go when the app is deleted with
-- its volumes.
CREATE TABLE volumes (
    app        text        NOT NULL,
    volume     text        NOT NULL,
    host       text        NOT NULL,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (app, volume)
);
CREATE INDEX volumes_host ON volumes (host);
