package io.heapstream.api.metrics;

import java.util.Map;

/**
 * One pod's containers and their packed {@link Points} pairs, in the order the kubelet listed them, with the time
 * of the node's scrape that carried them (the pod index serves a pod only while that scrape is fresh).
 */
final class PodState {
    final String namespace;
    final String name;
    final Map<String, String> labels;
    final String[] containers;
    final long[] points;
    final long scrapeTimeNanos;

    PodState(String namespace, String name, Map<String, String> labels, String[] containers, long[] points,
             long scrapeTimeNanos) {
        this.namespace = namespace;
        this.name = name;
        this.labels = labels;
        this.containers = containers;
        this.points = points;
        this.scrapeTimeNanos = scrapeTimeNanos;
    }

    String key() {
        return namespace + "/" + name;
    }

    int indexOf(String container) {
        for (int i = 0; i < containers.length; i++) {
            if (containers[i].equals(container)) {
                return i;
            }
        }
        return -1;
    }
}
