#!/usr/bin/env bash
# Batch approval of a list of 10,000 verified proposals, including its PDF: the verifier opens the
# list, the head of office and the mayor approve it (each step one action for the whole list), and
# the approval document is downloaded. Baseline in the same run: the same rows moved and read by
# psql alone (an UPDATE of the list and a \copy of its lines), which no application step can beat.
# Usage: bench/approval.sh [proposals] [runs]   (needs psql, curl)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
runs=${2:-3}
. bench/lib.sh
export LUMBUNG_SIMULATORS_DUKCAPIL_PORT=0 LUMBUNG_SIMULATORS_DAPODIK_PORT=0 LUMBUNG_SIMULATORS_BANKS_PORT=0
export LUMBUNG_SIMULATORS_KEMENSOS_PORT=0
start_lumbung 18086 -Xmx1g
verifier=$(login verifikator-7471)
head=$(login admin-7471)
mayor=$(login walikota-7471)
ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
post() { # token path body
  curl -sf -XPOST "localhost:$port/api/v1/tenants/7471/$2" -H "Authorization: Bearer $1" \
    -H 'Content-Type: application/json' -d "$3"
}
field() { sed -E "s/.*\"$1\":\"?([^\",]+)\"?.*/\1/"; }
echo "run;proposals;open_ms;head_ms;mayor_ms;pdf_ms;pdf_bytes;total_ms;baseline_ms;ratio"
for run in $(seq 1 "$runs"); do
  psql_ -c "INSERT INTO proposal (tenant_id, id, receipt, village_code, kind, reason, source, head_name, address,
    nik_masked, kk_masked, state, created_by) SELECT '7471', gen_random_uuid(), 'USL-7471-R${run}' || lpad(i::text, 6, '0'),
    '74.71.02.1009', 'ADD', 'NEW_HOUSEHOLD', 'OPERATOR', 'KEPALA KELUARGA ' || i, 'Jl. Kandai No. ' || i,
    '************' || lpad((i % 10000)::text, 4, '0'), '************' || lpad((i % 10000)::text, 4, '0'), 'VERIFIED',
    'operator-7471' FROM generate_series(1, $n) i"
  psql_ -c "ANALYZE proposal"
  t=$(date +%s%N)
  list=$(post "$verifier" approval-lists "{\"title\":\"Bench $run\"}")
  open=$(ms "$t")
  id=$(echo "$list" | field id)
  hash=$(echo "$list" | field listSha256)
  count=$(echo "$list" | sed -E 's/.*"proposals":([0-9]+).*/\1/')
  version() { sed -E 's/.*"version":([0-9]+)\}$/\1/'; }
  t2=$(date +%s%N)
  decided=$(post "$head" "approval-lists/$id/decisions" "{\"version\":$(echo "$list" | version),\"listSha256\":\"$hash\"}")
  first=$(ms "$t2")
  t3=$(date +%s%N)
  post "$mayor" "approval-lists/$id/decisions" "{\"version\":$(echo "$decided" | version),\"listSha256\":\"$hash\"}" \
    | grep -q '"state":"APPROVED"'
  second=$(ms "$t3")
  t4=$(date +%s%N)
  bytes=$(curl -sf "localhost:$port/api/v1/tenants/7471/approval-lists/$id/document.pdf" \
    -H "Authorization: Bearer $head" -o "$data/list.pdf" -w '%{size_download}')
  pdf=$(ms "$t4")
  total=$(ms "$t")
  # The baseline: the list's rows moved once and read once by the database alone.
  t5=$(date +%s%N)
  psql_ -c "BEGIN; UPDATE proposal SET version = version + 1, state_since = now() WHERE tenant_id = '7471'
    AND batch_id = '$id'; ROLLBACK;"
  psql_ -c "\\copy (SELECT receipt, kind, reason, village_code, head_name, address, nik_masked, kk_masked FROM proposal
    WHERE tenant_id = '7471' AND batch_id = '$id' ORDER BY village_code, receipt) TO '/dev/null'"
  baseline=$(ms "$t5")
  echo "$run;$count;$open;$first;$second;$pdf;$bytes;$total;$baseline;$(awk "BEGIN { printf \"%.1f\", $total / $baseline }")"
done
