#!/usr/bin/env bash
# Starts the aot-jar in APP_DIR with the AOT cache beside it, as the production image does, with
# -XX:AOTMode=on: the JVM refuses to start when it cannot use the cache. Ready against PostgreSQL (a schema
# of its own, migrated at start) within 120 s, or exit 1. 127.0.0.1 only.
set -euo pipefail
. "$(dirname "$0")/../scripts/throwaway-app.sh"
app=$(cd "${1:?the directory of quarkus-run.jar and app.aot}" && pwd)
java=${JAVA:-java}
schema=${OTKLIK_TEST_DB_SCHEMA:-otklik_test}_aot
export PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=postgres
work=$(mktemp -d)
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  psql -qX -c "drop schema if exists $schema cascade" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
port=$(free_port)
public_key=$(token_signing_key "$work")
psql -qX -c "drop schema if exists $schema cascade"
started=$(date +%s%N)
(cd "$app" && OTKLIK_HTTP_PORT=$port OTKLIK_DB_SCHEMA=$schema OTKLIK_DB_MIGRATE_AT_START=true OTKLIK_DB_PASSWORD=unused \
  OTKLIK_OIDC_AUTH_SERVER_URL=http://127.0.0.1:9/realms/otklik OTKLIK_SHUTDOWN_DELAY=0s \
  exec "$java" -XX:+UseParallelGC -XX:AOTCache=app.aot -XX:AOTMode=on -Dquarkus.http.host=127.0.0.1 \
  -Dquarkus.oidc.public-key="$public_key" -Dquarkus.log.console.json.enabled=false -jar quarkus-run.jar) >"$work/app.log" 2>&1 &
pid=$!
for _ in $(seq 1 1200); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready" && break
  kill -0 "$pid" 2>/dev/null || { echo "the JVM did not start with the AOT cache:" >&2; tail -40 "$work/app.log" >&2; exit 1; }
  sleep 0.1
done
curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready" || { echo "not ready within 120 s" >&2; tail -40 "$work/app.log" >&2; exit 1; }
echo "   started with the AOT cache ($(( $(stat -c %s "$app/app.aot") / 1048576 )) MiB, -XX:AOTMode=on) and ready after $(( ($(date +%s%N) - started) / 1000000 )) ms (migrations included)"
