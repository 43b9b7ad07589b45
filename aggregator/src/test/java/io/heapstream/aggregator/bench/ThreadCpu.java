package io.heapstream.aggregator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * This JVM's CPU seconds per kind of thread, from /proc/self/task (Linux): stream threads, JIT compiler,
 * GC, RocksDB, Kafka client network threads. Tells the aggregator's own work from the JVM's warm-up.
 */
final class ThreadCpu {
    private ThreadCpu() { }

    static Map<String, Double> snapshot() {
        var out = new TreeMap<String, Double>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            tasks.forEach(task -> {
                try {
                    var name = Files.readString(task.resolve("comm")).strip();
                    var stat = Files.readString(task.resolve("stat"));
                    var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
                    out.merge(kind(name), seconds, Double::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between listing and reading
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return out;
    }

    /** CPU seconds per kind between two snapshots (threads that ended in between are lost). */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        var diff = new TreeMap<String, Double>();
        after.forEach((kind, seconds) -> diff.put(kind, seconds - before.getOrDefault(kind, 0.0)));
        return diff;
    }

    private static String kind(String comm) {
        if (comm.contains("StreamThr") || comm.contains("-aggregator-") || comm.startsWith("bench_")) {
            return "stream threads";
        }
        if (comm.startsWith("C2 ") || comm.startsWith("C1 ")) {
            return "JIT compiler";
        }
        if (comm.startsWith("GC ") || comm.startsWith("VM Thread")) {
            return "GC and VM";
        }
        if (comm.startsWith("rocksdb")) {
            return "RocksDB background";
        }
        if (comm.startsWith("kafka-")) {
            return "Kafka client network";
        }
        return "other";
    }
}
