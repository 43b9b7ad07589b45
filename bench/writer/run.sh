#!/usr/bin/env bash
# Writer benchmark: N points from generated rollups through the real writer (broker -> writer -> InfluxDB),
# next to InfluxDB's raw ingest of the same points posted as line protocol over HTTP (the ceiling), in one run
# on a dedicated local broker and influxd. Usage: bench/writer/run.sh [--schema native,heapster]
# [--windows-native 10] [--windows-heapster 2] [--nodes 40] [--batch-size 2000|5000] [--parallelism 2] [--gzip]
# [--rounds 2] [--warmup 1] [--settle 5] [--client-check]
# (see WriterBenchmark.java)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
cp_file="$root/writer/target/bench-classpath.txt"
# Built in the reactor, nothing installed in ~/.m2: the writer and what it needs (model, local, testkit) resolve
# to their target/classes, so a fresh clone works.
echo "bench/writer: building the writer and the modules it needs ..." >&2
./mvnw -q -B -o -pl writer -am compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt >&2 2>/dev/null \
  || ./mvnw -q -B -pl writer -am compile dependency:build-classpath -DincludeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt >&2
# The same influxd setting as the end-to-end run: cache snapshots every 256 MB instead of 25 MB (docs/writer.md).
export INFLUXDB_DATA_CACHE_SNAPSHOT_MEMORY_SIZE="${INFLUXDB_DATA_CACHE_SNAPSHOT_MEMORY_SIZE:-268435456}"
exec java ${BENCH_JAVA_OPTS:--Xmx4g} -Dlogback.configurationFile="$root/bench/writer/logback.xml" -cp "$root/writer/target/classes:$(cat "$cp_file")" \
  "$root/bench/writer/WriterBenchmark.java" "$@"
