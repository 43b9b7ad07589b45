package io.heapstream.api.metrics;

import io.heapstream.api.metrics.LatestScrapes.NodeUsage;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code metrics.k8s.io/v1beta1} over {@link LatestScrapes}: the discovery documents, NodeMetrics and PodMetrics
 * (get, list, per namespace, with label and field selectors). Knows nothing of HTTP: a path and query in, a status
 * and an object to write as JSON out, so that every answer is testable without a server.
 */
public final class MetricsApi {
    public static final String PREFIX = "/apis/" + Wire.GROUP_VERSION;
    private static final Pattern NODE = Pattern.compile("^/nodes/([^/]+)$");
    private static final Pattern NAMESPACE_PODS = Pattern.compile("^/namespaces/([^/]+)/pods$");
    private static final Pattern POD = Pattern.compile("^/namespaces/([^/]+)/pods/([^/]+)$");
    private static final Set<String> NODE_FIELDS = Set.of("metadata.name");
    private static final Set<String> POD_FIELDS = Set.of("metadata.name", "metadata.namespace");

    private final LatestScrapes state;
    private final Clock clock;

    public MetricsApi(LatestScrapes state, Clock clock) {
        this.state = state;
        this.clock = clock;
    }

    /**
     * A status code and the object to serve as JSON, with a warning for the {@code Warning} header when the answer
     * is less than was asked (the model API without its InfluxDB), else {@code null}.
     */
    public record Answer(int status, Object body, String warning) {
        public Answer(int status, Object body) {
            this(status, body, null);
        }
    }

    /** True for the paths this API answers (discovery included); others are someone else's. */
    public static boolean serves(String path) {
        return path.equals("/apis") || path.equals("/apis/") || path.startsWith("/apis/" + Wire.GROUP);
    }

    /** Answers a GET of {@code path} (already URL-decoded) with its query parameters. */
    public Answer get(String path, Map<String, String> query) {
        var trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        switch (trimmed) {
            case "/apis":
                return ok(new Wire.ApiGroupList("APIGroupList", "v1", java.util.List.of(Wire.group(false))));
            case "/apis/" + Wire.GROUP:
                return ok(Wire.group(true));
            case PREFIX:
                return ok(Wire.resources());
            default:
                break;
        }
        if (!trimmed.startsWith(PREFIX + "/")) {
            return notFoundPath();
        }
        if ("true".equals(query.get("watch"))) {
            return new Answer(405, Wire.Status.failure(405, "MethodNotAllowed",
                    "the server does not allow this method on the requested resource", null));
        }
        var rest = trimmed.substring(PREFIX.length());
        try {
            return route(rest, query);
        } catch (IllegalArgumentException e) {
            return new Answer(400, Wire.Status.failure(400, "BadRequest", e.getMessage(), null));
        }
    }

    private Answer route(String rest, Map<String, String> query) {
        var labels = Selector.labels(query.get("labelSelector"));
        if (rest.equals("/nodes")) {
            var fields = Selector.fields(query.get("fieldSelector"), NODE_FIELDS);
            Predicate<NodeUsage> filter = n -> labels.test(n.labels())
                    && fields.test(Map.of("metadata.name", n.name()));
            var now = now();
            var items = state.nodes(filter).stream().map(n -> node(n, false, now)).toList();
            return ok(new Wire.MetricsList<>("NodeMetricsList", Wire.GROUP_VERSION, Map.of(), items));
        }
        var node = NODE.matcher(rest);
        if (node.matches()) {
            var name = node.group(1);
            return state.node(name).<Answer>map(n -> ok(node(n, true, now())))
                    .orElseGet(() -> notFound("nodemetrics", name));
        }
        var pod = POD.matcher(rest);
        if (pod.matches()) {
            var key = pod.group(1) + "/" + pod.group(2);
            return state.pod(pod.group(1), pod.group(2)).<Answer>map(p -> ok(PodMetricsJson.one(p, now())))
                    .orElseGet(() -> notFound("podmetrics", key));
        }
        var namespacePods = NAMESPACE_PODS.matcher(rest);
        if (rest.equals("/pods") || namespacePods.matches()) {
            var namespace = rest.equals("/pods") ? null : namespacePods.group(1);
            var fieldSelector = query.get("fieldSelector");
            var fields = Selector.fields(fieldSelector, POD_FIELDS);
            Predicate<PodState> filter = fieldSelector == null || fieldSelector.isBlank()
                    ? p -> labels.test(p.labels)
                    : p -> labels.test(p.labels) && fields.test(podFields(p));
            return ok(PodMetricsJson.list(state, namespace, filter, now()));
        }
        return notFoundPath();
    }

    /** The request's time, once per request: metrics-server stamps computed objects with it. */
    private String now() {
        return KubeText.time(Points.nanos(clock.instant()));
    }

    private static Wire.NodeMetrics node(NodeUsage n, boolean single, String now) {
        var u = n.usage();
        return new Wire.NodeMetrics(single ? "NodeMetrics" : null, single ? Wire.GROUP_VERSION : null,
                meta(n.name(), null, n.labels(), now), KubeText.time(u.timeNanos()), KubeText.duration(u.windowNanos()),
                new Wire.Usage(KubeText.cpu(u.nanoCores()), KubeText.memory(u.workingSetBytes())));
    }

    private static Wire.ObjectMeta meta(String name, String namespace, Map<String, String> labels, String now) {
        return new Wire.ObjectMeta(name, namespace, now, labels.isEmpty() ? null : labels);
    }

    private static Map<String, String> podFields(PodState p) {
        var fields = new HashMap<String, String>(4);
        fields.put("metadata.name", p.name);
        fields.put("metadata.namespace", p.namespace);
        return fields;
    }

    private static Answer ok(Object body) {
        return new Answer(200, body);
    }

    private static Answer notFound(String resource, String name) {
        return new Answer(404, Wire.Status.failure(404, "NotFound",
                resource + "." + Wire.GROUP + " \"" + name + "\" not found",
                new Wire.StatusDetails(name, Wire.GROUP, resource)));
    }

    private static Answer notFoundPath() {
        return new Answer(404, Wire.Status.failure(404, "NotFound", "the server could not find the requested resource",
                null));
    }
}
