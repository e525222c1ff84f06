#!/usr/bin/env bash
# Request-path benchmark (not a test; its numbers go in docs/performance.md, "Request-path performance"). In one run:
#   1. starts the packaged jar (heap -Xmx$HEAP) on 127.0.0.1 with a schema of its own and a generated
#      token-signing key, and times start to ready;
#   2. loads every row below with wrk (THREADS threads, CLIENTS connections, WARMUP s of warm-up, then
#      DURATION s measured) and compares it with its baseline: the liveness route (the HTTP stack's
#      ceiling on this machine) or pgbench running the bare SQL of the same work, CLIENTS connections,
#      for as long, right after it. The warm-up is long enough for the JIT to settle on 2 cores (after
#      3 s its compiler thread still took half a core);
#   3. for the feedback row, also runs pgbench on the statements the service really sends for one
#      submission (its transaction: begin, incident, first event, notice links, commit; a submission
#      is not delivered, so no outbox row): the database's own ceiling for that work, printed under the table;
#   4. a workflow action: operators accept NEW incidents (moderation, NEW -> ASSIGNED), one request per incident,
#      on incidents seeded with SQL (WORKFLOW_ROWS per phase, warm-up and measured apart);
#   5. prints one table of rates, p50/p90/p99 latencies and ratios, with the service's RSS idle and under load.
# STATS_ROLLUPS=off measures the write path as it was before the statistics rollups (V150): the three
# statement triggers that write stats_delta are disabled and V150's two partial indexes dropped, in the
# bench's own schema only, right after the migrations ran.
# Rate limits are off for the run (otklik.rate-limit.enabled=false). Everything talks to 127.0.0.1 only.
#
#   scripts/bench-api.sh                           # defaults below; needs wrk and pgbench (apt: wrk, postgresql-client)
#   DURATION=5 CLIENTS=32 scripts/bench-api.sh
#   PHASES=status scripts/bench-api.sh             # only some rows (comma list of live, reference, me, feedback,
#                                                  # status, moderation); status alone seeds its incidents through
#                                                  # the feedback endpoint first (SEED s, unmeasured)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/throwaway-app.sh

THREADS=${THREADS:-2}
CLIENTS=${CLIENTS:-64}
WARMUP=${WARMUP:-15}
DURATION=${DURATION:-10}
HEAP=${HEAP:-256m}
PORT=${PORT:-18090}
SCHEMA=${SCHEMA:-otklik_bench_api}
STATS_ROLLUPS=${STATS_ROLLUPS:-on}
WORKFLOW_ROWS=${WORKFLOW_ROWS:-40000}
PHASES=${PHASES:-live,reference,me,feedback,status,moderation}
SEED=${SEED:-5}
BASE="http://127.0.0.1:$PORT"
export PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=postgres

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v pgbench >/dev/null || { echo "pgbench is missing: apt-get install postgresql-client" >&2; exit 1; }

work=$(mktemp -d)
app_pid=""
cleanup() {
    if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
    if [ -f "$work/app.log" ]; then mkdir -p target && cp "$work/app.log" target/bench-api-app.log; fi
    # BENCH_KEEP_SCHEMA=true keeps the data for EXPLAIN (dropped by the next run)
    [ "${BENCH_KEEP_SCHEMA:-false}" = "true" ] || psql -qX -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT TERM

log() { printf '\n== %s\n' "$*" >&2; }
phase() { [[ ",$PHASES," == *",$1,"* ]]; }

if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ "${BUILD:-false}" = "true" ]; then
    log "building the service"
    ./mvnw -B -q package -DskipTests
fi

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
public_key=$(token_signing_key "$work")
token_for() {   # subject, client, role
    local now header payload signature
    now=$(date +%s)
    header=$(printf '{"alg":"RS256","typ":"JWT","kid":"bench"}' | b64url)
    payload=$(printf '{"iss":"bench","aud":"otklik-api","sub":"%s","azp":"%s","realm_access":{"roles":["%s"]},"district":"leninsky","iat":%d,"exp":%d}' \
        "$1" "$2" "$3" "$now" "$((now + 7200))" | b64url)
    signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$work/key.pem" -binary | b64url)
    printf '%s.%s.%s' "$header" "$payload" "$signature"
}
citizen_token=$(token_for bench-citizen otklik-widget citizen)
operator_token=$(token_for bench-operator otklik-staff operator)

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# Without autovacuum nothing analyzes the tables the run fills, and plans follow the empty tables' statistics.
autovacuum=$(psql -AtXc 'show autovacuum')
log "machine: $(nproc) cores, load average $load_before; $(psql -AtXc 'select version()' | cut -d, -f1), autovacuum $autovacuum"
psql -qX -c "drop schema if exists $SCHEMA cascade"

# Starts the service, waits until it is ready and prints how long that took (ms).
start_service() {
    local started
    started=$(date +%s%N)
    OTKLIK_HTTP_PORT=$PORT OTKLIK_DB_SCHEMA=$SCHEMA OTKLIK_RATE_LIMIT_ENABLED=false \
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
    echo $(( ($(date +%s%N) - started) / 1000000 ))
}

log "starting the service on port $PORT (schema $SCHEMA, -Xmx$HEAP)"
start_service >"$work/ready_ms"
ready_ms=$(cat "$work/ready_ms")
log "ready after $ready_ms ms on a fresh schema (migrations)"

# A second start on the migrated schema: what a rolling restart costs.
kill "$app_pid"; wait "$app_pid" 2>/dev/null || true
start_service >"$work/ready_ms"
restart_ms=$(cat "$work/ready_ms")
log "ready after $restart_ms ms on the migrated schema"
if [ "$STATS_ROLLUPS" = "off" ]; then
    log "statistics rollups off: stats_delta triggers disabled, V150's partial indexes dropped (the write path before V150)"
    psql -qX -v ON_ERROR_STOP=1 <<SQL
alter table $SCHEMA.incident disable trigger incident_stats_insert;
alter table $SCHEMA.incident disable trigger incident_stats_update;
alter table $SCHEMA.incident disable trigger incident_stats_delete;
drop index $SCHEMA.incident_first_response_ahead;
drop index $SCHEMA.incident_resolution_ahead;
SQL
fi
rss_idle=$(( $(ps -o rss= -p "$app_pid") / 1024 ))

# wrk's Lua: a report of rate and latency percentiles (µs) on one line; optional request bodies.
cat >"$work/report.lua" <<'LUA'
done = function(summary, latency, requests)
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    io.write(string.format("RESULT %.1f %d %d %d %d %d\n", summary.requests / (summary.duration / 1e6),
        latency:percentile(50), latency:percentile(90), latency:percentile(99), errors, summary.requests))
end
LUA
cat >"$work/feedback.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $citizen_token"
wrk.body = '{"categoryCode":"housing.hot_water","districtCode":"leninsky","address":"ул. Молодогвардейская, 1","text":"Нет горячей воды в подъезде с утра, просим проверить стояк."}'
LUA
cat "$work/report.lua" >>"$work/feedback.lua"
cat >"$work/status.lua" <<LUA
counter = 0
request = function()
    counter = counter + 1
    return wrk.format("GET", "/api/v1/incidents/" .. NUMBERS[(counter * 7919) % #NUMBERS + 1] .. "/status")
end
LUA

# Each request accepts another NEW incident: W<phase><8 digits>, threads interleaved (wrk's threads have a Lua
# state each), the warm-up (phase 0) and the measured run (phase 1) on incidents of their own.
cat >"$work/moderation.lua" <<LUA
local threads = 0
setup = function(thread)
    thread:set("tid", threads)
    threads = threads + 1
end
init = function(args)
    phase = args[1] == "measured" and 1 or 0
    counter = 0
end
request = function()
    local n = counter * $THREADS + tid
    counter = counter + 1
    return wrk.format("POST", string.format("/api/v1/incidents/W%d%08d/moderation", phase, n),
        { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer $operator_token", ["If-Match"] = '"0"' },
        '{"decision":"ACCEPT"}')
end
LUA
cat "$work/report.lua" >>"$work/moderation.lua"

rows=()
run_wrk() {   # name, script, url, extra args...
    local name=$1 script=$2 url=$3; shift 3
    wrk -t"$THREADS" -c"$CLIENTS" -d"${WARMUP}s" -s "$script" "$@" "$url" -- warmup >/dev/null
    local out
    out=$(wrk -t"$THREADS" -c"$CLIENTS" -d"${DURATION}s" -s "$script" "$@" "$url" -- measured)
    local result
    result=$(grep '^RESULT' <<<"$out") || { echo "$out" >&2; exit 1; }
    local failed
    failed=$(grep -oP 'Non-2xx or 3xx responses: \K[0-9]+' <<<"$out" || echo 0)
    echo "$name ${result#RESULT } $failed"
}
run_pgbench() {   # name, sql file
    local name=$1 file=$2 out tps avg
    out=$(PGOPTIONS="-c search_path=$SCHEMA" pgbench -n -c "$CLIENTS" -j "$THREADS" -T "$DURATION" -M prepared -f "$file" 2>&1)
    tps=$(grep -oP 'tps = \K[0-9.]+' <<<"$out" | head -1)
    avg=$(grep -oP 'latency average = \K[0-9.]+' <<<"$out" | head -1)
    [ -n "$tps" ] || { echo "$out" >&2; exit 1; }
    echo "$name $tps $avg"
}

live="" categories="" districts="" me="" feedback="" status="" moderation=""
rss_load=$(( $(ps -o rss= -p "$app_pid") / 1024 ))
if phase live || phase reference || phase me || phase moderation; then
    # the other rows' baseline
    log "liveness route (baseline)"
    live=$(run_wrk live "$work/report.lua" "$BASE/q/health/live")
fi
if phase reference; then
    log "reference data"
    categories=$(run_wrk categories "$work/report.lua" "$BASE/api/v1/categories")
    districts=$(run_wrk districts "$work/report.lua" "$BASE/api/v1/districts")
fi
if phase me; then
    log "an authenticated call without database"
    me=$(run_wrk me "$work/report.lua" "$BASE/api/v1/me" -H "Authorization: Bearer $citizen_token")
fi
rss_load=$(( $(ps -o rss= -p "$app_pid") / 1024 > rss_load ? $(ps -o rss= -p "$app_pid") / 1024 : rss_load ))

if phase feedback; then
log "feedback through the API, then pgbench inserting the same rows"
feedback=$(run_wrk feedback "$work/feedback.lua" "$BASE/api/v1/feedback")
rss_load=$(( $(ps -o rss= -p "$app_pid") / 1024 > rss_load ? $(ps -o rss= -p "$app_pid") / 1024 : rss_load ))
cat >"$work/feedback.sql" <<'SQL'
with created as (
    insert into incident (number, channel, category_code, district_code, address, text, author_subject, submitted_by,
        organization_code, status, first_response_due, resolution_due, created_at, updated_at)
    values ('P' || lpad(nextval('incident_number_seq')::text, 9, '0'), 'WIDGET', 'housing.hot_water', 'leninsky',
        'ул. Молодогвардейская, 1', 'Нет горячей воды в подъезде с утра, просим проверить стояк.', 'bench-citizen',
        'bench-citizen', 'rso.water', 'NEW', now() + interval '8 hours', now() + interval '10 days', now(), now())
    returning id, status, organization_code, created_at
)
insert into incident_event (incident_id, occurred_at, type, public, actor_subject, actor_role, status, organization_code)
select id, created_at, 'SUBMITTED', true, 'bench-citizen', 'citizen', status, organization_code from created;
SQL
feedback_sql=$(run_pgbench feedback-sql "$work/feedback.sql")
cat >"$work/feedback-transaction.sql" <<'SQL'
begin;
insert into incident (number, channel, category_code, district_code, address, text, author_subject, submitted_by,
    organization_code, status, first_response_due, resolution_due, created_at, updated_at)
select 'T' || lpad(n::text, greatest(6, length(n::text)), '0'), 'WIDGET', 'housing.hot_water', 'leninsky',
    'ул. Молодогвардейская, 1', 'Нет горячей воды в подъезде с утра, просим проверить стояк.', 'bench-citizen',
    'bench-citizen', 'rso.water', 'NEW', now() + interval '8 hours', now() + interval '10 days', now(), now()
from nextval('incident_number_seq') n returning id \gset
insert into incident_event (incident_id, occurred_at, type, public, actor_subject, actor_role, status, organization_code)
values (:id, now(), 'SUBMITTED', true, 'bench-citizen', 'citizen', 'NEW', 'rso.water');
with linked as (insert into notice_incident (notice_id, incident_id, linked_at)
    select n.id, i.id, now() from incident i join notice n on n.status = 'PUBLISHED' and n.starts_at <= now()
        and n.ends_at > now() and n.category_code = any(array['housing.hot_water', 'housing'])
    where i.id = :id on conflict do nothing returning notice_id)
select n.id, n.title_ru, n.title_en, n.ends_at from notice n join linked l on l.notice_id = n.id order by n.ends_at, n.id;
commit;
SQL
feedback_transaction=$(run_pgbench feedback-transaction "$work/feedback-transaction.sql")
elif phase status; then
    log "status lookups need incidents: feedback through the API for $SEED s (not measured)"
    wrk -t"$THREADS" -c"$CLIENTS" -d"${SEED}s" -s "$work/feedback.lua" "$BASE/api/v1/feedback" >/dev/null
fi

if phase status; then
log "status lookups by number, then pgbench selecting the same row"
# Numbers of the incidents the API created (a cancelled request leaves a gap in the sequence).
{ printf 'NUMBERS = {'; psql -AtX -c "select string_agg(quote_literal(number), ',') from $SCHEMA.incident where number !~ '^[PT]'"; printf '}\n'; } \
    | tr "'" '"' >"$work/numbers.lua"
cat "$work/numbers.lua" "$work/status.lua" >"$work/status-numbers.lua" && mv "$work/status-numbers.lua" "$work/status.lua"
cat "$work/report.lua" >>"$work/status.lua"
first=$(psql -AtX -c "select min(number) from $SCHEMA.incident where number !~ '^[PT]'")
log "one lookup before the load: $(curl -s -o /dev/null -w '%{http_code} in %{time_total} s' "$BASE/api/v1/incidents/$first/status") ($first)"
status=$(run_wrk status "$work/status.lua" "$BASE")
# The same index probe (a gap in the sequence costs the same probe).
read -r prefix last < <(psql -AtX -F ' ' -c "select split_part(max(number), '-', 1), split_part(max(number), '-', 2)::int from $SCHEMA.incident where number !~ '^[PT]'")
cat >"$work/status.sql" <<SQL
\set n random(1, $last)
select * from incident where number = '$prefix-' || lpad(:n::text, 6, '0');
SQL
status_sql=$(run_pgbench status-sql "$work/status.sql")
rss_load=$(( $(ps -o rss= -p "$app_pid") / 1024 > rss_load ? $(ps -o rss= -p "$app_pid") / 1024 : rss_load ))
fi

if phase moderation; then
log "workflow: operators accept NEW incidents (moderation), $WORKFLOW_ROWS seeded per phase"
psql -qX -v ON_ERROR_STOP=1 <<SQL
set search_path = $SCHEMA;
insert into incident (number, channel, category_code, district_code, address, text, author_subject, submitted_by,
    organization_code, status, first_response_due, resolution_due, created_at, updated_at)
select 'W' || phase || lpad(n::text, 8, '0'), 'WIDGET', 'housing.hot_water', 'leninsky', 'ул. Молодогвардейская, 1',
    'Нет горячей воды в подъезде с утра, просим проверить стояк.', 'bench-citizen', 'bench-citizen', 'rso.water', 'NEW',
    now() + interval '8 hours', now() + interval '10 days', now(), now()
from generate_series(0, 1) as phase, generate_series(0, $WORKFLOW_ROWS - 1) as n;
vacuum analyze incident;
SQL
sleep 5   # the seeded rows' deltas (when the rollups are on) are folded before the warm-up
moderation=$(run_wrk moderation "$work/moderation.lua" "$BASE")
rss_load=$(( $(ps -o rss= -p "$app_pid") / 1024 > rss_load ? $(ps -o rss= -p "$app_pid") / 1024 : rss_load ))
fi

rate() { awk '{print $2}' <<<"$1"; }
lat() { awk -v i="$2" '{printf "%.1f", $i / 1000}' <<<"$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
row() {   # label, wrk line, baseline rate, baseline label (a phase not run prints no row)
    [ -n "$2" ] || return 0
    printf '| %-40s | %9.0f | %6s / %6s / %6s | %-20s | %5s | %s |\n' "$1" "$(rate "$2")" "$(lat "$2" 3)" "$(lat "$2" 4)" \
        "$(lat "$2" 5)" "$4" "$(ratio "$(rate "$2")" "$3")" "$(awk '{print $6 + $8}' <<<"$2")/$(awk '{print $7}' <<<"$2")"
}

echo
echo "$(nproc) cores shared by the service, wrk (-t$THREADS -c$CLIENTS, ${WARMUP} s warm-up, ${DURATION} s measured) and PostgreSQL;"
echo "load average before the run: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg). Heap -Xmx$HEAP. Statistics rollups: $STATS_ROLLUPS."
echo "PostgreSQL autovacuum: $autovacuum."
echo
echo "| path                                     |     req/s | p50 / p90 / p99 ms       | baseline             | ratio | failed/requests |"
echo "|------------------------------------------|----------:|--------------------------|----------------------|------:|----------------:|"
[ -z "$live" ] || row "GET /q/health/live" "$live" "$(rate "$live")" "itself"
row "GET /api/v1/categories" "$categories" "$(rate "$live")" "liveness"
row "GET /api/v1/districts" "$districts" "$(rate "$live")" "liveness"
row "GET /api/v1/me (JWT, no database)" "$me" "$(rate "$live")" "liveness"
[ -z "$status" ] || row "GET /api/v1/incidents/{number}/status" "$status" "$(awk '{print $2}' <<<"$status_sql")" \
    "pgbench $(awk '{printf "%.0f", $2}' <<<"$status_sql") tps"
[ -z "$feedback" ] || row "POST /api/v1/feedback" "$feedback" "$(awk '{print $2}' <<<"$feedback_sql")" \
    "pgbench $(awk '{printf "%.0f", $2}' <<<"$feedback_sql") tps"
row "POST /api/v1/incidents/{n}/moderation" "$moderation" "$(rate "$live")" "liveness"
if [ -n "$feedback" ]; then
    echo
    echo "feedback against the database's ceiling for the same transaction (pgbench, the statements the service sends):"
    echo "$(awk '{printf "%.0f", $2}' <<<"$feedback_transaction") tps, ratio $(ratio "$(rate "$feedback")" "$(awk '{print $2}' <<<"$feedback_transaction")")."
fi
echo
echo "start to ready: $ready_ms ms on a fresh schema (migrations), $restart_ms ms on the migrated schema;"
echo "RSS: $rss_idle MiB idle, $rss_load MiB at most under load."
