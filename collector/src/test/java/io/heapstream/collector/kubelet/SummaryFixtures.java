package io.heapstream.collector.kubelet;

import io.heapstream.testkit.Fixtures;
import java.util.List;

/** The kubelet Summary API captures among the test kit's fixtures. */
final class SummaryFixtures {
    private SummaryFixtures() { }

    static List<String> summaries() {
        List<String> paths = Fixtures.paths().stream()
                .filter(p -> p.substring(p.lastIndexOf('/') + 1).startsWith("stats-summary") && p.endsWith(".json"))
                .toList();
        if (paths.size() < 9) {
            throw new IllegalStateException("expected the 9 summary captures, found " + paths);
        }
        return paths;
    }
}
