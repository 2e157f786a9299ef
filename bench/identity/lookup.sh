#!/usr/bin/env bash
# Identity resolution through the product (issue 15): a registry of N members imported into
# Kota Kendari, a search for duplicates over it (reading, resolving and storing, timed from the
# request to DONE), then records of the same people written again with the field's slips looked
# up one by one (POST /identity-matches), timed. Usage: bench/identity/lookup.sh [members] [lookups]
set -euo pipefail
cd "$(dirname "$0")/../.."
members=${1:-100000}
lookups=${2:-1000}
. bench/lib.sh
export LUMBUNG_SIMULATORS_DUKCAPIL_PORT=0 LUMBUNG_SIMULATORS_DAPODIK_PORT=0 LUMBUNG_SIMULATORS_BANKS_PORT=0
export LUMBUNG_SIMULATORS_KEMENSOS_PORT=0
start_lumbung 18086 -Xmx3g
java bench/GenerateRegistry.java --members "$members" --tenant 7471 --seed 5 --out "$data/registry.csv" 2>&1 | head -1
java bench/identity/IdentityData.java "$data/registry.csv" "$data/records.csv"
token=$(login admin-7471)
now() { date +%s%N; }
seconds() { local ms=$(( ($2 - $1) / 1000000 )); echo "$(( ms / 1000 )).$(( ms % 1000 / 100 ))"; }
t0=$(now)
job=$(curl -sf -XPOST "localhost:$port/api/v1/tenants/7471/imports" -H "Authorization: Bearer $token" \
  -F file=@"$data/registry.csv" | sed -E 's/.*"id":"([^"]+)".*/\1/')
until curl -sf "localhost:$port/api/v1/tenants/7471/imports/$job" -H "Authorization: Bearer $token" \
  | grep -q '"finishedAt":"'; do sleep 1; done
t1=$(now)
run=$(curl -sf -XPOST "localhost:$port/api/v1/tenants/7471/duplicate-runs" -H "Authorization: Bearer $token" \
  | sed -E 's/^\{"id":"([^"]+)".*/\1/')
until curl -sf "localhost:$port/api/v1/tenants/7471/duplicate-runs/$run" -H "Authorization: Bearer $token" \
  | grep -q '"status":"\(DONE\|FAILED\)"'; do sleep 1; done
t2=$(now)
echo "import: $(seconds $t0 $t1) s; search for duplicates: $(seconds $t1 $t2) s"
curl -sf "localhost:$port/api/v1/tenants/7471/duplicate-runs/$run" -H "Authorization: Bearer $token" \
  | sed -E 's/.*"status":"([A-Z]+)".*"records":([0-9]+),"compared":([0-9]+),"clusters":([0-9]+),"review":([0-9]+).*/run \1: \2 records, \3 pairs compared, \4 persons found twice, \5 pairs to review/'
java bench/identity/LookupBench.java "$data/registry.csv" "$data/records.csv" "$port" "$token" "$lookups"
