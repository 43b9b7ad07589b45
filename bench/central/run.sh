#!/usr/bin/env bash
# The central roles' all-in cost at a small and a mid-size fleet: a real KRaft broker and influxd, the aggregator
# and the writer run as their manifests run them, a simulated fleet producing raw scrapes live every 15 s.
# Usage, from the repository root:  bash bench/central/run.sh [NODES...]     (default: 7 200, side by side)
#   CENTRAL_PODS (30 per node), CENTRAL_WARMUP (PT3M), CENTRAL_WINDOW (PT10M), CENTRAL_OUT (bench/central/target/<time>)
#   BENCH_BROKER_JVM    the broker's JVM flags (default: the test kit's)
#   BENCH_BROKER_SETTINGS  server.properties over the kit's, k=v,k=v (e.g. num.io.threads=2)
#   BENCH_AGGREGATOR_ENV / BENCH_WRITER_ENV  K=V;K=V over the manifests' env (JAVA_TOOL_OPTIONS too)
#   BENCH_RAW_PARTITIONS  the raw topic's partitions (default: docs/topics.md's 12)
#   BENCH_AGGREGATOR_MANIFEST / BENCH_WRITER_MANIFEST / BENCH_KUSTOMIZATION  (default: deploy/base's)
# Each size gets its own broker, influxd and roles; each process is billed its own CPU time (utime + stime) over the
# window, so sizes side by side and a loaded machine slow the runs down without changing the figures much.
# Builds in the reactor (nothing installed in ~/.m2), so it runs on a fresh clone. Tables: $CENTRAL_OUT/central-N.md,
# per-thread CPU: $CENTRAL_OUT/threads-N.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZES=("$@"); [ $# -eq 0 ] && SIZES=(7 200)
OUT="${CENTRAL_OUT:-bench/central/target/$(date -u +%Y%m%dT%H%M%S)}"
mkdir -p "$OUT/classes"
source bench/image-classpath.sh
image_classpath "$OUT"
IMAGE_CP="$(cat "$OUT/image.classpath")"
javac -d "$OUT/classes" -cp "$IMAGE_CP" bench/central/src/io/heapstream/bench/central/*.java
export BENCH_AGGREGATOR_MANIFEST="${BENCH_AGGREGATOR_MANIFEST:-deploy/base/41-statefulset-aggregator.yaml}"
export BENCH_WRITER_MANIFEST="${BENCH_WRITER_MANIFEST:-deploy/base/50-deployment-writer.yaml}"
export BENCH_KUSTOMIZATION="${BENCH_KUSTOMIZATION:-deploy/base/kustomization.yaml}"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), uptime: $(uptime)"
echo "broker JVM: ${BENCH_BROKER_JVM:-the test kit default}; broker settings: ${BENCH_BROKER_SETTINGS:-the test kit default}"
echo "aggregator env over the manifest: ${BENCH_AGGREGATOR_ENV:-none}; writer: ${BENCH_WRITER_ENV:-none}"
for nodes in "${SIZES[@]}"; do
  nice -n 5 java -Xmx256m -XX:+UseSerialGC -Dlogback.configurationFile="$PWD/bench/collector/logback.xml" \
    -cp "$OUT/classes:$IMAGE_CP" io.heapstream.bench.central.CentralBench "$nodes" "${CENTRAL_PODS:-30}" \
    "${CENTRAL_WARMUP:-PT3M}" "${CENTRAL_WINDOW:-PT10M}" "$OUT/image.classpath" "$OUT" > "$OUT/stdout-$nodes.txt" &
done
wait
for nodes in "${SIZES[@]}"; do cat "$OUT/central-$nodes.md"; echo; done
echo "uptime after: $(uptime)"
rm -rf "$OUT/image"
