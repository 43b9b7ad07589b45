#!/usr/bin/env bash
# heapstream api benchmark (metrics.k8s.io state): heap per pod, query latency, raw apply rate, printed as Markdown.
#   bench/api/run.sh [nodes=5000] [podsPerNode=30]
# The age of the served values end to end, through a real broker (bench/api/AgeBench.java):
#   bench/api/run.sh age [nodes=1000] [podsPerNode=30] [minutes=3] [scrapeSeconds=15] [partitions=4]
# Builds in the reactor (no install); not part of verify.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
if [[ "${1:-}" == "age" ]]; then
  shift
  # The app's runtime classpath: the api, the collectors' producer settings and the local broker.
  cp_file="$root/app/target/bench-api-age.classpath"
  echo "bench/api: compiling the app's modules ..." >&2
  ./mvnw -q -B -pl app -am compile dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile="$cp_file" -Dmaven.test.skip=true >&2
  classes="$(mktemp -d)"
  trap 'rm -rf "$classes"' EXIT
  # Two source files (AgeBench builds its scrapes with ApiBench's), so compiled rather than launched as one.
  javac -nowarn -d "$classes" -cp "$(cat "$cp_file")" "$root/bench/api/ApiBench.java" "$root/bench/api/AgeBench.java"
  exec java ${BENCH_JAVA_OPTS:--Xmx2g -XX:+UseG1GC} -Dlogback.configurationFile="$root/bench/e2e/logback.xml" \
    -cp "$classes:$(cat "$cp_file")" AgeBench "$@"
fi
cp_file="$root/api/target/bench-classpath.txt"
echo "bench/api: compiling model and api ..." >&2
./mvnw -q -B -o -pl api -am compile dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
exec java ${BENCH_JAVA_OPTS:--Xmx4g -XX:+UseG1GC} -cp "$root/api/target/classes:$(cat "$cp_file")" \
  "$root/bench/api/ApiBench.java" "$@"
