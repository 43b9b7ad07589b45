package io.heapstream.api.model;

import io.heapstream.api.metrics.MetricsApi.Answer;
import io.heapstream.api.model.SeriesReader.Read;
import io.heapstream.model.rollup.Level;
import io.heapstream.model.rollup.RollupKey;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heapster's model API ({@code /api/v1/model/...}, Heapster's docs/model.md): every endpoint, its paths and JSON
 * ({@code {"metrics":[{"timestamp","value"}],"latestTimestamp"}}), {@code start}/{@code end} in RFC 3339
 * (inclusive; default the epoch and now), Heapster's deprecated metric names. Where Heapster answered an unknown
 * node, pod or metric with an empty result, this answers 404 naming it; the batch {@code pod-list} keeps an empty
 * item per unknown pod, so its items stay in the order asked.
 */
public final class ModelApi {
    public static final String PREFIX = "/api/v1/model";
    /** What Heapster's Go time marshals its zero value as: the latest timestamp of an empty result. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";
    private static final Map<String, String> DEPRECATED = Map.of("cpu-usage", "cpu/usage_rate",
            "cpu-limit", "cpu/limit", "memory-limit", "memory/limit", "memory-usage", "memory/usage",
            "memory-working", "memory/working_set");
    private static final String SEGMENT = "([^/]+)";
    private static final String LABELS = "labels";

    private final ModelStore store;
    private final Clock clock;
    private final SeriesReader reader;
    private final List<Route> routes = new ArrayList<>();

    public ModelApi(ModelStore store, Clock clock) {
        this(store, clock, null);
    }

    /** {@code history == null}: no InfluxDB, only what the store holds. */
    public ModelApi(ModelStore store, Clock clock, History history) {
        this.store = store;
        this.clock = clock;
        this.reader = new SeriesReader(store, clock, history);
        route("/metrics", m -> names(RollupKey.cluster(""), "the cluster"));
        route("/metrics/(.+)", m -> metric(m, RollupKey.cluster(""), "the cluster", m.group(1)));
        route("/nodes", m -> ok(store.names(Level.NODE, k -> true, RollupKey::node)));
        route("/nodes/" + SEGMENT + "/metrics", m -> names(RollupKey.node("", m.group(1)), node(m)));
        route("/nodes/" + SEGMENT + "/metrics/(.+)", m -> metric(m, RollupKey.node("", m.group(1)), node(m), m.group(2)));
        route("/nodes/" + SEGMENT + "/freecontainers", m -> known(RollupKey.node("", m.group(1)), node(m),
                store.names(Level.SYS_CONTAINER, k -> k.node().equals(m.group(1)), RollupKey::container)));
        route("/nodes/" + SEGMENT + "/freecontainers/" + SEGMENT + "/metrics",
                m -> names(RollupKey.sysContainer("", m.group(1), m.group(2)), freeContainer(m)));
        route("/nodes/" + SEGMENT + "/freecontainers/" + SEGMENT + "/metrics/(.+)",
                m -> metric(m, RollupKey.sysContainer("", m.group(1), m.group(2)), freeContainer(m), m.group(3)));
        route("/namespaces", m -> ok(store.names(Level.NAMESPACE, k -> true, RollupKey::namespace)));
        route("/namespaces/" + SEGMENT + "/metrics", m -> names(RollupKey.namespace("", m.group(1)), namespace(m)));
        route("/namespaces/" + SEGMENT + "/metrics/(.+)",
                m -> metric(m, RollupKey.namespace("", m.group(1)), namespace(m), m.group(2)));
        route("/namespaces/" + SEGMENT + "/pods", m -> known(RollupKey.namespace("", m.group(1)), namespace(m),
                store.names(Level.POD, k -> k.namespace().equals(m.group(1)), RollupKey::pod)));
        route("/namespaces/" + SEGMENT + "/pods/" + SEGMENT + "/metrics", m -> names(pod(m), podName(m)));
        route("/namespaces/" + SEGMENT + "/pods/" + SEGMENT + "/metrics/(.+)",
                m -> metric(m, pod(m), podName(m), m.group(3)));
        route("/namespaces/" + SEGMENT + "/pods/" + SEGMENT + "/containers", m -> known(pod(m), podName(m),
                store.names(Level.CONTAINER, k -> k.namespace().equals(m.group(1)) && k.pod().equals(m.group(2)),
                        RollupKey::container)));
        route("/namespaces/" + SEGMENT + "/pods/" + SEGMENT + "/containers/" + SEGMENT + "/metrics",
                m -> names(container(m), containerName(m)));
        route("/namespaces/" + SEGMENT + "/pods/" + SEGMENT + "/containers/" + SEGMENT + "/metrics/(.+)",
                m -> metric(m, container(m), containerName(m), m.group(4)));
        route("/namespaces/" + SEGMENT + "/pod-list/" + SEGMENT + "/metrics/(.+)", this::podList);
    }

    /** True for the paths of this API. */
    public static boolean serves(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    /** Answers a GET of {@code path} (URL-decoded): a JSON object, or a text for errors. */
    public Answer get(String path, Map<String, String> query) {
        var rest = path.substring(PREFIX.length());
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        for (var route : routes) {
            var matcher = route.pattern().matcher(rest);
            if (matcher.matches()) {
                try {
                    return route.handler().apply(new Call(matcher, query));
                } catch (IllegalArgumentException e) {
                    return new Answer(400, e.getMessage());
                }
            }
        }
        return new Answer(404, "404: Page Not Found");
    }

    private record Route(Pattern pattern, Function<Call, Answer> handler) { }

    /** One request: the path's groups and the query. */
    private record Call(Matcher matcher, Map<String, String> query) {
        String group(int i) {
            return matcher.group(i);
        }
    }

    private void route(String path, Function<Call, Answer> handler) {
        routes.add(new Route(Pattern.compile(path), handler));
    }

    private Answer names(RollupKey entity, String what) {
        var series = store.get(entity);
        return series == null ? notFound(what) : ok(series.metricNames());
    }

    private Answer known(RollupKey entity, String what, List<String> names) {
        return store.get(entity) == null && names.isEmpty() ? notFound(what) : ok(names);
    }

    private Answer metric(Call call, RollupKey entity, String what, String metric) {
        var window = window(call.query());
        var id = ModelStore.metricId(DEPRECATED.getOrDefault(metric, metric), labels(call.query()));
        var series = store.get(entity);
        var read = id == null ? Read.NOTHING : reader.read(entity, id, window, call.query());
        if (!read.found()) {
            if (series == null && read.warning() != null) {
                return new Answer(503, read.warning(), read.warning());
            }
            if (series == null) {
                return notFound(what);
            }
            var labels = call.query().get(LABELS);
            return notFound("metric \"" + metric + "\"" + (labels == null || labels.isEmpty() ? ""
                    : " with labels \"" + labels + "\"") + " of " + what);
        }
        return new Answer(200, result(read.points()), read.warning());
    }

    private Answer podList(Call m) {
        var window = window(m.query());
        var id = ModelStore.metricId(DEPRECATED.getOrDefault(m.group(3), m.group(3)), labels(m.query()));
        var items = new ArrayList<MetricResult>();
        String warning = null;
        for (String pod : m.group(2).split(",")) {
            var entity = RollupKey.pod("", m.group(1), pod, null, null);
            var read = id == null ? Read.NOTHING : reader.read(entity, id, window, m.query());
            items.add(result(read.points()));
            warning = warning != null ? warning : read.warning();
        }
        return new Answer(200, new MetricResultList(items), warning);
    }

    /**
     * Heapster's {@code labels} parameter, {@code key:value,...}: the labels of a labeled metric to read, all of
     * them (Heapster matched the whole set); {@code null} when absent. It selects among a metric's labeled
     * series, not among pods: Heapster's per-resource metrics (filesystems, accelerators) are read with it.
     */
    private static Map<String, String> labels(Map<String, String> query) {
        var text = query.get(LABELS);
        if (text == null || text.isEmpty()) {
            return null;
        }
        var labels = new HashMap<String, String>();
        for (String pair : text.split(",", -1)) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                throw new IllegalArgumentException("invalid label pair \"" + pair + "\"");
            }
            labels.put(pair.substring(0, colon), pair.substring(colon + 1));
        }
        return labels;
    }

    private static MetricResult result(List<long[]> held) {
        var points = new ArrayList<MetricPoint>();
        long latest = Long.MIN_VALUE;
        for (long[] p : held) {
            points.add(new MetricPoint(Instant.ofEpochMilli(p[0]).toString(), p[1]));
            latest = Math.max(latest, p[0]);
        }
        return new MetricResult(points, latest == Long.MIN_VALUE ? ZERO_TIME : Instant.ofEpochMilli(latest).toString());
    }

    /** {@code [start, end]} in epoch milliseconds from the query, as Heapster read them. */
    private long[] window(Map<String, String> query) {
        long start = time(query, "start", Long.MIN_VALUE);
        long end = time(query, "end", clock.millis());
        return new long[] {start, end};
    }

    private static long time(Map<String, String> query, String parameter, long otherwise) {
        var text = query.get(parameter);
        if (text == null || text.isEmpty()) {
            return otherwise;
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp argument cannot be parsed: " + parameter + "=" + text
                    + " is not RFC 3339 (e.g. 2017-11-01T15:18:00Z)");
        }
    }

    private static Answer ok(Object body) {
        return new Answer(200, body);
    }

    private static Answer notFound(String what) {
        return new Answer(404, "no metrics for " + what);
    }

    private static String node(Call m) {
        return "node \"" + m.group(1) + "\"";
    }

    private static String freeContainer(Call m) {
        return "free container \"" + m.group(2) + "\" of node \"" + m.group(1) + "\"";
    }

    private static String namespace(Call m) {
        return "namespace \"" + m.group(1) + "\"";
    }

    private static RollupKey pod(Call m) {
        return RollupKey.pod("", m.group(1), m.group(2), null, null);
    }

    private static String podName(Call m) {
        return "pod \"" + m.group(1) + "/" + m.group(2) + "\"";
    }

    private static RollupKey container(Call m) {
        return RollupKey.container("", m.group(1), m.group(2), m.group(3), null, null);
    }

    private static String containerName(Call m) {
        return "container \"" + m.group(3) + "\" of pod \"" + m.group(1) + "/" + m.group(2) + "\"";
    }

    /** Heapster's {@code MetricPoint}: its value is a whole number (uint64), as in Heapster. */
    record MetricPoint(String timestamp, long value) { }

    record MetricResult(List<MetricPoint> metrics, String latestTimestamp) { }

    record MetricResultList(List<MetricResult> items) { }
}
