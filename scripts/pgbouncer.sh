# Sourced, not run, by the benchmarks that put PgBouncer between the service and PostgreSQL (bench-pooler.sh,
# scale-out.sh), configured as k8s/base/pooler.yaml: transaction mode, the database alias otklik setting the schema
# on each server connection. Runs as root (pgbouncer drops to user postgres).
#
#   start_pgbouncer WORK PORT SCHEMA POOL_SIZE     config, log and pid file in WORK; ready on 127.0.0.1:PORT, or exit 1
start_pgbouncer() {
  local work=$1 port=$2 schema=$3 pool_size=$4
  cat >"$work/pgbouncer.ini" <<INI
[databases]
otklik = host=127.0.0.1 port=5432 dbname=postgres user=postgres connect_query='set search_path = $schema; set statement_timeout = 15000'
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $work/users.txt
admin_users = postgres
pool_mode = transaction
max_client_conn = 200
default_pool_size = $pool_size
reserve_pool_size = 5
ignore_startup_parameters = extra_float_digits,options,search_path,statement_timeout
query_wait_timeout = 5
server_connect_timeout = 2
server_login_retry = 1
logfile = $work/pgbouncer.log
pidfile = $work/pgbouncer.pid
INI
  echo '"postgres" ""' >"$work/users.txt"
  chmod 644 "$work/pgbouncer.ini" "$work/users.txt"
  touch "$work/pgbouncer.log" && chown postgres "$work/pgbouncer.log" "$work"
  pgbouncer -d -u postgres "$work/pgbouncer.ini"
  chown root "$work"
  for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p "$port" && break; sleep 0.1; done
  pg_isready -q -h 127.0.0.1 -p "$port" || { echo "PgBouncer did not start:" >&2; cat "$work/pgbouncer.log" >&2; exit 1; }
}
