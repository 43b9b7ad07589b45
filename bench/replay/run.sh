#!/usr/bin/env bash
# Replay benchmark: a simulated history (default 1 h of 100 nodes x 30 pods at 15 s = 24,000 scrapes) produced
# into a dedicated local KRaft broker, then `replay raw` of it: the aggregation side alone, InfluxDB's raw
# line-protocol ingest of the same points (the ceiling), and end to end into a dedicated influxd; in each round
# first the live aggregator (the production AggregatorService, exactly-once, over the same history on the same
# broker), which the replay's aggregation is compared with; and before all, the live aggregator's topology alone on
# the same fleet (TopologyCpuBench, a work-only reference). Figures go to stdout (docs/benchmarks-replay.md says what
# they mean). Usage: bench/replay/run.sh [--nodes 100] [--pods 30] [--minutes 60] [--partitions 4] [--rounds 2]
# [--agg-only true: no InfluxDB phases] [--live false: no live aggregator phase]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
# Built in the reactor, nothing installed in ~/.m2: the modules resolve to their target/classes, so a fresh clone
# works and a snapshot another checkout installed is never picked up.
echo "bench/replay: building app and the modules it needs ..." >&2
./mvnw -q -B -pl app -am test-compile dependency:build-classpath -DincludeScope=test \
  -Dmdep.outputFile=target/bench.classpath >&2
nodes=100; pods=30
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --nodes) nodes="${args[$((i + 1))]}" ;;
    --pods) pods="${args[$((i + 1))]}" ;;
  esac
done
echo "## live aggregator's topology, same fleet (TopologyCpuBench $nodes $pods 12 topology)"
live_out="$(java ${BENCH_JAVA_OPTS:--Xmx2g} \
  -cp "aggregator/target/test-classes:aggregator/target/classes:$(cat aggregator/target/bench.classpath)" \
  io.heapstream.aggregator.bench.TopologyCpuBench "$nodes" "$pods" 12 topology)"
echo "$live_out"
# the last (JIT-warm) round's scrapes per CPU-second
live="$(echo "$live_out" | awk '/topology \(TTD\)/ {for (i = 1; i + 2 <= NF; i++) if ($(i + 1) == "per" && $(i + 2) == "CPU-s") v = $i} END {print v + 0}')"
echo
echo "## replay"
export INFLUXDB_DATA_CACHE_SNAPSHOT_MEMORY_SIZE="${INFLUXDB_DATA_CACHE_SNAPSHOT_MEMORY_SIZE:-268435456}"
# on a loaded machine InfluxDB's own 10 s write timeout answers 500 to a batch it then writes anyway
export INFLUXDB_COORDINATOR_WRITE_TIMEOUT="${INFLUXDB_COORDINATOR_WRITE_TIMEOUT:-60s}"
exec java ${BENCH_JAVA_OPTS:--Xmx3g} -Dlogback.configurationFile="$root/bench/replay/logback.xml" \
  -cp "app/target/classes:aggregator/target/test-classes:$(cat app/target/bench.classpath)" \
  "$root/bench/replay/ReplayBench.java" --live-per-cpu-s "$live" "$@"
