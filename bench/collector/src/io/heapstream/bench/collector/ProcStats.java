package io.heapstream.bench.collector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the benches read of a process from /proc: its CPU time (utime + stime, every thread), memory, threads and
 * the load average. One reader for the all-in, floor and pooled benches (bench/pooled/run.sh compiles this file
 * with its own), so that they count the same way.
 */
public record ProcStats(Path dir) {
    /** USER_HZ: /proc's clock ticks, 100 on every Linux this runs on. */
    public static final long HZ = 100;

    public static ProcStats self() {
        return new ProcStats(Path.of("/proc/self"));
    }

    public static ProcStats of(long pid) {
        return new ProcStats(Path.of("/proc", Long.toString(pid)));
    }

    /** utime + stime of the whole process, in clock ticks. */
    public long cpuTicks() throws IOException {
        return ticks(dir.resolve("stat"));
    }

    public long cpuMillis() throws IOException {
        return cpuTicks() * 1000 / HZ;
    }

    /** /proc/&lt;pid&gt;/status in kB (VmRSS, VmHWM, RssAnon, RssFile) and counts (Threads). */
    public Map<String, Long> status() throws IOException {
        return kb(dir.resolve("status"));
    }

    /** /proc/&lt;pid&gt;/smaps_rollup in kB (Pss, Private_Dirty, …). */
    public Map<String, Long> smapsRollup() throws IOException {
        return kb(dir.resolve("smaps_rollup"));
    }

    public long rssKb() throws IOException {
        return status().get("VmRSS");
    }

    /** Per live thread, "name#tid" -> {CPU ticks, voluntary + involuntary context switches}. */
    public Map<String, long[]> threads() throws IOException {
        var result = new TreeMap<String, long[]>();
        try (var tasks = Files.list(dir.resolve("task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String name = Files.readString(task.resolve("comm")).strip() + "#" + task.getFileName();
                    var status = kb(task.resolve("status"));
                    result.put(name, new long[] {ticks(task.resolve("stat")),
                            status.get("voluntary_ctxt_switches") + status.get("nonvoluntary_ctxt_switches")});
                } catch (IOException gone) {
                    // The thread ended between the listing and the read.
                }
            }
        }
        return result;
    }

    /** The load average over 1, 5 and 15 minutes. */
    public static double[] loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return new double[] {Double.parseDouble(fields[0]), Double.parseDouble(fields[1]), Double.parseDouble(fields[2])};
    }

    /** utime + stime of a stat file, in clock ticks (fields 14 and 15, counted after the command's ')'). */
    static long ticks(Path stat) throws IOException {
        String text = Files.readString(stat);
        String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** "Name:  value[ kB]" lines whose value is a number. */
    static Map<String, Long> kb(Path file) throws IOException {
        var values = new HashMap<String, Long>();
        for (String line : Files.readAllLines(file)) {
            String[] parts = line.split(":\\s+");
            if (parts.length == 2 && parts[1].matches("\\d+( kB)?")) {
                values.put(parts[0], Long.parseLong(parts[1].replace(" kB", "")));
            }
        }
        return values;
    }
}
