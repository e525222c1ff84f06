#!/usr/bin/env bash
# Several instances, proven (not a test; its output goes in docs/operations.md, "Several instances").
# Starts three instances of the packaged service on one PostgreSQL (schema SCHEMA, dropped at the start
# and the end), each through a local PgBouncer in transaction mode as in production (k8s/base/pooler.yaml),
# behind a local nginx (both from Debian's packages, installed when missing). Then:
#   1. throughput of a mixed load (votes, feedback, status lookups) through nginx with 1, 2 and 3 instances;
#   2. idempotent intake across instances: one feedback, one Idempotency-Key, posted at once to all three;
#   3. one vote per citizen across instances: one citizen votes at once on all three;
#   4. each outbox event delivered exactly once to a local (slowish) webhook receiver, the relays of all
#      three instances running;
#   5. each scheduled job run once per interval (intervals shortened to 5 s here).
# Everything listens on 127.0.0.1 only. Every loop is bounded. Exit code 1 when a check fails.
#
#   scripts/scale-out.sh                      # LOAD_REQUESTS=3000 IN_FLIGHT=32
#   LOAD_REQUESTS=1000 scripts/scale-out.sh
#   SCALE_OUT_BUILD=false scripts/scale-out.sh      # use the jar in target/quarkus-app as it is
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pgbouncer.sh

LOAD_REQUESTS=${LOAD_REQUESTS:-3000}
IN_FLIGHT=${IN_FLIGHT:-32}
SCHEMA=${SCHEMA:-otklik_scale}
NGINX_PORT=${NGINX_PORT:-18100}
PGBOUNCER_PORT=${PGBOUNCER_PORT:-16432}
RECEIVER_PORT=${RECEIVER_PORT:-18109}
PORTS=(18101 18102 18103)
JOB_INTERVAL_SECONDS=5
KEEP_LOGS=${KEEP_LOGS:-/tmp/otklik-scale-out-logs}
BASE="http://127.0.0.1:$NGINX_PORT"
export PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=postgres

work=$(mktemp -d)
chmod 755 "$work"
pids=()
failures=0
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && nginx -p "$work/" -c "$work/nginx.conf" -s quit 2>/dev/null || true
  [ -f "$work/pgbouncer.pid" ] && kill "$(cat "$work/pgbouncer.pid")" 2>/dev/null || true
  sleep 1
  psql -q -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || true
  if [ "$failures" -gt 0 ] || [ "${1:-0}" != 0 ]; then
    mkdir -p "$KEEP_LOGS" && cp "$work"/*.log "$KEEP_LOGS"/ 2>/dev/null || true
    echo "logs kept in $KEEP_LOGS"
  fi
  rm -rf "$work"
}
trap 'cleanup $?' EXIT
trap "exit 130" INT TERM

log() { printf '\n== %s\n' "$*"; }
client() { java -cp "$work/classes" ScaleOut "$@"; }
sql() { PGOPTIONS="-c search_path=$SCHEMA" psql -qAtX -v ON_ERROR_STOP=1 -c "$1"; }
verdict() { # name, condition (0 = pass), detail
  if [ "$2" = 0 ]; then echo "   PASS $1: $3"; else echo "   FAIL $1: $3"; failures=$((failures + 1)); fi
}

log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) (other builds share it); $(psql -Atc 'select version()' | cut -d, -f1)"
missing=()
command -v nginx >/dev/null || missing+=(nginx)
command -v pgbouncer >/dev/null || missing+=(pgbouncer)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} from Debian's packages"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "   $(nginx -v 2>&1), $(pgbouncer --version | head -1)"

if [ "${SCALE_OUT_BUILD:-true}" = true ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  log "building the service"
  ./mvnw -B -q package -DskipTests
fi
mkdir -p "$work/classes"
javac -d "$work/classes" scripts/ScaleOut.java scripts/PollBench.java
client keys "$work"
psql -q -c "drop schema if exists $SCHEMA cascade"

log "PgBouncer on 127.0.0.1:$PGBOUNCER_PORT (transaction mode; the database alias sets the schema per server connection)"
start_pgbouncer "$work" "$PGBOUNCER_PORT" "$SCHEMA" 20

log "three instances on ports ${PORTS[*]} (schema $SCHEMA, migrated by whichever starts first, through PgBouncer)"
for port in "${PORTS[@]}"; do
  OTKLIK_HTTP_PORT=$port OTKLIK_DB_HOST=127.0.0.1 OTKLIK_DB_PORT=$PGBOUNCER_PORT OTKLIK_DB_NAME=otklik \
  OTKLIK_DB_SCHEMA=$SCHEMA OTKLIK_DB_POOL_SIZE=10 \
  OTKLIK_DB_CACHE_PREPARED_STATEMENTS=false OTKLIK_DB_LAYER7_PROXY=true OTKLIK_DB_PIPELINING_LIMIT=1 \
  OTKLIK_RATE_LIMIT_ENABLED=false OTKLIK_DELIVERY_RELAY_INTERVAL=1s \
    java -Xmx384m -Dquarkus.profile=scaleout -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.oidc.public-key="$(cat "$work/public.pem")" -Dquarkus.log.console.json.enabled=false \
    -Dotklik.delivery.allow-http=true -Dotklik.delivery.allowed-hosts=127.0.0.1 \
    -Dotklik.workflow.auto-close-interval=${JOB_INTERVAL_SECONDS}s \
    -Dotklik.idempotency.cleanup-interval=${JOB_INTERVAL_SECONDS}s -Dotklik.idempotency.cleanup-delay=1s \
    -jar target/quarkus-app/quarkus-run.jar >"$work/app-$port.log" 2>&1 &
  pids+=($!)
done
for port in "${PORTS[@]}"; do
  for _ in $(seq 1 180); do
    curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null || { echo "instance $port did not become ready"; tail -40 "$work/app-$port.log"; exit 1; }
done
started_at=$(date +%s)
echo "   ready: $(grep -l 'Successfully applied\|Schema .* is up to date' "$work"/app-*.log | wc -l) of 3 logs report the migration"

nginx_conf() { # the first $1 instances behind nginx
  local servers=""
  for port in "${PORTS[@]:0:$1}"; do servers+="    server 127.0.0.1:$port;"$'\n'; done
  mkdir -p "$work/nginx"
  cat >"$work/nginx.conf" <<NGINX
user root;
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  upstream otklik {
$servers    keepalive 64;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    client_max_body_size 4m;
    location / {
      proxy_pass http://otklik;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
NGINX
}
nginx_conf 3
nginx -p "$work/" -c "$work/nginx.conf"
for _ in $(seq 1 20); do curl -fs "$BASE/q/health/ready" >/dev/null 2>&1 && break; sleep 0.5; done

log "1. throughput through nginx: $LOAD_REQUESTS requests (50 % votes, 20 % feedback, 30 % status lookups), $IN_FLIGHT in flight"
poll=$(client poll "$BASE" "$work")
client load "$BASE" "$work" "$poll" warm-up 600 "$IN_FLIGHT" >/dev/null
for instances in 1 2 3; do
  nginx_conf "$instances"
  nginx -p "$work/" -c "$work/nginx.conf" -s reload
  sleep 2
  echo "   load average $(cut -d' ' -f1-3 /proc/loadavg)"
  load_output=$(client load "$BASE" "$work" "$poll" "$instances-instance(s)" "$LOAD_REQUESTS" "$IN_FLIGHT")
  echo "   $load_output"
  not_ok=$(echo "$load_output" | sed -E 's/.* ([0-9]+) not 2xx$/\1/')
  verdict "load with $instances instance(s)" "$([ "$not_ok" = 0 ] && echo 0 || echo 1)" "$not_ok answers not 2xx"
done
bases=()
for port in "${PORTS[@]}"; do bases+=("http://127.0.0.1:$port"); done

log "2. idempotent intake across instances"
marker="Одна и та же жалоба $(date +%s%N)"
idempotent_output=$(client idempotent "$work" "$marker" 30 "${bases[@]}")
echo "   $idempotent_output"
distinct_numbers=$(echo "$idempotent_output" | sed -E 's/.* ([0-9]+) distinct incident numbers.*/\1/')
stored=$(sql "select count(*) from incident where text = '$marker'")
verdict "idempotent intake" "$([ "$stored" = 1 ] && [ "$distinct_numbers" = 1 ] && echo 0 || echo 1)" \
  "incidents stored for the feedback: $stored, incident numbers answered: $distinct_numbers"

log "3. one vote per citizen across instances"
vote_poll=$(client poll "$BASE" "$work")
client one-vote "$work" "$vote_poll" 30 "${bases[@]}" | sed 's/^/   /'
ballots=$(sql "select count(*) from poll_participation where poll_id = '$vote_poll' and sealed is not null")
participations=$(sql "select count(*) from poll_participation where poll_id = '$vote_poll'")
verdict "one vote per citizen" "$([ "$ballots" = 1 ] && [ "$participations" = 1 ] && echo 0 || echo 1)" \
  "sealed ballots stored: $ballots, participations: $participations"
all_ballots=$(sql "select count(*) from poll_participation where poll_id = '$poll' and sealed is not null")
all_participations=$(sql "select count(*) from poll_participation where poll_id = '$poll'")
verdict "load votes, each counted once" "$([ "$all_ballots" = "$all_participations" ] && echo 0 || echo 1)" \
  "sealed ballots $all_ballots = participations $all_participations"

log "4. outbox events delivered exactly once (relays of three instances, receiver answers in 50-400 ms)"
delivery_output=$(client deliveries "$BASE" "$work" 40 "$RECEIVER_PORT")
echo "   $delivery_output"
written=$(echo "$delivery_output" | sed -E 's/deliveries: ([0-9]+) events written, ([0-9]+) requests received, ([0-9]+) distinct events, ([0-9]+) .*/\1 \2 \3 \4/')
read -r expected received distinct twice <<<"$written"
delivered=$(sql "select count(*) from outbox_delivery where destination = 'WEBHOOK' and state = 'DELIVERED'")
verdict "each event once" "$([ "$received" = "$expected" ] && [ "$distinct" = "$expected" ] && [ "$twice" = 0 ] && echo 0 || echo 1)" \
  "$expected events, $received requests, $distinct distinct, $twice more than once; rows DELIVERED: $delivered"

log "5. scheduled jobs, once per interval of $JOB_INTERVAL_SECONDS s across the instances"
sleep $((JOB_INTERVAL_SECONDS * 2))
elapsed=$(( $(date +%s) - started_at ))
sql "select job, count(*) as runs, count(distinct instance) as instances,
            (extract(epoch from max(slot) - min(slot)) / $JOB_INTERVAL_SECONDS)::int + 1 as intervals_spanned,
            count(*) filter (where finished_at is null) as unfinished
     from scheduled_job_run group by job order by job" | while IFS='|' read -r job runs instances spanned unfinished; do
  echo "   $job: $runs runs in $spanned intervals over ${elapsed} s, by $instances instances, $unfinished unfinished"
done
overlaps=$(sql "select count(*) from scheduled_job_run a join scheduled_job_run b on a.job = b.job and a.slot < b.slot
                and b.started_at < coalesce(a.finished_at, now())")
per_slot=$(sql "select coalesce(max(c), 0) from (select count(*) as c from scheduled_job_run group by job, slot) s")
runs=$(sql "select count(*) from scheduled_job_run")
verdict "scheduled jobs once" "$([ "$overlaps" = 0 ] && [ "$per_slot" -le 1 ] && [ "$runs" -gt 0 ] && echo 0 || echo 1)" \
  "at most $per_slot run per job and interval, $overlaps runs overlapping another"
errors=$(cat "$work"/app-*.log | grep -c ' ERROR ' || true)
verdict "no errors logged" "$([ "$errors" = 0 ] && echo 0 || echo 1)" "$errors ERROR lines in the three logs"
[ "$errors" = 0 ] || grep -h -A3 ' ERROR ' "$work"/app-*.log | head -20

log "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed"; exit 1; fi
echo "all checks passed"
