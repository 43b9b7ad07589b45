package io.heapstream.api.metrics;

import io.heapstream.model.raw.CpuStats;
import io.heapstream.model.raw.MemoryStats;
import java.time.Duration;
import java.time.Instant;

/**
 * The two latest points (metrics-server's {@code last} and {@code prev}; memory only of the last) of one node or container, packed into
 * {@value #SLOTS} longs of a shared array so that a pod costs a few hundred bytes of heap, not a graph of objects.
 * Times are epoch nanoseconds; CPU is cumulative core-nanoseconds; memory is the working set in bytes.
 *
 * <p>The rules are metrics-server's (pkg/storage): a new point becomes {@code last}; the old {@code last} becomes
 * {@code prev} when the new point is later and the container did not restart since; a container that started
 * less than one scrape interval (but at least 10 s) ago gets a synthetic {@code prev} at its start with zero
 * CPU, so that new pods have a usage after one scrape (what the HPA needs after a scale-up).
 */
final class Points {
    static final int SLOTS = 6;
    static final long ABSENT = Long.MIN_VALUE;
    private static final long FRESH_MIN_NANOS = Duration.ofSeconds(10).toNanos();

    private static final int START = 0;
    private static final int LAST_TIME = 1;
    private static final int LAST_CPU = 2;
    private static final int LAST_MEMORY = 3;
    private static final int PREV_TIME = 4;
    private static final int PREV_CPU = 5;

    private Points() { }

    /**
     * Writes the new pair at {@code at}: the point read from {@code cpu}/{@code memory}, and the previous point
     * kept from {@code old} at {@code oldAt} ({@code old == null} when there was none). False, and nothing
     * written, when the new stats lack the CPU counter, its time or the working set.
     */
    static boolean store(long[] into, int at, Instant start, CpuStats cpu, MemoryStats memory, long[] old,
                         int oldAt, boolean container, long resolutionNanos) {
        if (cpu == null || cpu.time() == null || cpu.usageCoreNanoSeconds() == null || memory == null
                || memory.workingSetBytes() == null) {
            return false;
        }
        long startNanos = start == null ? ABSENT : nanos(start);
        long time = nanos(cpu.time());
        into[at + START] = startNanos;
        into[at + LAST_TIME] = time;
        into[at + LAST_CPU] = cpu.usageCoreNanoSeconds();
        into[at + LAST_MEMORY] = memory.workingSetBytes();
        into[at + PREV_TIME] = ABSENT;
        long age = time - startNanos;
        if (container && startNanos != ABSENT && age > 0 && age < resolutionNanos && age >= FRESH_MIN_NANOS) {
            setPrev(into, at, startNanos, 0);
        } else if (old != null && (startNanos == ABSENT || startNanos < old[oldAt + LAST_TIME])) {
            if (time > old[oldAt + LAST_TIME]) {
                setPrev(into, at, old[oldAt + LAST_TIME], old[oldAt + LAST_CPU]);
            } else if (old[oldAt + PREV_TIME] != ABSENT && old[oldAt + PREV_TIME] < time) {
                setPrev(into, at, old[oldAt + PREV_TIME], old[oldAt + PREV_CPU]);
            }
        }
        return true;
    }

    static boolean hasPrev(long[] points, int at) {
        return points[at + PREV_TIME] != ABSENT;
    }

    /** CPU rate between the two points and the latest working set, or {@code null} when there is none. */
    static Usage usage(long[] points, int at) {
        if (!hasPrev(points, at)) {
            return null;
        }
        long cpu = points[at + LAST_CPU] - points[at + PREV_CPU];
        long window = points[at + LAST_TIME] - points[at + PREV_TIME];
        if (cpu < 0 || window <= 0) {
            return null; // a counter that went down: metrics-server skips the object rather than guess
        }
        long nanoCores = (long) (cpu / (window / 1e9));
        return new Usage(points[at + LAST_TIME], window, nanoCores, points[at + LAST_MEMORY]);
    }

    /** Time of the latest point, epoch nanoseconds. */
    static long lastTime(long[] points, int at) {
        return points[at + LAST_TIME];
    }

    private static void setPrev(long[] into, int at, long time, long cpu) {
        into[at + PREV_TIME] = time;
        into[at + PREV_CPU] = cpu;
    }

    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /**
     * What the metrics API serves for one node or container.
     *
     * @param timeNanos   the latest point's CPU sample time (metrics-server's {@code timestamp})
     * @param windowNanos between the two points (its {@code window})
     */
    record Usage(long timeNanos, long windowNanos, long nanoCores, long workingSetBytes) { }
}
