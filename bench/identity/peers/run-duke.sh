#!/usr/bin/env bash
# run-duke.sh INPUT.csv LINKS.csv - Duke 1.2 deduplication of INPUT.csv with duke.xml;
# writes matched pairs "Rx,Ry" to LINKS.csv and prints the wall time in seconds.
# Extra environment: DUKE_CONFIG (default duke.xml here), DUKE_THREADS (default 2),
# JAVA_OPTS (default -Xmx4g); tuning only: DUKE_THRESHOLD (overrides the XML threshold),
# DUKE_CONFIDENCE=1 (adds the match probability as a third column).
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
extra=()
if [ -n "${DUKE_THRESHOLD:-}" ]; then extra+=("-Dduke.threshold=$DUKE_THRESHOLD"); fi
if [ -n "${DUKE_CONFIDENCE:-}" ]; then extra+=("-Dduke.confidence=true"); fi
start=$(date +%s.%N)
java ${JAVA_OPTS:--Xmx4g} -Dfile.encoding=UTF-8 "${extra[@]}" -cp "$(cat cp.txt)" DukeRun.java \
  "$input" "$links" "${DUKE_CONFIG:-$here/duke.xml}" "${DUKE_THREADS:-2}"
end=$(date +%s.%N)
printf 'run-duke.sh wall seconds (JVM start and compile included): %.1f\n' "$(echo "$end - $start" | bc)"
