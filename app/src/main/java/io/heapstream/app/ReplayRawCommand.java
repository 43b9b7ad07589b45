package io.heapstream.app;

import io.heapstream.aggregator.config.AggregatorConfig;
import io.heapstream.app.replay.RawReplay;
import io.heapstream.app.replay.ReplaySettings;
import io.heapstream.app.replay.Replays;
import io.heapstream.model.settings.CommonSettings;
import io.heapstream.model.settings.Setting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Wires {@code replay raw}'s settings → {@link RawReplay} with the aggregator's rollup settings. */
@Command(name = "raw", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.class,
        description = {"Re-aggregate the raw scrapes of [--from, --to) with the aggregator's own rollup code and write"
                + " them into InfluxDB through the writer's schema.",
                "Windows that straddle --from or --to are left out, never written as if whole; the first window"
                + " gets its rates from the scrapes one window before --from. --cluster re-aggregates one cluster"
                + " (its fleet level is then left out)."},
        footer = {"", "Examples:",
                "  heapstream replay raw --from -6h --to now --influx-db heapstream_replayed",
                "  heapstream replay raw --from 2026-12-06T06:00:00Z --to 2026-12-06T12:00:00Z --schema heapster \\",
                "      --influx-db k8s_replayed --include-late --max-rate 2000",
                "Exit codes: 0 done, 1 failed (broker or InfluxDB unreachable), 2 bad input (nothing written),"
                        + " 130 or 143 stopped by SIGINT or SIGTERM (rerun the same command to complete)."})
final class ReplayRawCommand implements Callable<Integer>, DeclaresSettings {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    private final Map<String, String> flags = new LinkedHashMap<>();

    @Override
    public List<Setting<?>> settings() {
        var all = new ArrayList<Setting<?>>(ReplaySettings.RAW);
        all.addAll(ReplayRun.ROLLUP_SETTINGS);
        all.addAll(ReplayRun.INFLUX_SETTINGS);
        return all;
    }

    @Override
    public Map<String, String> flags() {
        return flags;
    }

    @Override
    public Integer call() {
        return ReplayRun.execute(spec, common, this, "scrapes", (reader, values, now, stopped, terminal) -> {
            var aggregator = AggregatorConfig.fromMap(values);
            var range = ReplayRun.range(reader, now, aggregator.window());
            var job = new RawReplay.RawReplayJob(ReplayRun.kafka(common, reader), aggregator.settings(1), range,
                    reader.get(CommonSettings.CLUSTER), reader.get(ReplaySettings.INCLUDE_LATE),
                    reader.get(ReplaySettings.MAX_RATE), reader.get(ReplaySettings.GIVE_UP_AFTER));
            return Replays.raw(job, ReplayRun.sinks(common, reader, values), stopped, terminal);
        });
    }
}
