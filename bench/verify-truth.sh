#!/usr/bin/env bash
# Does verification against Dukcapil find what is wrong in a registry? A generated registry with
# injected errors is imported; the Dukcapil simulator is seeded with the generator's truth (the
# right names and NIKs, and people it records as deceased whom the registry has alive); every
# member is verified; the differences are compared with the truth. Reports, per kind of error,
# how many of the verified rows were flagged, the flags on rows without an error (false
# alarms), and the verification's throughput.
# Usage: bench/verify-truth.sh [members] [error rate] [hidden deaths]   (needs psql, curl)
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-5000}
errors=${2:-0.3}
deaths=${3:-0.02}
. bench/lib.sh
export LUMBUNG_SIMULATORS_DUKCAPIL_PORT=18191 LUMBUNG_SIMULATORS_DAPODIK_PORT=0 LUMBUNG_SIMULATORS_BANKS_PORT=0
export LUMBUNG_SIMULATORS_KEMENSOS_PORT=0 LUMBUNG_CONNECTORS_DUKCAPIL_RATE_PER_SECOND=400
export LUMBUNG_CONNECTORS_DUKCAPIL_BATCH_SIZE=64 LUMBUNG_CONNECTORS_DUKCAPIL_POLL_INTERVAL=50ms
echo "Dukcapil name threshold: ${LUMBUNG_CONNECTORS_DUKCAPIL_THRESHOLD:-85}"
start_lumbung 18084 -Xmx1g
sim=http://127.0.0.1:18191
file="$data/dtks.csv"
java bench/GenerateRegistry.java --members "$members" --tenant 7471 --seed 7 --out "$file" --errors "$errors" \
  --truth "$data/truth.csv" --civil "$data/civil.csv" --deceased "$deaths" | head -2
curl -sf -XPOST "$sim/sim/civil-records" --data-binary @"$data/civil.csv" | sed 's/^/dukcapil simulator: /'
echo

token=$(login admin-7471)
job=$(curl -sf -XPOST "localhost:$port/api/v1/tenants/7471/imports" -H "Authorization: Bearer $token" \
  -F file=@"$file" | sed -E 's/.*"id":"([^"]+)".*/\1/')
until curl -sf "localhost:$port/api/v1/tenants/7471/imports/$job" -H "Authorization: Bearer $token" \
  | grep -q '"finishedAt":"'; do sleep 1; done
echo "imported: $(psql_ -c "SELECT count(*) FROM member WHERE tenant_id = '7471' AND status = 'ALIVE' AND nik_index IS NOT NULL") living members with a NIK"

t0=$(date +%s%N)
batch=$(curl -sf -XPOST "localhost:$port/api/v1/tenants/7471/verifications" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d '{}' | sed -E 's/^\{"id":"([^"]+)".*/\1/')
while :; do
  progress=$(curl -sf "localhost:$port/api/v1/tenants/7471/verifications/$batch" -H "Authorization: Bearer $token")
  total=$(echo "$progress" | sed -E 's/.*"total":([0-9]+).*/\1/')
  done_=$(echo "$progress" | sed -E 's/.*"done":([0-9]+).*/\1/')
  failed=$(echo "$progress" | sed -E 's/.*"failed":([0-9]+).*/\1/')
  [ $(( done_ + failed )) -ge "$total" ] && break
  sleep 1
done
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "verified: $total members in $(( ms / 1000 )).$(( ms % 1000 / 100 )) s ($(( total * 1000 / (ms + 1) )) members/s), $failed failed"

# What each verified member got: id_art, Dukcapil's result, the fields that differ.
psql_ -c "\\copy (SELECT m.source_key, v.result, coalesce(array_to_string(v.differences, ','), '') FROM member_verification v JOIN member m ON m.tenant_id = v.tenant_id AND m.id = v.member_id WHERE v.tenant_id = '7471' AND v.batch_id = '$batch' AND v.status = 'DONE') TO '$data/verified.csv' WITH (FORMAT csv, DELIMITER ';')"

# The truth per id_art: the injected error, or a hidden death (the civil file's dead whose row is alive).
awk -F';' 'NR > 1 && $7 == 1 { dead[$1] = 1 } END { for (n in dead) print n }' "$data/civil.csv" > "$data/dead-niks.txt"
awk -F',' 'NR > 1 { print $3 ";" $4 }' "$data/truth.csv" > "$data/errors.txt"
awk -v dead="$data/dead-niks.txt" -v errs="$data/errors.txt" -v reg="$file" '
  BEGIN {
    FS = ";"
    while ((getline line < dead) > 0) isdead[line] = 1
    while ((getline line < errs) > 0) { split(line, p, ";"); error[p[1]] = p[2] }
    while ((getline line < reg) > 0) { split(line, c, ";"); if (c[13] in isdead && !(c[2] in error)) error[c[2]] = "hidden_death" }
  }
  {
    kind = ($1 in error) ? error[$1] : "none"
    verified[kind]++
    fields = ($3 == "\"\"") ? "" : $3
    flagged = ($2 != "FOUND" || fields != "")
    if (flagged) hit[kind]++
    if (kind == "typo_name" && fields ~ /name/) right[kind]++
    if (kind == "hidden_death" && $2 == "DECEASED") right[kind]++
    if (kind == "swapped_digits" && $2 == "NOT_FOUND") right[kind]++
    if (kind == "none" && flagged) { fp++; if (fp <= 5) sample = sample "  " $0 "\n" }
  }
  END {
    printf "%-16s %9s %9s %14s\n", "truth", "verified", "flagged", "flagged right"
    for (k in verified) printf "%-16s %9d %9d %14s\n", k, verified[k], hit[k], (k == "none" ? "-" : right[k] + 0)
    printf "false alarms on rows without an error: %d of %d (%.2f %%)\n", fp, verified["none"], 100 * fp / verified["none"]
    if (fp > 0) printf "first false alarms (id_art;result;fields):\n%s", sample
  }' "$data/verified.csv"
