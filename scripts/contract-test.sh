#!/usr/bin/env bash
# Contract test: Specmatic (npm package, pinned by .ci/contract/package-lock.json) generates requests that are
# valid by the committed contract openapi/otklik-api.yaml and sends them to the PACKAGED jar; a request the
# service refuses with a 4xx that the contract does not allow for it fails the test, unless
# .ci/contract/exemptions.yaml names the rule the contract cannot express.
# Loopback only: the service, the token-signing proxy (.ci/contract/auth-proxy.mjs) and Specmatic on 127.0.0.1.
# Needs target/quarkus-app (./mvnw -B verify or package), PostgreSQL as for the tests, Node 18+, Java 17+.
# Output: target/contract-test/ (exchanges.jsonl, worklist.md, Specmatic's log and JUnit report, the service's log).
# COMBINATIONS (40), PER_OPERATION (200), PLAIN_SECONDS (80), OPEN311_SECONDS (40) and GENERATIVE_SECONDS (180) bound how many
# requests Specmatic generates (about 6 minutes in all).
# Then the contract's negative cases (.ci/contract/negative.mjs): requests the contract calls invalid, one rule broken
# in each, through the same proxy; every one must be refused with a 4xx problem (target/contract-test/negative.md).
# POSITIVE=off skips Specmatic's passes (a quick run of the negative cases alone).
# Specmatic reads the contract from a copy in target/contract-test/spec/, next to .ci/contract/dictionary.yaml (as
# otklik-api_dictionary.yaml, the name Specmatic looks for): real reference codes for the fields that take one.
#
#   scripts/contract-test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/throwaway-app.sh

OUT=target/contract-test
JAR=target/quarkus-app/quarkus-run.jar
SCHEMA="${OTKLIK_TEST_DB_SCHEMA:-otklik_test}_contract"
TOOLS=.ci/contract
COMBINATIONS=${COMBINATIONS:-40}
PER_OPERATION=${PER_OPERATION:-200}
PLAIN_SECONDS=${PLAIN_SECONDS:-80}
OPEN311_SECONDS=${OPEN311_SECONDS:-40}
GENERATIVE_SECONDS=${GENERATIVE_SECONDS:-180}
POSITIVE=${POSITIVE:-on}
# A request the contract calls invalid that is not refused with a 4xx problem fails the run when this is on; off
# (for now the default: the first full run against the packaged jar is still to be judged, issue 28): reported only.
CONTRACT_NEGATIVE_GATE=${CONTRACT_NEGATIVE_GATE:-on}
export PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=postgres

log() { printf '\n== %s\n' "$*"; }

[ -f "$JAR" ] || { echo "no $JAR: build the application first (./mvnw -B verify or package)" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT/spec"
cp openapi/otklik-api.yaml "$OUT/spec/otklik-api.yaml"
cp "$TOOLS/dictionary.yaml" "$OUT/spec/otklik-api_dictionary.yaml"

pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  psql -qX -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap "exit 130" INT TERM

log "contract test: node packages ($TOOLS/package-lock.json)"
npm ci --silent --no-audit --no-fund --prefix "$TOOLS" >/dev/null

API_PORT=$(free_port)
PROXY_PORT=$(free_port)
node "$TOOLS/auth-proxy.mjs" openapi/otklik-api.yaml "$PROXY_PORT" "$API_PORT" "$OUT/public.pem" "$OUT/exchanges.jsonl" \
  "$PER_OPERATION" >"$OUT/proxy.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do [ -s "$OUT/public.pem" ] && break; sleep 0.1; done

log "contract test: the packaged application (schema $SCHEMA, rate limits off)"
psql -qX -c "drop schema if exists $SCHEMA cascade"
OTKLIK_HTTP_PORT=$API_PORT OTKLIK_DB_SCHEMA=$SCHEMA OTKLIK_RATE_LIMIT_ENABLED=false \
  java -Xmx384m -Dquarkus.profile=contract -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.oidc.public-key="$(grep -v -- '-----' "$OUT/public.pem" | tr -d '\n')" \
    -Dquarkus.log.console.json.enabled=false \
    -jar "$JAR" >"$OUT/otklik.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$API_PORT/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "${pids[1]}" 2>/dev/null || { tail -40 "$OUT/otklik.log" >&2; exit 1; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$API_PORT/q/health/ready" >/dev/null || { echo "the service did not become ready" >&2; tail -40 "$OUT/otklik.log" >&2; exit 1; }

log "contract test: Specmatic $(node -p "require('./$TOOLS/node_modules/specmatic/package.json').version") generating requests from openapi/otklik-api.yaml"
# The contract's security scheme is named "bearer": Specmatic sends the value of the variable of that name;
# the proxy replaces it by a token of the operation's role.
# Three passes: one request per documented response of every operation but Open311's POST of a request (at most
# PLAIN_SECONDS); that one alone (at most OPEN311_SECONDS: its form fields in two media types make many combinations,
# which would keep the first pass from the operations after it); then Specmatic's generated variations (optional
# fields, enum values, boundaries) for at most GENERATIVE_SECONDS. MAX_TEST_REQUEST_COMBINATIONS bounds the
# combinations of optional body fields; the proxy forwards at most PER_OPERATION requests per operation.
# listIncidents' query parameters and Open311's form fields make more combinations than fit in minutes: they
# get the first passes only.
specmatic() { # config, seconds, filter, name of the pass (default: the config's)
  local pass=${4:-${1%.yaml}}
  (cd "$TOOLS" && bearer=replaced-by-the-proxy SCARF_ANALYTICS=false \
    timeout "$2" java -Xmx1g -DMAX_TEST_REQUEST_COMBINATIONS="$COMBINATIONS" \
      -jar node_modules/specmatic/specmatic.jar test --config "$1" --overlay-file overlay.yaml ${3:+--filter "$3"} \
      --testBaseURL "http://127.0.0.1:$PROXY_PORT" --junitReportDir "../../$OUT/junit-$pass") 2>&1 \
    | gzip >"$OUT/$pass.log.gz" || true
}
if [ "$POSITIVE" = on ]; then
  OPEN311_POST="PATH='/open311/v2/requests.{format}' && METHOD='POST'"
  specmatic specmatic-plain.yaml "$PLAIN_SECONDS" "PATH!='/open311/v2/requests.{format}' || METHOD!='POST'"
  specmatic specmatic-plain.yaml "$OPEN311_SECONDS" "$OPEN311_POST" open311
  specmatic specmatic.yaml "$GENERATIVE_SECONDS" "PATH!='/api/v1/incidents' && PATH!='/open311/v2/requests.{format}'"
  zcat "$OUT"/*.log.gz | grep -E "^Tests run:" || true
  # A pass that never reached the service (Specmatic failed to start, a filter matched nothing) must not look green.
  SENT=$( [ -s "$OUT/exchanges.jsonl" ] && wc -l <"$OUT/exchanges.jsonl" || echo 0 )
  if [ "$SENT" -eq 0 ]; then
    echo "contract test: Specmatic sent no request through the proxy; see $OUT/*.log.gz" >&2
    exit 1
  fi
  log "contract test: $SENT requests sent"
fi

log "contract test: the contract's negative cases (.ci/contract/negative.mjs)"
negative=0
node "$TOOLS/negative.mjs" openapi/otklik-api.yaml "http://127.0.0.1:$PROXY_PORT" "$OUT/negative.md" || negative=$?

if [ "$POSITIVE" = on ]; then
  log "contract test: refusals of contract-valid requests"
  node "$TOOLS/report.mjs" openapi/otklik-api.yaml "$TOOLS/exemptions.yaml" "$OUT/exchanges.jsonl" "$OUT/worklist.md"
fi
if [ "$negative" -ne 0 ]; then
  echo "contract test: requests the contract calls invalid were not refused ($OUT/negative.md)" >&2
  [ "$CONTRACT_NEGATIVE_GATE" = off ] || exit 1
fi
