#!/usr/bin/env bash
# Browser tests of the widget (widget/e2e/widget.test.mjs) against the PACKAGED jar in the prod profile
# and a real Keycloak (keycloak-quarkus-dist from Maven Central, cached in ~/.m2), with the host page on
# another origin. Needs: target/quarkus-app (./mvnw -B verify or package), PostgreSQL as for the tests,
# Chromium at /usr/bin/chromium (Debian's package), Node 18+, and a Java 21+ for Keycloak.
# Every process it starts is stopped on exit. Output, logs and screenshots: target/widget-e2e/.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/throwaway-app.sh

KEYCLOAK_VERSION=26.7.3
OUT=target/widget-e2e
JAR=target/quarkus-app/quarkus-run.jar
SCHEMA="${OTKLIK_TEST_DB_SCHEMA:-otklik_test}_e2e"

log() { printf '\n== %s\n' "$*"; }

[ -f "$JAR" ] || { echo "no $JAR: build the application first (./mvnw -B verify)" >&2; exit 1; }
[ -x /usr/bin/chromium ] || { echo "no /usr/bin/chromium: apt-get install -y chromium" >&2; exit 1; }
rm -rf "$OUT/screens" && mkdir -p "$OUT"
rm -f "$OUT"/*.png "$OUT"/axe-*.json

pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

free_port() {
  node -e "const s=require('net').createServer().listen(0,'$1',()=>{console.log(s.address().port);s.close()})"
}

wait_for() { # url seconds what logfile
  for _ in $(seq 1 "$2"); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 1
  done
  echo "$3 did not come up at $1; last lines of $4:" >&2
  tail -n 40 "$4" >&2
  exit 1
}

java_for_keycloak() { # Keycloak 26 needs Java 21+
  local candidate version
  for candidate in "${KEYCLOAK_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  echo "no Java 21+ for Keycloak (set KEYCLOAK_JAVA_HOME)" >&2
  exit 1
}

log "widget e2e: node packages (widget/e2e/package-lock.json)"
npm ci --silent --no-audit --no-fund --prefix widget/e2e >/dev/null

log "widget e2e: Keycloak $KEYCLOAK_VERSION"
KC_HOME="$OUT/keycloak-$KEYCLOAK_VERSION"
if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
  ./mvnw -B -q dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:zip" -DoutputDirectory="$OUT"
  (cd "$OUT" && unzip -q -o "keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip" && rm -f "keycloak-quarkus-dist-$KEYCLOAK_VERSION.zip")
fi
KC_PORT=$(free_port 127.0.0.1)
KC_MANAGEMENT_PORT=$(free_port 127.0.0.1)
API_PORT=$(free_port 127.0.0.1)
HOST_PORT=$(free_port 127.0.0.2)
API="http://127.0.0.1:$API_PORT"
ISSUER="http://127.0.0.1:$KC_PORT/realms/otklik"
HOST="http://127.0.0.2:$HOST_PORT"
REFUSED_HOST="http://127.0.0.3:$HOST_PORT"

rm -rf "$KC_HOME/data" && mkdir -p "$KC_HOME/data/import"
node widget/e2e/realm.mjs "$KC_HOME/data/import/otklik-realm.json" "$API" "$HOST"
KC_JAVA=$(java_for_keycloak)
JAVA_HOME="$KC_JAVA" JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" \
  "$KC_HOME/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$KC_PORT" \
  --http-management-port="$KC_MANAGEMENT_PORT" --import-realm >"$OUT/keycloak.log" 2>&1 &
pids+=($!)

log "widget e2e: the packaged application (prod profile, schema $SCHEMA)"
OTKLIK_HTTP_PORT=$API_PORT OTKLIK_DB_SCHEMA=$SCHEMA OTKLIK_DB_PASSWORD="${OTKLIK_DB_PASSWORD:-unused-with-trust-authentication}" \
OTKLIK_OIDC_AUTH_SERVER_URL=$ISSUER OTKLIK_CORS_ORIGINS=$HOST \
OTKLIK_POLLS_SMALL_GROUP_THRESHOLD=1 OTKLIK_POLLS_TALLY_REFRESH_INTERVAL=1s OTKLIK_POLLS_RESULTS_CACHE_TTL=0s \
OTKLIK_DB_MIGRATE_AT_START=true OTKLIK_SHUTDOWN_DELAY=0s QUARKUS_FLYWAY_CLEAN_AT_START=true QUARKUS_FLYWAY_CLEAN_DISABLED=false \
QUARKUS_LOG_CONSOLE_JSON_ENABLED=false \
  java -Xmx384m -jar "$JAR" >"$OUT/otklik.log" 2>&1 &
pids+=($!)

node widget/e2e/host-server.mjs "$HOST_PORT" "$API" "$ISSUER" 127.0.0.2 127.0.0.3 >"$OUT/host.log" 2>&1 &
pids+=($!)

wait_for "$API/q/health/ready" 120 "Otklik" "$OUT/otklik.log"
wait_for "$ISSUER/.well-known/openid-configuration" 240 "Keycloak" "$OUT/keycloak.log"
wait_for "$HOST/" 20 "the host page server" "$OUT/host.log"

log "widget e2e: browser tests (Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'))"
OTKLIK_E2E_API=$API OTKLIK_E2E_ISSUER=$ISSUER OTKLIK_E2E_HOST=$HOST OTKLIK_E2E_REFUSED_HOST=$REFUSED_HOST \
OTKLIK_E2E_OUT=$OUT \
  node --test --test-concurrency=1 widget/e2e/widget.test.mjs
