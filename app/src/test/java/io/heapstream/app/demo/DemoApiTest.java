package io.heapstream.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.simulator.FleetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's query role reads the model API's longer ranges from the demo's InfluxDB, as the writer fills it. */
class DemoApiTest {
    private static final DemoSettings SETTINGS = new DemoSettings(FleetSpec.of(1, 2, 4, 1), Duration.ofSeconds(15),
            Duration.ofSeconds(5), List.of(Duration.ofMinutes(1)), 3, null, Duration.ofSeconds(10), null,
            "demo_db", false);

    @Test
    void withAnInfluxDbTheModelApiReadsTheWritersDatabaseAtTheBaseWindowsPolicy(@TempDir Path dir) {
        var influx = new InfluxChoice("http://127.0.0.1:18086", null, "started here");

        var config = DemoApi.config(SETTINGS, "127.0.0.1:9092", "c1", influx, dir);

        assertThat(config.influx()).isNotNull();
        assertThat(config.influx().url()).isEqualTo(influx.url());
        // The writer's database and the policy it creates for the base window (Demo prints the same name).
        assertThat(config.influx().database()).isEqualTo(influx.roleSettings("demo_db").get("HEAPSTREAM_INFLUX_DB"))
                .isEqualTo("demo_db");
        assertThat(config.influx().retentionPolicy()).isEqualTo("rp_15s");
        assertThat(DemoApi.sources(config))
                .isEqualTo("from the topics; model API ranges older than 15m (start=...) from InfluxDB");
    }

    @Test
    void withoutInfluxDbTheModelApiServesTheTopicsOnlyAndSaysSo(@TempDir Path dir) {
        var config = DemoApi.config(SETTINGS, "127.0.0.1:9092", "c1", new InfluxChoice(null, null, "--no-influx"),
                dir);

        assertThat(config.influx()).isNull();
        assertThat(DemoApi.sources(config)).isEqualTo("from the topics");
    }
}
