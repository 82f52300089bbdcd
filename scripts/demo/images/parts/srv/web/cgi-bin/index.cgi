#!/bin/sh
# The demo's front end: asks every other part by name (wherever it runs) and says what each
# answered; 502 when one did not.
ask() { timeout 3 busybox wget -q -O- "$@" 2>/dev/null; }
auth=$(ask http://auth:8080/cgi-bin/check)
search=$(ask "http://search:8080/cgi-bin/search?q=baton")
hits=$(timeout 3 redis-cli -h kv incr hits 2>/dev/null)
kv_host=$(timeout 3 redis-cli -h kv get host 2>/dev/null)
# The database's password is the app's secret, written into this container too.
PGPASSWORD=$(cat /run/secrets/db_password 2>/dev/null)
export PGPASSWORD
db=$(PGCONNECT_TIMEOUT=3 psql -h db -U demo -d postgres -tAc \
  "select 'PostgreSQL ' || current_setting('server_version') || ' on ' || current_setting('cluster_name')" 2>/dev/null)
log=$(ask --post-data "web.$BATON_SLOT on $BATON_HOST served $REQUEST_URI" http://log:8080/cgi-bin/log)
case "$hits" in '' | *[!0-9]*) kv="" ;; *) kv="Redis counted visit $hits on $kv_host" ;; esac
status="200 OK"
for answer in "$auth" "$search" "$kv" "$db" "$log"; do
  [ -n "$answer" ] || status="502 Bad Gateway"
done
printf 'Status: %s\r\nContent-Type: text/plain\r\n\r\n' "$status"
echo "web: web.$BATON_SLOT $(cat /srv/version) on $BATON_HOST"
echo "auth: ${auth:-no answer}"
echo "search: ${search:-no answer}"
echo "kv: ${kv:-no answer}"
echo "db: ${db:-no answer}"
echo "log: ${log:-no answer}"
