package io.heapstream.collector.metadata;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * The few parts of a Pod the collector reads, whichever way it came: streamed from the kubelet's {@code /pods}
 * JSON ({@link PodListReader}) or copied from a fabric8 {@code Pod} in API mode. Quantities stay strings until
 * {@link Quantities} reads them. The Jackson annotations let a test bind the same JSON the data-binding way and
 * hold the streaming reader to it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PodDocument(Metadata metadata, Spec spec, Status status) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PodList(List<PodDocument> items) {
        public PodList {
            items = items == null ? List.of() : items;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metadata(String name, String namespace, String uid, Map<String, String> labels,
                           List<OwnerReference> ownerReferences) {
        public Metadata {
            labels = labels == null ? Map.of() : labels;
            ownerReferences = ownerReferences == null ? List.of() : ownerReferences;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record OwnerReference(String kind, String name, Boolean controller) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Spec(String nodeName, List<Container> containers, List<Container> initContainers) {
        public Spec {
            containers = containers == null ? List.of() : containers;
            initContainers = initContainers == null ? List.of() : initContainers;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Container(String name, String image, Resources resources) { }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Resources(Map<String, String> requests, Map<String, String> limits) {
        public Resources {
            requests = requests == null ? Map.of() : requests;
            limits = limits == null ? Map.of() : limits;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Status(String qosClass, List<ContainerStatus> containerStatuses,
                         List<ContainerStatus> initContainerStatuses) {
        public Status {
            containerStatuses = containerStatuses == null ? List.of() : containerStatuses;
            initContainerStatuses = initContainerStatuses == null ? List.of() : initContainerStatuses;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ContainerStatus(String name, Integer restartCount) { }

    /** {@code namespace/name}: how the kubelet's summary and the metadata meet. */
    public String key() {
        return metadata == null ? null : metadata.namespace() + "/" + metadata.name();
    }

    /** The owner reference marked {@code controller}, else the first one, else {@code null} (a bare pod). */
    public OwnerReference controller() {
        if (metadata == null || metadata.ownerReferences().isEmpty()) {
            return null;
        }
        for (OwnerReference owner : metadata.ownerReferences()) {
            if (Boolean.TRUE.equals(owner.controller())) {
                return owner;
            }
        }
        return metadata.ownerReferences().get(0);
    }
}
