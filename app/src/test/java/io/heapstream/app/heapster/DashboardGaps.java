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

/**
 * Panels of Heapster's dashboards we accept to stay empty, one line per target (dashboard, panel title, refId)
 * with the reason (src/test/resources/heapster/known-dashboard-gaps.tsv). As with {@link KnownDifferences}, a
 * listed target that has data again fails too; {@code -Dheapstream.known-differences.write=true} rewrites the
 * file as the run found it.
 */
record DashboardGaps(Map<String, String> reasons) {
    static final String RESOURCE = "heapster/known-dashboard-gaps.tsv";
    static final String HEADER = "dashboard\tpanel\trefId\twhy";

    static DashboardGaps load() {
        try (InputStream in = DashboardGaps.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " on the test classpath");
            }
            var reasons = new LinkedHashMap<String, String>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#") || line.equals(HEADER)) {
                    continue;
                }
                var f = line.split("\t", -1);
                if (f.length != 4) {
                    throw new IllegalArgumentException(RESOURCE + ": expected '" + HEADER + "', got: " + line);
                }
                reasons.put(f[0] + "\t" + f[1] + "\t" + f[2], f[3]);
            }
            return new DashboardGaps(reasons);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Targets that are empty but not listed, listed but not empty, or listed without a reason. */
    List<String> problems(List<String> emptyTargets) {
        var problems = new ArrayList<String>();
        emptyTargets.stream().filter(t -> !reasons.containsKey(t))
                .forEach(t -> problems.add("empty, not listed: " + t.replace('\t', '/')));
        reasons.forEach((t, why) -> {
            if (!emptyTargets.contains(t)) {
                problems.add("listed but has data now: " + t.replace('\t', '/'));
            } else if (why.isBlank() || why.startsWith(KnownDifferences.TODO)) {
                problems.add("no reason given: " + t.replace('\t', '/'));
            }
        });
        return problems;
    }

    void writeIfAsked(List<String> emptyTargets) throws IOException {
        if (Boolean.getBoolean("heapstream.known-differences.write")) {
            var out = new StringBuilder(HEADER).append('\n');
            emptyTargets.forEach(t -> out.append(t).append('\t')
                    .append(reasons.getOrDefault(t, KnownDifferences.TODO)).append('\n'));
            Files.writeString(Path.of("src/test/resources", RESOURCE), out.toString());
        }
    }
}
