#!/usr/bin/env bash
# Statistics benchmark: seeds BENCH_ROWS incidents (default 1,000,000) with SQL into a schema of its own,
# starts the packaged application against it on 127.0.0.1, times every report through the API with curl
# (sequential requests, no load generator needed) and drops the schema at the end.
#
#   scripts/bench-stats.sh                 # needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust), Java 17
#   BENCH_ROWS=200000 BENCH_RUNS=10 scripts/bench-stats.sh
#   BENCH_KEEP_SCHEMA=true scripts/bench-stats.sh   # keeps the schema for EXPLAIN; BENCH_REUSE_SCHEMA=true then
#                                                   # times a new build on it without seeding again
#
# Tokens: the application verifies them with a throw-away RSA key (quarkus.oidc.public-key), so no OIDC
# server is needed; the key and the token live in a temporary directory that is removed at exit.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/throwaway-app.sh

SCHEMA=${BENCH_SCHEMA:-otklik_bench_stats}
ROWS=${BENCH_ROWS:-1000000}
RUNS=${BENCH_RUNS:-20}
PORT=${BENCH_PORT:-18087}
MONTH=${BENCH_MONTH:-2026-10}
YEAR=${MONTH%-*}
PSQL=(psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -q -X)
BASE="http://127.0.0.1:$PORT"

work=$(mktemp -d)
app_pid=""
cleanup() {
    if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
    if [ "${BENCH_KEEP_SCHEMA:-false}" != "true" ]; then
        "${PSQL[@]}" -c "drop schema if exists $SCHEMA cascade" || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap "exit 130" INT TERM

if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
    ./mvnw -B -q package -DskipTests
fi

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
public_key=$(token_signing_key "$work")
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT","kid":"bench"}' | b64url)
payload=$(printf '{"iss":"bench","aud":"otklik-api","sub":"bench-analyst","azp":"otklik-staff","realm_access":{"roles":["analyst","admin"]},"iat":%d,"exp":%d}' \
    "$now" "$((now + 7200))" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$work/key.pem" -binary | b64url)
token="$header.$payload.$signature"

reuse=false
if [ "${BENCH_REUSE_SCHEMA:-false}" = "true" ] \
    && [ "$("${PSQL[@]}" -At -c "select count(*) from pg_tables where schemaname = '$SCHEMA' and tablename = 'stats_rollup'")" = "1" ]; then
    reuse=true
    echo "== schema $SCHEMA kept from an earlier run: migrated by the application, not seeded again"
else
    echo "== schema $SCHEMA: dropped, then migrated by the application"
    "${PSQL[@]}" -c "drop schema if exists $SCHEMA cascade"
fi
OTKLIK_DB_SCHEMA=$SCHEMA OTKLIK_DB_MIGRATE_AT_START=true OTKLIK_DB_PASSWORD=unused-with-trust-authentication OTKLIK_RATE_LIMIT_ENABLED=false \
OTKLIK_OIDC_AUTH_SERVER_URL=http://127.0.0.1:9/unused OTKLIK_HTTP_PORT=$PORT OTKLIK_STATS_MAX_RANGE_DAYS=1827 \
    java -Xmx512m -Dquarkus.http.host=127.0.0.1 -D%prod.quarkus.oidc.auth-server-url= -Dquarkus.oidc.public-key="$public_key" \
    -Dquarkus.log.console.json.enabled=false -jar target/quarkus-app/quarkus-run.jar >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do
    if curl -sf "$BASE/q/health/ready" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$app_pid" 2>/dev/null; then cat "$work/app.log"; exit 1; fi
    sleep 1
done
curl -sf "$BASE/q/health/ready" >/dev/null

if [ "$reuse" = "false" ]; then
echo "== seeding $ROWS incidents over the 12 months before $YEAR-12 (about $((ROWS / 12)) a month)"
start_seed=$(date +%s)
"${PSQL[@]}" <<SQL
set search_path = $SCHEMA;
select setseed(0.42) as seeded \gset
insert into incident (number, channel, social_platform, category_code, district_code, text, submitted_by,
    organization_code, status, first_response_due, resolution_due, first_responded_at, answered_at, closed_at,
    reopen_count, rating_accepted, rated_at, created_at, updated_at)
select 'B' || lpad(g::text, 9, '0'), channel, case when channel = 'SOCIAL' then 'VK' end, category, district,
       'Сообщение для замера статистики номер ' || g, 'bench', organization, status,
       created + interval '1 hour' * (4 + 5 * r_due), created + interval '1 day' * (3 + 27 * r_due),
       case when status <> 'NEW' and r_first < 0.95 then created + interval '1 hour' * (72 * r_first) end,
       answered,
       case when status = 'CLOSED' then coalesce(answered, created) + interval '2 days' end,
       case when status = 'REOPENED' then 1 when r_rate < 0.05 and answered is not null then 1 else 0 end,
       case when answered is not null and r_rate < 0.4 then r_rate < 0.34 end,
       case when answered is not null and r_rate < 0.4 then answered + interval '1 day' end,
       created, created
from (
    select g, created, channel, category, district, organization, status, r_due, r_first, r_rate,
           case when status in ('ANSWERED', 'CLOSED') or (status = 'REOPENED' and r_first < 0.5)
                then created + interval '1 hour' * (1 + 600 * r_answer) end as answered
    from (
        select g,
               timestamptz '$YEAR-12-01 00:00+04' - interval '365 days' + interval '1 second' * floor(random() * 365 * 86400) as created,
               (array['WIDGET', 'MOBILE', 'GOSUSLUGI', 'GOSUSLUGI', 'SOCIAL'])[1 + floor(random() * 5)::int] as channel,
               (array['housing.heating', 'housing.hot_water', 'housing.cold_water', 'housing.waste', 'housing.building',
                      'landscaping.yards', 'landscaping.lighting', 'landscaping.greenery', 'landscaping.snow',
                      'roads.potholes', 'roads.traffic_lights', 'roads.sidewalks', 'transport.schedule', 'transport.stops',
                      'transport.service', 'covid', 'other'])[1 + floor(random() * 17)::int] as category,
               (array['zheleznodorozhny', 'kirovsky', 'krasnoglinsky', 'kuibyshevsky', 'leninsky', 'oktyabrsky',
                      'promyshlenny', 'samarsky', 'sovetsky', null])[1 + floor(random() * 10)::int] as district,
               (array['mcu', 'adm.leninsky', 'adm.kirovsky', 'adm.sovetsky', 'adm.samarsky', 'dep.city_economy',
                      'dep.transport', 'dep.roads', 'rso.heat', 'rso.water', 'rso.waste'])[1 + floor(random() * 11)::int] as organization,
               (array['CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED', 'CLOSED',
                      'ANSWERED', 'ANSWERED', 'ANSWERED', 'ANSWERED', 'IN_PROGRESS', 'IN_PROGRESS', 'ASSIGNED', 'NEW',
                      'REJECTED', 'REOPENED', 'DUPLICATE'])[1 + floor(random() * 20)::int] as status,
               random() as r_due, random() as r_first, random() as r_answer, random() as r_rate
        from generate_series(1, $ROWS) as g
    ) as drawn
) as seeded;
vacuum analyze incident;
SQL
echo "   seeded in $(( $(date +%s) - start_seed )) s; table with indexes: $("${PSQL[@]}" -At -c "select pg_size_pretty(pg_total_relation_size('$SCHEMA.incident'))")"

# The seed is one SQL statement: its deltas (one per incident) would be folded by the application in batches;
# a rebuild of the seeded days computes the same rollups from the incidents in one pass, a month per transaction.
echo "== rebuilding the statistics rollups of the seeded days"
rebuild=$(curl -s -w ' %{http_code} %{time_total}' -X POST -H "Authorization: Bearer $token" \
    "$BASE/api/v1/admin/stats/rebuild?from=$((YEAR - 1))-11-30&to=$YEAR-11-30")
echo "   $rebuild"
case "$rebuild" in *" 200 "*) ;; *) grep -A15 ERROR "$work/app.log" | head -60; exit 1 ;; esac
# The rollup rows of the four years before, copied from the seeded year (a day's rows to the same date 1-4
# years earlier; where two copies meet, the first stays), so that a five-year summary reads five years of rows.
"${PSQL[@]}" -c "insert into $SCHEMA.stats_rollup select grain, dimension, (day - make_interval(years => y))::date, code,
    received, cases, fr_on_time, fr_late, fr_pending, res_on_time, res_late, res_pending, answered, answered_once, reopened,
    rated, accepted, fr_hist, ans_hist
    from $SCHEMA.stats_rollup, generate_series(1, 4) as y on conflict do nothing"
# The rebuild deleted the seed's deltas (the incidents show them): vacuum, as autovacuum would soon (V151).
"${PSQL[@]}" -c "vacuum analyze $SCHEMA.stats_rollup" -c "vacuum analyze $SCHEMA.stats_delta"
echo "   rollup rows (with the copies): $("${PSQL[@]}" -At -c "select count(*) from $SCHEMA.stats_rollup"), size $("${PSQL[@]}" -At -c "select pg_size_pretty(pg_total_relation_size('$SCHEMA.stats_rollup'))"), deltas left: $("${PSQL[@]}" -At -c "select count(*) from $SCHEMA.stats_delta")"
fi

time_report() {
    local name=$1 url=$2 accept=$3 auth=$4
    local args=(-s -o "$work/body" -w '%{http_code} %{time_total}\n' -H "Accept: $accept")
    if [ "$auth" = "yes" ]; then args+=(-H "Authorization: Bearer $token"); fi
    curl "${args[@]}" "$BASE$url" >/dev/null    # warm-up: plans, JIT, reference data
    : >"$work/times"
    for _ in $(seq 1 "$RUNS"); do
        read -r code seconds < <(curl "${args[@]}" "$BASE$url")
        if [ "$code" != "200" ]; then echo "$name: HTTP $code"; cat "$work/body"; echo; grep -A15 ERROR "$work/app.log" | head -60; exit 1; fi
        echo "$seconds" >>"$work/times"
    done
    sort -n "$work/times" | awk -v name="$name" -v n="$RUNS" '
        { t[NR] = $1 * 1000 }
        END { printf "| %-44s | %7.0f | %7.0f | %7.0f | %7.0f |\n", name, t[1], t[int((n + 1) / 2)], t[int(n * 0.95 + 0.5)], t[n] }'
}

echo
echo "load average before timing: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
echo "$ROWS incidents, $RUNS sequential requests per report after one warm-up (milliseconds):"
echo
echo "| report                                       |     min |  median |     p95 |     max |"
echo "|----------------------------------------------|--------:|--------:|--------:|--------:|"
time_report "summary, one month (JSON)" "/api/v1/stats/summary?from=$MONTH-01&to=$(date -d "$MONTH-01 +1 month -1 day" +%F)" application/json yes
time_report "summary, one month (CSV)" "/api/v1/stats/summary?from=$MONTH-01&to=$(date -d "$MONTH-01 +1 month -1 day" +%F)" text/csv yes
time_report "summary, 366 days (JSON)" "/api/v1/stats/summary?from=$((YEAR - 1))-12-01&to=$YEAR-12-01" application/json yes
time_report "monthly, one year (JSON)" "/api/v1/stats/monthly?year=$YEAR" application/json yes
time_report "monthly chart (SVG)" "/api/v1/stats/monthly/chart.svg?year=$YEAR" image/svg+xml yes
time_report "summary, 5 full months (JSON)" "/api/v1/stats/summary?from=$YEAR-05-01&to=$YEAR-09-30" application/json yes
time_report "summary, 5 years (JSON)" "/api/v1/stats/summary?from=$((YEAR - 4))-12-01&to=$YEAR-11-30" application/json yes
time_report "open data, one month (JSON, anonymous)" "/api/v1/stats/public?month=$MONTH" application/json no
echo
echo "load average after timing: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${BENCH_EXPLAIN:-}" ]; then
    grep -i "stats" "$work/app.log" | tail -5 || true
fi
