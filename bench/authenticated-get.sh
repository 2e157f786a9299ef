#!/usr/bin/env bash
# Requests/s and latency of an authenticated, tenant-scoped GET of one household (JWT check,
# token-version check, tenant access, row-level security, audit append) against the same
# app's unauthenticated GET /health, measured in the same run. Needs wrk (apt-get install wrk).
# Usage: bench/authenticated-get.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20}
connections=${2:-16}
jar=gateway/target/lumbung.jar
[ -f "$jar" ] || mvn -B -q -DskipTests install
data=$(mktemp -d)
port=18081
export LUMBUNG_DATA_DIR="$data" LUMBUNG_DEMO_PASSWORD=bench-password-123 PORT=$port
export LUMBUNG_RATE_LIMITS_LOOKUP_PER_USER=100000000 LUMBUNG_RATE_LIMITS_LOOKUP_PER_TENANT=100000000
java -Xmx1g -jar "$jar" --demo > "$data/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf "localhost:$port/health" > /dev/null; do
  kill -0 $app 2> /dev/null || { echo "the application stopped; its log:"; tail -20 "$data/app.log"; exit 1; }
  sleep 0.2
done
token=$(curl -s -XPOST "localhost:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin-7471","password":"bench-password-123"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
household=$(curl -s "localhost:$port/api/v1/tenants/7471/households" -H "Authorization: Bearer $token" \
  | sed -E 's/^\[\{"id":"([^"]+)".*/\1/')
url="http://localhost:$port/api/v1/tenants/7471/households/$household"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url" -H "Authorization: Bearer $token")" = 200 ]

echo "warm-up..."
wrk -t2 -c"$connections" -d10s "http://localhost:$port/health" > /dev/null
wrk -t2 -c"$connections" -d10s -H "Authorization: Bearer $token" "$url" > /dev/null
echo "== GET /health (unauthenticated) =="
wrk -t2 -c"$connections" -d"${duration}s" --latency "http://localhost:$port/health" | tee "$data/health.txt"
echo "== GET one household (authenticated, tenant-scoped, audited) =="
wrk -t2 -c"$connections" -d"${duration}s" --latency -H "Authorization: Bearer $token" "$url" | tee "$data/household.txt"
rps() { grep 'Requests/sec' "$1" | awk '{print $2}'; }
echo "ratio household/health: $(echo "$(rps "$data/household.txt") / $(rps "$data/health.txt")" | bc -l | cut -c1-5)"

# p99 at 70% of the household endpoint's maximum: each connection paces itself (bench/paced.lua);
# a 10 s calibration run corrects the delay for the latency it observes.
max=$(rps "$data/household.txt")
target=$(echo "0.7 * $max" | bc -l)
delay=$(echo "$connections * 1000 / $target - 1" | bc -l)
export WRK_DELAY_MS=$(printf "%.0f" "$delay")
wrk -t2 -c"$connections" -d10s -s bench/paced.lua -H "Authorization: Bearer $token" "$url" > "$data/calibrate.txt"
achieved=$(rps "$data/calibrate.txt")
delay=$(echo "$delay + $connections * 1000 * (1 / $target - 1 / $achieved)" | bc -l)
[ "$(echo "$delay < 0" | bc)" = 1 ] && delay=0
export WRK_DELAY_MS=$(printf "%.0f" "$delay")
echo "== GET one household at 70% of its maximum (${target%.*} req/s offered, ${WRK_DELAY_MS} ms pacing) =="
wrk -t2 -c"$connections" -d"${duration}s" --latency -s bench/paced.lua -H "Authorization: Bearer $token" "$url" \
  | tee "$data/paced.txt"
echo "load: $(echo "$(rps "$data/paced.txt") / $max" | bc -l | cut -c1-5) of maximum;" \
  "p99: $(grep ' 99%' "$data/paced.txt" | awk '{print $2}')"
