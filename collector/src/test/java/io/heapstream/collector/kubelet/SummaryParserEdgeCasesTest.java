package io.heapstream.collector.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.model.raw.ContainerStats;
import io.heapstream.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Shapes real kubelets send that the captures don't all show, and bodies that are not summaries at all. */
class SummaryParserEdgeCasesTest {

    private static KubeletSummary parse(String json) throws ParseError {
        return SummaryParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void podWithNullContainersIsReportedWithNone() throws ParseError {
        var s = parse("""
                {"node":{"nodeName":"n1"},"pods":[{"podRef":{"name":"p","namespace":"ns","uid":"u"},
                 "startTime":null,"containers":null,"network":{"time":"2024-01-01T00:00:00Z","name":"eth0"}}]}""");

        assertThat(s.pods()).singleElement().satisfies(p -> {
            assertThat(p.containers()).isEmpty();
            assertThat(p.startTime()).isNull();
            assertThat(p.network().rxBytes()).isNull();
        });
    }

    @Test
    void nullPodsAndNullSystemContainersAreEmpty() throws ParseError {
        var s = parse("{\"node\":{\"nodeName\":\"n1\",\"systemContainers\":null},\"pods\":null}");

        assertThat(s.pods()).isEmpty();
        assertThat(s.node().systemContainers()).isEmpty();
        assertThat(s.node().cpu()).isNull();
    }

    @Test
    void containerListedTwiceKeepsTheLaterSample() throws ParseError {
        var s = parse("""
                {"node":{"nodeName":"n1"},"pods":[{"podRef":{"name":"p","namespace":"ns"},"containers":[
                 {"name":"app","cpu":{"time":"2019-01-01T00:00:10Z","usageCoreNanoSeconds":200}},
                 {"name":"app","cpu":{"time":"2019-01-01T00:00:05Z","usageCoreNanoSeconds":100}},
                 {"name":"side","cpu":{"time":"2019-01-01T00:00:05Z","usageCoreNanoSeconds":7}}]}]}""");

        var containers = s.pods().get(0).containers();
        assertThat(containers).extracting(ContainerStats::name).containsExactly("app", "side");
        assertThat(containers.get(0).cpu().usageCoreNanoSeconds()).isEqualTo(200L);
    }

    @Test
    void podWithoutNameIsSkippedAndCounted() throws ParseError {
        var s = parse("{\"node\":{\"nodeName\":\"n1\"},\"pods\":[{\"podRef\":{\"namespace\":\"ns\"}},"
                + "{\"podRef\":{\"name\":\"ok\",\"namespace\":\"ns\"}}]}");

        assertThat(s.pods()).singleElement().satisfies(p -> assertThat(p.podRef().name()).isEqualTo("ok"));
        assertThat(s.skippedPods()).isEqualTo(1);
    }

    @Test
    void newerBlocksLikePsiSwapAndIoAreSkipped() throws ParseError {
        var s = parse("""
                {"node":{"nodeName":"n1","cpu":{"time":"2025-01-01T00:00:00Z","usageNanoCores":5,
                 "psi":{"some":{"total":10,"avg10":1.5},"full":{"total":3,"avg10":0}}},
                 "swap":{"swapUsageBytes":0},"io":{"psi":{"some":{"total":1}}},"rlimit":{"maxpid":10,"curproc":3}},
                 "pods":[]}""");

        assertThat(s.node().cpu().usageNanoCores()).isEqualTo(5L);
    }

    @Test
    void timesWithFractionsAndOffsetsParse() throws ParseError {
        var s = parse("{\"node\":{\"nodeName\":\"n1\",\"startTime\":\"2024-02-29T23:59:59.5+01:00\","
                + "\"cpu\":{\"time\":\"2024-03-01T00:00:00Z\"}}}");

        assertThat(s.node().startTime()).isEqualTo(Instant.parse("2024-02-29T22:59:59.500Z"));
        assertThat(s.node().cpu().time()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
    }

    @Test
    void truncatedBodyIsATruncatedError() {
        byte[] full = Fixtures.bytes("nri-kubernetes/k8s-1_31/stats-summary.json");
        byte[] half = Arrays.copyOf(full, full.length / 2);

        assertThatThrownBy(() -> SummaryParser.parse(half))
                .isInstanceOfSatisfying(ParseError.class, e -> assertThat(e.reason()).isEqualTo("truncated"));
    }

    @Test
    void bodyCutInsideAFieldNameIsATruncatedError() {
        assertThatThrownBy(() -> parse("{\"node\":{\"nodeName\":\"n\",\"inod"))
                .isInstanceOfSatisfying(ParseError.class, e -> assertThat(e.reason()).isEqualTo("truncated"));
    }

    @Test
    void nonJsonBodyIsAMalformedError() {
        assertThatThrownBy(() -> parse("<html>502 Bad Gateway</html>"))
                .isInstanceOfSatisfying(ParseError.class, e -> assertThat(e.reason()).isEqualTo("malformed"));
    }

    @Test
    void counterAsStringIsAnInvalidErrorNamingWhere() {
        assertThatThrownBy(() -> parse("{\"node\":{\"nodeName\":\"n\",\"cpu\":{\"usageNanoCores\":\"12\"}}}"))
                .isInstanceOfSatisfying(ParseError.class, e -> {
                    assertThat(e.reason()).isEqualTo("invalid");
                    assertThat(e.getMessage()).contains("/node/cpu/usageNanoCores");
                });
    }

    @Test
    void bodyWithoutNodeIsInvalid() {
        assertThatThrownBy(() -> parse("{\"pods\":[]}"))
                .isInstanceOfSatisfying(ParseError.class, e -> assertThat(e.reason()).isEqualTo("invalid"));
    }

    @Test
    void badTimestampIsInvalid() {
        assertThatThrownBy(() -> parse("{\"node\":{\"nodeName\":\"n\",\"startTime\":\"yesterday\"}}"))
                .isInstanceOfSatisfying(ParseError.class, e -> assertThat(e.reason()).isEqualTo("invalid"));
    }
}
