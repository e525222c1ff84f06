#!/usr/bin/env bash
# Start-up benchmark (not a test; its table goes in docs/performance.md, "Start-up"). In one run, on this machine:
#   today   the plain fast-jar on Java 17, migrating at start and preparing the OpenAPI document at start
#           (what every pod did before issue 29);
#   image   the jar as the production image runs it: JDK 25, aot-jar layout, the AOT cache made by
#           src/main/docker/aot-training.sh (without a database, as in the image build), production
#           settings (migrations off: the Flyway Job has run; readiness checks the schema version);
# and, to show where the difference comes from, with fewer starts: the fast-jar on Java 17 with migrations
# off, and the aot-jar on JDK 25 without its cache. Starts alternate between the variants; each is timed
# from launch to the first 200 of /q/health/ready, and its RSS is read right then. Both variants get the
# memory settings of a 1 GiB pod (-XX:MaxRAM=1g with the image's percentages) and ParallelGC.
#
#   scripts/bench-start.sh                 RUNS=10 DETAIL_RUNS=5; JDK25 defaults to Temurin 25 under /usr/lib/jvm
#   RUNS=3 DETAIL_RUNS=0 BUILD=false scripts/bench-start.sh      (BUILD=false: reuse target/bench-start/)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/throwaway-app.sh

RUNS=${RUNS:-10}
DETAIL_RUNS=${DETAIL_RUNS:-5}
JDK25=${JDK25:-$(ls -d /usr/lib/jvm/temurin-25-jdk* 2>/dev/null | head -1)}
JAVA17=${JAVA17:-java}
SCHEMA=${SCHEMA:-${OTKLIK_TEST_DB_SCHEMA:-otklik}_bench_start}
OUT=target/bench-start
POD_OPTS="-XX:MaxRAM=1g -XX:InitialRAMPercentage=50.0 -XX:MaxRAMPercentage=70.0 -XX:+ExitOnOutOfMemoryError -XX:+UseParallelGC"
export PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=postgres

[ -x "$JDK25/bin/java" ] || { echo "no JDK 25 found (set JDK25=...)" >&2; exit 1; }
"$JAVA17" -version 2>&1 | grep -q '"17' || { echo "$JAVA17 is not Java 17 (set JAVA17=...)" >&2; exit 1; }

work=$(mktemp -d)
app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  psql -qX -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT TERM
log() { printf '\n== %s\n' "$*" >&2; }

if [ "${BUILD:-true}" = true ] || [ ! -f "$OUT/image/app.aot" ]; then
  log "building the aot-jar (-Paot) and the fast-jar"
  rm -rf "$OUT" && mkdir -p "$OUT"
  ./mvnw -B -q package -DskipTests -Paot >&2
  cp -r target/quarkus-app "$OUT/image"
  # today's jar as it was before issue 29: also preparing the OpenAPI document at start
  OTKLIK_OPENAPI_PREPARE_ON_FIRST_REQUEST=false ./mvnw -B -q package -DskipTests >&2
  cp -r target/quarkus-app "$OUT/plain"
  log "training the AOT cache with $("$JDK25/bin/java" -version 2>&1 | head -1) (no database, as in the image build)"
  JAVA_OPTS="$POD_OPTS" OTKLIK_HTTP_PORT=$(free_port) src/main/docker/aot-training.sh "$OUT/image" "$JDK25/bin/java" >&2
fi

public_key=$(token_signing_key "$work")
export OTKLIK_DB_SCHEMA=$SCHEMA OTKLIK_OIDC_AUTH_SERVER_URL=http://127.0.0.1:9/realms/otklik OTKLIK_DB_PASSWORD=unused \
  OTKLIK_SHUTDOWN_DELAY=0s

log "migrating schema $SCHEMA once, as the Flyway Job does (QUARKUS_INIT_AND_EXIT)"
psql -qX -c "drop schema if exists $SCHEMA cascade"
QUARKUS_INIT_AND_EXIT=true OTKLIK_DB_MIGRATE_AT_START=true OTKLIK_HTTP_PORT=$(free_port) \
  "$JAVA17" -Dquarkus.oidc.public-key="$public_key" -jar "$OUT/plain/quarkus-run.jar" >"$work/migrate.log" 2>&1 \
  || { tail -30 "$work/migrate.log" >&2; exit 1; }

# One start: variant name, java, app dir, extra options. Prints "<ms> <rss MiB>".
start_once() {
  local java=$2 dir=$3; shift 3
  local port started ready
  port=$(free_port)
  started=$(date +%s%N)
  (cd "$dir" && OTKLIK_HTTP_PORT=$port exec "$java" $POD_OPTS "$@" -Dquarkus.http.host=127.0.0.1 \
      -Dquarkus.oidc.public-key="$public_key" -jar quarkus-run.jar >"$work/app.log" 2>&1) &
  app_pid=$!
  for _ in $(seq 1 3000); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready" && break
    kill -0 "$app_pid" 2>/dev/null || { tail -30 "$work/app.log" >&2; exit 1; }
    sleep 0.02
  done
  ready=$(date +%s%N)
  curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready" || { echo "$1 did not become ready" >&2; tail -30 "$work/app.log" >&2; exit 1; }
  local rss
  rss=$(( $(ps -o rss= -p "$(pgrep -P "$app_pid" java || echo "$app_pid")") / 1024 ))
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
  echo "$(( (ready - started) / 1000000 )) $rss"
}

declare -A results
run_variant() { # name, java, dir, options...
  local name=$1; shift
  results[$name]+="$(start_once "$name" "$@");"
}
today()      { run_variant today "$JAVA17" "$OUT/plain" -Dquarkus.flyway.migrate-at-start=true; }
image()      { run_variant image "$JDK25/bin/java" "$OUT/image" -XX:AOTCache=app.aot -XX:AOTMode=on; }
plain_off()  { run_variant plain-no-migration "$JAVA17" "$OUT/plain"; }
aot_nocache(){ run_variant aot-jar-no-cache "$JDK25/bin/java" "$OUT/image"; }

log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); warm-up start of each variant"
today >/dev/null; image >/dev/null; results=()
log "$RUNS starts of today's jar and the image's, alternating"
for i in $(seq 1 "$RUNS"); do today; image; printf '.' >&2; done
if [ "$DETAIL_RUNS" -gt 0 ]; then
  log "$DETAIL_RUNS starts of each intermediate variant"
  for i in $(seq 1 "$DETAIL_RUNS"); do plain_off; aot_nocache; printf '.' >&2; done
fi
echo >&2

median() { sort -n | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
stats() { # "ms rss;ms rss;..." -> count, median ms, min ms, max ms, median rss
  local rows
  rows=$(tr ';' '\n' <<<"$1" | sed '/^$/d')
  echo "$(wc -l <<<"$rows") $(cut -d' ' -f1 <<<"$rows" | median) $(cut -d' ' -f1 <<<"$rows" | sort -n | head -1)" \
    "$(cut -d' ' -f1 <<<"$rows" | sort -n | tail -1) $(cut -d' ' -f2 <<<"$rows" | median)"
}
read -r n_today med_today min_today max_today rss_today <<<"$(stats "${results[today]}")"
echo
echo "$(nproc) cores, $("$JAVA17" -version 2>&1 | head -1 | cut -d'"' -f2) and $("$JDK25/bin/java" -version 2>&1 | head -1 | cut -d'"' -f2);"
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg); memory as a 1 GiB pod ($POD_OPTS)."
echo
echo "| variant | starts | median to ready | min – max | vs today | RSS after ready (median) |"
echo "|---|---:|---:|---:|---:|---:|"
for name in today image plain-no-migration aot-jar-no-cache; do
  [ -n "${results[$name]:-}" ] || continue
  read -r n med min max rss <<<"$(stats "${results[$name]}")"
  case $name in
    today) label="today: fast-jar, Java 17, migrating and preparing the OpenAPI document at start" ;;
    image) label="image: aot-jar + AOT cache, JDK 25, migrations off" ;;
    plain-no-migration) label="fast-jar, Java 17, migrations off (OpenAPI at start)" ;;
    aot-jar-no-cache) label="aot-jar, JDK 25, no cache, migrations off" ;;
  esac
  printf '| %s | %d | %.2f s | %.2f – %.2f s | %.2f | %.0f MiB |\n' "$label" "$n" "$(awk -v v="$med" 'BEGIN{print v/1000}')" \
    "$(awk -v v="$min" 'BEGIN{print v/1000}')" "$(awk -v v="$max" 'BEGIN{print v/1000}')" \
    "$(awk -v a="$med" -v b="$med_today" 'BEGIN{print a/b}')" "$rss"
done
