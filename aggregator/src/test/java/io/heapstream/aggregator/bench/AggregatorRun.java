package io.heapstream.aggregator.bench;

import io.heapstream.aggregator.AggregatorService;
import io.heapstream.aggregator.RollupTap;
import io.heapstream.aggregator.config.AggregatorConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The production {@link AggregatorService} run in this JVM from the start of its raw topic until its committed
 * input offsets reach a count (or a timeout passes), measured as it runs: wall clock, this JVM's process CPU, its
 * CPU per kind of thread ({@link ThreadCpu}) and the broker's, at the start, at the first commit and at the end.
 * AggregatorBench and the replay bench (bench/replay, which compares a replay with the live aggregator on the
 * same history) both run the service through this.
 */
public final class AggregatorRun {
    private AggregatorRun() { }

    /** A point of the run: its committed input offsets (summed over partitions) and the CPU spent so far. */
    public record Mark(long nanos, long committed, double cpuSeconds, double brokerCpuSeconds,
                       Map<String, Double> threads) {
        static Mark now(long committed, DoubleSupplier brokerCpu) {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return new Mark(System.nanoTime(), committed, os.getProcessCpuTime() / 1e9, brokerCpu.getAsDouble(),
                    ThreadCpu.snapshot());
        }

        public double seconds(Mark later) {
            return (later.nanos - nanos) / 1e9;
        }

        public double cpu(Mark later) {
            return later.cpuSeconds - cpuSeconds;
        }

        public double brokerCpu(Mark later) {
            return later.brokerCpuSeconds - brokerCpuSeconds;
        }

        /** CPU seconds per kind of thread between this mark and a later one ("stream threads": the work). */
        public Map<String, Double> threads(Mark later) {
            return ThreadCpu.between(threads, later.threads);
        }
    }

    /** {@code first} is the first poll that saw a commit; {@code end} the one that saw them all (or the timeout). */
    public record Result(Mark start, Mark first, Mark end) { }

    /**
     * Starts the service on {@code config}, polls its group's committed offsets on {@code rawTopic} every 250 ms
     * until they reach {@code expected}, and closes it (not measured). {@code brokerCpu} gives the broker's CPU
     * seconds so far ({@code () -> Double.NaN} if unknown).
     */
    public static Result run(AggregatorConfig config, long expected, Duration timeout, DoubleSupplier brokerCpu)
            throws Exception {
        return run(config, null, expected, timeout, brokerCpu);
    }

    /** The same, with {@code tap} (may be null) attached to the service's topology. */
    public static Result run(AggregatorConfig config, RollupTap tap, long expected,
            Duration timeout, DoubleSupplier brokerCpu)
            throws Exception {
        try (var service = new AggregatorService(config, new SimpleMeterRegistry(), tap);
             var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     config.kafkaBootstrap()))) {
            var start = Mark.now(0, brokerCpu);
            service.start();
            Mark first = null;
            long committed = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (committed < expected && System.nanoTime() < deadline) {
                Thread.sleep(250);
                committed = committed(admin, config.applicationId(), config.rawTopic());
                if (committed > 0 && first == null) {
                    first = Mark.now(committed, brokerCpu);
                }
            }
            var end = Mark.now(committed, brokerCpu);
            return new Result(start, first == null ? end : first, end);
        }
    }

    private static long committed(Admin admin, String group, String topic) throws Exception {
        var offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        long sum = 0;
        for (var e : offsets.entrySet()) {
            if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                sum += e.getValue().offset();
            }
        }
        return sum;
    }

    /**
     * The tap a bench attaches: {@code className} (a {@link RollupTap} with a public no-argument constructor), or
     * null when none is named.
     */
    public static RollupTap tap(String className) {
        if (className == null || className.isBlank()) {
            return null;
        }
        try {
            return (RollupTap) Class.forName(className).getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("bench.tap=" + className + ": " + e, e);
        }
    }
}
