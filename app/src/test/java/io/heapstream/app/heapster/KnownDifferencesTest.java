package io.heapstream.app.heapster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The measuring side's own rules: how series are matched, and that the list of differences cannot rot. */
class KnownDifferencesTest {
    private static final String POD = "cluster_name=peer;labels=app:a,pod-template-hash:1;pod_name=p;type=pod";

    private static SeriesSummary series(String measurement, String tags, double value) {
        return new SeriesSummary(measurement, tags, "integer", value, value, value, 4, null);
    }

    private static Map<String, SeriesSummary> byKey(SeriesSummary... series) {
        return java.util.Arrays.stream(series).collect(java.util.stream.Collectors.toMap(SeriesSummary::key, s -> s));
    }

    @Test
    void aSeriesWithAnotherLabelsValueIsOneTagDifferenceAndItsValuesAreStillCompared() {
        var heapster = byKey(series("memory/usage", POD, 100));
        var ours = byKey(series("memory/usage", POD.replace(",pod-template-hash:1", ""), 200));

        var differences = Difference.between(heapster, ours);

        assertThat(differences).extracting(Difference::kind).containsExactly("tag:labels", "value");
    }

    @Test
    void integerValuesWithinOneAreTheSame() {
        var differences = Difference.between(byKey(series("cpu/usage_rate", POD, 677)),
                byKey(series("cpu/usage_rate", POD, 678)));

        assertThat(differences).isEmpty();
    }

    @Test
    void aDifferenceNotListedAListedOneThatIsGoneAndAnotherCountAreEachAProblem() {
        var known = KnownDifferences.parse(KnownDifferences.HEADER + "\n"
                + "missing\tcpu/usage\tpod\t1\tcounters not written\n"
                + "extra\tmemory/rss\tns\t2\tours only\n");
        var found = List.of(new Difference("missing", "cpu/usage", "pod", "a", ""),
                new Difference("missing", "cpu/usage", "pod", "b", ""),
                new Difference("value", "memory/usage", "pod", "c", "ours 2"));

        assertThat(known.problems(found)).hasSize(3)
                .anyMatch(p -> p.startsWith("listed with 1 series, found 2"))
                .anyMatch(p -> p.startsWith("not listed: value memory/usage pod"))
                .anyMatch(p -> p.startsWith("listed but no longer occurs: extra memory/rss ns"));
        assertThat(known.asFound(found)).contains("missing\tcpu/usage\tpod\t2\tcounters not written",
                "value\tmemory/usage\tpod\t1\tTODO");
    }

    @Test
    void aBuilderTargetIsRenderedFromItsPartsNotFromItsStaleQueryText() throws Exception {
        var target = new ObjectMapper().readTree("""
                {"measurement": "cpu/usage_rate", "query": "SELECT mean(\\"value\\") FROM \\"cpu/usage_rate\\"",
                 "select": [[{"params": ["value"], "type": "field"}, {"params": [], "type": "sum"}]],
                 "tags": [{"key": "type", "operator": "=", "value": "node"},
                          {"condition": "AND", "key": "nodename", "operator": "=~", "value": "/$nodename$/"}],
                 "groupBy": [{"params": ["$interval"], "type": "time"}, {"params": ["nodename"], "type": "tag"},
                             {"params": ["null"], "type": "fill"}]}""");

        assertThat(HeapsterDashboards.render(target)).isEqualTo("SELECT sum(\"value\") FROM \"cpu/usage_rate\""
                + " WHERE \"type\" = 'node' AND \"nodename\" =~ /$nodename$/ AND $timeFilter"
                + " GROUP BY time($interval), \"nodename\" fill(null)");
    }
}
