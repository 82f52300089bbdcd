-- The address other hosts and clients reach a host by (what it publishes binds to), set when it
-- joins; existing rows get the address their endpoint implies (see HostAddress).
ALTER TABLE hosts ADD COLUMN address text;
UPDATE hosts
   SET address = CASE WHEN endpoint ~ '^tcp://' THEN regexp_replace(endpoint, '^tcp://\[?([^]/]*?)\]?(:[0-9]+)?/?$', '\1')
                      ELSE '127.0.0.1' END;
ALTER TABLE hosts ALTER COLUMN address SET NOT NULL;
