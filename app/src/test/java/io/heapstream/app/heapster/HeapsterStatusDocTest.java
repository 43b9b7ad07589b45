package io.heapstream.app.heapster;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * docs/influxdb-schema.md's table of every Heapster measurement and type with our status is rendered from
 * fixtures/heapster-reference/series.tsv and the known-differences list HeapsterReferenceIT holds the code to,
 * so the doc says what the test measured. Regenerate with {@code -Dheapstream.docs.write=true}.
 */
class HeapsterStatusDocTest {
    static final String BEGIN = "<!-- heapster status: generated from known-differences.tsv, checked by"
            + " HeapsterStatusDocTest -->";
    static final String END = "<!-- end of heapster status -->";
    private static final Path PAGE = Path.of("..", "docs", "influxdb-schema.md");

    @Test
    void theSchemaPageShowsTheMeasuredStatusOfEveryHeapsterSeries() throws Exception {
        String text = Files.readString(PAGE);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertThat(begin).as(PAGE + " needs the lines\n" + BEGIN + "\n" + END).isNotNegative();
        assertThat(end).as(PAGE + " has no line " + END).isGreaterThan(begin);
        String expected = BEGIN + "\n" + markdown(KnownDifferences.load());
        String actual = text.substring(begin, end);
        if (Boolean.getBoolean("heapstream.docs.write") && !actual.equals(expected)) {
            Files.writeString(PAGE, text.substring(0, begin) + expected + text.substring(end));
            actual = expected;
        }
        assertThat(actual).as("regenerate with -Dheapstream.docs.write=true").isEqualTo(expected);
    }

    /** One row per measurement and type (Heapster's, then ours only), reasons numbered below the table. */
    static String markdown(KnownDifferences known) {
        Map<String, String[]> heapster = new TreeMap<>();  // "measurement\ttype" -> {field type, series}
        var lines = Fixtures.string("heapster-reference/series.tsv").split("\n");
        for (int i = 1; i < lines.length; i++) {
            var f = lines[i].split("\t");
            if (f.length < 6) {
                continue;
            }
            heapster.merge(f[0] + "\t" + f[1], new String[] {f[4], f[5]}, (a, b) ->
                    new String[] {a[0], Integer.toString(Integer.parseInt(a[1]) + Integer.parseInt(b[1]))});
        }
        var reasons = new LinkedHashMap<String, Integer>();
        var status = new TreeMap<String, List<String>>();
        for (var line : known.lines().values()) {
            // A line may have several reasons, "; "-separated: each is numbered once.
            var numbers = new ArrayList<String>();
            for (String why : line.why().split("; ")) {
                numbers.add(Integer.toString(reasons.computeIfAbsent(why, w -> reasons.size() + 1)));
            }
            status.computeIfAbsent(line.measurement() + "\t" + line.type(), k -> new ArrayList<>())
                    .add(describe(line) + " [" + String.join(", ", numbers) + "]");
        }
        var out = new StringBuilder("| measurement | type | field | Heapster's series | status |\n|---|---|---|---|---|\n");
        heapster.forEach((key, v) -> {
            var k = key.split("\t");
            var s = status.getOrDefault(key, List.of());
            out.append("| `").append(k[0]).append("` | ").append(k[1]).append(" | ").append(v[0]).append(" | ")
                    .append(v[1]).append(" | ").append(s.isEmpty() ? "same" : String.join("; ", s)).append(" |\n");
        });
        status.forEach((key, s) -> {
            if (!heapster.containsKey(key)) {
                var k = key.split("\t");
                out.append("| `").append(k[0]).append("` | ").append(k[1]).append(" | | 0 | ours only: ")
                        .append(String.join("; ", s)).append(" |\n");
            }
        });
        out.append("\nReasons:\n\n");
        reasons.forEach((why, n) -> out.append(n).append(". ").append(why).append('\n'));
        return out.toString();
    }

    private static String describe(KnownDifferences.Line line) {
        return switch (line.kind()) {
            case "missing" -> "missing " + line.series();
            case "extra" -> "extra " + line.series();
            case "type" -> "field type differs " + line.series();
            case "value" -> "values differ " + line.series();
            default -> "`" + line.kind().substring("tag:".length()) + "` differs " + line.series();
        };
    }
}
