#!/usr/bin/env bash
# The province dashboard over 20 regencies of Sulawesi Selatan and 5,000,000 people in all:
# onboards the regencies, writes their registries straight into the database (the dashboard reads
# only the pre-aggregated figures; the import has its own benchmark), times the refresh of the
# figures, then opens the dashboard and a village drill-down in headless Chromium (chromedriver)
# five times each and reports first contentful paint and the bytes transferred (medians).
# Usage: bench/oversight/dashboard.sh [people, default 5000000] [regencies, default 20]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
people=${1:-5000000}
count=${2:-20}
export LUMBUNG_OVERSIGHT_REFRESH_INTERVAL=2s
start_lumbung 8096 -Xmx2g
token=$(login admin)
codes=$(zcat tenant-core/src/main/resources/regions/regencies.csv.gz | cut -d, -f1 | grep -E '^73\.[0-9]{2}$' | head -"$count")
for code in $codes; do
  curl -s -o /dev/null -XPOST "localhost:$port/api/v1/tenants" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "{\"regionCode\":\"$code\"}"
done
curl -s -o /dev/null -w 'province admin: %{http_code}\n' -XPOST "localhost:$port/api/v1/provinces/73/users" \
  -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d '{"username":"prov-73","password":"bench-password-123"}'
per=$(( people / count ))
echo "$count regencies × $per people: writing the registries…"
begin=$(date +%s)
for code in $codes; do
  tenant=${code/./}
  psql_ <<SQL
CREATE TEMP TABLE v AS SELECT code, row_number() OVER (ORDER BY code) - 1 AS n FROM region WHERE level = 4 AND code LIKE '$code.%';
INSERT INTO household (tenant_id, id, village_code, address, head_name, member_count, desil, iddtks)
SELECT '$tenant', md5('$tenant-h' || h)::uuid, (SELECT code FROM v WHERE n = h % (SELECT count(*) FROM v)),
       'Jl. Bench ' || h, 'KEPALA ' || h, 4, CASE WHEN h % 11 = 0 THEN NULL ELSE 1 + h % 10 END, '$tenant-' || h
FROM generate_series(0, $per / 4 - 1) h;
INSERT INTO member (tenant_id, id, household_id, source_key, nik_index, full_name, name_key, birth_date, sex, relationship)
SELECT '$tenant', md5('$tenant-m' || m)::uuid, md5('$tenant-h' || (m / 4))::uuid, '$tenant-m' || m,
       CASE WHEN m % 13 = 0 THEN NULL ELSE md5('nik' || '$tenant' || m) END, 'ORANG ' || m, 'orang ' || m,
       date '1950-01-01' + (m % 25000), CASE WHEN m % 2 = 0 THEN 'L' ELSE 'P' END,
       CASE WHEN m % 4 = 0 THEN 'KEPALA_KELUARGA' ELSE 'ANAK' END
FROM generate_series(0, $per - 1) m;
SQL
done
psql_ -c 'ANALYZE household; ANALYZE member' > /dev/null
echo "written in $(( $(date +%s) - begin )) s; refreshing the figures…"
begin=$(date +%s%3N)
psql_ -c "INSERT INTO figure_change (tenant_id) SELECT id FROM tenant WHERE id LIKE '73%'" > /dev/null
until [ "$(psql_ -c "SELECT count(*) FROM tenant_figure f WHERE f.tenant_id LIKE '73%' AND f.people = $per")" = "$count" ] \
  && [ "$(psql_ -c "SELECT count(*) FROM figure_change WHERE tenant_id LIKE '73%'")" = 0 ]; do sleep 1; done
echo "figures of $count regencies ($people people) refreshed in $(( $(date +%s%3N) - begin )) ms (poll of 2 s included)"
grep -E "Figures refreshed" "$data/app.log" | tail -3 || true

# Headless Chromium through chromedriver: log in as prov-73, then time the pages.
chromedriver --port=9515 > /dev/null 2>&1 &
driver=$!
trap 'kill $driver 2>/dev/null; cp "$data/app.log" /tmp/bench-app.log; kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$data"' EXIT
sleep 1
wd() { curl -s -X "$1" "localhost:9515$2" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
session=$(wd POST /session '{"capabilities":{"alwaysMatch":{"goog:chromeOptions":{"binary":"/usr/bin/chromium","args":["--headless=new","--no-sandbox","--disable-dev-shm-usage","--disable-gpu"]}}}}' | jq -r .value.sessionId)
go() { wd POST "/session/$session/url" "{\"url\":\"http://localhost:$port$1\"}" > /dev/null; }
js() { wd POST "/session/$session/execute/sync" "{\"script\":$(jq -Rn --arg s "$1" '$s'),\"args\":[]}" | jq -r .value; }
go /login
js "document.getElementById('username').value='prov-73'; document.getElementById('password').value='bench-password-123'; document.querySelector('form').submit(); return 1" > /dev/null
sleep 1
echo "logged in: $(js 'return location.pathname')"
measure() { # path
  local paints=() bytes=() html=()
  for i in 1 2 3 4 5; do
    go "$1"
    paints+=("$(js "return Math.round(performance.getEntriesByName('first-contentful-paint')[0].startTime)")")
    bytes+=("$(js "const n = performance.getEntriesByType('navigation')[0]; return n.transferSize + performance.getEntriesByType('resource').reduce((s, r) => s + r.transferSize, 0)")")
    html+=("$(js "const n = performance.getEntriesByType('navigation')[0]; return n.decodedBodySize + performance.getEntriesByType('resource').reduce((s, r) => s + r.decodedBodySize, 0)")")
  done
  echo "  $(js "return location.pathname + ' — ' + document.querySelector('h1').textContent.trim() + ' — ' + document.querySelectorAll('tbody tr').length + ' rows, ' + document.documentElement.outerHTML.length + ' characters'")"
  printf '%s: first contentful paint ms %s (median %s); bytes transferred %s (median %s), decoded %s\n' "$1" \
    "${paints[*]}" "$(printf '%s\n' "${paints[@]}" | sort -n | sed -n 3p)" "${bytes[*]}" \
    "$(printf '%s\n' "${bytes[@]}" | sort -n | sed -n 3p)" "$(printf '%s\n' "${html[@]}" | sort -n | sed -n 3p)"
}
measure /ui/provinsi/73
first=$(echo "$codes" | head -1 | tr -d .)
measure "/ui/tenants/$first/ringkasan"
district=$(psql_ -c "SELECT district_code FROM village_figure WHERE tenant_id = '$first' ORDER BY district_code LIMIT 1")
measure "/ui/tenants/$first/ringkasan?kecamatan=$district"
# Baseline in the same run: the same province's figures counted from the registry at request time.
begin=$(date +%s%3N)
psql_ -c "SELECT h.tenant_id, count(DISTINCT h.id), count(m.id) FROM household h JOIN member m ON m.tenant_id = h.tenant_id AND m.household_id = h.id WHERE h.tenant_id LIKE '73%' GROUP BY h.tenant_id" > /dev/null
echo "baseline: counting households and people of the $count regencies at request time: $(( $(date +%s%3N) - begin )) ms"
wd DELETE "/session/$session" > /dev/null
