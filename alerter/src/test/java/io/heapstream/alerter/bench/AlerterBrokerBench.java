package io.heapstream.alerter.bench;

import io.heapstream.alerter.AlerterConfig;
import io.heapstream.alerter.AlerterService;
import io.heapstream.testkit.TestServices;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The alerter's CPU on a real broker, over a rollup topic the aggregator wrote (bench/alerter/run.sh runs the
 * aggregator bench first, on the same broker): the production service with the default rules, from the topic's
 * start, timed from its first commit to its last like the aggregator bench, this JVM's CPU time. Not a test:
 * {@code HEAPSTREAM_TEST_KAFKA=host:port AlerterBrokerBench [rollup topic, default: the only *.rollup.1m]}.
 */
public final class AlerterBrokerBench {
    private AlerterBrokerBench() { }

    /** CPU nanoseconds of this JVM's Java threads by kind (JIT and GC threads are not Java threads: the rest). */
    private static Map<String, Long> threadCpu() {
        var mx = ManagementFactory.getThreadMXBean();
        var out = new java.util.TreeMap<String, Long>();
        for (var info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long ns = mx.getThreadCpuTime(info.getThreadId());
            var name = info.getThreadName();
            var kind = name.contains("StreamThread") && !name.contains("producer") ? "stream thread"
                    : name.startsWith("kafka-") ? "Kafka client network" : "other Java threads";
            out.merge(kind, Math.max(ns, 0), Long::sum);
        }
        return out;
    }

    public static void main(String[] args) throws Exception {
        var bootstrap = System.getenv(TestServices.KAFKA_ENV).strip();
        try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap))) {
            var topic = args.length > 0 ? args[0] : admin.listTopics().names().get().stream()
                    .filter(t -> t.endsWith(".rollup.1m")).reduce((a, b) -> {
                        throw new IllegalStateException("several rollup topics, name one: " + a + ", " + b);
                    }).orElseThrow(() -> new IllegalStateException("no *.rollup.1m topic"));
            var prefix = TestServices.unique("alerter-bench");
            admin.createTopics(List.of(new NewTopic(prefix + ".alerts", 1, (short) 1),
                    new NewTopic(prefix + ".dlq", 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            long expected = admin.listOffsets(partitions.stream().collect(java.util.stream.Collectors.toMap(
                    p -> p, p -> OffsetSpec.latest()))).all().get().values().stream()
                    .mapToLong(o -> o.offset()).sum();
            var appId = prefix + "-alerter";
            var stateDir = Files.createTempDirectory("alerter-bench-state");
            var config = new AlerterConfig(bootstrap, Map.of("consumer.auto.offset.reset", "earliest"), appId, topic,
                    prefix + ".alerts", prefix + ".dlq", null, stateDir.toString(), Duration.ofMinutes(5),
                    Duration.ofSeconds(10), Duration.ofSeconds(1), List.of(), List.of(), Duration.ofMinutes(1),
                    Duration.ofSeconds(10), null);
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            try (var service = new AlerterService(config, new SimpleMeterRegistry())) {
                service.start();
                long committed = 0;
                long first = -1;
                long firstNanos = 0;
                long firstCpu = 0;
                var threadsAtFirst = threadCpu();
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
                while (committed < expected && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                    committed = admin.listConsumerGroupOffsets(appId).partitionsToOffsetAndMetadata().get()
                            .values().stream().mapToLong(o -> o == null ? 0 : o.offset()).sum();
                    if (committed > 0 && first < 0) {
                        first = committed;
                        firstNanos = System.nanoTime();
                        firstCpu = os.getProcessCpuTime();
                        threadsAtFirst = threadCpu();
                    }
                }
                double seconds = (System.nanoTime() - firstNanos) / 1e9;
                double cpu = (os.getProcessCpuTime() - firstCpu) / 1e9;
                long rollups = committed - first;
                System.out.printf(Locale.ROOT, "alerter: topic %s, %,d rollups (%,d after the first commit) in %.1f s,"
                                + " JVM CPU %.2f s = %.1f us per rollup, %.0f rollups per CPU-second, %.2f cores%n",
                        topic, committed, rollups, seconds, cpu, 1e6 * cpu / rollups, rollups / cpu, cpu / seconds);
                var threads = threadCpu();
                double known = 0;
                for (var e : threads.entrySet()) {
                    double t = (e.getValue() - threadsAtFirst.getOrDefault(e.getKey(), 0L)) / 1e9;
                    known += t;
                    System.out.printf(Locale.ROOT, "  %-22s %6.2f CPU s = %.1f us per rollup%n", e.getKey(), t,
                            1e6 * t / rollups);
                }
                System.out.printf(Locale.ROOT, "  %-22s %6.2f CPU s = %.1f us per rollup%n",
                        "JIT, GC, RocksDB, other", cpu - known, 1e6 * (cpu - known) / rollups);
            }
        }
    }
}
