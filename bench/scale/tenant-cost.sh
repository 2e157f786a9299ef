#!/usr/bin/env bash
# What a tenant costs (issue 17): regencies onboarded one after the other, each importing a
# generated registry of the same size; at 1, 10 and 100 tenants the database's rows, table and
# index sizes, and the application's memory (heap after a full GC, resident set) are measured.
# docs/scaling.md extrapolates them to 514 tenants and 100 million people on Citus.
# Usage: bench/scale/tenant-cost.sh [members per tenant, default 10000] [tenants, default 100]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
members=${1:-10000}
tenants=${2:-100}
# Every tenant's admin logs in once: more logins a minute than a real office makes.
export LUMBUNG_RATE_LIMITS_LOGIN_PER_IP=100000 LUMBUNG_RATE_LIMITS_LOGIN_PER_USER=100000
start_lumbung 8096 -Xmx1g
gen="$data/gen"
javac -d "$gen" bench/GenerateRegistry.java
token=$(login admin)
# Regencies of other provinces than the demo's (Sulawesi Tenggara, 74), in file order.
codes=$(zcat tenant-core/src/main/resources/regions/regencies.csv.gz | cut -d, -f1 \
  | grep -E '^[0-9]{2}\.[0-9]{2}$' | grep -v '^74\.' | head -n "$tenants")

measure() { # tenants so far
  jcmd "$app" GC.run > /dev/null
  local heap rss
  heap=$(jcmd "$app" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+')
  rss=$(ps -o rss= -p "$app" | tr -d ' ')
  echo "at $1 tenant(s): heap after GC $(( heap / 1024 )) MiB, resident $(( rss / 1024 )) MiB," \
    "database $(psql_ -c "SELECT pg_size_pretty(pg_database_size('lumbung'))")"
  # A partitioned table (member) is the sum of its partitions (its own size is 0).
  for table in member household registry_change audit_log import_issue; do
    psql_ -F ' | ' -c "WITH t AS (SELECT sum(pg_table_size(relid)) AS data, sum(pg_indexes_size(relid)) AS idx
          FROM (SELECT relid FROM pg_partition_tree('$table') UNION SELECT '$table'::regclass) r)
        SELECT '$table', (SELECT count(*) FROM $table), pg_size_pretty(data), pg_size_pretty(idx),
        round((data + idx) / greatest((SELECT count(*) FROM $table), 1)) || ' B/row' FROM t" | sed 's/^/  /'
  done
}

n=0
begin=$(date +%s)
for code in $codes; do
  n=$((n + 1))
  id=${code/./}
  curl -sf -o /dev/null -XPOST "localhost:$port/api/v1/tenants" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "{\"regionCode\":\"$code\"}"
  curl -sf -o /dev/null -XPOST "localhost:$port/api/v1/tenants/$id/users" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin-$id\",\"password\":\"bench-password-123\",\"roles\":[\"TENANT_ADMIN\"]}"
  java -cp "$gen" id.lumbung.simulators.registry.GenerateRegistry --members "$members" --tenant "$id" \
    --seed "$n" --out "$data/dtks-$id.csv" > /dev/null 2>&1
  admin=$(login "admin-$id")
  job=$(curl -s -XPOST "localhost:$port/api/v1/tenants/$id/imports" -H "Authorization: Bearer $admin" \
    -F "file=@$data/dtks-$id.csv" | sed -E 's/.*"id":"([^"]+)".*/\1/')
  [[ "$job" =~ ^[0-9a-f-]{36}$ ]] || { echo "tenant $id: the import was not accepted: $job"; exit 1; }
  until curl -s "localhost:$port/api/v1/tenants/$id/imports/$job" -H "Authorization: Bearer $admin" \
      | grep -q '"finishedAt":"'; do sleep 0.2; done
  rm "$data/dtks-$id.csv"
  case $n in 1|10|100|514) measure $n;; esac
done
echo "$n tenants of $members members onboarded and imported in $(( $(date +%s) - begin )) s"
