package io.heapstream.writer;

import io.heapstream.model.Topics;
import io.heapstream.model.settings.Durations;
import io.heapstream.model.settings.Setting;
import io.heapstream.model.settings.SettingType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The writer's own settings, declared once: its flags, {@code --help}, {@link WriterConfig#fromMap} and the table
 * in docs/writer.md all come from here. The shared ones (Kafka, topics) are in
 * {@link io.heapstream.model.settings.CommonSettings}.
 */
public final class WriterSettings {
    public static final Setting<String> INFLUX_URL = Setting.flag("--influx-url",
                    SettingType.of("url", "URL", WriterSettings::url)).defaultValue("http://localhost:8086")
            .description("InfluxDB 1.x base URL (http or https)");
    public static final Setting<String> INFLUX_DB = Setting.flag("--influx-db", SettingType.STRING).label("NAME")
            .defaultNote("`heapstream`; `k8s` with `--schema heapster`").description("database");
    public static final Setting<String> INFLUX_USER = Setting.flag("--influx-user", SettingType.STRING)
            .label("USER").description("user; without it no credentials are sent");
    public static final Setting<String> INFLUX_PASSWORD = Setting.envOnly("HEAPSTREAM_INFLUX_PASSWORD",
            SettingType.STRING).description("password, from the environment (e.g. a Secret's `env`), never a flag"
                    + " that `ps` would show");
    public static final Setting<String> INFLUX_PASSWORD_FILE = Setting.flag("--influx-password-file",
                    SettingType.STRING).label("FILE")
            .description("or from a file (e.g. a mounted Secret); trailing newline ignored; not both");
    public static final Setting<String> SCHEMA = Setting.flag("--schema",
                    SettingType.of("schema", "native|heapster", WriterSettings::schemaName)).defaultValue("native")
            .description("`native` (a measurement per level) or `heapster` (Heapster's own, for existing"
                    + " dashboards)");
    public static final Setting<String> GROUP_ID = Setting.flag("--group-id", SettingType.STRING).label("GROUP")
            .defaultNote("`heapstream-writer-<schema>`")
            .description("consumer group; writers in one group share the partitions");
    public static final Setting<Map<Duration, Duration>> RETENTION = Setting.flag("--retention",
                    SettingType.of("retention", "RES=DURATION,...", WriterSettings::retention))
            .defaultValue("1m=7d,1h=400d").check(map -> !map.isEmpty(), "must name at least one resolution")
            .description("the resolutions to write (one topic each: prefix + `1m`, …)"
                    + " and how long InfluxDB keeps each; `inf` = forever");
    public static final Setting<Boolean> NO_CREATE = Setting.flag("--no-create", SettingType.BOOLEAN)
            .defaultValue("false").description("do not create the database and retention policies (for users"
                    + " without the right to); missing ones are reported at start");
    public static final Setting<Integer> BATCH_SIZE = Setting.flag("--batch-size", SettingType.INTEGER)
            .label("POINTS").defaultValue("2000").check(n -> n >= 1, "must be at least 1")
            .description("points per write request (native points are wide: see Tuning)");
    public static final Setting<Duration> FLUSH_INTERVAL = positive(Setting.flag("--flush-interval",
            SettingType.DURATION).defaultValue("1s").description("longest a point waits for its batch to fill while"
                    + " records keep coming (a caught-up writer hands a batch over at once)"));
    public static final Setting<Integer> MAX_PENDING_POINTS = Setting.flag("--max-pending-points", SettingType.INTEGER)
            .label("POINTS").defaultValue("50000").check(n -> n >= 1, "must be at least 1")
            .description("points read and not yet acknowledged before consumption pauses (at least `--batch-size`)");
    public static final Setting<Integer> WRITE_PARALLELISM = Setting.flag("--write-parallelism", SettingType.INTEGER)
            .defaultValue("2").check(n -> n >= 1, "must be at least 1")
            .description("concurrent write requests (\"lanes\")");
    public static final Setting<Boolean> INFLUX_GZIP = Setting.flag("--influx-gzip", SettingType.BOOLEAN)
            .defaultValue("false").description("gzip request bodies (worth it when InfluxDB is across a slow network)");
    public static final Setting<Duration> INFLUX_TIMEOUT = positive(Setting.flag("--influx-timeout",
            SettingType.DURATION).defaultValue("10s").description("connect, read and write timeout of one request"));
    public static final Setting<Duration> RETRY_BACKOFF = positive(Setting.flag("--retry-backoff",
            SettingType.DURATION).defaultValue("500ms")
            .description("first wait after a failed write; doubles per attempt, with jitter"));
    public static final Setting<Duration> RETRY_BACKOFF_MAX = positive(Setting.flag("--retry-backoff-max",
            SettingType.DURATION).defaultValue("30s").description("longest wait between attempts"));
    public static final Setting<Boolean> HEAPSTER_LABELS_TAG = Setting.flag("--heapster-labels-tag",
                    SettingType.BOOLEAN).defaultValue("true")
            .description("Heapster schema: pod labels as the `labels` tag; false cuts series");
    public static final Setting<Boolean> HEAPSTER_IMAGE_TAG = Setting.flag("--heapster-image-tag",
                    SettingType.BOOLEAN).defaultValue("true")
            .description("Heapster schema: `container_base_image` tag; false cuts series");

    /** In the order of the docs table. */
    public static final List<Setting<?>> ALL = List.of(INFLUX_URL, INFLUX_DB, INFLUX_USER, INFLUX_PASSWORD,
            INFLUX_PASSWORD_FILE, SCHEMA, GROUP_ID, RETENTION, NO_CREATE, BATCH_SIZE, FLUSH_INTERVAL,
            MAX_PENDING_POINTS, WRITE_PARALLELISM, INFLUX_GZIP, INFLUX_TIMEOUT, RETRY_BACKOFF, RETRY_BACKOFF_MAX,
            HEAPSTER_LABELS_TAG, HEAPSTER_IMAGE_TAG);

    private WriterSettings() { }

    private static Setting<Duration> positive(Setting<Duration> setting) {
        return setting.check(d -> !d.isZero(), "must be positive");
    }

    private static String schemaName(String text) {
        String name = text.toLowerCase(Locale.ROOT);
        if (!name.equals("native") && !name.equals("heapster")) {
            throw new IllegalArgumentException("'" + text + "' is not a schema; use native or heapster");
        }
        return name;
    }

    private static String url(String text) {
        if (!text.startsWith("http://") && !text.startsWith("https://")) {
            throw new IllegalArgumentException("'" + text + "' is not an http:// or https:// URL");
        }
        return text;
    }

    /**
     * {@code 1m=7d,1h=400d}: the resolutions to consume (one topic each) and how long InfluxDB keeps each
     * ({@code inf} = forever, as zero). One flag for both, so the list of topics and of policies cannot disagree.
     */
    private static Map<Duration, Duration> retention(String text) {
        var map = new LinkedHashMap<Duration, Duration>();
        for (String part : text.split(",")) {
            String[] pair = part.split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("'" + part.strip() + "' is not RESOLUTION=DURATION, e.g. 1m=7d");
            }
            var resolution = Durations.parse(pair[0]);
            Topics.suffix(resolution);
            String keep = pair[1].strip();
            map.put(resolution, keep.equalsIgnoreCase("inf") ? Duration.ZERO : Durations.parse(keep));
        }
        return map;
    }
}
