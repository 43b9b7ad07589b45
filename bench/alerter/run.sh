#!/usr/bin/env bash
# Alerter benchmark on a real broker, against the aggregator on the same fleet in the same session: starts a
# KRaft broker (child JVM), runs the aggregator bench on it (its rollups stay in the broker), then the alerter
# with the default rules over that rollup topic; then the same aggregator bench with the default rules embedded
# (heapstream aggregator --alert-rules default), alternated with runs without, for paired figures.
# Figures go to stdout (docs/benchmarks-alerter.md).
#
#   bench/alerter/run.sh [nodes=1000] [pods=30] [containers=1] [slots=8] [partitions=4] [threads=2]
#
# BENCH_JFR_DIR=DIR records a JFR profile of each of the paired aggregator runs there (aggregator-N.jfr), from
# which bench/alerter/share.py reads the embedded rules' share of the stream threads' samples.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -pl alerter,aggregator -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -DincludeScope=test
home=$(mktemp -d /tmp/heapstream-alerter-bench-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
ctl=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$home/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$ctl
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$ctl
advertised.listeners=PLAINTEXT://127.0.0.1:$port
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$home/data
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
java -Xms2g -Xmx2g -XX:+UseG1GC -cp "local/target/classes:$(cat local/target/classes/io/heapstream/local/kafka-broker.classpath)" \
  io.heapstream.local.KafkaBrokerMain "$home/server.properties" "$home/data" "AlerterBenchCluster000" \
  > "$home/console.log" 2>&1 &
broker=$!
trap 'kill $broker; wait $broker 2>/dev/null; rm -rf "$home"' EXIT
until (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; do sleep 0.5; done
sleep 3
export HEAPSTREAM_TEST_KAFKA=127.0.0.1:$port
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xms2g -Xmx6g -XX:+UseParallelGC \
  -cp "aggregator/target/test-classes:aggregator/target/classes:$(cat aggregator/target/bench.classpath)" \
  io.heapstream.aggregator.bench.AggregatorBench "${1:-1000}" "${2:-30}" "${3:-1}" "${4:-8}" "${5:-4}" "${6:-2}"
echo "load between: $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xms1g -Xmx3g -XX:+UseParallelGC \
  -cp "alerter/target/test-classes:alerter/target/classes:$(cat alerter/target/bench.classpath)" \
  io.heapstream.alerter.bench.AlerterBrokerBench
# the aggregator with the default rules embedded, then without, then with: paired runs on the same fleet
cp="aggregator/target/test-classes:aggregator/target/classes:alerter/target/test-classes:alerter/target/classes"
cp="$cp:$(cat alerter/target/bench.classpath)"
run=0
for tap in io.heapstream.alerter.bench.DefaultRulesTap "" io.heapstream.alerter.bench.DefaultRulesTap; do
  run=$((run + 1))
  echo "load before the aggregator${tap:+ with the embedded rules} (run $run): $(cut -d' ' -f1-3 /proc/loadavg)"
  java -Xms2g -Xmx6g -XX:+UseParallelGC -Dbench.tap="$tap" -cp "$cp" \
    ${BENCH_JFR_DIR:+-XX:StartFlightRecording=settings=profile,filename=$BENCH_JFR_DIR/aggregator-$run.jfr} \
    io.heapstream.aggregator.bench.AggregatorBench "${1:-1000}" "${2:-30}" "${3:-1}" "${4:-8}" "${5:-4}" "${6:-2}"
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
