#!/usr/bin/env bash
# The pooled collector's all-in cost: one replica holding every shard of a simulated fleet of 50, 200 and
# 1,000 nodes, its whole process's CPU and RSS over a steady window after a warm-up, per node.
# Usage, from the repository root:  bash bench/pooled/run.sh [NODES...]     (default: 50 200 1000)
#   POOLED_WARMUP (PT120S), POOLED_STEADY (PT300S), POOLED_INTERVAL (15s), POOLED_PODS (30 per node),
#   BENCH_METADATA (kubelet|off), POOLED_JVM (the Deployment's flags, deploy/overlays/pooled).
# Builds in the reactor (nothing installed in ~/.m2), so it runs on a fresh clone. The broker, the kubelet
# simulator and the mock API server run in another JVM (FleetMain), so serving them is not billed to the
# collector; the collector JVM gets only the collector's runtime classpath (plus logback, as the app ships it).
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES=("$@"); [ $# -eq 0 ] && SIZES=(50 200 1000)
OUT=bench/pooled/target
mkdir -p "$OUT/classes"
MVN="mvn"; [ -x ./mvnw ] && MVN=./mvnw
"$MVN" -q -B -pl collector -am compile dependency:build-classpath -Dmdep.outputFile=target/pooled-test.classpath -DincludeScope=test
"$MVN" -q -B -pl collector -am compile dependency:build-classpath -Dmdep.outputFile=target/pooled-runtime.classpath -DincludeScope=runtime
TEST_CP="collector/target/classes:$(cat collector/target/pooled-test.classpath)"
# With the collector bench's /proc reader, so that pooled and all-in figures are read the same way.
javac -d "$OUT/classes" -cp "$TEST_CP" bench/pooled/src/io/heapstream/bench/pooled/*.java \
  bench/collector/src/io/heapstream/bench/collector/ProcStats.java
LOGBACK=$(tr ':' '\n' < collector/target/pooled-test.classpath | grep -E 'logback-(classic|core)' | paste -sd: -)
RUNTIME_CP="$OUT/classes:collector/target/classes:$(cat collector/target/pooled-runtime.classpath):$LOGBACK"
# The Deployment's JAVA_TOOL_OPTIONS (deploy/overlays/pooled/deployment-collector-pool.yaml)
POOLED_JVM="${POOLED_JVM:--Xms32m -Xmx256m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=96m -XX:ReservedCodeCacheSize=32m -XX:MaxDirectMemorySize=32m -XX:TrimNativeHeapInterval=30000 -XX:+ExitOnOutOfMemoryError}"
PROPS="-Dlogback.configurationFile=$PWD/bench/collector/logback.xml"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), load before $(cut -d' ' -f1-3 /proc/loadavg)"
echo "warm-up ${POOLED_WARMUP:-PT120S}, steady ${POOLED_STEADY:-PT300S}, interval ${POOLED_INTERVAL:-15s}, ${POOLED_PODS:-30} pods per node, metadata ${BENCH_METADATA:-kubelet}"
echo
echo "| nodes | steady | scrapes | failed / dropped | CPU ms per scrape | mCPU per node | RSS avg MB | RSS max MB | RSS MB per node | load avg (1, 5, 15 min) start → end |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for nodes in "${SIZES[@]}"; do
  coproc FLEET { java -Xmx1500m $PROPS -cp "$OUT/classes:$TEST_CP" io.heapstream.bench.pooled.FleetMain "$nodes" "${POOLED_PODS:-30}"; }
  read -r BOOTSTRAP TOPIC API CLUSTER PORT <&"${FLEET[0]}"
  BENCH_KAFKA="$BOOTSTRAP" BENCH_TOPIC="$TOPIC" BENCH_API="$API" BENCH_CLUSTER="$CLUSTER" MALLOC_ARENA_MAX=2 \
    java $POOLED_JVM $PROPS -cp "$RUNTIME_CP" io.heapstream.bench.pooled.PooledBench "$nodes" \
    "${POOLED_WARMUP:-PT120S}" "${POOLED_STEADY:-PT300S}" "${POOLED_INTERVAL:-15s}"
  eval "exec ${FLEET[1]}>&-"; wait "$FLEET_PID" || true
done
