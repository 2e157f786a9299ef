#!/usr/bin/env bash
# run-jedai.sh INPUT.csv LINKS.csv - JedAI Dirty ER workflow (JedaiRun.java) over INPUT.csv;
# writes matched pairs "Rx,Ry" to LINKS.csv and prints the wall time in seconds.
# Extra environment: JAVA_OPTS (default -Xmx8g); JEDAI_OPTS for -Djedai.* settings (see JedaiRun.java).
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 INPUT.csv LINKS.csv" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
input="$(realpath "$1")"
links="$(realpath -m "$2")"
cd "$here"
if [ ! -s cp.txt ]; then
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=cp.txt
fi
start=$(date +%s.%N)
# shellcheck disable=SC2086
java ${JAVA_OPTS:--Xmx8g} -Dfile.encoding=UTF-8 ${JEDAI_OPTS:-} -cp "$(cat cp.txt)" JedaiRun.java "$input" "$links"
end=$(date +%s.%N)
printf 'run-jedai.sh wall seconds (JVM start and compile included): %.1f\n' "$(echo "$end - $start" | bc)"
