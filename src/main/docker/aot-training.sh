#!/usr/bin/env bash
# The training run of the JDK 25 AOT cache (JEP 483/514/515): starts the packaged application (aot-jar
# layout, ./mvnw package -Paot) in the production profile with -XX:AOTCacheOutput, waits until it has
# started, asks its health endpoints and the OpenAPI document once, stops it, and leaves app.aot beside
# quarkus-run.jar. The JVM writes the cache when it exits. Used by src/main/docker/Dockerfile.jvm, by .ci/run (with the JDK 25 of the
# CI machine) and by scripts/bench-start.sh, always the same way.
#
# The run needs no database and no identity provider: it trains the start-up, which is what the cache
# is for (classes loaded and linked, method profiles). The database is whatever OTKLIK_DB_* names; without
# one (the image build) the application starts all the same, readiness DOWN: Hibernate's schema validation,
# which needs a connection, is skipped in this run only.
#
#   src/main/docker/aot-training.sh APP_DIR [JAVA]     JAVA_OPTS: the options the image runs with
set -euo pipefail
app=${1:?the directory of quarkus-run.jar}
java=${2:-java}
here=$(cd "$(dirname "$0")" && pwd)
secrets=$here/throwaway-app.sh                                       # in the image, beside this script
[ -f "$secrets" ] || secrets=$here/../../../scripts/throwaway-app.sh  # in the repository
. "$secrets"
cd "$app"
[ -f quarkus-run.jar ] || { echo "no quarkus-run.jar in $app" >&2; exit 1; }
rm -f app.aot app.aot.config
port=${OTKLIK_HTTP_PORT:-18999}
log=${TMPDIR:-/tmp}/otklik-aot-training.log

# Production profile, as the image runs; what a pod gets from Kubernetes is stubbed with values that
# cannot be used for anything (no secret of a real deployment is needed or seen here).
OTKLIK_HTTP_PORT=$port \
OTKLIK_OIDC_AUTH_SERVER_URL=${OTKLIK_OIDC_AUTH_SERVER_URL:-http://127.0.0.1:9/realms/otklik} \
OTKLIK_DB_HOST=${OTKLIK_DB_HOST:-127.0.0.1} OTKLIK_DB_PORT=${OTKLIK_DB_PORT:-9} \
OTKLIK_DB_PASSWORD=${OTKLIK_DB_PASSWORD:-aot-training} \
OTKLIK_SHUTDOWN_DELAY=0s \
  "$java" ${JAVA_OPTS:-} -XX:AOTCacheOutput=app.aot -Dquarkus.http.host=127.0.0.1 \
  -Dquarkus.hibernate-orm.schema-management.strategy=none -jar quarkus-run.jar >"$log" 2>&1 &
pid=$!

get() { # path: one HTTP/1.0 GET through bash's /dev/tcp (the runtime image has no curl)
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$1" >&3
  timeout 10 cat <&3 >/dev/null || true
  exec 3<&-
}
started=false
for _ in $(seq 1 600); do
  if grep -q "started in" "$log"; then started=true; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
if [ "$started" != true ]; then
  echo "the training run did not start:" >&2; tail -40 "$log" >&2; kill "$pid" 2>/dev/null || true; exit 1
fi
# /q/openapi: the document is prepared on its first request (LazyOpenApiDocumentService); the cache keeps that path too
for path in /q/health/started /q/health/live /q/health/ready /q/health/ready /q/metrics "/q/openapi" "/q/openapi?format=json"; do get "$path" || true; done
kill -TERM "$pid"
wait "$pid" || true
[ -s app.aot ] || { echo "no AOT cache was written:" >&2; tail -40 "$log" >&2; exit 1; }
echo "AOT cache: $app/app.aot ($(( $(stat -c %s app.aot) / 1048576 )) MiB)"
