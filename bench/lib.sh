# Shared by the bench scripts: start the packaged jar in demo mode on its own data and port, and
# helpers to reach it. Source it, then call start_lumbung PORT [java options...].
# Sets: data (a temporary folder, removed on exit), app (the pid), pgport; defines psql_ and login.

jar=gateway/target/lumbung.jar
[ -f "$jar" ] || mvn -B -q -DskipTests install

start_lumbung() {
  port=$1
  shift
  data=$(mktemp -d)
  export LUMBUNG_DATA_DIR="$data" LUMBUNG_DEMO_PASSWORD=bench-password-123 PORT=$port
  export LUMBUNG_RATE_LIMITS_LOOKUP_PER_USER=100000000 LUMBUNG_RATE_LIMITS_LOOKUP_PER_TENANT=100000000
  export LUMBUNG_DEMO_MEMBERS=0 # the benches import their own files
  java "$@" -jar "$jar" --demo > "$data/app.log" 2>&1 &
  app=$!
  trap 'cp "$data/app.log" /tmp/bench-app.log; kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$data"' EXIT
  until curl -sf "localhost:$port/health" > /dev/null; do
    kill -0 $app 2> /dev/null || { echo "the application stopped; its log:"; tail -20 "$data/app.log"; exit 1; }
    sleep 0.2
  done
  pgport=$(sed -n 4p "$data/postgres/postmaster.pid")
}

# The embedded server asks for the superuser's password, kept beside its data folder.
psql_() { PGPASSWORD=$(cat "$data/postgres.password") psql -q -At -h localhost -p "$pgport" -U postgres -d lumbung "$@"; }

login() { # username
  curl -s -XPOST "localhost:$port/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"bench-password-123\"}" | sed -E 's/.*"accessToken":"([^"]+)".*/\1/'
}
