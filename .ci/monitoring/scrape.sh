#!/usr/bin/env bash
# Starts the packaged jar (target/quarkus-app) in the production profile on a schema of its own, makes a
# few requests, and writes its /q/metrics to $1 (for .ci/monitoring/check.mjs compare). 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/throwaway-app.sh
output=${1:?where to write the scrape}
schema=${OTKLIK_TEST_DB_SCHEMA:-otklik_test}_monitoring
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
OTKLIK_HTTP_PORT=$port OTKLIK_DB_SCHEMA=$schema OTKLIK_DB_MIGRATE_AT_START=true OTKLIK_DB_PASSWORD=unused \
OTKLIK_OIDC_AUTH_SERVER_URL=http://127.0.0.1:9/realms/otklik OTKLIK_SHUTDOWN_DELAY=0s \
  java -Dquarkus.http.host=127.0.0.1 -Dquarkus.oidc.public-key="$public_key" -Dquarkus.log.console.json.enabled=false \
  -jar target/quarkus-app/quarkus-run.jar >"$work/app.log" 2>&1 &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 600); do
  curl -fs -o /dev/null "$base/q/health/ready" && break
  kill -0 "$pid" 2>/dev/null || { tail -40 "$work/app.log" >&2; exit 1; }
  sleep 0.2
done
curl -fs -o /dev/null "$base/q/health/ready" || { echo "the jar did not become ready" >&2; tail -40 "$work/app.log" >&2; exit 1; }
curl -fs -o /dev/null "$base/api/v1/districts"
curl -s -o /dev/null "$base/api/v1/no-such-thing"
# The first scrape starts the queries behind the gauges; the second reads their answers.
curl -fs -o /dev/null "$base/q/metrics"
sleep 2
curl -fs "$base/q/metrics" >"$output"
echo "   scraped $(grep -vc '^#' "$output") samples from the running jar"
