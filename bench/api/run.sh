#!/usr/bin/env bash
# heapstream api benchmark (metrics.k8s.io state): heap per pod, query latency, raw apply rate, printed as Markdown.
# Usage: bench/api/run.sh [nodes=5000] [podsPerNode=30]. Builds in the reactor (no install); not part of verify.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
cp_file="$root/api/target/bench-classpath.txt"
echo "bench/api: compiling model and api ..." >&2
./mvnw -q -B -o -pl api -am compile dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
exec java ${BENCH_JAVA_OPTS:--Xmx4g -XX:+UseG1GC} -cp "$root/api/target/classes:$(cat "$cp_file")" \
  "$root/bench/api/ApiBench.java" "$@"
