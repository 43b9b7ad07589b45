package io.heapstream.collector.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.model.Json;
import io.heapstream.testkit.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The streaming {@code /pods} reader against Jackson data binding, which it replaced, on every capture. */
class PodListReaderTest {

    static List<String> podLists() {
        return Fixtures.paths().stream().filter(p -> p.endsWith("kubelet-pods.json")).toList();
    }

    @ParameterizedTest
    @MethodSource("podLists")
    void everyCapturedPodListReadsAsDataBindingReadsIt(String path) throws IOException {
        byte[] body = Fixtures.bytes(path);

        List<PodDocument> streamed = PodListReader.read(body);

        assertThat(streamed).isNotEmpty()
                .isEqualTo(Json.mapper().readValue(body, PodDocument.PodList.class).items());
    }

    @Test
    void capturesAreFound() {
        assertThat(podLists()).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void nullsAbsentFieldsAndUnknownFieldsAreAlike() throws IOException {
        var pods = read("""
                {"kind":"PodList","future":{"a":[1,{"b":2}]},"items":[null,
                 {"metadata":{"name":"a","namespace":"n","labels":null,"ownerReferences":[{"kind":"Job","name":"j","controller":true,"x":[]}]},
                  "spec":{"containers":[{"name":"c","image":null,"resources":{"requests":{"cpu":"5m","memory":1024}}}]},
                  "status":{"qosClass":"Burstable","containerStatuses":[{"name":"c","restartCount":3,"state":{"running":{}}}]}}]}
                """);

        assertThat(pods).hasSize(2).first().isNull();
        var pod = pods.get(1);
        assertThat(pod.metadata().labels()).isEmpty();
        assertThat(pod.controller()).isEqualTo(new PodDocument.OwnerReference("Job", "j", true));
        assertThat(pod.spec().containers()).containsExactly(new PodDocument.Container("c", null,
                new PodDocument.Resources(Map.of("cpu", "5m", "memory", "1024"), Map.of())));
        assertThat(pod.spec().initContainers()).isEmpty();
        assertThat(pod.status().containerStatuses()).containsExactly(new PodDocument.ContainerStatus("c", 3));
    }

    @Test
    void aFieldOfTheWrongShapeFailsTheListAsMalformed() {
        assertThatThrownBy(() -> read("{\"items\":[{\"metadata\":{\"labels\":[\"a\"]}}]}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{\"items\":[{\"status\":{\"containerStatuses\":[{\"restartCount\":\"x\"}]}}]}"))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read("{\"items\":[{\"metadata\":")).isInstanceOf(IOException.class);
    }

    @Test
    void anEmptyOrNullListHasNoPods() throws IOException {
        assertThat(read("{\"kind\":\"PodList\",\"items\":null}")).isEmpty();
        assertThat(read("{}")).isEmpty();
    }

    private static List<PodDocument> read(String json) throws IOException {
        return PodListReader.read(json.getBytes(StandardCharsets.UTF_8));
    }
}
