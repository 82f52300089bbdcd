-- With several Baton replicas, each keeps in memory what it last gave each balancer and skips a
-- change equal to it. It may trust that only while nobody else changed the balancer since: a change
-- clears the digest before it touches the container and records the new one after, all under a
-- cluster lock (docs/operations.md).
ALTER TABLE balancers ADD COLUMN config_sha256 text;
