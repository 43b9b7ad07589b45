package io.heapstream.app.demo;

import io.heapstream.local.InfluxServer;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the demo's points go: the InfluxDB the user named, else an {@code influxd} started in a temporary
 * directory (from the PATH, or Debian's package unpacked by the test kit), else nowhere: the rollups stay on
 * their topics, and {@link #howToAdd()} says how to change that.
 *
 * @param url     InfluxDB base URL, or {@code null} when there is none
 * @param server  the InfluxDB the demo started (and stops), or {@code null}
 * @param origin  where the URL came from, in words
 */
record InfluxChoice(String url, InfluxServer server, String origin) {
    private static final Logger LOG = LoggerFactory.getLogger(InfluxChoice.class);

    static InfluxChoice resolve(DemoSettings settings) {
        if (settings.noInflux()) {
            return new InfluxChoice(null, null, "--no-influx");
        }
        if (settings.influxUrl() != null && !settings.influxUrl().isBlank()) {
            return new InfluxChoice(settings.influxUrl().strip(), null, "HEAPSTREAM_INFLUX_URL / --influx-url");
        }
        try {
            var server = InfluxServer.launch();
            return new InfluxChoice(server.url(), server, "started here: " + server.version().lines().findFirst()
                    .orElse("influxd") + ", data in a temporary directory");
        } catch (RuntimeException e) {
            LOG.debug("no local influxd", e);
            return new InfluxChoice(null, null, "no InfluxDB: " + e.getMessage());
        }
    }

    boolean present() {
        return url != null;
    }

    /**
     * The variables the writer and the query role both read to reach this InfluxDB: its URL, the database and,
     * for an InfluxDB with authentication, the credentials the user gave this process (never a flag). Empty when
     * there is none.
     */
    Map<String, String> roleSettings(String database) {
        var map = new HashMap<String, String>();
        if (present()) {
            map.put("HEAPSTREAM_INFLUX_URL", url);
            map.put("HEAPSTREAM_INFLUX_DB", database);
            Stream.of("HEAPSTREAM_INFLUX_USER", "HEAPSTREAM_INFLUX_PASSWORD", "HEAPSTREAM_INFLUX_PASSWORD_FILE")
                    .filter(name -> System.getenv(name) != null).forEach(name -> map.put(name, System.getenv(name)));
        }
        return map;
    }

    static String howToAdd() {
        return "to add InfluxDB: set HEAPSTREAM_INFLUX_URL=http://host:8086 (or --influx-url), or put InfluxDB 1.x's"
                + " influxd on the PATH (Debian/Ubuntu: apt-get install influxdb)";
    }

    void stop() {
        if (server != null) {
            server.close();
        }
    }
}
