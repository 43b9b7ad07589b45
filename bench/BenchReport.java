import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Writes docs/benchmarks.md from one bench/run.sh run: the machine and versions, a headline table (each figure
 * next to its ceiling from the same run, as the stages print them), then every stage's own output. Only figures
 * printed by that run appear; a stage that did not run or failed says so.
 *
 * <p>Usage: {@code java bench/BenchReport.java <run dir> <docs/benchmarks.md>}
 */
public final class BenchReport {
    private record Stage(String id, String title, String doc, String what) { }

    private static final Pattern SEPARATOR = Pattern.compile("\\|[-| :]+\\|");
    private static final Pattern LOG_LINE = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ");

    private static final List<Stage> STAGES = List.of(
            new Stage("collector", "Collector", "benchmarks-collector.md",
                    "CPU per scrape and resident memory of one collector JVM (the role's JVM flags) scraping a local"
                            + " kubelet that serves 30 and 110 pods, parse + enrich + serialize + compress + produce;"
                            + " the kubelet and the broker run in other JVMs, so their work is not billed to it."),
            new Stage("collector-allin", "Collector all-in", "benchmarks-collector.md",
                    "The collector as the DaemonSet runs it (the image's entry point and classpath, the manifest's"
                            + " JAVA_TOOL_OPTIONS, probes and a Prometheus scrape): the whole process's CPU time"
                            + " between and during scrapes over a steady state after a warm-up, and its RSS, on"
                            + " 30- and 110-pod nodes; next to Heapster's whole pipeline, 9 CPU ms per node per"
                            + " scrape and 3 MB per node (issue 19)."),
            new Stage("central", "Central roles at 7 and 200 nodes", "benchmarks-central.md",
                    "What the central roles cost a small and a mid-size cluster, run as their manifests run them"
                            + " (the image's entry point and classpath, each container's env and JAVA_TOOL_OPTIONS,"
                            + " its memory limit as MaxRAM, probes and a Prometheus scrape) beside a real broker"
                            + " (small-install settings) and influxd, with a fleet of 7 and of 200 nodes x 30 pods"
                            + " producing live every 15 s: each process's CPU over a window after a warm-up, per node"
                            + " per scrape, with the share still spent by the JIT compiler, and its RSS; next to"
                            + " Heapster's whole pipeline, 9 CPU ms per node per scrape and 3 MB per node (issue 19)."),
            new Stage("aggregator", "Aggregator", "benchmarks-aggregator.md",
                    "Raw container samples per second per core through the aggregator for a 5,000-node x 30-pod"
                            + " fleet already on the raw topic, next to the ceiling: the broker's plain consume rate"
                            + " of the same topic in the same run; and how many nodes at a 15 s grid that is in"
                            + " real time."),
            new Stage("writer", "Writer", "benchmarks-writer.md",
                    "Points per second from the rollup topics into InfluxDB through the real writer, next to the"
                            + " ceiling: InfluxDB's own ingest of the same points posted as raw line protocol in the"
                            + " same run."),
            new Stage("replay", "Replay", "benchmarks-replay.md",
                    "`replay raw` of a simulated hour (100 nodes x 30 pods at 15 s, 24,000 scrapes) already on a"
                            + " real broker: the aggregation side alone in scrapes per CPU-second next to the live"
                            + " aggregator as it runs (the production `AggregatorService`, exactly_once_v2 and its"
                            + " other defaults, over the same history on the same broker, in the same rounds),"
                            + " all-in (process CPU) and work-only (replay thread vs stream thread), with the live"
                            + " topology in a `TopologyTestDriver` (TopologyCpuBench) as a second work-only"
                            + " reference; and end to end into InfluxDB in points/s next to InfluxDB's raw"
                            + " line-protocol ingest of the same points."),
            new Stage("e2e", "End to end: freshness", null,
                    "Seconds from a window's end to its points being acknowledged by InfluxDB (and so queryable),"
                            + " under load: a simulated fleet produced live in real time on its scrape grid → broker"
                            + " → aggregator → writer → InfluxDB, all on this machine, at several fleet sizes (fresh"
                            + " services each). Target: p99 ≤ 5 s past the grace period. Each row splits the time"
                            + " by stage: window end → the rollup appended to the broker (grace, then the"
                            + " aggregator), appended → read by the writer (transaction commit, consumer lag),"
                            + " read → acknowledged by InfluxDB (batching, queueing behind the window's other"
                            + " points, InfluxDB's write); and how many values a second InfluxDB took per core,"
                            + " the bound beyond the largest load that meets the target."));

    public static void main(String[] args) throws IOException {
        var run = Path.of(args[0]);
        var target = Path.of(args[1]);
        var machine = read(run.resolve("machine.txt"));
        var md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `bench/run.sh` on one machine: every figure below was measured there, each next to its"
                + " ceiling measured in the same run of the same stage (each section says when it ran and the load"
                + " average around it). Nothing here is from elsewhere. Re-run it on your machine (about half an"
                + " hour; nothing else should be running):\n\n```\nbench/run.sh\n```\n\n");
        md.append("## Machine and versions\n\n");
        for (var line : machine.strip().lines().toList()) {
            md.append("- ").append(line).append('\n');
        }
        md.append("\nThe load average lines tell whether the machine was otherwise idle: figures taken while other"
                + " work ran are lower bounds.\n\n");
        md.append("## Headline figures\n\n| stage | figure | measured | ceiling, same run |\n|---|---|---|---|\n");
        headlines(run, md);
        for (var stage : STAGES) {
            md.append("\n## ").append(stage.title()).append("\n\n").append(stage.what()).append("\n\n");
            var output = run.resolve(stage.id() + ".md");
            var status = run.resolve(stage.id() + ".status");
            if (!Files.exists(status)) {
                md.append("_Not part of this run._\n");
                continue;
            }
            md.append("Command: `").append(command(stage.id())).append("` — ").append(read(status).strip()
                    .replace("\n", "; ")).append(".\n\n");
            md.append(tables(read(output)));
            if (stage.doc() != null) {
                md.append("\nHow the harness works and what the figures mean: [").append(stage.doc()).append("](")
                        .append(stage.doc()).append(").\n");
            }
        }
        Files.writeString(target, md.toString(), StandardCharsets.UTF_8);
    }

    private static String command(String stage) {
        return switch (stage) {
            case "collector" -> "bash bench/collector/run.sh all";
            case "collector-allin" -> "bash bench/collector/run.sh allin";
            case "central" -> "source bench/central/small-broker.env; bash bench/central/run.sh 7 200";
            case "aggregator" -> "bash bench/aggregator/run.sh 5000 30";
            case "writer" -> "bash bench/writer/run.sh";
            case "replay" -> "bash bench/replay/run.sh";
            default -> "bash bench/e2e/run.sh 50,100,250,500 30 3";
        };
    }

    /** The figures the brief asks for, found in the stages' own rows; a figure not found says where to look. */
    private static void headlines(Path run, StringBuilder md) throws IOException {
        var collector = read(run.resolve("collector.md"));
        for (var pods : List.of("30", "110")) {
            var m = find(collector, "\\| cpu \\| " + pods + " pods \\| metadata kubelet \\| zstd \\|.*?\\| ([\\d.]+) ms CPU/scrape"
                    + ".*?\\| RSS (\\d+) MB \\|");
            md.append(row("collector", "CPU per scrape, " + pods + " pods", m == null ? null : m[0] + " ms", "—"));
            md.append(row("collector", "RSS after " + pods + "-pod scrapes", m == null ? null : m[1] + " MB", "—"));
        }
        var service = find(collector, "\\| service \\| (\\d+) pods .*?\\| RSS (\\d+) MB \\| peak RSS (\\d+) MB");
        md.append(row("collector", "RSS of the running collector" + (service == null ? "" : ", " + service[0] + " pods"),
                service == null ? null : service[1] + " MB (peak " + service[2] + " MB)", "—"));
        // Heapster's whole pipeline, measured on the same fake kubelets (issue 19), is the bar for the all-in cost.
        var allIn = read(run.resolve("collector-allin.md"));
        for (var pods : List.of("30", "110")) {
            var m = find(allIn, "\\| all-in \\| " + pods + " pods .*?\\| window (\\S+) \\| load ([\\d.]+) .*?"
                    + "\\| ([\\d.]+) ms CPU/scrape all-in \\| ([\\d.]+) mCPU all-in \\| ([\\d.]+) ms scrape thread"
                    + ".*?\\| RSS (\\d+) MB");
            md.append(row("collector", "CPU per node per 15 s scrape, all-in, " + pods + " pods", m == null ? null
                    : m[2] + " ms (" + m[3] + " mCPU; the scrape thread " + m[4] + " ms) over " + m[0] + ", load "
                    + m[1], "Heapster: 9 ms (0.6 mCPU)"));
            md.append(row("collector", "RSS per node, all-in, " + pods + " pods", m == null ? null : m[5] + " MB",
                    "Heapster: 3 MB"));
        }
        var aggregator = read(run.resolve("aggregator.md"));
        var perCore = find(aggregator, "\\| aggregator per core \\| (\\d+) container samples/s per core");
        var rate = find(aggregator, "\\| aggregator \\| (\\d+) scrapes/s = (\\d+) container samples/s, ([\\d.]+) cores busy");
        var raw = find(aggregator, "\\| broker raw consume rate[^|]*\\| (\\d+) scrapes/s");
        var share = find(aggregator, "\\| aggregator vs raw consume \\| (\\d+) %");
        if (rate != null && Long.parseLong(rate[0]) == 0) {
            // A harness that saw no committed progress measured nothing: say so rather than print a zero.
            perCore = null;
            rate = null;
            md.append(row("aggregator", "throughput", "not measured in this run: the harness saw no committed"
                    + " progress (see the aggregator section)", raw == null ? "—" : raw[0] + " scrapes/s (raw consume)"));
        }
        md.append(row("aggregator", "container samples/s per core, 5,000 nodes x 30 pods",
                perCore == null ? null : perCore[0], "—"));
        md.append(row("aggregator", "scrapes/s through the aggregator" + (rate == null ? "" : " (" + rate[2]
                        + " cores busy)"), rate == null ? null : rate[0] + (share == null ? "" : " (" + share[0]
                        + " % of raw consume)"), raw == null ? "see below" : raw[0] + " scrapes/s (raw consume)"));
        // One scrape per node per 15 s slot: the measured rate times 15 is the fleet it keeps up with.
        md.append(row("aggregator", "nodes at a 15 s grid in real time (scrapes/s x 15)",
                rate == null ? null : String.format(Locale.ROOT, "%,d", Long.parseLong(rate[0]) * 15),
                raw == null ? "—" : String.format(Locale.ROOT, "%,d (raw consume x 15)", Long.parseLong(raw[0]) * 15)));
        var writerOutput = read(run.resolve("writer.md"));
        for (var schema : List.of("native", "heapster")) {
            var writer = lastMatch(writerOutput, "\\| " + schema
                    + " \\| \\d+ \\| [^|]+ \\| ([\\d,]+) \\| ([\\d,]+) \\| ([\\d,]+) \\| (\\d+%) \\| (\\d+%) \\|");
            md.append(row("writer", "points/s, " + schema + " schema (start to last ack)", writer == null ? null
                    : writer[1] + " (" + writer[3] + " of ceiling)", writer == null ? "see below"
                    : writer[0] + " (raw line-protocol POST)"));
        }
        e2eHeadlines(read(run.resolve("e2e.md")), md);
    }

    /** One row per measured load (p50 / p99 and which stage holds the time), then the largest load that met. */
    private static void e2eHeadlines(String e2e, StringBuilder md) {
        var m = Pattern.compile("\\| (\\d+) × (\\d+) \\| [\\d.]+ \\| [\\d,]+ \\| [\\d,]+ \\| ([\\d.]+ s) \\| ([\\d.]+ s)"
                + " \\| [\\d.]+ s \\| (-?[\\d.]+ s) \\| ([^|]+) \\| ([^|]+) \\| ([^|]+) \\| ([^|]+) \\|").matcher(e2e);
        boolean any = false;
        while (m.find()) {
            any = true;
            md.append(row("end to end", "freshness p50 / p99 (window end → queryable), " + m.group(1) + " nodes × "
                    + m.group(2) + " pods", m.group(3) + " / " + m.group(4) + "; p99 past grace " + m.group(5) + ": "
                    + m.group(6).strip() + " (p50 / p99 by stage: aggregator " + m.group(7).strip() + ", to the writer "
                    + m.group(8).strip() + ", writer + InfluxDB " + m.group(9).strip() + ")", "target ≤ 5 s past grace"));
        }
        if (!any) {
            md.append(row("end to end", "freshness p50 / p99 (window end → queryable)", null, "target ≤ 5 s past grace"));
        }
        var largest = find(e2e, "largest load meeting p99 ≤ 5 s past grace \\([^)]*\\): ([^\\n]+)");
        var bound = find(e2e, "bound beyond it: ([^\\n]+)");
        md.append(row("end to end", "largest load meeting p99 ≤ 5 s past grace", largest == null ? null : largest[0],
                bound == null ? "—" : bound[0]));
    }

    private static String row(String stage, String figure, String value, String ceiling) {
        return String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", stage, figure,
                value == null ? "see below" : value, ceiling);
    }

    private static String[] find(String text, String regex) {
        var m = Pattern.compile(regex).matcher(text);
        return m.find() ? groups(m) : null;
    }

    private static String[] lastMatch(String text, String regex) {
        var m = Pattern.compile(regex).matcher(text);
        String[] last = null;
        while (m.find()) {
            last = groups(m);
        }
        return last;
    }

    private static String[] groups(java.util.regex.Matcher m) {
        var out = new String[m.groupCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = m.group(i + 1);
        }
        return out;
    }

    /**
     * A stage's output as markdown: runs of table rows stay tables (a header row is added where a stage prints
     * rows only), other lines become lines of text.
     */
    static String tables(String output) {
        var md = new StringBuilder();
        var lines = output.lines().toList();
        var block = new ArrayList<String>();
        for (int i = 0; i <= lines.size(); i++) {
            var line = i < lines.size() ? lines.get(i).stripTrailing() : "";
            if (line.startsWith("|")) {
                if (block.isEmpty() && md.length() > 0 && !md.toString().endsWith("\n\n")) {
                    md.append('\n');
                }
                if (SEPARATOR.matcher(line).matches() && block.size() > 1) {
                    // A header row after rows of another table: that table ends before the header.
                    var header = block.remove(block.size() - 1);
                    flush(block, md);
                    block.add(header);
                }
                block.add(line);
                continue;
            }
            flush(block, md);
            // Log lines some harnesses print on stdout (HH:mm:ss.SSS ...) are not figures.
            if (!line.isBlank() && !LOG_LINE.matcher(line).lookingAt()) {
                md.append(line).append("  \n");
            }
        }
        return md.toString();
    }

    /** One table; rows without a header row get an empty one, so that markdown renders them as a table. */
    private static void flush(List<String> block, StringBuilder md) {
        if (block.isEmpty()) {
            return;
        }
        boolean hasHeader = block.size() > 1 && SEPARATOR.matcher(block.get(1)).matches();
        if (!hasHeader) {
            int columns = block.get(0).split("\\|", -1).length - 2;
            md.append("|").append(" |".repeat(columns)).append('\n')
                    .append("|").append("---|".repeat(columns)).append('\n');
        }
        block.forEach(b -> md.append(b).append('\n'));
        md.append('\n');
        block.clear();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
