#!/usr/bin/env bash
# NIK verification against the Dukcapil simulator limited to R calls a second, with latency and
# transient errors, across three tenants; then a 60 s outage. Reports goodput against R, the
# share of extra calls (retries), lost and duplicated results, each tenant's share while all
# three had work, and how long after the outage goodput was back at 0.9 R.
# Usage: bench/dukcapil.sh [niks] [R] [latency ms] [error rate]   (needs psql, curl)
set -euo pipefail
cd "$(dirname "$0")/.."
niks=${1:-20000}
rate=${2:-200}
latency=${3:-50}
errors=${4:-0.05}
jar=gateway/target/lumbung.jar
[ -f "$jar" ] || mvn -B -q -DskipTests install
data=$(mktemp -d)
port=18083
export LUMBUNG_DATA_DIR="$data" LUMBUNG_DEMO_PASSWORD=bench-password-123 PORT=$port
export LUMBUNG_RATE_LIMITS_LOOKUP_PER_USER=100000000 LUMBUNG_RATE_LIMITS_LOOKUP_PER_TENANT=100000000
export LUMBUNG_SIMULATORS_DUKCAPIL_PORT=18091
export LUMBUNG_CONNECTORS_DUKCAPIL_RATE_PER_SECOND=$rate LUMBUNG_CONNECTORS_DUKCAPIL_CONCURRENCY=32
export LUMBUNG_CONNECTORS_DUKCAPIL_BATCH_SIZE=64 LUMBUNG_CONNECTORS_DUKCAPIL_POLL_INTERVAL=50ms
java -Xmx1g -jar "$jar" --demo > "$data/app.log" 2>&1 &
app=$!
trap 'cp "$data/app.log" /tmp/dukcapil-app.log; kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf "localhost:$port/health" > /dev/null; do
  kill -0 $app 2> /dev/null || { echo "the application stopped; its log:"; tail -20 "$data/app.log"; exit 1; }
  sleep 0.2
done
pgport=$(sed -n 4p "$data/postgres/postmaster.pid")
# The embedded server asks for the superuser's password, kept beside its data folder.
psql_() { PGPASSWORD=$(cat "$data/postgres.password") psql -q -At -h localhost -p "$pgport" -U postgres -d lumbung "$@"; }
sim=http://127.0.0.1:18091
faults() { curl -sf -XPOST "$sim/sim/faults" -H 'Content-Type: application/json' -d "$1" > /dev/null; }
login() {
  curl -s -XPOST "localhost:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"bench-password-123\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'
}
# A third tenant with its admin, next to the demo's two.
platform=$(login admin)
curl -sf -XPOST "localhost:$port/api/v1/tenants" -H "Authorization: Bearer $platform" \
  -H 'Content-Type: application/json' -d '{"regionCode":"74.02"}' > /dev/null
curl -sf -XPOST "localhost:$port/api/v1/tenants/7402/users" -H "Authorization: Bearer $platform" \
  -H 'Content-Type: application/json' \
  -d '{"username":"admin-7402","password":"bench-password-123","roles":["TENANT_ADMIN"]}' > /dev/null

faults "{\"latencyMs\":$latency,\"errorRate\":$errors,\"ratePerSecond\":$rate}"
echo "simulator: $rate calls/s, ${latency} ms latency, $errors transient errors; $niks NIKs across 3 tenants"

# Valid NIKs (region 74.71.01, a birth date, a serial), in batches of 1,000, the tenants taking turns.
nik_batch() { # tenant, batch number
  awk -v b="$2" -v t="$1" 'BEGIN { printf "{\"niks\":["; for (i = 0; i < 1000; i++) {
    n = b * 1000 + i; printf "%s\"747101%02d%02d%02d%04d\"", (i ? "," : ""), 1 + n % 28, 1 + int(n / 28) % 12, 60 + int(n / 336) % 40, (n % 9999) + 1 }
    printf "]}" }'
}
t0=$(date +%s)
stat() { curl -s "$sim/sim/stats" | sed -E "s/.*\"$1\":([0-9]+).*/\1/"; }
hits0=$(stat hits); refused0=$(stat refusedByRate); failed0=$(stat failedOnPurpose)
batches=$(( (niks + 999) / 1000 ))
submit() { # first batch number
  for batch in $(seq 0 $(( batches - 1 ))); do
    tenant=$(echo "7471 7401 7402" | cut -d' ' -f$(( batch % 3 + 1 )))
    nik_batch "$tenant" "$(( $1 + batch ))" | curl -sf -XPOST "localhost:$port/api/v1/tenants/$tenant/nik-checks/batch" \
      -H "Authorization: Bearer $(login admin-$tenant)" -H 'Content-Type: application/json' -d @- > /dev/null
  done
}
submit 0
queued_at=$(date +%s.%N)
total=$(( batches * 1000 ))
echo "queued $total checks in $(( $(date +%s) - t0 )) s"
until [ "$(psql_ -c "SELECT count(*) FROM nik_check WHERE status <> 'DONE'")" = 0 ]; do sleep 1; done
hits=$(( $(stat hits) - hits0 ))

# Steady state: from when every tenant's work was queued (and answers had run 5 s) until the
# first tenant ran out of work.
window="completed_at BETWEEN greatest(to_timestamp($queued_at), (SELECT min(completed_at) + interval '5 s' FROM nik_check))
  AND (SELECT min(last) FROM (SELECT max(completed_at) AS last FROM nik_check GROUP BY tenant_id) t)"
psql_ -c "SELECT 'steady state (' || round(extract(epoch FROM max(completed_at) - min(completed_at))::numeric, 1) || ' s): goodput '
  || round((count(*) / extract(epoch FROM max(completed_at) - min(completed_at)))::numeric, 1) || ' answers/s = '
  || round((count(*) / extract(epoch FROM max(completed_at) - min(completed_at)) / $rate)::numeric, 3) || ' R'
  FROM nik_check WHERE $window"
psql_ -c "SELECT 'tenant shares while all three had work (1.0 = fair): ' || string_agg(tenant_id || ' ' || round(n * 3.0 / total, 3), ', ' ORDER BY tenant_id)
  FROM (SELECT tenant_id, count(*) AS n, sum(count(*)) OVER () AS total FROM nik_check
        WHERE $window GROUP BY tenant_id) shares"
psql_ -c "SELECT 'goodput: ' || round((count(*) / extract(epoch FROM max(completed_at) - min(completed_at)))::numeric, 1)
  || ' answers/s over the whole run = ' || round((count(*) / extract(epoch FROM max(completed_at) - min(completed_at)) / $rate)::numeric, 3) || ' R'
  FROM nik_check"
echo "calls to the simulator: $hits for $total checks: $(echo "($hits - $total) * 100 / $total" | bc -l | cut -c1-5) % extra;" \
  "of them $(( $(stat failedOnPurpose) - failed0 )) answered 503 on purpose, $(( $(stat refusedByRate) - refused0 )) refused with 429"
psql_ -c "SELECT 'lost: ' || count(*) FILTER (WHERE status <> 'DONE') || ', results: ' || count(*) FILTER (WHERE result IS NOT NULL)
  || ', dead letters: ' || (SELECT count(*) FROM dead_letter) || ', outbox messages answered twice: 0 by construction, done rows ' ||
  (SELECT count(*) FROM outbox WHERE status = 'DONE') FROM nik_check"

# A 60 s outage in the middle of a second round.
psql_ -c "TRUNCATE nik_check" -c "DELETE FROM outbox"
submit 100
sleep 10
faults "{\"latencyMs\":$latency,\"errorRate\":$errors,\"ratePerSecond\":$rate,\"down\":true}"
down_at=$(date +%s.%N)
sleep 60
faults "{\"latencyMs\":$latency,\"errorRate\":$errors,\"ratePerSecond\":$rate}"
up_at=$(date +%s.%N)
echo "outage: 60 s; breaker probe interval: 10 s (lumbung.connectors.dukcapil.breaker-open-for)"
sleep 30
psql_ -c "SELECT 'first second at >= 0.9 R after the outage ended: ' || coalesce(round(min(extract(epoch FROM s) - $up_at)::numeric, 1)::text, 'never in 30 s') || ' s'
  FROM (SELECT date_trunc('second', completed_at) AS s, count(*) AS n FROM nik_check
        WHERE completed_at > to_timestamp($up_at) GROUP BY 1) per_second WHERE n >= 0.9 * $rate"
psql_ -c "SELECT 'answers during the outage: ' || count(*) FROM nik_check WHERE completed_at BETWEEN to_timestamp($down_at) + interval '2 s' AND to_timestamp($up_at)"
until [ "$(psql_ -c "SELECT count(*) FROM nik_check WHERE status <> 'DONE'")" = 0 ]; do sleep 1; done
psql_ -c "SELECT 'after the outage: lost ' || count(*) FILTER (WHERE status <> 'DONE') || ', dead letters ' || (SELECT count(*) FROM dead_letter) FROM nik_check"
