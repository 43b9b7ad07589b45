package io.heapstream.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The TOML configuration of a test influxd: loopback ports, every directory under {@code home}, no
 * series or tag-value limits, quiet logs. influxd ignores keys it doesn't know without a word, so
 * {@link #unapplied} checks what {@code influxd config -config FILE} says it actually read.
 *
 * @param httpPort the HTTP API, what tests talk to
 * @param rpcPort  the backup/restore RPC service, bound even when unused
 * @param home     the server's directory: meta/, data/, wal/ and its log
 */
record InfluxConfig(int httpPort, int rpcPort, Path home) {

    /** A key influxd spells differently per build (Debian: reporting-enabled; upstream: reporting-disabled). */
    private static final String REPORTING_DEBIAN = "reporting-enabled";
    private static final String REPORTING_UPSTREAM = "reporting-disabled";

    Path file() {
        return home.resolve("influxdb.conf");
    }

    Path log() {
        return home.resolve("influxd.log");
    }

    String url() {
        return "http://" + Loopback.HOST + ":" + httpPort;
    }

    /** Section ("" for top level) to key to TOML literal, in file order. */
    Map<String, Map<String, String>> settings() {
        var s = new LinkedHashMap<String, Map<String, String>>();
        s.put("", ordered(
                REPORTING_DEBIAN, "false",
                REPORTING_UPSTREAM, "true",
                "bind-address", quoted(Loopback.HOST + ":" + rpcPort)));
        s.put("meta", ordered("dir", quoted(home.resolve("meta"))));
        s.put("data", ordered(
                "dir", quoted(home.resolve("data")),
                "wal-dir", quoted(home.resolve("wal")),
                "query-log-enabled", "false",
                // Tests create many short-lived series; the defaults would reject writes past 1M series.
                "max-series-per-database", "0",
                "max-values-per-tag", "0"));
        s.put("monitor", ordered("store-enabled", "false"));
        s.put("http", ordered(
                "bind-address", quoted(Loopback.HOST + ":" + httpPort),
                "log-enabled", "false"));
        s.put("logging", ordered("level", quoted("warn"), "suppress-logo", "true"));
        return s;
    }

    String text() {
        var out = new StringBuilder();
        settings().forEach((section, keys) -> {
            if (!section.isEmpty()) {
                out.append('\n').append('[').append(section).append("]\n");
            }
            keys.forEach((key, value) -> out.append(section.isEmpty() ? "" : "  ")
                    .append(key).append(" = ").append(value).append('\n'));
        });
        return out.toString();
    }

    /**
     * The settings that {@code influxd config} output does not show with our value, as
     * {@code section.key=value} strings; empty when influxd read everything.
     */
    List<String> unapplied(String influxdConfigOutput) {
        var shown = parse(influxdConfigOutput);
        var missing = new ArrayList<String>();
        settings().forEach((section, keys) -> keys.forEach((key, value) -> {
            if (key.equals(REPORTING_DEBIAN) || key.equals(REPORTING_UPSTREAM)) {
                return; // checked below: one of the two spellings is enough
            }
            if (!value.equals(shown.get(section + "." + key))) {
                missing.add(section + "." + key + "=" + value);
            }
        }));
        if (!"false".equals(shown.get("." + REPORTING_DEBIAN)) && !"true".equals(shown.get("." + REPORTING_UPSTREAM))) {
            missing.add("reporting off");
        }
        return missing;
    }

    /** {@code section.key} to literal for the single-bracket sections of influxd's TOML dump. */
    static Map<String, String> parse(String toml) {
        var result = new LinkedHashMap<String, String>();
        var section = "";
        for (var raw : toml.split("\n")) {
            var line = raw.strip();
            if (line.startsWith("[[")) {
                section = null; // arrays of tables (graphite, udp, ...) are not ours
            } else if (line.startsWith("[")) {
                section = line.substring(1, line.indexOf(']'));
            } else if (section != null && line.contains(" = ")) {
                var at = line.indexOf(" = ");
                result.put(section + "." + line.substring(0, at), line.substring(at + 3));
            }
        }
        return result;
    }

    private static String quoted(Object value) {
        return '"' + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
