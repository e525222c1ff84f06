#!/usr/bin/env bash
# Poll benchmark (not a test; its numbers go in the README, "Poll benchmark").
#   1. VOTES votes of distinct citizens through the API, CLIENTS requests in flight: votes/s and latency;
#   2. pgbench on the same database in the same run, CLIENTS connections, the same number of transactions:
#      a bare ballot insert, the SQL a vote runs (participation claim + ballot with its delta), and a
#      ballot insert plus a single hot counter row update (the design the tallies avoid);
#   3. BALLOTS ballots loaded into a second poll, folded into the tallies by the running service,
#      then READS reads of its results (public, cached; admin, straight from the aggregate) and one
#      consistency check.
# It starts the service (prod profile, port PORT, schema SCHEMA, dropped at the start and the end) with
# a generated token-signing key. Everything talks to 127.0.0.1 only.
#
#   scripts/bench-polls.sh                       # defaults below
#   VOTES=5000 BALLOTS=100000 scripts/bench-polls.sh
set -euo pipefail
cd "$(dirname "$0")/.."

VOTES=${VOTES:-20000}
CLIENTS=${CLIENTS:-32}
BALLOTS=${BALLOTS:-1000000}
READS=${READS:-5000}
PORT=${PORT:-18080}
SCHEMA=${SCHEMA:-otklik_bench}
BASE="http://127.0.0.1:$PORT"
export PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE=postgres

work=$(mktemp -d)
app_pid=""
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  psql -q -c "drop schema if exists $SCHEMA cascade" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

log() { printf '\n== %s\n' "$*"; }
bench() { java scripts/PollBench.java "$@"; }
sql() { PGOPTIONS="-c search_path=$SCHEMA" psql -qAtX -v ON_ERROR_STOP=1 -c "$1"; }

log "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(psql -Atc 'select version()' | cut -d, -f1)"
log "building the service"
./mvnw -B -q package -DskipTests
psql -q -c "drop schema if exists $SCHEMA cascade"
java scripts/PollBench.java keys "$work"

log "starting the service on port $PORT (schema $SCHEMA)"
# Profile "bench": the production build and settings, except that tokens are checked against the
# generated public key instead of an OIDC server. Rate limits are off: the load comes from one address.
OTKLIK_RATE_LIMIT_ENABLED=false OTKLIK_HTTP_PORT=$PORT OTKLIK_DB_SCHEMA=$SCHEMA OTKLIK_POLLS_PARTICIPATION_SECRET="bench-$(head -c 24 /dev/urandom | base64)" \
  java -Dquarkus.profile=bench -Dquarkus.oidc.public-key="$(cat "$work/public.pem")" -Dquarkus.log.console.json.enabled=false \
  -jar target/quarkus-app/quarkus-run.jar >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 90); do
  curl -fs "$BASE/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }
  sleep 1
done
curl -fs "$BASE/q/health/ready" >/dev/null || { echo "the service did not become ready"; tail -50 "$work/app.log"; exit 1; }

log "warm-up: 2000 votes in a throw-away poll"
warmup=$(bench poll "$BASE" "$work")
bench vote "$BASE" "$work" "$warmup" 2000 "$CLIENTS" >/dev/null

log "1. votes through the API"
poll=$(bench poll "$BASE" "$work")
bench vote "$BASE" "$work" "$poll" "$VOTES" "$CLIENTS"
sleep 3
curl -fs "$BASE/api/v1/polls/$poll/results" \
  | grep -o '"participants":[0-9]*' | head -1 | sed 's/^/   public results after the refresh: /'

log "2. pgbench on the same database: $CLIENTS connections, $VOTES transactions each run"
pgpoll=$(cat /proc/sys/kernel/random/uuid)
cat >"$work/bare.sql" <<SQL
insert into poll_ballot (receipt_hash, poll_id, district, channel, answers, tally_keys, cast_hour)
values (sha256(convert_to(random()::text || clock_timestamp()::text, 'UTF8')), '$pgpoll', 'leninsky', 'WIDGET',
        '[{"questionId":"q1","optionCodes":["park"]},{"questionId":"q3","rating":4}]', '{"",q1,q1=park,q3,q3=4}',
        date_trunc('hour', now()));
SQL
cat >"$work/vote.sql" <<SQL
insert into poll_participation (poll_id, participation_key)
select '$pgpoll', sha256(convert_to(random()::text || clock_timestamp()::text, 'UTF8')) from poll
where id = '$poll' and status = 'PUBLISHED' and opens_at <= now() and closes_at > now()
on conflict do nothing;
with ballot as (
  insert into poll_ballot (receipt_hash, poll_id, district, channel, answers, tally_keys, cast_hour)
  values (sha256(convert_to(random()::text || clock_timestamp()::text, 'UTF8')), '$pgpoll', 'leninsky', 'WIDGET',
          '[{"questionId":"q1","optionCodes":["park"]},{"questionId":"q3","rating":4}]', '{"",q1,q1=park,q3,q3=4}',
          date_trunc('hour', now()))
  returning poll_id, district, channel, tally_keys)
insert into poll_tally_delta (poll_id, sign, district, channel, tally_keys)
select poll_id, 1, district, channel, tally_keys from ballot;
SQL
cat >"$work/hot.sql" <<SQL
begin;
insert into poll_ballot (receipt_hash, poll_id, district, channel, answers, tally_keys, cast_hour)
values (sha256(convert_to(random()::text || clock_timestamp()::text, 'UTF8')), '$pgpoll', 'leninsky', 'WIDGET',
        '[{"questionId":"q1","optionCodes":["park"]},{"questionId":"q3","rating":4}]', '{"",q1,q1=park,q3,q3=4}',
        date_trunc('hour', now()));
update bench_hot_counter set votes = votes + 1 where id = 1;
end;
SQL
sql "create table bench_hot_counter (id int primary key, votes bigint not null); insert into bench_hot_counter values (1, 0)"
per_client=$(( VOTES / CLIENTS ))
for script in bare vote hot; do
  PGOPTIONS="-c search_path=$SCHEMA" pgbench -n -c "$CLIENTS" -j 2 -t "$per_client" -f "$work/$script.sql" 2>&1 \
    | awk -v s="$script" '/^tps|latency average|latency stddev|number of transactions actually/ {print "   " s ": " $0}'
done
sql "delete from poll_ballot where poll_id = '$pgpoll'; delete from poll_participation where poll_id = '$pgpoll'; delete from poll_tally_delta where poll_id = '$pgpoll'; drop table bench_hot_counter"

log "3. results with $BALLOTS ballots"
big=$(bench poll "$BASE" "$work")
start=$(date +%s)
sql "insert into poll_ballot (receipt_hash, poll_id, district, channel, answers, tally_keys, cast_hour)
     select sha256(convert_to('$big/' || g, 'UTF8')), '$big',
            (array['leninsky','sovetsky','samarsky','kirovsky','oktyabrsky','promyshlenny'])[g % 6 + 1],
            (array['WIDGET','MOBILE','GOSUSLUGI'])[g % 3 + 1],
            jsonb_build_array(jsonb_build_object('questionId', 'q1', 'optionCodes', jsonb_build_array((array['park','bikes','trees'])[g % 3 + 1])),
                              jsonb_build_object('questionId', 'q3', 'rating', g % 5 + 1)),
            array['', 'q1', 'q1=' || (array['park','bikes','trees'])[g % 3 + 1], 'q3', 'q3=' || (g % 5 + 1)],
            date_trunc('hour', now())
     from generate_series(1, $BALLOTS) g;
     insert into poll_tally_delta (poll_id, sign, district, channel, tally_keys)
     select poll_id, 1, district, channel, tally_keys from poll_ballot where poll_id = '$big';
     analyze poll_ballot; analyze poll_tally_delta"
loaded=$(date +%s)
echo "   loaded $BALLOTS ballots and their deltas with SQL in $((loaded - start)) s; the service folds them now"
for _ in $(seq 1 600); do
  [ "$(sql "select count(*) from poll_tally_delta where poll_id = '$big'")" = "0" ] && break
  sleep 1
done
folded=$(date +%s)
echo "   folded into the tallies by the scheduled refresh within $((folded - loaded)) s"
echo "   tally rows for the poll: $(sql "select count(*) from poll_tally where poll_id = '$big'"); ballot table $(sql "select pg_size_pretty(pg_total_relation_size('poll_ballot'))")"
curl -fs "$BASE/api/v1/polls/$big/results" | grep -o '"participants":[0-9]*' | head -1 | sed 's/^/   public results: /'
bench read "$BASE" "$work" "/api/v1/polls/$big/results" "$READS" "$CLIENTS"
bench read "$BASE" "$work" "/api/v1/admin/polls/$big/results" "$READS" "$CLIENTS"
bench read "$BASE" "$work" "/api/v1/admin/polls/$big/consistency" 1 1
