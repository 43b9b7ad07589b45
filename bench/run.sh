#!/usr/bin/env bash
# bench/run.sh — every stage's benchmark and the end-to-end freshness run, one after the other on this machine,
# then docs/benchmarks.md from what they printed. Not part of ./mvnw verify. Takes about an hour and a quarter (the collector's all-in run is 13 minutes of it, the central roles' 15, the replay's about 10).
#   bench/run.sh                 all of it
#   BENCH_ONLY="writer e2e" bench/run.sh    a subset (collector collector-allin central aggregator writer replay e2e); the report shows what ran
#   BENCH_RUN_DIR=bench/target/<timestamp> BENCH_ONLY=e2e bench/run.sh   re-run stages into an earlier run's report
# Each stage's raw output stays in bench/target/<timestamp>/ (stdout = its figures, .log = its stderr).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
only="${BENCH_ONLY:-collector collector-allin central aggregator writer replay e2e}"
out="${BENCH_RUN_DIR:-$root/bench/target/$(date -u +%Y%m%dT%H%M%SZ)}"
out="$(mkdir -p "$out" && cd "$out" && pwd)"

[[ -f "$out/machine.txt" ]] || {
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "command: bench/run.sh${BENCH_ONLY:+ (BENCH_ONLY=\"$BENCH_ONLY\")}"
  echo "cores: $(nproc)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB total, " $7 " GiB available"}')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "kafka: $(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' pom.xml) (clients, streams and the KRaft broker)"
  echo "influxdb: $( (command -v influxd >/dev/null && influxd version) || echo 'from the test kit (see the writer section)')"
} > "$out/machine.txt"

run() {
  local stage="$1"; shift
  if [[ " $only " != *" $stage "* ]]; then
    return 0
  fi
  echo "bench/run.sh: $stage: $* (output in $out/$stage.md, log in $out/$stage.log)" >&2
  local began=$SECONDS
  local load_before
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  local when
  when="$(date -u +%H:%M:%SZ)"
  if "$@" > "$out/$stage.md" 2> "$out/$stage.log"; then
    echo "ran at $when for $((SECONDS - began)) s" > "$out/$stage.status"
  else
    echo "FAILED (exit $?) at $when after $((SECONDS - began)) s; see bench/target/$(basename "$out")/$stage.log" \
      > "$out/$stage.status"
  fi
  echo "load average before: $load_before" >> "$out/$stage.status"
  echo "after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/$stage.status"
}

run collector bash bench/collector/run.sh all
run collector-allin bash bench/collector/run.sh allin
run central bash -c 'source bench/central/small-broker.env; bash bench/central/run.sh 7 200'
run aggregator bash bench/aggregator/run.sh 5000 30
run writer bash bench/writer/run.sh
run replay bash bench/replay/run.sh
run e2e bash bench/e2e/run.sh 50,100,250,500 30 3

echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"
java bench/BenchReport.java "$out" docs/benchmarks.md
echo "bench/run.sh: wrote docs/benchmarks.md from $out" >&2
