#!/usr/bin/env bash
# The production database path, measured (not a test; its table goes in docs/performance.md, "The
# production database path"). In one run, one instance of the packaged jar, the same mixed load each time (ScaleOut's:
# 50 % votes of distinct citizens, 20 % feedback, 30 % status lookups; every token signed before the clock
# starts), against:
#   direct        PostgreSQL directly, the client's defaults (statements prepared once per connection and
#                 cached, pipelining 256);
#   direct-nocache PostgreSQL directly, no statement cache and layer-7 proxy mode (unnamed statements, each
#                 parsed and planned again) but pipelining 256: what the statement preparation costs alone;
#   direct-prod   PostgreSQL directly with the production client settings (no statement cache, layer-7
#                 proxy mode: unnamed statements, pipelining 1): what the client settings cost by themselves;
#   pgbouncer     through a local PgBouncer in transaction mode configured as k8s/base/pooler.yaml, with the
#                 production client settings: the production path.
# After each load it reads the service's own pool metrics (time requests waited for a connection),
# PgBouncer's SHOW STATS (its average query and wait times over its current stats_period: 1.18 cannot reset
# them, so they include the warm-up), the CPU time the service's JVM and PgBouncer
# used per request during the load, and how busy the machine's cores were. PgBouncer is Debian's (1.18: no
# max_prepared_statements, which needs 1.21); installed from Debian's packages when missing. 127.0.0.1 only.
#
#   scripts/bench-pooler.sh                   LOAD_REQUESTS=3000 IN_FLIGHT=32 POOL_SIZE=20
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/throwaway-app.sh
. scripts/pgbouncer.sh

LOAD_REQUESTS=${LOAD_REQUESTS:-3000}
IN_FLIGHT=${IN_FLIGHT:-32}
POOL_SIZE=${POOL_SIZE:-20}
SCHEMA=${SCHEMA:-${OTKLIK_TEST_DB_SCHEMA:-otklik}_bench_pooler}
export PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=postgres

work=$(mktemp -d)
chmod 755 "$work"
app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  [ -f "$work/pgbouncer.pid" ] && kill "$(cat "$work/pgbouncer.pid")" 2>/dev/null || true
  sleep 1
  psql -qX -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT TERM
log() { printf '\n== %s\n' "$*" >&2; }
client() { java -cp "$work/classes" ScaleOut "$@"; }

command -v pgbouncer >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends pgbouncer >/dev/null
if [ "${BUILD:-false}" = true ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then
  log "building the service"
  ./mvnw -B -q package -DskipTests
fi
mkdir -p "$work/classes"
javac -d "$work/classes" scripts/ScaleOut.java scripts/PollBench.java
client keys "$work"
psql -qX -c "drop schema if exists $SCHEMA cascade"

pgbouncer_port=$(free_port)
log "PgBouncer $(pgbouncer --version | head -1 | awk '{print $2}') on 127.0.0.1:$pgbouncer_port, transaction mode, as k8s/base/pooler.yaml"
start_pgbouncer "$work" "$pgbouncer_port" "$SCHEMA" "$POOL_SIZE"

# The service on a free port: direct (host port, database name) or through PgBouncer; client settings.
# Sets app_pid and base (not in a subshell, so that cleanup can stop it).
start_service() { # name, db port, db name, cache statements, layer-7 proxy, pipelining limit
  local port
  port=$(free_port)
  base="http://127.0.0.1:$port"
  OTKLIK_HTTP_PORT=$port OTKLIK_DB_PORT=$2 OTKLIK_DB_NAME=$3 OTKLIK_DB_SCHEMA=$SCHEMA OTKLIK_DB_POOL_SIZE=$POOL_SIZE \
  OTKLIK_DB_CACHE_PREPARED_STATEMENTS=$4 OTKLIK_DB_LAYER7_PROXY=$5 OTKLIK_DB_PIPELINING_LIMIT=$6 \
  OTKLIK_RATE_LIMIT_ENABLED=false OTKLIK_DB_MIGRATE_AT_START=true \
    java -Xmx512m -Dquarkus.profile=bench -Dquarkus.http.host=127.0.0.1 \
    -Dquarkus.oidc.public-key="$(cat "$work/public.pem")" -Dquarkus.log.console.json.enabled=false \
    -jar target/quarkus-app/quarkus-run.jar >"$work/app-$1.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 300); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready" && break
    kill -0 "$app_pid" 2>/dev/null || { tail -30 "$work/app-$1.log" >&2; exit 1; }
    sleep 0.2
  done
}
pool_wait() { # base -> "count total-ms": connection waits of the reactive pool since start
  curl -fs "$1/q/metrics" | awk '/^sql_pool_queue_delay_seconds_count/ {c += $2} /^sql_pool_queue_delay_seconds_sum/ {s += $2}
    END {printf "%d %.3f", c, s * 1000}'
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; } # user + system, 1/100 s
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9}' /proc/stat; }

rows=()
measure() { # name, description, db port, db name, cache, layer7, pipelining
  local name=$1 description=$2 base poll output waits
  shift 2
  log "$name: $description"
  if [ "$name" = pgbouncer ] && ! pg_isready -q -h 127.0.0.1 -p "$pgbouncer_port"; then
    echo "PgBouncer is not running any more:" >&2; tail -20 "$work/pgbouncer.log" >&2; exit 1
  fi
  start_service "$name" "$@"
  poll=$(client poll "$base" "$work")
  client load "$base" "$work" "$poll" "$name-warm-up" 600 "$IN_FLIGHT" >/dev/null
  local before after bouncer_pid=0 cpu_before cpu_after machine_before machine_after
  [ "$name" = pgbouncer ] && bouncer_pid=$(cat "$work/pgbouncer.pid")
  before=$(pool_wait "$base")
  cpu_before="$(cpu_ticks "$app_pid") $(cpu_ticks "$bouncer_pid")"
  machine_before=$(busy_ticks)
  output=$(client load "$base" "$work" "$poll" "$name" "$LOAD_REQUESTS" "$IN_FLIGHT")
  echo "   $output" >&2
  machine_after=$(busy_ticks)
  cpu_after="$(cpu_ticks "$app_pid") $(cpu_ticks "$bouncer_pid")"
  after=$(pool_wait "$base")
  local cpu
  cpu=$(awk -v b="$cpu_before" -v a="$cpu_after" -v mb="$machine_before" -v ma="$machine_after" -v n="$LOAD_REQUESTS" -v bouncer="$bouncer_pid" 'BEGIN {
    split(b, x, " "); split(a, y, " "); split(mb, p, " "); split(ma, q, " ");
    printf "%.2f / %s / %.0f %%", (y[1] - x[1]) * 10 / n, (bouncer == 0 ? "-" : sprintf("%.2f", (y[2] - x[2]) * 10 / n)),
      100 * (q[1] - p[1]) / (q[2] - p[2])}')
  waits=$(awk -v b="$before" -v a="$after" 'BEGIN {split(b, x, " "); split(a, y, " "); n = y[1] - x[1];
    printf "%d %.2f", n, (n > 0 ? (y[2] - x[2]) / n : 0)}')
  local bouncer="-"
  if [ "$name" = pgbouncer ]; then
    bouncer=$(psql -qAX -p "$pgbouncer_port" -d pgbouncer -c "SHOW STATS" 2>/dev/null | awk -F'|' 'NR == 1 {for (i = 1; i <= NF; i++) h[$i] = i}
      $1 == "otklik" {printf "avg query %.2f ms, avg wait %.2f ms", $h["avg_query_time"] / 1000, $h["avg_wait_time"] / 1000}' || echo "-")
  fi
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
  rows+=("$name|$description|$output|$waits|$bouncer|$cpu")
}

log "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(psql -AtXc 'select version()' | cut -d, -f1)"
measure direct "PostgreSQL directly, client defaults" 5432 postgres true false 256
measure direct-nocache "PostgreSQL directly, no statement cache, layer-7 proxy, pipelining 256" 5432 postgres false true 256
measure direct-prod "PostgreSQL directly, production client settings" 5432 postgres false true 1
measure pgbouncer "through PgBouncer (transaction mode), production client settings" "$pgbouncer_port" otklik false true 1

echo
echo "$(nproc) cores shared by PostgreSQL, PgBouncer, the service and the load generator; $LOAD_REQUESTS requests"
echo "(50 % votes, 20 % feedback, 30 % status lookups), $IN_FLIGHT in flight, after 600 of warm-up; pool $POOL_SIZE."
echo
echo "| path | req/s | p50 / p95 / p99 ms | vs direct | pool waits: count, avg ms | PgBouncer | CPU ms/request: service / PgBouncer / cores busy | not 2xx |"
echo "|---|---:|---:|---:|---:|---|---:|---:|"
direct_rate=""
for row in "${rows[@]}"; do
  IFS='|' read -r name description output waits bouncer cpu <<<"$row"
  rate=$(sed -E 's/.* ([0-9.]+) req\/s.*/\1/' <<<"$output")
  latency=$(sed -E 's/.*p50 ([0-9]+) p95 ([0-9]+) p99 ([0-9]+).*/\1 \/ \2 \/ \3/' <<<"$output")
  failed=$(sed -E 's/.* ([0-9]+) not 2xx$/\1/' <<<"$output")
  [ -n "$direct_rate" ] || direct_rate=$rate
  printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$description" "$rate" "$latency" \
    "$(awk -v a="$rate" -v b="$direct_rate" 'BEGIN {printf "%.2f", a / b}')" "$(tr ' ' ',' <<<"$waits" | sed 's/,/, /')" "$bouncer" \
    "$cpu" "$failed"
done
