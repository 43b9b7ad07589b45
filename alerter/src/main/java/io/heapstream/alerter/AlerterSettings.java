package io.heapstream.alerter;

import io.heapstream.model.Topics;
import io.heapstream.model.settings.Setting;
import io.heapstream.model.settings.SettingType;
import io.heapstream.writer.WriterSettings;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The alerter's own settings, declared once: its flags, {@code --help}, {@link AlerterConfig#fromMap} and the table
 * in docs/alerter.md all come from here. The shared ones (Kafka, topics) are in
 * {@link io.heapstream.model.settings.CommonSettings}.
 */
public final class AlerterSettings {
    private static final SettingType<List<URI>> URLS = SettingType.of("urls", "URL[,...]", AlerterSettings::urls);

    public static final Setting<String> RULES = Setting.flag("--rules", SettingType.STRING).label("FILE")
            .defaultNote("the default rules (docs/alerts.md)")
            .description("alerting rules, YAML (docs/alerts.md); checked at start");
    public static final Setting<Boolean> EVALUATE = Setting.flag("--evaluate", SettingType.BOOLEAN)
            .defaultValue("true").description("evaluate the rules here (Kafka Streams over the rollup topic);"
                    + " `false` when the aggregator evaluates them (its `--alert-rules`): this instance then only"
                    + " delivers the alerts topic's events (Alertmanager, webhooks, InfluxDB) and `--rules` and the"
                    + " Streams settings are unused");
    /** The aggregator's: the rules it evaluates where the windows close ({@link EmbeddedAlerter}). */
    public static final Setting<String> ALERT_RULES = Setting.flag("--alert-rules", SettingType.STRING)
            .label("default|FILE").defaultNote("no alerting in the aggregator")
            .description("evaluate alerting rules inside the aggregator, on its base window's rollups as they close"
                    + " (`default`: the built-in rules; else a rules file, docs/alerts.md, checked at start and"
                    + " reloaded on change or SIGHUP); events go to `--alerts-topic`, which `heapstream alerter"
                    + " --evaluate=false` delivers (docs/alerter.md)");
    public static final Setting<Duration> RULES_CHECK_INTERVAL = positive(Setting.flag("--rules-check-interval",
            SettingType.DURATION).defaultValue("10s").description("how often the rules file is checked for a"
                    + " change; a changed file (or SIGHUP) reloads the rules, keeping the alerts' state"));
    public static final Setting<Boolean> INFLUX_ALERTS = Setting.flag("--influx-alerts", SettingType.BOOLEAN)
            .defaultValue("false").description("also write every alert event into InfluxDB (measurement `alerts`,"
                    + " the database's default retention policy), where the dashboards show them; with the writer's"
                    + " `--influx-url`, `--influx-db` and credentials settings below");
    public static final Setting<String> APPLICATION_ID = Setting.flag("--application-id", SettingType.STRING)
            .label("ID").defaultValue("heapstream-alerter")
            .description("Streams application id (consumer group, prefix of internal topics); the delivery"
                    + " consumer group is this + `-delivery`");
    public static final Setting<Duration> RESOLUTION = Setting.flag("--resolution", SettingType.DURATION)
            .defaultValue("1m").description("the rollup topic evaluated: `--rollup-topic-prefix` + this");
    public static final Setting<String> ALERTS_TOPIC = Setting.flag("--alerts-topic", SettingType.STRING)
            .label("TOPIC").defaultValue(Topics.DEFAULT_ALERTS)
            .description("topic of firing and resolved events, keyed by fingerprint");
    public static final Setting<List<URI>> ALERTMANAGER_URL = Setting.flag("--alertmanager-url", URLS)
            .description("Alertmanager base URLs, comma-separated (`/api/v2/alerts` is appended)");
    public static final Setting<List<URI>> WEBHOOK_URL = Setting.flag("--webhook-url", URLS)
            .description("webhook URLs, comma-separated, sent Alertmanager's version 4 payload");
    public static final Setting<Duration> RESEND_INTERVAL = positive(Setting.flag("--resend-interval",
            SettingType.DURATION).defaultValue("1m").description("how often firing alerts are re-sent to"
                    + " Alertmanager; each says it ends after four of these unless re-sent"));
    public static final Setting<Duration> STALE_AFTER = positive(Setting.flag("--stale-after", SettingType.DURATION)
            .defaultValue("5m").description("a pending or firing series that its partition has gone this far past"
                    + " without it is gone: pending is dropped, firing resolves"));
    public static final Setting<Duration> CHECK_INTERVAL = positive(Setting.flag("--check-interval",
            SettingType.DURATION).defaultValue("10s").description("how often (wall clock) absences and gone"
                    + " series are looked for"));
    public static final Setting<String> STATE_DIR = Setting.flag("--state-dir", SettingType.STRING).label("DIR")
            .defaultNote("`$TMPDIR/heapstream-alerter`").description("RocksDB state of the alerts");
    public static final Setting<Duration> COMMIT_INTERVAL = Setting.flag("--commit-interval", SettingType.DURATION)
            .defaultValue("1s").description("transaction length: events reach delivery after a commit");

    /** In the order of the docs table. */
    public static final List<Setting<?>> ALL = List.of(EVALUATE, RULES, RULES_CHECK_INTERVAL, APPLICATION_ID, RESOLUTION,
            ALERTS_TOPIC, ALERTMANAGER_URL, WEBHOOK_URL, RESEND_INTERVAL, STALE_AFTER, CHECK_INTERVAL, STATE_DIR, COMMIT_INTERVAL, INFLUX_ALERTS,
            WriterSettings.INFLUX_URL, WriterSettings.INFLUX_DB, WriterSettings.INFLUX_USER,
            WriterSettings.INFLUX_PASSWORD, WriterSettings.INFLUX_PASSWORD_FILE);

    /** What the aggregator adds to its own settings to evaluate the rules inside it ({@link EmbeddedAlerter}). */
    public static final List<Setting<?>> EMBEDDED = List.of(ALERT_RULES, ALERTS_TOPIC, STALE_AFTER, CHECK_INTERVAL,
            RULES_CHECK_INTERVAL);

    private AlerterSettings() { }

    private static Setting<Duration> positive(Setting<Duration> setting) {
        return setting.check(d -> !d.isZero(), "must be positive");
    }

    private static List<URI> urls(String text) {
        var out = new ArrayList<URI>();
        for (String part : text.split(",")) {
            var url = part.strip();
            if (url.isEmpty()) {
                continue;
            }
            if (!url.startsWith("http://") && !url.startsWith("https://")) {
                throw new IllegalArgumentException("'" + url + "' is not an http:// or https:// URL");
            }
            out.add(URI.create(url));
        }
        return List.copyOf(out);
    }
}
