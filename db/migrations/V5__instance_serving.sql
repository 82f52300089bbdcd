-- What an instance serves through its service's balancers, set when it passes its health gate and
-- cleared before it stops: a JSON list of {target, published, hostIp, address}. NULL = not in
-- service. Every host's balancer for a service is rendered from these rows.
ALTER TABLE instances ADD COLUMN serving jsonb;
