#!/usr/bin/env bash
# A tested restore (docs/operations.md): Lumbung on a PostgreSQL server of its own (the machine's
# Debian PostgreSQL 15: pg_dump must be of the server's major version), seeded as the demo seeds
# it; a dump (pg_dump -Fc) while it runs; the dump restored into a fresh database; Lumbung started
# on the restored one; each tenant's audit chain verified and every table's rows counted against
# the original. Run by hand from the repository's root: bench/ops/restore.sh
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
[ -x $bin/pg_dump ] || apt-get install -y --no-install-recommends postgresql-15 > /dev/null
jar=gateway/target/lumbung.jar
[ -f "$jar" ] || mvn -B -q -DskipTests install
work=$(mktemp -d)
chown postgres "$work"
pg() { runuser -u postgres -- "$@"; }
port=55432
cleanup() {
  if [ -n "${app:-}" ]; then kill "$app" 2> /dev/null; wait "$app" 2> /dev/null || true; fi
  pg $bin/pg_ctl -D "$work/cluster" -m fast stop > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap 'set +e; cleanup' EXIT
pg $bin/initdb -D "$work/cluster" -A trust -U postgres > /dev/null
pg $bin/pg_ctl -D "$work/cluster" -o "-p $port -k $work" -l "$work/pg.log" start > /dev/null
psql_() { psql -q -At -h localhost -p $port -U postgres "$@"; }
psql_ -d postgres -c "CREATE ROLE lumbung_owner LOGIN CREATEROLE PASSWORD 'owner-pass'" \
  -c "CREATE ROLE lumbung_api LOGIN PASSWORD 'api-pass'" \
  -c "CREATE DATABASE lumbung OWNER lumbung_owner" -c "CREATE DATABASE restored OWNER lumbung_owner"

# The keys of the dump's time go with the restore: NIK/KK are sealed with them, the chain with the audit key.
export LUMBUNG_PROTECTION_KEYS="p1:$(openssl rand -base64 32)" LUMBUNG_PROTECTION_ACTIVE_KEY_ID=p1 \
  LUMBUNG_PROTECTION_BLIND_INDEX_KEY="$(openssl rand -base64 32)" \
  LUMBUNG_AUDIT_KEYS="a1:$(openssl rand -base64 32)" LUMBUNG_AUDIT_ACTIVE_KEY_ID=a1
start() { # database log
  DATASOURCE_URL=jdbc:postgresql://localhost:$port/$1 DATASOURCE_USERNAME=lumbung_api DATASOURCE_PASSWORD=api-pass \
    MIGRATION_USERNAME=lumbung_owner MIGRATION_PASSWORD=owner-pass LUMBUNG_DATABASE_APP_LOGIN=lumbung_api \
    LUMBUNG_DATA_DIR="$work/data-$1" LUMBUNG_DEMO_PASSWORD=restore-pass-123 LUMBUNG_DEMO_MEMBERS=${MEMBERS:-3000} PORT=8099 \
    java -jar "$jar" --demo > "$work/$2" 2>&1 &
  app=$!
  until curl -sf localhost:8099/health > /dev/null; do
    kill -0 $app 2> /dev/null || { tail -20 "$work/$2"; exit 1; }
    sleep 0.5
  done
}
stop() { kill "$app"; wait "$app" 2> /dev/null || true; app=; }
token() {
  curl -s -XPOST localhost:8099/api/v1/auth/login -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"restore-pass-123\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'
}
counts() { # database: rows of every table, one line each
  psql_ -d "$1" -c "SELECT format('%s %s', relname, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', relname), false, true, '')))[1]::text) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace ORDER BY relname"
}

start lumbung original.log
# Wait for the demo's registries (imported in the background) before the dump.
until [ "$(psql_ -d lumbung -c "SELECT count(*) FROM import_job WHERE status IN ('QUEUED', 'RUNNING')")" = 0 ] \
  && [ "$(psql_ -d lumbung -c "SELECT count(*) FROM import_job")" -gt 0 ]; do sleep 1; done
# Audited work before the dump: each regency's admin creates three verifiers.
for tenant in 7471 7401; do
  for i in 1 2 3; do
    curl -s -o /dev/null -XPOST "localhost:8099/api/v1/tenants/$tenant/users" -H "Authorization: Bearer $(token admin-$tenant)" \
      -H 'Content-Type: application/json' -d "{\"username\":\"verif-$tenant-$i\",\"password\":\"restore-pass-123\",\"roles\":[\"VERIFIER\"]}"
  done
done
t0=$(date +%s.%N)
pg $bin/pg_dump -h localhost -p $port -U postgres -Fc -f "$work/lumbung.dump" lumbung
t1=$(date +%s.%N)
stop
counts lumbung > "$work/before.txt"
pg $bin/pg_restore -h localhost -p $port -U postgres -d restored --exit-on-error "$work/lumbung.dump"
t2=$(date +%s.%N)
counts restored > "$work/after.txt"
start restored restored.log
status=0
for tenant in 7471 7401; do
  # The regency's data protection officer reads the chain (the demo has none: its admin makes one).
  curl -s -o /dev/null -XPOST "localhost:8099/api/v1/tenants/$tenant/users" -H "Authorization: Bearer $(token admin-$tenant)" \
    -H 'Content-Type: application/json' -d "{\"username\":\"dpo-$tenant\",\"password\":\"restore-pass-123\",\"roles\":[\"DPO\"]}"
  verdict=$(curl -s "localhost:8099/api/v1/tenants/$tenant/audit/verify" -H "Authorization: Bearer $(token dpo-$tenant)")
  echo "audit chain of $tenant after the restore: $verdict"
  echo "$verdict" | grep -q '"intact":true' || status=1
done
if diff -q "$work/before.txt" "$work/after.txt" > /dev/null; then
  echo "rows: every table as before ($(wc -l < "$work/before.txt") tables, $(awk '{s+=$2} END {print s}' "$work/before.txt") rows)"
else
  echo "rows differ:"; diff "$work/before.txt" "$work/after.txt"; status=1
fi
echo "dump $(du -h "$work/lumbung.dump" | cut -f1) in $(echo "$t1 - $t0" | bc) s; restore in $(echo "$t2 - $t1" | bc) s"
exit $status
