package io.heapstream.app.replay;

import io.heapstream.model.settings.Setting;
import io.heapstream.model.settings.SettingType;
import java.time.Duration;
import java.util.List;

/** The settings only a replay has; the rollup, InfluxDB and Kafka ones are the aggregator's, the writer's, everyone's. */
public final class ReplaySettings {
    public static final Setting<String> FROM = Setting.flag("--from", SettingType.STRING).label("TIME").required()
            .description("start of the range, inclusive: RFC 3339 (`2026-12-07T10:00:00Z`), `now`, or a duration"
                    + " before now (`-6h`)");
    public static final Setting<String> TO = Setting.flag("--to", SettingType.STRING).label("TIME")
            .defaultValue("now").description("end of the range, exclusive; same forms as `--from`");
    public static final Setting<Duration> RESOLUTION = Setting.flag("--resolution", SettingType.DURATION)
            .required().description("the rollup topic to re-write: its resolution, e.g. `1m` or `1h`");
    public static final Setting<String> RETENTION_POLICY = Setting.flag("--retention-policy", SettingType.STRING)
            .label("RP").defaultNote("the schema's policy per resolution")
            .description("write every point into this retention policy (created with infinite duration when"
                    + " missing)");
    public static final Setting<String> TO_TOPICS = Setting.flag("--to-topics", SettingType.STRING).label("PREFIX")
            .description("also (or, without `--influx-db`, only) publish the rollups to the topics PREFIX + resolution,"
                    + " which must exist and must not be the live rollup topics");
    public static final Setting<Boolean> INCLUDE_LATE = Setting.flag("--include-late", SettingType.BOOLEAN)
            .defaultValue("false").description("also re-aggregate the late topic's scrapes of the range");
    public static final Setting<Integer> MAX_RATE = Setting.flag("--max-rate", SettingType.INTEGER)
            .label("PER_SECOND").defaultValue("0").check(n -> n >= 0, "must not be negative")
            .description("at most this many scrapes (rollups for `replay rollups`) per second; `0` = no limit");
    public static final Setting<String> REPLAY_ID = Setting.flag("--replay-id", SettingType.STRING).label("ID")
            .defaultValue("replay").check(id -> id.matches("[A-Za-z0-9._-]+"), "must be letters, digits, . _ -")
            .description("names the run: processes with the same id share the raw partitions (its group"
                    + " `heapstream-replay-ID` and topic `heapstream-replay-ID-totals`, removed at the end)");
    public static final Setting<Duration> GIVE_UP_AFTER = Setting.flag("--give-up-after", SettingType.DURATION)
            .defaultValue("2m").check(d -> !d.isNegative() && !d.isZero(), "must be positive")
            .description("how long an unreachable broker or InfluxDB is retried before the replay fails");

    /** {@code replay raw}'s own settings. */
    public static final List<Setting<?>> RAW = List.of(FROM, TO, RETENTION_POLICY, INCLUDE_LATE, TO_TOPICS, MAX_RATE,
            REPLAY_ID, GIVE_UP_AFTER);
    /** {@code replay rollups}'s own settings. */
    public static final List<Setting<?>> ROLLUPS = List.of(FROM, TO, RESOLUTION, RETENTION_POLICY, MAX_RATE,
            REPLAY_ID, GIVE_UP_AFTER);

    private ReplaySettings() { }
}
