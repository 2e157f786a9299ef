#!/usr/bin/env bash
# Registry import of a generated DTKS export against the same PostgreSQL's `psql \copy` of the
# same file into a bare table with the same columns, in the same run. Reports rows/s of each,
# their ratio, and the application's peak heap during the import.
# Usage: bench/import.sh [members] [runs]      (needs psql; generates the file with bench/GenerateRegistry.java)
set -euo pipefail
cd "$(dirname "$0")/.."
members=${1:-1000000}
runs=${2:-3}
jar=gateway/target/lumbung.jar
[ -f "$jar" ] || mvn -B -q -DskipTests install
data=$(mktemp -d)
port=18082
file="$data/dtks-$members.csv"
java bench/GenerateRegistry.java --members "$members" --tenant 7471 --seed 42 --out "$file" > /dev/null 2>&1
echo "file: $members members, $(du -h "$file" | cut -f1)"

export LUMBUNG_DATA_DIR="$data" LUMBUNG_DEMO_PASSWORD=bench-password-123 PORT=$port
export LUMBUNG_RATE_LIMITS_LOOKUP_PER_USER=100000000 LUMBUNG_RATE_LIMITS_LOOKUP_PER_TENANT=100000000
java -Xmx1g ${BENCH_JAVA_OPTS:-} -Xlog:gc:file="$data/gc.log" -jar "$jar" --demo > "$data/app.log" 2>&1 &
app=$!
trap 'cp "$data/app.log" /tmp/import-app.log; grep "Import .* rows" "$data/app.log" | sed "s/.*Import/Import/" > /tmp/import-phases.txt; kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$data"' EXIT
until curl -sf "localhost:$port/health" > /dev/null; do
  kill -0 $app 2> /dev/null || { echo "the application stopped; its log:"; tail -20 "$data/app.log"; exit 1; }
  sleep 0.2
done
pgport=$(sed -n 4p "$data/postgres/postmaster.pid")
# The embedded server asks for the superuser's password, kept beside its data folder.
psql_() { PGPASSWORD=$(cat "$data/postgres.password") psql -q -h localhost -p "$pgport" -U postgres -d lumbung "$@"; }
for setting in ${BENCH_PG_SETTINGS:-}; do psql_ -c "ALTER SYSTEM SET ${setting%%=*} = '${setting#*=}'"; done
psql_ -c "SELECT pg_reload_conf()" > /dev/null
psql_ -At -c "SELECT 'postgres: shared_buffers ' || current_setting('shared_buffers') || ', max_wal_size ' || current_setting('max_wal_size') || ', checkpoint_timeout ' || current_setting('checkpoint_timeout')"
login() {
  curl -s -XPOST "localhost:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d '{"username":"admin-7471","password":"bench-password-123"}' | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'
}
columns=$(head -1 "$file" | tr ';' '\n' | sed 's/$/ text/' | paste -sd, -)

# Peak heap: the largest heap size before a collection in the GC log, since the import began.
peak_heap() { tail -n +"$1" "$data/gc.log" | grep -o '[0-9]*M->' | sed 's/M->//' | sort -n | tail -1; }

for run in $(seq "$runs"); do
  psql_ -c "DROP TABLE IF EXISTS bench_copy" -c "CREATE TABLE bench_copy ($columns)" 2>/dev/null
  t0=$(date +%s%N)
  psql_ -c "\\copy bench_copy FROM '$file' WITH (FORMAT csv, HEADER true, DELIMITER ';')"
  copy_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  # The floor: the same rows inserted, with no check and no encryption, into a table shaped like
  # `member` with member's five indexes (random 64-hex keys stand in for the blind indexes).
  # No import that keeps those indexes can beat it; households and history come on top.
  t0=$(date +%s%N)
  psql_ -c "CREATE TABLE bench_floor (LIKE member INCLUDING DEFAULTS INCLUDING INDEXES)" \
    -c "INSERT INTO bench_floor (tenant_id, id, household_id, source_key, nik_encrypted, nik_index, nik_masked,
          full_name, name_key, birth_place, sex, relationship, mother_name, occupation, education, disability,
          status, row_hash)
        SELECT '7471', gen_random_uuid(), gen_random_uuid(), id_art, nomor_nik, md5(nomor_nik) || md5(nama),
          nomor_nik, nama, lower(nama), tempat_lahir, jenis_kelamin, hubungan_keluarga, nama_ibu_kandung,
          pekerjaan, pendidikan, disabilitas, 'ALIVE', md5(nama) || md5(nomor_kk) FROM bench_copy"
  floor_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  psql_ -c "DROP TABLE bench_copy" -c "DROP TABLE bench_floor"
  # A fresh tenant state for every run: the import then creates every household and member.
  psql_ -c "DELETE FROM member WHERE tenant_id = '7471'" -c "DELETE FROM household_assignment WHERE tenant_id = '7471'" \
    -c "DELETE FROM household WHERE tenant_id = '7471' AND iddtks IS NOT NULL" -c "VACUUM ANALYZE member" \
    -c "VACUUM ANALYZE household"
  token=$(login)
  gc_from=$(( $(wc -l < "$data/gc.log") + 1 ))
  t0=$(date +%s%N)
  id=$(curl -s -XPOST "localhost:$port/api/v1/tenants/7471/imports" -H "Authorization: Bearer $token" \
    -F "file=@$file" | sed -E 's/.*"id":"([^"]+)".*/\1/')
  upload_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  while true; do
    status=$(curl -s "localhost:$port/api/v1/tenants/7471/imports/$id" -H "Authorization: Bearer $token")
    case "$status" in *'"status":"SUCCEEDED"'*|*'"status":"FAILED"'*|*'"status":"REJECTED"'*) break;; esac
    sleep 0.5
  done
  import_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  psql_ -At -c "SELECT 'checkpoints so far: ' || checkpoints_timed || ' timed, ' || checkpoints_req || ' requested' FROM pg_stat_bgwriter" 2>/dev/null \
    || psql_ -At -c "SELECT 'checkpoints so far: ' || num_timed || ' timed, ' || num_requested || ' requested' FROM pg_stat_checkpointer"
  accepted=$(echo "$status" | sed -E 's/.*"rowsAccepted":([0-9]+).*/\1/')
  echo "run $run: members with member's indexes only ${floor_ms} ms (ratio to \\copy $(echo "$copy_ms / $floor_ms" | bc -l | cut -c1-5))"
  echo "run $run: psql \\copy ${copy_ms} ms ($(( members * 1000 / copy_ms )) rows/s);" \
    "import ${import_ms} ms ($(( members * 1000 / import_ms )) rows/s, $accepted accepted);" \
    "ratio $(echo "$copy_ms / $import_ms" | bc -l | cut -c1-5); upload ${upload_ms} ms of it; peak heap $(peak_heap "$gc_from") MiB"
done
echo "re-import of the same file (nothing changes):"
t0=$(date +%s%N)
id=$(curl -s -XPOST "localhost:$port/api/v1/tenants/7471/imports" -H "Authorization: Bearer $(login)" \
  -F "file=@$file" | sed -E 's/.*"id":"([^"]+)".*/\1/')
token=$(login)
until curl -s "localhost:$port/api/v1/tenants/7471/imports/$id" -H "Authorization: Bearer $token" | grep -q '"finishedAt":"'; do sleep 0.5; done
echo "  $(( ($(date +%s%N) - t0) / 1000000 )) ms: $(curl -s "localhost:$port/api/v1/tenants/7471/imports/$id" -H "Authorization: Bearer $token" | grep -o '"householdsCreated":[0-9]*,"householdsUpdated":[0-9]*,"membersCreated":[0-9]*,"membersUpdated":[0-9]*')"

# Lookup by NIK on the imported tenant: random NIKs of the file, POST /members/search — with wrk
# if the machine has it, else bench/NikLookup.java (the same closed loop).
if [ -z "${BENCH_NO_LOOKUP:-}" ]; then
  cut -d';' -f13 "$file" | grep -E '^[0-9]{16}$' | shuf -n 10000 --random-source=<(yes) > "$data/niks.txt"
  export NIKS_FILE="$data/niks.txt"
  token=$(login)
  url="http://localhost:$port/api/v1/tenants/7471/members/search"
  if command -v wrk > /dev/null; then
    wrk -t2 -c4 -d10s -s bench/nik-lookup.lua -H "Authorization: Bearer $token" "$url" > /dev/null
  fi
  for connections in 1 4; do
    echo "lookup by NIK on a $members-member tenant ($connections connection(s), 20 s):"
    if command -v wrk > /dev/null; then
      wrk -t1 -c"$connections" -d20s --latency -s bench/nik-lookup.lua -H "Authorization: Bearer $token" "$url" \
        | grep -E 'Requests/sec|Non-2xx| 50%| 99%'
    else
      java bench/NikLookup.java "$url" "$token" "$NIKS_FILE" "$connections" 20
    fi
  done
fi
