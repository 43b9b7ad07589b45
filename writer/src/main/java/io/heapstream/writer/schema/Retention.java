package io.heapstream.writer.schema;

import io.heapstream.model.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Retention per resolution, finest first: the part both schemas share when they name and create policies. */
final class Retention {
    private final NavigableMap<Duration, Duration> byResolution;

    Retention(Map<Duration, Duration> retentionByResolution) {
        if (retentionByResolution.isEmpty()) {
            throw new IllegalArgumentException("at least one resolution is needed");
        }
        this.byResolution = new TreeMap<>(retentionByResolution);
    }

    /** {@code rp_1m}, {@code rp_1h}: the native name of a resolution's policy. */
    static String nativeName(Duration resolution) {
        return "rp_" + Topics.suffix(resolution);
    }

    Duration finest() {
        return byResolution.firstKey();
    }

    void requireKnown(Duration resolution) {
        if (!byResolution.containsKey(resolution)) {
            throw new IllegalArgumentException("no retention policy for resolution " + Topics.suffix(resolution)
                    + "; configured: " + byResolution.keySet());
        }
    }

    /** One policy per resolution, named by {@code namer}; the finest resolution's is the default. */
    List<RetentionPolicy> policies(java.util.function.Function<Duration, String> namer) {
        var result = new ArrayList<RetentionPolicy>();
        byResolution.forEach((resolution, retention) ->
                result.add(new RetentionPolicy(namer.apply(resolution), retention, resolution.equals(finest()))));
        return List.copyOf(result);
    }
}
