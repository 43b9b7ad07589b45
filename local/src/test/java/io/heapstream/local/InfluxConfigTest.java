package io.heapstream.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class InfluxConfigTest {

    private final InfluxConfig config = new InfluxConfig(18086, 18088, Path.of("/tmp/influx-home"));

    @Test
    void configBindsLoopbackAndLiftsSeriesLimits() {
        var text = config.text();

        assertThat(text).contains("bind-address = \"127.0.0.1:18088\"")
                .contains("[http]\n  bind-address = \"127.0.0.1:18086\"")
                .contains("max-series-per-database = 0")
                .contains("max-values-per-tag = 0")
                .contains("dir = \"/tmp/influx-home/meta\"");
        assertThat(config.url()).isEqualTo("http://127.0.0.1:18086");
    }

    @Test
    void aDumpThatEchoesEverySettingLeavesNothingUnapplied() {
        assertThat(config.unapplied(config.text())).isEmpty();
    }

    @Test
    void aSettingInfluxdDidNotReadIsReported() {
        var dump = config.text().replace("bind-address = \"127.0.0.1:18086\"", "bind-address = \":8086\"");

        assertThat(config.unapplied(dump)).containsExactly("http.bind-address=\"127.0.0.1:18086\"");
    }

    @Test
    void reportingCountsAsOffUnderEitherSpelling() {
        var debian = config.text().replace("reporting-disabled = true", "");
        var upstream = config.text().replace("reporting-enabled = false", "");
        var neither = debian.replace("reporting-enabled = false", "reporting-enabled = true");

        assertThat(config.unapplied(debian)).isEmpty();
        assertThat(config.unapplied(upstream)).isEmpty();
        assertThat(config.unapplied(neither)).containsExactly("reporting off");
    }

    @Test
    void parserSkipsArraysOfTables() {
        var parsed = InfluxConfig.parse("[http]\n  enabled = true\n[[udp]]\n  enabled = false\n");

        assertThat(parsed).containsExactly(java.util.Map.entry("http.enabled", "true"));
    }
}
