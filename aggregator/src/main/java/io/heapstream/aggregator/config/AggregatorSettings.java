package io.heapstream.aggregator.config;

import io.heapstream.model.settings.Setting;
import io.heapstream.model.settings.SettingType;
import java.time.Duration;
import java.util.List;

/**
 * The aggregator's own settings, declared once: its flags, {@code --help}, {@link AggregatorConfig#fromMap} and the
 * table in docs/aggregator.md all come from here. The shared ones (Kafka, topics) are in
 * {@link io.heapstream.model.settings.CommonSettings}.
 */
public final class AggregatorSettings {
    public static final Setting<String> APPLICATION_ID = Setting.flag("--application-id", SettingType.STRING)
            .label("ID").defaultValue("heapstream-aggregator")
            .description("Streams application id: consumer group, prefix of internal topics and of the state"
                    + " directory; instances with the same id share the work");
    public static final Setting<Duration> WINDOW = Setting.flag("--window", SettingType.DURATION)
            .defaultValue("1m").description("base resolution (`10s` in tests)");
    public static final Setting<Duration> GRACE = Setting.flag("--grace", SettingType.DURATION)
            .defaultValue("30s").description("how long after a window's end its scrapes still count");
    public static final Setting<List<Duration>> RESOLUTIONS = Setting.flag("--resolutions", SettingType.DURATIONS)
            .defaultValue("1h")
            .description("coarser resolutions, comma-separated, multiples of the window; `none` for none");
    public static final Setting<Duration> IDLE_TIMEOUT = Setting.flag("--idle-timeout", SettingType.DURATION)
            .defaultNote("window + grace")
            .description("silence (counted while the broker answers) after which a node stops holding its partition's windows open, and a partition whose others moved on closes them");
    public static final Setting<Integer> RAW_PARTITIONS = Setting.flag("--raw-partitions", SettingType.INTEGER)
            .defaultValue("0").check(n -> n >= 0, "must be at least 0").defaultNote("`0` = ask the broker")
            .description("partitions of the raw topic (the totals stage waits for a watermark from each)");
    public static final Setting<String> STATE_DIR = Setting.flag("--state-dir", SettingType.STRING).label("DIR")
            .defaultNote("`$TMPDIR/heapstream-aggregator`").description("RocksDB state; a volume in production (a"
                    + " StatefulSet's PVC) avoids a full restore from the changelogs on restart");
    public static final Setting<Integer> STREAM_THREADS = Setting.flag("--stream-threads", SettingType.INTEGER)
            .defaultValue("1").check(n -> n >= 1, "must be at least 1")
            .description("threads of this instance; each runs some of the tasks");
    public static final Setting<Integer> STANDBY_REPLICAS = Setting.flag("--standby-replicas", SettingType.INTEGER)
            .defaultValue("0").check(n -> n >= 0, "must be at least 0")
            .description("warm copies of each task's state on other instances");
    public static final Setting<Integer> REPLICATION_FACTOR = Setting.flag("--replication-factor",
                    SettingType.INTEGER).defaultValue("-1").check(n -> n >= -1, "must be at least -1")
            .defaultNote("`-1` (broker default)").description("of the internal topics");
    public static final Setting<Duration> COMMIT_INTERVAL = Setting.flag("--commit-interval", SettingType.DURATION)
            .defaultValue("15s").description("longest a transaction stays open while no window closes (a closing"
                    + " window commits at once): how often an idle instance commits, a scrape interval by default");
    public static final Setting<Long> CACHE_MAX_BYTES = Setting.flag("--cache-max-bytes", SettingType.BYTES)
            .defaultValue("64Mi").description("Streams record cache: repeated writes of a key between commits reach"
                    + " RocksDB and the changelog once");
    public static final Setting<Long> ROCKSDB_BLOCK_CACHE = Setting.flag("--rocksdb-block-cache", SettingType.BYTES)
            .defaultValue("64Mi").description("one block cache shared by all stores of the instance");
    public static final Setting<Long> ROCKSDB_WRITE_BUFFER = Setting.flag("--rocksdb-write-buffer",
                    SettingType.BYTES).defaultValue("16Mi").description("memtable size per store (3 per store at most)");

    /** In the order of the docs table. */
    public static final List<Setting<?>> ALL = List.of(APPLICATION_ID, WINDOW, GRACE, RESOLUTIONS, IDLE_TIMEOUT,
            RAW_PARTITIONS, STATE_DIR, STREAM_THREADS, STANDBY_REPLICAS, REPLICATION_FACTOR, COMMIT_INTERVAL,
            CACHE_MAX_BYTES, ROCKSDB_BLOCK_CACHE, ROCKSDB_WRITE_BUFFER);

    private AggregatorSettings() { }
}
