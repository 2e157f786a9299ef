#!/usr/bin/env bash
# The Kendari scenario (issue 14): a 30,000-household registry in which about 7,000 households
# are out of sync with the civil registry (GenerateRegistry --errors: one error each, and its
# --civil truth seeds the Dukcapil simulator), Dukcapil limited to 50 requests/s (the simulator's
# own limit, and the connector's rate). Measures, from the import's upload to the moment no item
# of the synchronisation is still asking Dukcapil: the import, the local triage, the calls; then
# compares every item with the truth: per kind of error, how many households were found, resolved
# automatically, or left waiting for a person — and what the items on error-free households were.
# Usage: bench/kendari.sh [households] [error rate] [hidden deaths] [rate/s]   (needs psql, curl)
set -euo pipefail
cd "$(dirname "$0")/.."
households=${1:-30000}
errors=${2:-0.2333}
deaths=${3:-0}
rate=${4:-50}
. bench/lib.sh
export LUMBUNG_SIMULATORS_DUKCAPIL_PORT=18192 LUMBUNG_SIMULATORS_DAPODIK_PORT=0 LUMBUNG_SIMULATORS_BANKS_PORT=0
export LUMBUNG_SIMULATORS_KEMENSOS_PORT=0 LUMBUNG_CONNECTORS_DUKCAPIL_RATE_PER_SECOND=$rate
export LUMBUNG_CONNECTORS_DUKCAPIL_BATCH_SIZE=64 LUMBUNG_CONNECTORS_DUKCAPIL_POLL_INTERVAL=50ms
start_lumbung 18085 -Xmx1g
sim=http://127.0.0.1:18192
file="$data/dtks.csv"
# ~3.39 members a household at this seed: the file is cut to hold that many households.
members=$(( households * 339 / 100 ))
java bench/GenerateRegistry.java --members "$members" --tenant 7471 --seed 11 --out "$file" --errors "$errors" \
  --truth "$data/truth.csv" --civil "$data/civil.csv" --deceased "$deaths" 2>&1 | head -2
curl -sf -XPOST "$sim/sim/civil-records" --data-binary @"$data/civil.csv" | sed 's/^/dukcapil simulator: /'
curl -sf -XPOST "$sim/sim/faults" -H 'Content-Type: application/json' -d "{\"ratePerSecond\":$rate}" > /dev/null
echo

now() { date +%s%N; }
seconds() { local ms=$(( ($2 - $1) / 1000000 )); echo "$(( ms / 1000 )).$(( ms % 1000 / 100 ))"; }
token=$(login admin-7471)
t0=$(now)
job=$(curl -sf -XPOST "localhost:$port/api/v1/tenants/7471/imports" -H "Authorization: Bearer $token" \
  -F file=@"$file" | sed -E 's/.*"id":"([^"]+)".*/\1/')
until curl -sf "localhost:$port/api/v1/tenants/7471/imports/$job" -H "Authorization: Bearer $token" \
  | grep -q '"finishedAt":"'; do sleep 0.5; done
t1=$(now)
run=$(curl -sf -XPOST "localhost:$port/api/v1/tenants/7471/civil-syncs" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d '{}')
t2=$(now)
sync=$(echo "$run" | sed -E 's/^\{"id":"([^"]+)".*/\1/')
calls=$(psql_ -c "SELECT count(*) FROM outbox WHERE tenant_id = '7471' AND kind = 'CIVIL_SYNC'")
while :; do
  progress=$(curl -sf "localhost:$port/api/v1/tenants/7471/civil-syncs/$sync" -H "Authorization: Bearer $token")
  [ "$(echo "$progress" | sed -E 's/.*"asking":([0-9]+).*/\1/')" = 0 ] && break
  sleep 0.5
done
t3=$(now)
echo "households: $(psql_ -c "SELECT count(*) FROM household WHERE tenant_id = '7471'"),\
 members: $(echo "$run" | sed -E 's/.*"members":([0-9]+).*/\1/') living"
echo "import: $(seconds $t0 $t1) s; triage (local checks, $calls questions queued): $(seconds $t1 $t2) s;\
 Dukcapil at $rate/s: $(seconds $t2 $t3) s; from upload to nothing asking: $(seconds $t0 $t3) s"
echo "if every living member were asked instead: $(( $(echo "$run" | sed -E 's/.*"members":([0-9]+).*/\1/') / rate )) s at $rate/s"
echo "$progress" | sed -E 's/.*"resolved":([0-9]+),"waiting":([0-9]+),"outcomes":(\{[^}]*\}).*/items resolved \1, waiting \2: \3/'
echo "first items that differ in more than a slip (reason;outcome;differences):"
psql_ -c "SELECT reason, outcome, differences FROM civil_sync_item WHERE tenant_id = '7471' AND sync_id = '$sync' AND outcome IN ('differs', 'not_found') LIMIT 5" | sed 's/^/  /'
echo

# Every item with what it is about: household (iddtks), member (id_art), or refused line.
psql_ -c "\\copy (SELECT coalesce(h.iddtks, ''), coalesce(m.source_key, ''), coalesce(i.import_line::text, ''), i.reason, i.state, coalesce(i.outcome, '') || CASE WHEN i.differences LIKE '%suggestion%' THEN '+repair_suggested' ELSE '' END FROM civil_sync_item i LEFT JOIN household h ON h.tenant_id = i.tenant_id AND h.id = i.household_id LEFT JOIN member m ON m.tenant_id = i.tenant_id AND m.id = i.member_id WHERE i.tenant_id = '7471' AND i.sync_id = '$sync') TO '$data/items.csv' WITH (FORMAT csv, DELIMITER ';')"
awk -F';' 'NR > 1 && $7 == 1 { print $1 }' "$data/civil.csv" > "$data/dead-niks.txt"
awk -v truth="$data/truth.csv" -v reg="$file" -v dead="$data/dead-niks.txt" '
  BEGIN {
    FS = ","
    while ((getline line < truth) > 0) {
      split(line, t, ",")
      if (t[1] == "line") continue
      kind[t[2]] = t[4]; byArt[t[3]] = t[2]; byLine[t[1]] = t[2]
    }
    while ((getline line < dead) > 0) isdead[line] = 1
    n = 0
    while ((getline line < reg) > 0) {
      n++; split(line, c, ";")
      if (n > 1 && (c[13] in isdead) && !(c[1] in kind)) { kind[c[1]] = "hidden_death"; byArt[c[2]] = c[1] }
    }
    for (h in kind) total[kind[h]]++
    FS = ";"
  }
  {
    h = ($1 != "" && ($1 in kind)) ? $1 : ($2 in byArt) ? byArt[$2] : ($3 in byLine) ? byLine[$3] : ""
    if (h == "") { alarm[$5 " " $6]++; alarms++; next }
    if ($5 == "WAITING") waiting[h] = 1; else if ($5 == "RESOLVED") resolved[h] = 1; else asking[h] = 1
    if (!(h in why)) why[h] = $6
  }
  END {
    printf "%-18s %7s %7s %9s %8s %7s  %s\n", "truth (household)", "total", "found", "resolved", "waiting", "missed", "what they wait for / came to"
    for (k in total) {
      f = r = w = 0; delete out
      for (h in kind) if (kind[h] == k) {
        if ((h in waiting) || (h in resolved) || (h in asking)) { f++; out[why[h]]++ }
        if (h in waiting) w++; else if (h in resolved) r++
      }
      s = ""; for (o in out) s = s o "=" out[o] " "
      printf "%-18s %7d %7d %9d %8d %7d  %s\n", k, total[k], f, r, w, total[k] - f, s
      T += total[k]; F += f; R += r; W += w
    }
    printf "%-18s %7d %7d %9d %8d %7d\n", "all", T, F, R, W, T - F
    printf "resolved automatically: %.1f %% of the households out of sync; waiting for a person: %.1f %%; not found: %.1f %%\n", 100 * R / T, 100 * W / T, 100 * (T - F) / T
    printf "items on households without an error: %d", alarms; for (a in alarm) printf " (%s: %d)", a, alarm[a]; print ""
  }' "$data/items.csv"
