#!/usr/bin/env bash
# Measures the demo's cold start to /health UP, with the embedded database already initialised,
# and the region data load on a fresh database. Usage: bench/cold-start.sh [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
jar=gateway/target/lumbung.jar
[ -f "$jar" ] || mvn -B -q -DskipTests install
data=$(mktemp -d)
port=18080
export LUMBUNG_DATA_DIR="$data" LUMBUNG_DEMO_PASSWORD=bench-password-123 PORT=$port

start_and_wait() {
  local t0 t1 pid
  t0=$(date +%s%N)
  java -jar "$jar" --demo > "$data/run.log" 2>&1 &
  pid=$!
  until curl -sf "localhost:$port/health" > /dev/null; do sleep 0.05; done
  t1=$(date +%s%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo $(( (t1 - t0) / 1000000 ))
}

first=$(start_and_wait)
regions=$(grep -o 'migration(s) applied, schema version [0-9]* ([0-9]* ms)' "$data/run.log" | grep -o '([0-9]* ms)')
echo "fresh database: health UP after ${first} ms; migrations + region data load ${regions}"
times=()
for _ in $(seq "$runs"); do times+=("$(start_and_wait)"); done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
echo "cold start with initialised database (ms), $runs runs: $(echo $sorted)"
echo "median: $(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') ms"
rm -rf "$data"
