-- Why a host is not READY when Baton knows (e.g. its TLS client certificate is refused), shown by
-- GET /api/v1/hosts/{name}; NULL once the host joins.
ALTER TABLE hosts ADD COLUMN status_message text;
