#!/usr/bin/env bash
# The collector benchmark: CPU per scrape, lz4 vs zstd, and the RSS of a collector JVM producing to a real broker.
# Usage, from the repository root:  bash bench/collector/run.sh [cpu|compression|service|all]
# service: SERVICE_METADATA=kubelet|off|api (api: fabric8's mock API server in the kubelet's JVM),
#          SERVICE_DURATION (after a minute of warm-up), SERVICE_INTERVAL, SERVICE_COMPRESSION.
# Builds in the reactor (nothing installed in ~/.m2), so it runs on a fresh clone.
# The collector JVM gets only the collector's runtime classpath (plus logback, as the app ships it); the kubelet
# and the broker run in their own JVMs, so serving bytes is not billed to the collector.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODE="${1:-all}"
OUT=bench/collector/target
mkdir -p "$OUT/classes"
MVN="mvn"; [ -x ./mvnw ] && MVN=./mvnw
# Each module the collector needs resolves to its target/classes within the reactor (-am), so the classpaths
# are written in the same invocation that compiles them; the files land in collector/target.
"$MVN" -q -B -pl collector -am compile dependency:build-classpath -Dmdep.outputFile=target/bench-test.classpath -DincludeScope=test
"$MVN" -q -B -pl collector -am compile dependency:build-classpath -Dmdep.outputFile=target/bench-runtime.classpath -DincludeScope=runtime
cp collector/target/bench-test.classpath "$OUT/test.classpath"
cp collector/target/bench-runtime.classpath "$OUT/runtime.classpath"
TEST_CP="collector/target/classes:$(cat "$OUT/test.classpath")"
javac -d "$OUT/classes" -cp "$TEST_CP" bench/collector/src/io/heapstream/bench/collector/*.java
TEST_CP="$OUT/classes:$TEST_CP"
LOGBACK=$(tr ':' '\n' < "$OUT/test.classpath" | grep -E 'logback-(classic|core)' | paste -sd: -)
RUNTIME_CP="$OUT/classes:collector/target/classes:$(cat "$OUT/runtime.classpath"):$LOGBACK"
# The collector role's JVM flags (docs/collector.md says why each).
COLLECTOR_JVM="${COLLECTOR_JVM:--Xms12m -Xmx32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -Xss256k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:MaxMetaspaceSize=64m -XX:ReservedCodeCacheSize=16m -XX:MaxDirectMemorySize=16m -XX:TrimNativeHeapInterval=30000 -XX:+ExitOnOutOfMemoryError}"
# ... and its environment: two glibc malloc arenas, as the DaemonSet sets.
COLLECTOR_MALLOC_ARENA_MAX="${COLLECTOR_MALLOC_ARENA_MAX:-2}"
PROPS="-Dlogback.configurationFile=$PWD/bench/collector/logback.xml -Dbench.kubelet.classpath=$TEST_CP"
collector() { echo "+ java $COLLECTOR_JVM -cp <collector runtime> CollectorBench $*" >&2
  MALLOC_ARENA_MAX="$COLLECTOR_MALLOC_ARENA_MAX" java $COLLECTOR_JVM $PROPS -cp "$RUNTIME_CP" \
    io.heapstream.bench.collector.CollectorBench "$@"; }
case "$MODE" in
  cpu|all)
    collector cpu 110 2000 off zstd; collector cpu 110 2000 kubelet zstd; collector cpu 110 2000 kubelet lz4
    collector cpu 30 2000 kubelet zstd ;;&
  compression|all)
    java -Xmx256m $PROPS -cp "$TEST_CP" io.heapstream.bench.collector.CompressionBench ;;&
  service|all)
    coproc BROKER { java -Xmx64m $PROPS -cp "$TEST_CP" io.heapstream.bench.collector.BrokerMain; }
    read -r BOOTSTRAP TOPIC <&"${BROKER[0]}"
    HEAPSTREAM_BENCH_KAFKA="$BOOTSTRAP" HEAPSTREAM_BENCH_TOPIC="$TOPIC" collector service 110 "${SERVICE_DURATION:-PT300S}" \
      "${SERVICE_COMPRESSION:-zstd}" "${SERVICE_INTERVAL:-15s}" "${SERVICE_METADATA:-kubelet}"
    eval "exec ${BROKER[1]}>&-"; wait "$BROKER_PID" || true ;;
esac
