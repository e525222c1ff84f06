#!/usr/bin/env bash
# Issue 28, item 12: the SDK command of docs/integrators.md works on the committed contract. Generates the TypeScript client with
# openapi-generator pinned here (from Maven Central, kept in the local Maven repository), with the generator's
# default validation of the contract on, and compiles it with tsc --strict (TypeScript pinned by
# .ci/sdk/package-lock.json). Output: target/sdk/typescript-fetch.
set -euo pipefail
cd "$(dirname "$0")/../.."

GENERATOR_VERSION=${OPENAPI_GENERATOR_VERSION:-7.17.0}
repo=${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}
jar=$repo/org/openapitools/openapi-generator-cli/$GENERATOR_VERSION/openapi-generator-cli-$GENERATOR_VERSION.jar
if [ ! -f "$jar" ]; then
  ./mvnw -B -q dependency:get -Dmaven.repo.local="$repo" \
    -Dartifact="org.openapitools:openapi-generator-cli:$GENERATOR_VERSION" -Dtransitive=false
fi

out=target/sdk/typescript-fetch
rm -rf "$out" && mkdir -p target/sdk
java -jar "$jar" generate -i openapi/otklik-api.yaml -g typescript-fetch -o "$out" \
  --additional-properties=supportsES6=true,npmName=otklik-client >target/sdk/generate.log 2>&1 \
  || { tail -n 40 target/sdk/generate.log >&2; echo "openapi-generator $GENERATOR_VERSION refused the contract (target/sdk/generate.log)" >&2; exit 1; }

npm ci --silent --no-audit --no-fund --prefix .ci/sdk >/dev/null
.ci/sdk/node_modules/.bin/tsc --strict --noEmit --target es2020 --module es2020 --moduleResolution node \
  --lib es2020,dom "$out/src/index.ts"
echo "SDK: openapi-generator $GENERATOR_VERSION made $(ls "$out/src/apis" | grep -c 'Api\.ts$') APIs and" \
  "$(ls "$out/src/models" | grep -vc '^index\.ts$') models; tsc --strict found nothing"
