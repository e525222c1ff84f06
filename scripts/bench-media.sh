#!/usr/bin/env bash
# Photo benchmark (not a test; its numbers go in docs/performance.md, "Photo benchmark"). Starts the packaged jar (heap -Xmx$HEAP)
# on 127.0.0.1 with a schema of its own, a generated token-signing key and the PostgreSQL store, then uploads a
# 12-megapixel phone JPEG of about 3 MB (made by scripts/MediaBench.java) from 1, 2, 4 and 8 clients at once, each
# level for DURATION s after a 3 s warm-up, and prints uploads per second, latencies and the service's peak heap,
# RSS and images decoded at once (never more than otklik.media.max-concurrent-decodes). Rate limits are off.
#
#   scripts/bench-media.sh                    # DURATION=20 LEVELS=1,2,4,8 HEAP=512m DECODES=2
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/throwaway-app.sh

DURATION=${DURATION:-20}
LEVELS=${LEVELS:-1,2,4,8}
HEAP=${HEAP:-512m}
DECODES=${DECODES:-2}
SCHEMA=${SCHEMA:-otklik_bench_media}
export PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=postgres

work=$(mktemp -d)
app_pid=""
cleanup() {
    if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
    if [ -f "$work/app.log" ]; then mkdir -p target && cp "$work/app.log" target/bench-media-app.log; fi
    psql -qX -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT TERM

log() { printf '\n== %s\n' "$*" >&2; }

if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ "${BUILD:-false}" = "true" ]; then
    log "building the service"
    ./mvnw -B -q package -DskipTests
fi
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
public_key=$(token_signing_key "$work")
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT","kid":"bench"}' | b64url)
payload=$(printf '{"iss":"bench","aud":"otklik-api","sub":"bench-photographer","azp":"otklik-widget","realm_access":{"roles":["citizen"]},"iat":%d,"exp":%d}' \
    "$now" "$((now + 7200))" | b64url)
token="$header.$payload.$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$work/key.pem" -binary | b64url)"

log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(psql -AtXc 'select version()' | cut -d, -f1)"
psql -qX -c "drop schema if exists $SCHEMA cascade"
mkdir -p "$work/classes"
javac -d "$work/classes" scripts/MediaBench.java

log "starting the service on port $PORT (schema $SCHEMA, -Xmx$HEAP, $DECODES decodes at once)"
OTKLIK_HTTP_PORT=$PORT OTKLIK_DB_SCHEMA=$SCHEMA OTKLIK_RATE_LIMIT_ENABLED=false OTKLIK_MEDIA_MAX_CONCURRENT_DECODES=$DECODES \
    java "-Xmx$HEAP" ${JAVA_OPTS:-} -Dquarkus.profile=bench -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.oidc.public-key="$public_key" \
    -Dquarkus.log.console.json.enabled=false \
    -jar target/quarkus-app/quarkus-run.jar >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 1200); do
    curl -fs "$BASE/q/health/ready" >/dev/null 2>&1 && break
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log" >&2; exit 1; }
    sleep 0.05
done
curl -fs "$BASE/q/health/ready" >/dev/null || { echo "the service did not become ready" >&2; tail -50 "$work/app.log" >&2; exit 1; }

log "uploading (PostgreSQL store)"
java -cp "$work/classes" MediaBench "$BASE" "$token" "$app_pid" "$DURATION" "$LEVELS"
