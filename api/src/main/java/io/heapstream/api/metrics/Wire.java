package io.heapstream.api.metrics;

import java.util.List;
import java.util.Map;

/**
 * The JSON objects of {@code metrics.k8s.io/v1beta1} and of the discovery and {@code Status} documents, field
 * for field as the Kubernetes API serves them. Written with the shared mapper, which leaves {@code null} out:
 * items of a list carry no {@code kind}/{@code apiVersion}, as in the API server's lists. Pods, the objects of
 * the large lists, are written by {@link PodMetricsJson} instead.
 */
final class Wire {
    static final String GROUP = "metrics.k8s.io";
    static final String VERSION = "v1beta1";
    static final String GROUP_VERSION = GROUP + "/" + VERSION;

    private Wire() { }

    record ObjectMeta(String name, String namespace, String creationTimestamp, Map<String, String> labels) { }

    record Usage(String cpu, String memory) { }

    record NodeMetrics(String kind, String apiVersion, ObjectMeta metadata, String timestamp, String window,
                       Usage usage) { }

    record MetricsList<T>(String kind, String apiVersion, Map<String, String> metadata, List<T> items) { }

    record GroupVersion(String groupVersion, String version) { }

    record ApiGroup(String kind, String apiVersion, String name, List<GroupVersion> versions,
                    GroupVersion preferredVersion) { }

    record ApiGroupList(String kind, String apiVersion, List<ApiGroup> groups) { }

    record ApiResource(String name, String singularName, boolean namespaced, String kind, List<String> verbs) { }

    record ApiResourceList(String kind, String apiVersion, String groupVersion, List<ApiResource> resources) { }

    record StatusDetails(String name, String group, String kind) { }

    record Status(String kind, String apiVersion, Map<String, String> metadata, String status, String message, String reason,
                  StatusDetails details, int code) {
        static Status failure(int code, String reason, String message, StatusDetails details) {
            return new Status("Status", "v1", Map.of(), "Failure", message, reason, details, code);
        }
    }

    static ApiGroup group(boolean withKind) {
        var version = new GroupVersion(GROUP_VERSION, VERSION);
        return new ApiGroup(withKind ? "APIGroup" : null, withKind ? "v1" : null, GROUP, List.of(version), version);
    }

    static ApiResourceList resources() {
        var verbs = List.of("get", "list");
        return new ApiResourceList("APIResourceList", "v1", GROUP_VERSION, List.of(
                new ApiResource("nodes", "", false, "NodeMetrics", verbs),
                new ApiResource("pods", "", true, "PodMetrics", verbs)));
    }
}
