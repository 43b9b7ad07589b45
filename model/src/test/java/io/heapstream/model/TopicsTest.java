package io.heapstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void rollupTopicsAreNamedAfterTheirResolution() {
        assertThat(Topics.rollup(Duration.ofMinutes(1)).name()).isEqualTo("heapstream.rollup.1m");
        assertThat(Topics.rollup(Duration.ofHours(1)).name()).isEqualTo("heapstream.rollup.1h");
        assertThat(Topics.rollup(Duration.ofSeconds(10)).name()).isEqualTo("heapstream.rollup.10s");
        assertThat(Topics.rollup(Duration.ofSeconds(90)).name()).isEqualTo("heapstream.rollup.90s");
        assertThat(Topics.rollup(Duration.ofDays(1)).name()).isEqualTo("heapstream.rollup.1d");
    }

    @Test
    void aResolutionBelowOneSecondIsRefused() {
        assertThatThrownBy(() -> Topics.suffix(Duration.ofMillis(1500))).hasMessageContaining("whole");
    }

    @Test
    void renamedTopicKeepsItsSerdes() {
        var renamed = Topics.raw().named("tenant-a.raw");
        assertThat(renamed.name()).isEqualTo("tenant-a.raw");
        assertThat(renamed.valueSerde()).isSameAs(Topics.RAW_SCRAPE);
    }

    @Test
    void catalogueKnowsHeapstersNamesAndUnits() {
        assertThat(MetricCatalogue.byName("cpu/usage_rate").unit()).isEqualTo("millicores");
        assertThat(MetricCatalogue.byName("filesystem/usage").perResource()).isTrue();
        assertThat(MetricCatalogue.byName("memory/working_set").kind()).isEqualTo(MetricCatalogue.Kind.GAUGE);
        assertThat(MetricCatalogue.all()).hasSizeGreaterThan(40);
    }
}
