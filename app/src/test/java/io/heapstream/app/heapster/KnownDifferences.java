package io.heapstream.app.heapster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The differences from Heapster's output we accept, one line per kind, measurement and {@code type} tag with
 * the number of series it covers and why (src/test/resources/heapster/known-differences.tsv; docs/
 * influxdb-schema.md renders the same file). A run must find exactly these: a difference not listed fails, and
 * so does a listed one that no longer occurs or covers another number of series, so the list cannot rot.
 * {@code -Dheapstream.known-differences.write=true} rewrites the file as the run found it, keeping the reasons
 * of the lines that stay and writing {@code TODO} for new ones (which {@link #problems} rejects).
 */
record KnownDifferences(Map<String, Line> lines) {
    static final String RESOURCE = "heapster/known-differences.tsv";
    static final Path SOURCE = Path.of("src/test/resources", RESOURCE);
    static final String HEADER = "kind\tmeasurement\ttype\tseries\twhy";
    static final String TODO = "TODO";

    record Line(String kind, String measurement, String type, int series, String why) {
        String group() {
            return kind + "\t" + measurement + "\t" + type;
        }

        String tsv() {
            return group() + "\t" + series + "\t" + why;
        }
    }

    static KnownDifferences load() {
        try (InputStream in = KnownDifferences.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " on the test classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KnownDifferences parse(String text) {
        var lines = new LinkedHashMap<String, Line>();
        for (String raw : text.split("\n")) {
            if (raw.isBlank() || raw.startsWith("#") || raw.equals(HEADER)) {
                continue;
            }
            var f = raw.split("\t", -1);
            if (f.length != 5 || !Difference.KINDS.contains(f[0])) {
                throw new IllegalArgumentException(RESOURCE + ": expected '" + HEADER + "', got: " + raw);
            }
            var line = new Line(f[0], f[1], f[2], Integer.parseInt(f[3]), f[4]);
            if (lines.put(line.group(), line) != null) {
                throw new IllegalArgumentException(RESOURCE + ": listed twice: " + line.group());
            }
        }
        return new KnownDifferences(lines);
    }

    /** Actual differences grouped as the list's lines, in a stable order. */
    static Map<String, List<Difference>> grouped(List<Difference> differences) {
        return differences.stream().collect(Collectors.groupingBy(Difference::group, TreeMap::new,
                Collectors.toList()));
    }

    /** What disagrees between the list and the run, one sentence each; empty when the list is exact. */
    List<String> problems(List<Difference> differences) {
        var problems = new ArrayList<String>();
        var actual = grouped(differences);
        actual.forEach((group, found) -> {
            var line = lines.get(group);
            var examples = found.stream().limit(2).map(d -> "\n      " + d.series()
                    + (d.detail().isEmpty() ? "" : "  (" + d.detail() + ")")).collect(Collectors.joining());
            if (line == null) {
                problems.add("not listed: " + group.replace('\t', ' ') + " (" + found.size() + " series)" + examples);
            } else if (line.series() != found.size()) {
                problems.add("listed with " + line.series() + " series, found " + found.size() + ": "
                        + group.replace('\t', ' ') + examples);
            }
        });
        lines.values().stream().filter(line -> !actual.containsKey(line.group()))
                .forEach(line -> problems.add("listed but no longer occurs: " + line.group().replace('\t', ' ')));
        lines.values().stream().filter(line -> line.why().isBlank() || line.why().startsWith(TODO))
                .forEach(line -> problems.add("no reason given: " + line.group().replace('\t', ' ')));
        return problems;
    }

    /** The list as this run found it: reasons kept where the line stays, {@code TODO} where it is new. */
    String asFound(List<Difference> differences) {
        var out = new StringBuilder(HEADER).append('\n');
        grouped(differences).forEach((group, found) -> {
            var old = lines.get(group);
            var f = group.split("\t");
            out.append(new Line(f[0], f[1], f[2], found.size(), old == null ? TODO : old.why()).tsv()).append('\n');
        });
        return out.toString();
    }

    void writeIfAsked(List<Difference> differences) throws IOException {
        if (Boolean.getBoolean("heapstream.known-differences.write")) {
            Files.writeString(SOURCE, asFound(differences));
        }
    }
}
