package io.heapstream.model.raw;

import static java.util.Objects.requireNonNull;

/** Identity of a pod as the kubelet names it. */
public record PodRef(String name, String namespace, String uid) {
    public PodRef {
        requireNonNull(name, "name");
        requireNonNull(namespace, "namespace");
    }
}
