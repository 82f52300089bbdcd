-- What Baton last made of each host's balancer of each service, for the API and the dashboard:
-- written by every change (and by the check of each one after Baton starts); never read to decide
-- anything (the balancers are rendered from instances.serving).
CREATE TABLE balancers (
    host         text        NOT NULL,
    app          text        NOT NULL,
    service      text        NOT NULL,
    container_id text,
    -- serving (with servers > 0), idle (no instance in service) or failed (detail says why)
    state        text        NOT NULL,
    servers      integer     NOT NULL,
    -- what it publishes on the host: "address:port" list, comma separated
    listens      text        NOT NULL,
    detail       text,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (host, app, service)
);
CREATE INDEX balancers_app ON balancers (app);
