#!/usr/bin/env bash
# End-to-end freshness benchmark: a simulated fleet produced live in real time -> broker -> aggregator -> writer
# -> InfluxDB, all on this machine (a dedicated broker and influxd). Prints a markdown table on stdout.
#   bench/e2e/run.sh [nodes=50,100,250,500] [pods=30] [minutes=3] [window=1m] [grace=30s] [scrape=15s] [partitions=4]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
cp_file="$root/app/target/bench-e2e.classpath"
# The app's runtime classpath (what `heapstream demo` runs on: aggregator, writer, simulator, local servers), built
# in the reactor with nothing installed in ~/.m2, so a fresh clone works: the project's own modules resolve to
# their target/classes.
echo "bench/e2e: building the app's modules ..." >&2
./mvnw -q -B -o -pl app -am compile dependency:build-classpath -DincludeScope=runtime \
  -Dmdep.outputFile=target/bench-e2e.classpath -Dmaven.test.skip=true >&2 2>/dev/null \
  || ./mvnw -q -B -pl app -am compile dependency:build-classpath -DincludeScope=runtime \
    -Dmdep.outputFile=target/bench-e2e.classpath -Dmaven.test.skip=true >&2
# Private copies of the project's own classes: a build elsewhere in the tree must not swap them mid-run.
jars="$(mktemp -d)"
trap 'rm -rf "$jars"' EXIT
classpath=""
IFS=: read -r -a entries < "$cp_file" || true   # the file has no final newline
for entry in "${entries[@]}"; do
  if [[ "$entry" == "$root"/* ]]; then
    copy="$jars/$(printf '%s' "${entry#"$root"/}" | tr / _)"
    cp -R "$entry" "$copy" && entry="$copy"
  fi
  classpath="${classpath:+$classpath:}$entry"
done
# influxd's cache is written out as a TSM file (a snapshot, then compactions) every 25 MB by default, several times
# per window at these loads, on the same two cores as everything else; 256 MB makes that rarer. Same advice for a
# production InfluxDB 1.x taking native points (docs/benchmarks.md, "End to end"). Overridable from the caller.
export INFLUXDB_DATA_CACHE_SNAPSHOT_MEMORY_SIZE="${INFLUXDB_DATA_CACHE_SNAPSHOT_MEMORY_SIZE:-268435456}"
java ${BENCH_JAVA_OPTS:--Xmx3g} -Dlogback.configurationFile="$root/bench/e2e/logback.xml" \
  -cp "$classpath" "$root/bench/e2e/FreshnessBench.java" "$@"
