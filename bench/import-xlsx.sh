#!/usr/bin/env bash
# The same registry imported as CSV and as an Excel workbook (.xlsx), one after the other into an
# emptied tenant, in the same run: rows/s of each and their ratio (target xlsx >= 0.5 x CSV).
# Usage: bench/import-xlsx.sh [members] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-100000}
runs=${2:-3}
jar=gateway/target/lumbung.jar
[ -f "$jar" ] || mvn -B -q -DskipTests install
data=$(mktemp -d)
port=18085
java bench/GenerateRegistry.java --members "$members" --tenant 7471 --seed 42 --out "$data/dtks.csv" > /dev/null 2>&1
java bench/CsvToXlsx.java "$data/dtks.csv" "$data/dtks.xlsx" 2> /dev/null
echo "files: $members members, CSV $(du -h "$data/dtks.csv" | cut -f1), xlsx $(du -h "$data/dtks.xlsx" | cut -f1)"
export LUMBUNG_DATA_DIR="$data" LUMBUNG_DEMO_PASSWORD=bench-password-123 PORT=$port
java -Xmx1g -jar "$jar" --demo > "$data/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf "localhost:$port/health" > /dev/null; do
  kill -0 $app 2> /dev/null || { echo "the application stopped; its log:"; tail -20 "$data/app.log"; exit 1; }
  sleep 0.2
done
pgport=$(sed -n 4p "$data/postgres/postmaster.pid")
token=$(curl -s -XPOST "localhost:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d '{"username":"admin-7471","password":"bench-password-123"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
empty() {
  PGPASSWORD=$(cat "$data/postgres.password") psql -q -h localhost -p "$pgport" -U postgres -d lumbung -c "DELETE FROM member WHERE tenant_id = '7471'" \
    -c "DELETE FROM household WHERE tenant_id = '7471' AND iddtks IS NOT NULL" -c "VACUUM ANALYZE member" \
    -c "VACUUM ANALYZE household"
}
import_ms() {
  local t0 id
  t0=$(date +%s%N)
  id=$(curl -s -XPOST "localhost:$port/api/v1/tenants/7471/imports" -H "Authorization: Bearer $token" \
    -F "file=@$1" | sed -E 's/.*"id":"([^"]+)".*/\1/')
  until curl -s "localhost:$port/api/v1/tenants/7471/imports/$id" -H "Authorization: Bearer $token" \
    | grep -q '"status":"SUCCEEDED"'; do sleep 0.3; done
  echo $(( ($(date +%s%N) - t0) / 1000000 ))
}
for run in $(seq "$runs"); do
  empty; csv=$(import_ms "$data/dtks.csv")
  empty; xlsx=$(import_ms "$data/dtks.xlsx")
  echo "run $run: CSV ${csv} ms ($(( members * 1000 / csv )) rows/s); xlsx ${xlsx} ms ($(( members * 1000 / xlsx )) rows/s);" \
    "ratio xlsx/CSV $(echo "$csv / $xlsx" | bc -l | cut -c1-5)"
done
