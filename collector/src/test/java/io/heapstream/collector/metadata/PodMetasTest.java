package io.heapstream.collector.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodMetasTest {
    @Test
    void ephemeralStorageResourcesAreReadInitContainersMarkedAndAnEmptyImageIsNone() {
        var app = new PodDocument.Container("app", "web:1",
                new PodDocument.Resources(Map.of("ephemeral-storage", "1Gi"), Map.of("ephemeral-storage", "2Gi")));
        var init = new PodDocument.Container("setup", "", null);
        var pod = new PodDocument(new PodDocument.Metadata("web", "shop", "u1", Map.of(), List.of()),
                new PodDocument.Spec("n1", List.of(app), List.of(init)), null);

        var meta = PodMetas.of(pod, Workload.bare(pod), LabelFilter.ALL);

        assertThat(meta.containers().get("app").ephemeralStorageRequestBytes()).isEqualTo(1L << 30);
        assertThat(meta.containers().get("app").ephemeralStorageLimitBytes()).isEqualTo(2L << 30);
        assertThat(meta.containers().get("app").init()).isNull();
        assertThat(meta.containers().get("setup").init()).isTrue();
        assertThat(meta.containers().get("setup").image()).as("an empty image is none").isNull();
    }
}
