#!/usr/bin/env bash
# Full-registry round trips: a generated registry imported, exported in full (as a verifier) as
# CSV and as .xlsx, each export imported back, and the registry exported again. Prints what each
# re-import changed and refused, and whether the exports before and after are byte-identical.
# Usage: bench/round-trip.sh [members]      (default 100,000)
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-100000}
. bench/lib.sh
start_lumbung 8097
java bench/GenerateRegistry.java --members "$members" --tenant 7471 --seed 42 --out "$data/dtks.csv" > /dev/null 2>&1
base="localhost:$port/api/v1/tenants/7471"
admin=$(login admin-7471)

import() { # file → prints the finished job's counts
  local id
  id=$(curl -s -XPOST "$base/imports" -H "Authorization: Bearer $admin" -F "file=@$1" | jq -r .id)
  until curl -s "$base/imports/$id" -H "Authorization: Bearer $admin" | jq -e '.finishedAt != null' > /dev/null; do
    sleep 0.5
  done
  curl -s "$base/imports/$id" -H "Authorization: Bearer $admin" \
    | jq -c '{status, rowsTotal, rowsRejected, householdsCreated, householdsUpdated, membersCreated, membersUpdated}'
}

echo "first import:        $(import "$data/dtks.csv")"
curl -s -XPOST "$base/users" -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' \
  -d '{"username":"verval-bench","password":"bench-password-123","roles":["VERIFIER"]}' > /dev/null
verifier=$(login verval-bench)
curl -s "$base/exports/registry.csv?identifiers=full" -H "Authorization: Bearer $verifier" > "$data/before.csv"
curl -s "$base/exports/registry.xlsx?identifiers=full" -H "Authorization: Bearer $verifier" > "$data/before.xlsx"
echo "CSV export back:     $(import "$data/before.csv")"
echo ".xlsx export back:   $(import "$data/before.xlsx")"
curl -s "$base/exports/registry.csv?identifiers=full" -H "Authorization: Bearer $verifier" > "$data/after.csv"
echo "export rows: $(($(wc -l < "$data/before.csv") - 1)); CSV export before and after the round trips:" \
  "$(cmp -s "$data/before.csv" "$data/after.csv" && echo byte-identical || echo DIFFERENT)"
