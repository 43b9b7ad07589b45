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
# Built in the reactor, nothing installed in ~/.m2: the modules it needs resolve to their target/classes, so a
# fresh clone works and a snapshot another checkout installed is never picked up.
./mvnw -q -B -pl aggregator -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -DincludeScope=test
exec java ${BENCH_JAVA_OPTS:-} -Xms2g -Xmx6g -XX:+UseParallelGC \
  -cp "aggregator/target/test-classes:aggregator/target/classes:$(cat aggregator/target/bench.classpath)" \
  io.heapstream.aggregator.bench.AggregatorBench "$@"
