#!/usr/bin/env bash
# Nearby search ("already reported nearby") at 1 M incidents, measured (not a test; its row goes in docs/performance.md,
# "Nearby search benchmark"). Migrates a scratch schema with the service's own migrations (psql, in version order), fills it
# with BENCH_ROWS incidents (half spread over the whole city box, half in its 6 × 6 km centre; a fifth open at
# random; the leaf topics in turn), and times the service's own nearby statement (NearbyRepository.NEARBY, read from the
# source) with pgbench at random points of the centre, radius 500 m + the rounding margin, topic roads.potholes
# with its parent. Prints the median and 95th percentile per statement. PostgreSQL at 127.0.0.1 only.
#
#   scripts/bench-nearby.sh                  BENCH_ROWS=1000000 BENCH_SECONDS=20 BENCH_CLIENTS=1
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${BENCH_ROWS:-1000000}
SECONDS_RUN=${BENCH_SECONDS:-20}
CLIENTS=${BENCH_CLIENTS:-1}
SCHEMA=${SCHEMA:-${OTKLIK_TEST_DB_SCHEMA:-otklik}_bench_nearby}
export PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=${PGDATABASE:-postgres}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
in_schema() { PGOPTIONS="-c search_path=$SCHEMA" psql -X -q -v ON_ERROR_STOP=1 "$@"; }

psql -X -q -v ON_ERROR_STOP=1 -c "set client_min_messages = warning" -c "drop schema if exists $SCHEMA cascade" -c "create schema $SCHEMA"
for migration in $(ls src/main/resources/db/migration/V*__*.sql | sed 's|.*/V\([0-9.]*\)__.*|\1 &|' | sort -n | cut -d' ' -f2); do
    in_schema -f "$migration" >/dev/null
done

echo "filling $SCHEMA.incident with $ROWS incidents" >&2
started=$(date +%s)
in_schema <<SQL
create temporary table leaf as select row_number() over (order by code) - 1 as k, code from category where parent_code is not null;
insert into incident (number, channel, category_code, text, submitted_by, organization_code, status, first_response_due,
        resolution_due, created_at, updated_at, location_lat, location_lon)
select '2612-' || lpad(g::text, 7, '0'), 'WIDGET', (select code from leaf where k = g % (select count(*) from leaf)),
       'bench', 'bench', 'mcu', case when random() < 0.2 then (array['NEW', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED'])[1 + g % 4] else 'CLOSED' end,
       now(), now(), now() - (g % 365) * interval '1 day', now(),
       case when g % 2 = 0 then 53.10 + random() * 0.32 else 53.17 + random() * 0.054 end,
       case when g % 2 = 0 then 50.00 + random() * 0.40 else 50.07 + random() * 0.09 end
from generate_series(1, $ROWS) g;
analyze incident;
SQL
echo "filled and analysed in $(( $(date +%s) - started )) s" >&2

# The service's statement, with pgbench variables for its parameters.
statement=$(sed -n '/static final String NEARBY = """/,/"""/p' src/main/java/org/otklik/location/NearbyRepository.java \
    | sed '1d; s/""";//' \
    | sed 's/\$1/(:lat \/ 1000000.0)/g; s/\$2/(:lon \/ 1000000.0)/g; s/\$3/580/g; s/\$4/array['"'"'roads.potholes'"'"', '"'"'roads'"'"']/g; s/\$5/200/g')
{
    echo '\set lat random(53170000, 53224000)'
    echo '\set lon random(50070000, 50160000)'
    echo "$statement;"
} > "$work/nearby.sql"
in_schema -c "explain (analyze, buffers) $(sed 's/:lat/53197000/; s/:lon/50115000/' "$work/nearby.sql" | grep -v '^\\set' | sed 's/:lat/53197000/g; s/:lon/50115000/g')" \
    | grep -E "Index|Heap|Execution|rows=" | head -8 >&2

PGOPTIONS="-c search_path=$SCHEMA" pgbench -n -M prepared -c "$CLIENTS" -j "$CLIENTS" -T "$SECONDS_RUN" \
    -f "$work/nearby.sql" -l --log-prefix="$work/log" >"$work/pgbench.out"
grep -E "number of transactions actually processed|tps" "$work/pgbench.out" >&2
cat "$work"/log* | awk '{print $3}' | sort -n > "$work/latencies"
count=$(wc -l < "$work/latencies")
median=$(sed -n "$(( (count + 1) / 2 ))p" "$work/latencies")
p95=$(sed -n "$(( count * 95 / 100 ))p" "$work/latencies")
rows_found=$(in_schema -At -c "select count(*) from incident where status = any (incident_open_statuses()) and category_code in ('roads.potholes', 'roads')")
printf 'nearby search, %s incidents (%s open of the topic), %s client(s), %s statements: median %.2f ms, p95 %.2f ms\n' \
    "$ROWS" "$rows_found" "$CLIENTS" "$count" "$(echo "$median / 1000" | bc -l)" "$(echo "$p95 / 1000" | bc -l)"
psql -X -q -c "set client_min_messages = warning" -c "drop schema $SCHEMA cascade"
