#!/usr/bin/env bash
# A rolling upgrade under steady load (issue 17): two Lumbung instances in production mode on one
# PostgreSQL (the machine's Debian PostgreSQL 15), behind HAProxy (readiness checks on the
# management port; no retries, as Kubernetes' Service proxy makes none); a steady load of
# authenticated reads through the proxy; each instance stopped (SIGTERM) and started again in turn.
# Run twice: without a drain (LUMBUNG_SHUTDOWN_DRAIN_SECONDS=0: the instance stops at once) and
# with one (3 s: not ready, still serving, then a graceful stop). Counts the requests lost.
# Run by hand from the repository's root: bench/ops/rolling-upgrade.sh [requests per second]
set -euo pipefail
rate=${1:-100}
bin=/usr/lib/postgresql/15/bin
[ -x $bin/initdb ] || apt-get install -y --no-install-recommends postgresql-15 > /dev/null
command -v haproxy > /dev/null || apt-get install -y --no-install-recommends haproxy > /dev/null
jar=gateway/target/lumbung.jar
[ -f "$jar" ] || mvn -B -q -DskipTests install
work=$(mktemp -d)
chown postgres "$work"
pg() { runuser -u postgres -- "$@"; }
port=55433
declare -A apps
cleanup() {
  for name in "${!apps[@]}"; do kill "${apps[$name]}" 2> /dev/null || true; done
  [ -n "${proxy:-}" ] && kill "$proxy" 2> /dev/null
  pg $bin/pg_ctl -D "$work/cluster" -m fast stop > /dev/null 2>&1 || true
  rm -rf "$work"
}
trap 'set +e; cleanup' EXIT
pg $bin/initdb -D "$work/cluster" -A trust -U postgres > /dev/null
pg $bin/pg_ctl -D "$work/cluster" -o "-p $port -k $work -c max_connections=100" -l "$work/pg.log" start > /dev/null
psql -q -h localhost -p $port -U postgres -d postgres -c "CREATE ROLE lumbung_owner LOGIN CREATEROLE PASSWORD 'owner-pass'" \
  -c "CREATE ROLE lumbung_api LOGIN PASSWORD 'api-pass'" -c "CREATE DATABASE lumbung OWNER lumbung_owner"

export DATASOURCE_URL=jdbc:postgresql://localhost:$port/lumbung DATASOURCE_USERNAME=lumbung_api \
  DATASOURCE_PASSWORD=api-pass MIGRATION_USERNAME=lumbung_owner MIGRATION_PASSWORD=owner-pass \
  LUMBUNG_DATABASE_APP_LOGIN=lumbung_api LUMBUNG_JWT_SECRET="$(openssl rand -base64 48)" \
  LUMBUNG_PROTECTION_KEYS="p1:$(openssl rand -base64 32)" LUMBUNG_PROTECTION_ACTIVE_KEY_ID=p1 \
  LUMBUNG_PROTECTION_BLIND_INDEX_KEY="$(openssl rand -base64 32)" \
  LUMBUNG_AUDIT_KEYS="a1:$(openssl rand -base64 32)" LUMBUNG_AUDIT_ACTIVE_KEY_ID=a1 \
  LUMBUNG_BOOTSTRAP_USERNAME=root LUMBUNG_BOOTSTRAP_PASSWORD=first-day-password \
  LUMBUNG_RATE_LIMITS_LOOKUP_PER_USER=100000000 LUMBUNG_RATE_LIMITS_LOGIN_PER_IP=100000
java -jar "$jar" --migrate > "$work/migrate.log" 2>&1

start() { # name port management-port drain-seconds
  LUMBUNG_DATA_DIR="$work/data-$1" PORT=$2 LUMBUNG_MANAGEMENT_PORT=$3 LUMBUNG_SHUTDOWN_DRAIN_SECONDS=$4 \
    java -Xmx512m -jar "$jar" >> "$work/$1.log" 2>&1 &
  apps[$1]=$!
  until curl -sf "localhost:$3/health/readiness" > /dev/null; do
    kill -0 "${apps[$1]}" 2> /dev/null || { tail -20 "$work/$1.log"; exit 1; }
    sleep 0.2
  done
}
restart() { # name port management-port drain-seconds
  kill -TERM "${apps[$1]}"
  wait "${apps[$1]}" 2> /dev/null || true
  start "$@"
}

cat > "$work/haproxy.cfg" <<CFG
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  retries 0
frontend lumbung
  bind 127.0.0.1:8100
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /health/readiness
  default-server inter 500ms fall 1 rise 2
  server a 127.0.0.1:8101 check port 8111
  server b 127.0.0.1:8102 check port 8112
CFG

for drain in 0 3; do
  start a 8101 8111 $drain
  start b 8102 8112 $drain
  haproxy -f "$work/haproxy.cfg" > "$work/haproxy.log" 2>&1 &
  proxy=$!
  sleep 2
  # The bootstrap admin chooses its password at its first login (the first round), then logs in with it.
  answer=$(curl -s -XPOST localhost:8100/api/v1/auth/login -H 'Content-Type: application/json' \
    -d '{"username":"root","password":"first-day-password","newPassword":"the-admins-own-password"}')
  case "$answer" in *accessToken*) ;; *)
    answer=$(curl -s -XPOST localhost:8100/api/v1/auth/login -H 'Content-Type: application/json' \
      -d '{"username":"root","password":"the-admins-own-password"}') ;;
  esac
  token=$(echo "$answer" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/')
  rm -f "$work/stop"
  java bench/ops/SteadyLoad.java http://localhost:8100/api/v1/tenants "$token" "$rate" "$work/stop" > "$work/load.txt" &
  load=$!
  sleep 5
  t0=$(date +%s)
  restart a 8101 8111 $drain
  sleep 5
  restart b 8102 8112 $drain
  upgrade_s=$(( $(date +%s) - t0 ))
  sleep 5
  touch "$work/stop"
  wait $load
  echo "drain ${drain} s, $rate requests/s, both instances replaced in ${upgrade_s} s: $(cat "$work/load.txt")"
  kill "$proxy"; wait "$proxy" 2> /dev/null || true; proxy=
  for name in a b; do kill "${apps[$name]}"; wait "${apps[$name]}" 2> /dev/null || true; unset "apps[$name]"; done
done
