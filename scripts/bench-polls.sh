#!/usr/bin/env bash
# Poll benchmark (not a test; its numbers go in docs/performance.md, "Poll benchmark").
#   1. votes through the API for SECONDS_API seconds, sent by wrk over CLIENTS connections, each request the
#      first vote of a distinct citizen (VOTES tokens prepared): votes/s and latency;
#   2. pgbench on the same database in the same run, CLIENTS connections, for the same time:
#      the bare one-transaction vote (claim insert ON CONFLICT DO NOTHING + ballot insert + tally update of
#      the client's own counter row), then the ratio API / pgbench with both p99s (goal: >= 0.80 with p99 <=
#      50 ms); and a ballot insert plus a single hot counter row update (the design the tallies avoid);
#   3. BALLOTS sealed ballots loaded into a second poll (sealed by this script as votes would leave them),
#      the poll closed through the API and its ballots opened by the running service: the opening's time
#      and the service's memory; then READS reads of its results (public, cached; admin) and one
#      consistency check.
# It starts the service (prod profile, port PORT, schema SCHEMA, dropped at the start and the end) with
# a generated token-signing key. Everything talks to 127.0.0.1 only. JFR=FILE also records a Java Flight
# Recorder profile of the service during step 1 and prints its hottest frames.
#
#   flock /tmp/otklik-build.lock scripts/bench-polls.sh                # defaults below
#   BALLOTS=100000 READS=1000 scripts/bench-polls.sh
#   JFR=/tmp/votes.jfr BALLOTS=0 scripts/bench-polls.sh                # votes only, with a profile
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/throwaway-app.sh

VOTES=${VOTES:-60000}
SECONDS_API=${SECONDS_API:-10}
CLIENTS=${CLIENTS:-64}
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

log "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(psql -Atc 'select version()' | cut -d, -f1); load:$(uptime | sed 's/.*load average://')"
log "building the service"
./mvnw -B -q package -DskipTests
psql -q -c "drop schema if exists $SCHEMA cascade"
java scripts/PollBench.java keys "$work"

log "starting the service on port $PORT (schema $SCHEMA)"
# Profile "bench": the production build and settings, except that tokens are checked against the
# generated public key instead of an OIDC server. Rate limits are off: the load comes from one address.
BALLOT_KEY="bench-$(head -c 24 /dev/urandom | base64)"
OTKLIK_RATE_LIMIT_ENABLED=false OTKLIK_HTTP_PORT=$PORT OTKLIK_DB_SCHEMA=$SCHEMA OTKLIK_POLLS_BALLOT_KEY="$BALLOT_KEY" \
  java -Dquarkus.profile=bench -Dquarkus.oidc.public-key="$(cat "$work/public.pem")" -Dquarkus.log.console.json.enabled=false \
  -jar target/quarkus-app/quarkus-run.jar >"$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 90); do
  curl -fs "$BASE/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }
  sleep 1
done
curl -fs "$BASE/q/health/ready" >/dev/null || { echo "the service did not become ready"; tail -50 "$work/app.log"; exit 1; }

# wrk (C, like pgbench) sends the votes: each of CLIENTS connections takes the next citizen's token and
# ballot from a file, so that every request is a first vote of a distinct citizen.
cat >"$work/votes.lua" <<'LUA'
local lines, threads = {}, {}
statuses = {}
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function init(args)
  for line in io.lines(args[1]) do lines[#lines + 1] = line end
  step = tonumber(args[2])
  index = id + 1
end
function request()
  local line = lines[index]
  if line == nil then index = id + 1; line = lines[index] end
  index = index + step
  local tab = line:find("\t", 1, true)
  return wrk.format("POST", nil, {["Authorization"] = "Bearer " .. line:sub(1, tab - 1),
    ["Content-Type"] = "application/json"}, line:sub(tab + 1))
end
function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end
function done(summary, latency)
  local all = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do all[status] = (all[status] or 0) + n end
  end
  local parts = {}
  for status, n in pairs(all) do parts[#parts + 1] = status .. "=" .. n end
  local rate = summary.requests / (summary.duration / 1e6)
  io.write(string.format("   %d requests in %.1f s, %.0f/s, latency ms p50 %.1f p95 %.1f p99 %.1f max %.1f, statuses %s, errors %d\n",
    summary.requests, summary.duration / 1e6, rate, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, table.concat(parts, " "),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
  local out = io.open(os.getenv("WRK_RESULT"), "w")
  out:write(string.format("%.0f %.1f %.1f %.1f\n", rate, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
  out:close()
end
LUA
wrk_votes() { # POLL CITIZENS SECONDS RESULT
  bench ballots "$work" "$1" "$2" "$work/ballots.txt"
  WRK_RESULT="$4" wrk -t 2 -c "$CLIENTS" -d "$3s" --timeout 10s -s "$work/votes.lua" "$BASE/api/v1/polls/$1/ballots" \
    -- "$work/ballots.txt" 2 | grep '^   '
}

log "warm-up: votes for 10 s in a throw-away poll"
warmup=$(bench poll "$BASE" "$work")
wrk_votes "$warmup" 20000 10 "$work/warmup.txt"

log "1. votes through the API: $CLIENTS connections for $SECONDS_API s, up to $VOTES distinct citizens"
poll=$(bench poll "$BASE" "$work")
bench ballots "$work" "$poll" "$VOTES" "$work/ballots.txt"
[ -z "${JFR:-}" ] || jcmd "$app_pid" JFR.start name=votes settings=profile >/dev/null
echo "   load before the run:$(uptime | sed 's/.*load average://')"
WRK_RESULT="$work/api.txt" wrk -t 2 -c "$CLIENTS" -d "${SECONDS_API}s" --timeout 10s -s "$work/votes.lua" \
  "$BASE/api/v1/polls/$poll/ballots" -- "$work/ballots.txt" 2 | grep '^   '
[ -z "${JFR:-}" ] || jcmd "$app_pid" JFR.stop name=votes filename="$JFR" >/dev/null
echo "   load after the run:$(uptime | sed 's/.*load average://')"
curl -fs -H "Authorization: Bearer $(bench token "$work" admin)" "$BASE/api/v1/admin/polls/$poll/consistency" \
  | grep -o '"participations":[0-9]*,"sealedBallots":[0-9]*' | sed 's/^/   /'
sql "select '   batches: ' || count(*) || ', sealed ballots per batch: min ' || min(n) || ', median ' ||
            percentile_disc(0.5) within group (order by n) || ', max ' || max(n)
     from (select count(*) as n from poll_participation where poll_id = '$poll' group by xmin) t"

log "2. pgbench on the same database: the bare one-transaction vote, $CLIENTS connections for $SECONDS_API s"
pgpoll=$(cat /proc/sys/kernel/random/uuid)
cat >"$work/vote.sql" <<SQL
begin;
insert into poll_participation (poll_id, participation_key)
values ('$pgpoll', sha256(convert_to(random()::text || clock_timestamp()::text, 'UTF8')))
on conflict do nothing;
insert into poll_ballot (receipt_hash, poll_id, district, channel, answers, tally_keys, cast_hour)
values (sha256(convert_to(random()::text || clock_timestamp()::text, 'UTF8')), '$pgpoll', 'leninsky', 'WIDGET',
        '[{"questionId":"q1","optionCodes":["park"]},{"questionId":"q3","rating":4}]', '{"",q1,q1=park,q3,q3=4}',
        date_trunc('hour', now()));
update bench_tally set votes = votes + 1 where shard = :client_id;
end;
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
sql "create table bench_hot_counter (id int primary key, votes bigint not null); insert into bench_hot_counter values (1, 0);
     create table bench_tally (shard int primary key, votes bigint not null);
     insert into bench_tally select g, 0 from generate_series(0, $CLIENTS) g"
mkdir "$work/pgbench"
for script in vote hot; do
  rm -f "$work"/pgbench/*
  (cd "$work/pgbench" && PGOPTIONS="-c search_path=$SCHEMA" pgbench -n -c "$CLIENTS" -j 2 -T "$SECONDS_API" -l -f "$work/$script.sql" \
    >"$work/$script.out" 2>&1)
  tps=$(awk '/^tps/ {printf "%.0f", $3; exit}' "$work/$script.out")
  cat "$work"/pgbench/pgbench_log.* | awk '{print $3}' | sort -n >"$work/$script.lat"
  n=$(wc -l <"$work/$script.lat")
  p() { sed -n "$(( (n * $1 + 99) / 100 ))p" "$work/$script.lat" | awk '{printf "%.1f", $1 / 1000}'; }
  echo "$tps $(p 50) $(p 95) $(p 99)" >"$work/$script.txt"
  echo "   $script: $tps tps, latency ms p50 $(p 50) p95 $(p 95) p99 $(p 99) ($n transactions)"
done
sql "delete from poll_ballot where poll_id = '$pgpoll'; delete from poll_participation where poll_id = '$pgpoll';
     drop table bench_hot_counter; drop table bench_tally"
read -r api_rate api_p50 api_p95 api_p99 <"$work/api.txt"
read -r pg_rate pg_p50 pg_p95 pg_p99 <"$work/vote.txt"
echo
echo "   | $CLIENTS clients | rate/s | p50 ms | p95 ms | p99 ms |"
echo "   |---|---|---|---|---|"
echo "   | votes through the API | $api_rate | $api_p50 | $api_p95 | $api_p99 |"
echo "   | pgbench, bare one-transaction vote | $pg_rate | $pg_p50 | $pg_p95 | $pg_p99 |"
awk -v a="$api_rate" -v b="$pg_rate" -v p="$api_p99" 'BEGIN {
  r = a / b; printf "   ratio API / pgbench: %.2f (goal >= 0.80 with p99 <= 50 ms: %s)\n", r, (r >= 0.8 && p <= 50) ? "met" : "NOT met" }'

if [ -n "${JFR:-}" ]; then
  log "JFR profile of the service during the votes ($JFR): hottest top frames"
  jfr print --events jdk.ExecutionSample "$JFR" \
    | awk '/stackTrace = \[/ {getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); print}' \
    | sort | uniq -c | sort -rn | head -25 || true
  echo "   samples by what they were doing (scripts/jfr-categories.py):"
  python3 scripts/jfr-categories.py "$JFR" || true
  echo "   samples in org.otklik (any depth), by method:"
  jfr print --events jdk.ExecutionSample "$JFR" \
    | awk '/stackTrace = \[/ {inside = 1; seen = ""; next} inside && /^[ \t]*\]/ {inside = 0; next}
           inside && /org\.otklik\./ {sub(/^[ \t]+/, ""); sub(/line:.*/, ""); if (index(seen, $0) == 0) {print; seen = seen $0}}' \
    | sort | uniq -c | sort -rn | head -15 || true
fi

[ "$BALLOTS" -gt 0 ] || exit 0

log "3. closing a poll of $BALLOTS sealed ballots"
big=$(bench poll "$BASE" "$work")
start=$(date +%s)
bench sealed "$BALLOT_KEY" "$big" "$BALLOTS" "$work"
sql "insert into poll_ballot_key (poll_id, wrapped) values ('$big', '\\x$(cat "$work/key.txt")')"
PGOPTIONS="-c search_path=$SCHEMA" psql -qX -v ON_ERROR_STOP=1 \
  -c "\\copy poll_participation (poll_id, participation_key, sealed) from '$work/sealed.copy'"
rm -f "$work/sealed.copy"
sql "analyze poll_participation"
loaded=$(date +%s)
echo "   sealed and loaded $BALLOTS claims with sealed ballots in $((loaded - start)) s; table poll_participation $(sql "select pg_size_pretty(pg_total_relation_size('poll_participation'))")"
rss() { ps -o rss= -p "$app_pid" | awk '{printf "%.0f MB", $1 / 1024}'; }
for _ in $(seq 1 1200); do
  [ "$(sql "select coalesce((select participants from poll_public_tally where poll_id = '$big'), 0)")" = "$BALLOTS" ] && break
  sleep 0.5
done
live=$(date +%s)
echo "   LIVE snapshot (all $BALLOTS unsealed and counted by the refresh job) published within $((live - loaded)) s"
echo "   service memory (RSS) before the close: $(rss)"
curl -fs -X POST -H "Authorization: Bearer $(bench token "$work" admin)" "$BASE/api/v1/admin/polls/$big/close" >/dev/null
closed=$(date +%s%N)
peak=0
for _ in $(seq 1 3600); do
  now_rss=$(ps -o rss= -p "$app_pid" | tr -d ' ')
  [ "$now_rss" -gt "$peak" ] && peak=$now_rss
  [ "$(sql "select opened_at is not null from poll where id = '$big'")" = "t" ] && break
  sleep 0.5
done
opened=$(date +%s%N)
echo "   opened by the closing job $(( (opened - closed) / 1000000 )) ms after the close request (job interval 5 s included)"
curl -fs "$BASE/q/metrics" | grep -E '^otklik_polls_close_duration_seconds_(sum|count)\{.*outcome="opened"' | sed 's/^/   /'
echo "   service memory (RSS): peak while opening $((peak / 1024)) MB, after $(rss)"
echo "   ballots opened: $(sql "select count(*) from poll_ballot where poll_id = '$big'"); sealed left: $(sql "select count(*) from poll_participation where poll_id = '$big' and sealed is not null"); tally rows: $(sql "select count(*) from poll_tally where poll_id = '$big'")"
curl -fs "$BASE/api/v1/polls/$big/results" | grep -o '"participants":[0-9]*' | head -1 | sed 's/^/   public results: /'
bench read "$BASE" "$work" "/api/v1/polls/$big/results" "$READS" "$CLIENTS"
bench read "$BASE" "$work" "/api/v1/admin/polls/$big/results" "$READS" "$CLIENTS"
bench read "$BASE" "$work" "/api/v1/admin/polls/$big/consistency" 1 1
