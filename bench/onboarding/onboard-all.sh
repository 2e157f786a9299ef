#!/usr/bin/env bash
# Onboards every regency/city of Indonesia (514, the demo's two included as "exists"), twice on
# fresh data: bare (`{"regionCode"}`: the baseline) and full — every province's template set
# first, each regency with its first admin's invitation, then each regency's checklist read.
# Prints the wall time of each and checks what the database holds.
# Usage: bench/onboarding/onboard-all.sh [parallel requests, default 8]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
parallel=${1:-8}
codes=$(zcat tenant-core/src/main/resources/regions/regencies.csv.gz | cut -d, -f1 | grep -E '^[0-9]{2}\.[0-9]{2}$')
provinces=$(zcat tenant-core/src/main/resources/regions/provinces.csv.gz | cut -d, -f1 | grep -E '^[0-9]{2}$')
echo "regencies: $(echo "$codes" | wc -l), provinces: $(echo "$provinces" | wc -l), parallel: $parallel"

millis() { date +%s%3N; }

run() { # bare|full
  start_lumbung 8095
  token=$(login admin)
  export token port
  local begin end
  begin=$(millis)
  if [ "$1" = full ]; then
    echo "$provinces" | xargs -P "$parallel" -I{} curl -s -o /dev/null -w '%{http_code}\n' -XPUT \
      "localhost:$port/api/v1/provinces/{}/template" -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' \
      -d '{"approvalChain":[{"role":"VERIFIER","label":"Sekretaris Dinas"},{"role":"TENANT_ADMIN","label":"Kepala Dinas Sosial"},{"role":"APPROVER","label":"Bupati/Wali Kota"}],"matchThreshold":0.95,"reviewThreshold":0.5}' \
      | sort | uniq -c | sed 's/^/  templates: /'
    echo "$codes" | xargs -P "$parallel" -I{} sh -c 'id=$(echo {} | tr -d .); curl -s -o /dev/null -w "%{http_code}\n" \
      -XPOST "localhost:$port/api/v1/tenants" -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
      -d "{\"regionCode\":\"{}\",\"adminUsername\":\"first-admin-$id\"}"' | sort | uniq -c | sed 's/^/  onboard: /'
    echo "$codes" | xargs -P "$parallel" -I{} sh -c 'id=$(echo {} | tr -d .); curl -s -o /dev/null -w "%{http_code}\n" \
      "localhost:$port/api/v1/tenants/$id/checklist" -H "Authorization: Bearer $token"' \
      | sort | uniq -c | sed 's/^/  checklist: /'
  else
    echo "$codes" | xargs -P "$parallel" -I{} curl -s -o /dev/null -w '%{http_code}\n' -XPOST \
      "localhost:$port/api/v1/tenants" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
      -d '{"regionCode":"{}"}' | sort | uniq -c | sed 's/^/  onboard: /'
  fi
  end=$(millis)
  echo "$1: $(( end - begin )) ms for $(echo "$codes" | wc -l) regencies"
  echo "  tenants $(psql_ -c 'SELECT count(*) FROM tenant'), invitations $(psql_ -c 'SELECT count(*) FROM invitation')," \
       "approval steps $(psql_ -c 'SELECT count(*) FROM approval_step'), thresholds $(psql_ -c 'SELECT count(*) FROM identity_setting')," \
       "villages reachable $(psql_ -c "SELECT count(*) FROM region r JOIN tenant t ON r.code LIKE t.region_code || '.%' WHERE r.level = 4")"
  kill $app; wait $app 2>/dev/null || true; rm -rf "$data"; trap - EXIT
}

run bare
run full
