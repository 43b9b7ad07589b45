#!/usr/bin/env bash
# The collector benchmark: CPU per scrape, lz4 vs zstd, and the RSS of a collector JVM producing to a real broker.
# Usage, from the repository root:  bash bench/collector/run.sh [cpu|compression|service|allin|floor|all]
# allin: the collector image's entry point in a child JVM with the DaemonSet's JAVA_TOOL_OPTIONS and MALLOC_ARENA_MAX
#        (read from deploy/base/30-daemonset-collector.yaml), whole-process CPU after a warm-up, per thread too.
#        ALLIN_PODS (default "30 110"), ALLIN_WARMUP (PT3M), ALLIN_WINDOW (PT10M), ALLIN_METADATA (api, the
#        DaemonSet's), ALLIN_JAVA_TOOL_OPTIONS (replaces the manifest's), ALLIN_EXTRA (appended to them),
#        ALLIN_JAVA_HOME (the collector's JDK; default the java on PATH, a 17 like the image's base),
#        ALLIN_READINESS_PERIOD / ALLIN_LIVENESS_PERIOD (seconds; default the manifest's probes).
# floor: what a collector JVM costs before it scrapes anything, side by side on each JDK of FLOOR_JDKS (default
#        "default /usr/lib/jvm/temurin-25-jdk-amd64"; default = the java on PATH): FLOOR_KINDS "idle" (a main that
#        sleeps) and "status" (the collector role's runtime and status server, probed as in allin), with the
#        manifest's JAVA_TOOL_OPTIONS (ALLIN_EXTRA, ALLIN_JAVA_TOOL_OPTIONS apply); FLOOR_WARMUP (PT3M), FLOOR_WINDOW (PT10M).
#        allin and floor: BENCH_METRICS_EVERY (PT30S) is how often /metrics is scraped; a long period (and long probe
#        periods) leaves the status server idle.
# service: SERVICE_METADATA=kubelet|off|api (api: fabric8's mock API server in the kubelet's JVM),
#          SERVICE_DURATION (after a minute of warm-up), SERVICE_INTERVAL, SERVICE_COMPRESSION.
# Builds in the reactor (nothing installed in ~/.m2), so it runs on a fresh clone.
# The collector JVM gets only the collector's runtime classpath (plus logback, as the app ships it); the kubelet
# and the broker run in their own JVMs, so serving bytes is not billed to the collector.
set -euo pipefail
cd "$(dirname "$0")/../.."
MODE="${1:-all}"
OUT=bench/collector/target
# The bench classes of this run apart: a run started later must not swap them under a run still going.
CLASSES="$OUT/classes-$$"
mkdir -p "$CLASSES"
MVN="mvn"; [ -x ./mvnw ] && MVN=./mvnw
# Each module the collector needs resolves to its target/classes within the reactor (-am), so the classpaths
# are written in the same invocation that compiles them; the files land in collector/target.
"$MVN" -q -B -pl collector -am compile dependency:build-classpath -Dmdep.outputFile=target/bench-test.classpath -DincludeScope=test
"$MVN" -q -B -pl collector -am compile dependency:build-classpath -Dmdep.outputFile=target/bench-runtime.classpath -DincludeScope=runtime
cp collector/target/bench-test.classpath "$OUT/test.classpath"
cp collector/target/bench-runtime.classpath "$OUT/runtime.classpath"
TEST_CP="collector/target/classes:$(cat "$OUT/test.classpath")"
javac -d "$CLASSES" -cp "$TEST_CP" bench/collector/src/io/heapstream/bench/collector/*.java
TEST_CP="$CLASSES:$TEST_CP"
LOGBACK=$(tr ':' '\n' < "$OUT/test.classpath" | grep -E 'logback-(classic|core)' | paste -sd: -)
RUNTIME_CP="$CLASSES:collector/target/classes:$(cat "$OUT/runtime.classpath"):$LOGBACK"
# The collector role's JVM flags and malloc arenas, read from the DaemonSet (docs/collector.md says why each).
MANIFEST=deploy/base/30-daemonset-collector.yaml
manifest_env() { grep -A1 "name: $1\$" "$MANIFEST" | sed -n 's/.*value: "\(.*\)"/\1/p'; }
COLLECTOR_JVM="${COLLECTOR_JVM:-$(manifest_env JAVA_TOOL_OPTIONS)}"
COLLECTOR_MALLOC_ARENA_MAX="${COLLECTOR_MALLOC_ARENA_MAX:-$(manifest_env MALLOC_ARENA_MAX)}"
PROPS="-Dlogback.configurationFile=$PWD/bench/collector/logback.xml -Dbench.kubelet.classpath=$TEST_CP"
collector() { echo "+ java $COLLECTOR_JVM -cp <collector runtime> CollectorBench $*" >&2
  MALLOC_ARENA_MAX="$COLLECTOR_MALLOC_ARENA_MAX" java $COLLECTOR_JVM $PROPS -cp "$RUNTIME_CP" \
    io.heapstream.bench.collector.CollectorBench "$@"; }
# allin and floor: the collector image's classpath as Jib lays it out (resources and classes, then the runtime
# dependencies), with the collector-image profile's scopes; the project's classes copied, so a build elsewhere
# cannot swap them mid-run. One directory per run ($RUN), so that runs side by side (other flags) do not share
# copies or logs. Then the child JVM's settings, read from the DaemonSet's manifest.
image_run() {
  "$MVN" -q -B -Pcollector-image -pl app -am compile dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile=target/bench-image.classpath -Dmaven.test.skip=true
  RUN="$OUT/$1-$$"; IMAGE="$RUN/image"; mkdir -p "$IMAGE"; IMAGE_CP=""
  IFS=: read -r -a entries < app/target/bench-image.classpath || true
  for entry in "$PWD/app/target/classes" "${entries[@]}"; do
    if [[ "$entry" == "$PWD"/* ]]; then
      copy="$IMAGE/$(printf '%s' "${entry#"$PWD"/}" | tr / _)"; cp -R "$entry" "$copy"; entry="$PWD/$copy"
    fi
    IMAGE_CP="${IMAGE_CP:+$IMAGE_CP:}$entry"
  done
  printf '%s' "$IMAGE_CP" > "$RUN/image.classpath"
  export BENCH_JAVA_TOOL_OPTIONS="${ALLIN_JAVA_TOOL_OPTIONS:-$(manifest_env JAVA_TOOL_OPTIONS)}${ALLIN_EXTRA:+ $ALLIN_EXTRA}"
  export BENCH_MALLOC_ARENA_MAX="$COLLECTOR_MALLOC_ARENA_MAX"
  export BENCH_JAVA_HOME="${ALLIN_JAVA_HOME:-}"
  export BENCH_READINESS_PERIOD="${ALLIN_READINESS_PERIOD:-$(probe_period readinessProbe)}" \
    BENCH_LIVENESS_PERIOD="${ALLIN_LIVENESS_PERIOD:-$(probe_period livenessProbe)}"
  echo "+ collector JVM: ${BENCH_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")} JAVA_TOOL_OPTIONS=$BENCH_JAVA_TOOL_OPTIONS MALLOC_ARENA_MAX=$BENCH_MALLOC_ARENA_MAX probes: readiness ${BENCH_READINESS_PERIOD}s, liveness ${BENCH_LIVENESS_PERIOD}s" >&2
}
probe_period() { sed -n "/^ *$1:/,/periodSeconds/s/.*periodSeconds: *\([0-9]*\).*/\1/p" "$MANIFEST"; }
case "$MODE" in
  cpu|all)
    collector cpu 110 2000 off zstd; collector cpu 110 2000 kubelet zstd; collector cpu 110 2000 kubelet lz4
    collector cpu 30 2000 kubelet zstd ;;&
  compression|all)
    java -Xmx256m $PROPS -cp "$TEST_CP" io.heapstream.bench.collector.CompressionBench ;;&
  allin)
    image_run allin ;;&
  floor)
    image_run floor
    # The floor's child mains: a sleeping one, and the collector role's runtime alone (on the image's classes).
    javac -d "$RUN/floor-classes" -cp "$IMAGE_CP" bench/collector/floor/io/heapstream/bench/floor/*.java
    # Side by side: each kind on each JDK ("default": the java on PATH, a 17 like the image's base).
    for jdk in ${FLOOR_JDKS:-default /usr/lib/jvm/temurin-25-jdk-amd64}; do
      for kind in ${FLOOR_KINDS:-idle status}; do
        name="$kind-$(basename "$jdk")"; home="$jdk"; [ "$jdk" = default ] && home=""
        BENCH_JAVA_HOME="$home" BENCH_CHILD_LOG="$RUN/floor-$name.log" \
          java -Xmx64m -cp "$TEST_CP" io.heapstream.bench.collector.FloorBench "$kind" "${FLOOR_WARMUP:-PT3M}" \
          "${FLOOR_WINDOW:-PT10M}" "$RUN/floor-classes" "$RUN/image.classpath" 2> "$RUN/threads-$name.txt" &
      done
    done
    wait
    for f in "$RUN"/threads-*.txt; do echo "-- $(basename "$f" .txt)" >&2; cat "$f" >&2; done
    rm -rf "$IMAGE" ;;
  allin)
    coproc BROKER { java -Xmx64m $PROPS -cp "$TEST_CP" io.heapstream.bench.collector.BrokerMain; }
    read -r BOOTSTRAP TOPIC <&"${BROKER[0]}"
    # The sizes run side by side (each is billed its own process's CPU time only); per-thread tables after.
    for pods in ${ALLIN_PODS:-30 110}; do
      HEAPSTREAM_BENCH_KAFKA="$BOOTSTRAP" HEAPSTREAM_BENCH_TOPIC="$TOPIC" BENCH_CHILD_LOG="$RUN/collector-$pods.log" \
        java -Xmx128m $PROPS -cp "$TEST_CP" io.heapstream.bench.collector.AllInBench "$pods" \
        "${ALLIN_WARMUP:-PT3M}" "${ALLIN_WINDOW:-PT10M}" "${ALLIN_METADATA:-api}" "$RUN/image.classpath" \
        2> "$RUN/threads-$pods.txt" &
    done
    wait $(jobs -p | grep -v "^$BROKER_PID\$") || true
    for pods in ${ALLIN_PODS:-30 110}; do echo "-- $pods pods" >&2; cat "$RUN/threads-$pods.txt" >&2; done
    rm -rf "$IMAGE"
    eval "exec ${BROKER[1]}>&-"; wait "$BROKER_PID" || true ;;
  service|all)
    coproc BROKER { java -Xmx64m $PROPS -cp "$TEST_CP" io.heapstream.bench.collector.BrokerMain; }
    read -r BOOTSTRAP TOPIC <&"${BROKER[0]}"
    HEAPSTREAM_BENCH_KAFKA="$BOOTSTRAP" HEAPSTREAM_BENCH_TOPIC="$TOPIC" collector service 110 "${SERVICE_DURATION:-PT300S}" \
      "${SERVICE_COMPRESSION:-zstd}" "${SERVICE_INTERVAL:-15s}" "${SERVICE_METADATA:-kubelet}"
    eval "exec ${BROKER[1]}>&-"; wait "$BROKER_PID" || true ;;
esac
