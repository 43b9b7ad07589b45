#!/usr/bin/env bash
# Aggregator benchmark: a simulated fleet on a real broker, the broker's raw consume rate of the same topic,
# then the aggregator over it. One command; figures go to stdout (copy them to docs/benchmarks-aggregator.md).
#
#   bench/aggregator/run.sh [nodes=5000] [pods=30] [containers=1] [slots=8] [partitions=4] [threads=2]
#
# Uses HEAPSTREAM_TEST_KAFKA if set, else starts a dedicated local KRaft broker (child JVM) and stops it after.
# BENCH_<VAR>=value passes HEAPSTREAM_* settings to the aggregator, e.g. BENCH_HEAPSTREAM_COMMIT_INTERVAL=5s.
# The raw topic is zstd-compressed as the collector writes it; RAW_COMPRESSION=none (or lz4, ...) overrides.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -pl model,testkit install -DskipTests
./mvnw -q -f aggregator/pom.xml test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java ${BENCH_JAVA_OPTS:-} -Xms2g -Xmx6g -XX:+UseParallelGC \
  -cp "aggregator/target/test-classes:aggregator/target/classes:$(cat aggregator/target/bench.classpath)" \
  io.heapstream.aggregator.bench.AggregatorBench "$@"
