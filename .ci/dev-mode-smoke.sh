#!/usr/bin/env bash
# The README's first command: ./mvnw quarkus:dev must start, load the demo data and show the demo mail.
# Starts dev mode on a free loopback port (its own schema), waits until it is ready, checks the demo data through
# the API and the demo mail in the console, then stops it.
set -euo pipefail
cd "$(dirname "$0")/.."

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=target/dev-mode-smoke.log
mkdir -p target
OTKLIK_DB_SCHEMA=${OTKLIK_DEV_SMOKE_SCHEMA:-otklik_dev_smoke} setsid ./mvnw -B quarkus:dev \
  -Dquarkus.console.enabled=false -Ddebug=false -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" \
  >"$log" 2>&1 &
dev_pid=$!
stop() { kill -- -"$dev_pid" 2>/dev/null || true; wait "$dev_pid" 2>/dev/null || true; }
trap stop EXIT

for _ in $(seq 1 300); do
  curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$dev_pid" 2>/dev/null || { tail -n 60 "$log" >&2; echo "dev mode exited before it was ready" >&2; exit 1; }
  sleep 1
done
curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null || { tail -n 60 "$log" >&2; echo "dev mode not ready after 300 s" >&2; exit 1; }

fail() { tail -n 40 "$log" >&2; echo "dev mode smoke: $*" >&2; exit 1; }
curl -fsS "http://127.0.0.1:$port/api/v1/polls" | grep -q 'Благоустройство набережной' \
  || fail "the demo poll is not served"
token=$(curl -fsS "http://127.0.0.1:$port/dev/token/admin" | python3 -c 'import json,sys; d=sys.stdin.read()
try: print(json.loads(d)["access_token"])
except Exception: print(d.strip())')
[ -n "$token" ] || fail "GET /dev/token/admin gave no token"
for _ in $(seq 1 30); do grep -q 'Mail "Ответ по обращению 2611-900006"' "$log" && break; sleep 1; done
grep -q 'Mail "Ответ по обращению 2611-900006"' "$log" || fail "the demo mail was not shown in the console"
curl -fsS -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/admin/deliveries?channel=MAIL" \
  | grep -q '"state":"DELIVERED"' || fail "the demo mail is not DELIVERED in the deliveries view"
if grep -q ' ERROR ' "$log"; then
  grep ' ERROR ' "$log" | head -n 20 >&2
  fail "errors in dev mode's log"
fi
echo "dev mode smoke: started on port $port, demo data served, demo mail shown and delivered"
