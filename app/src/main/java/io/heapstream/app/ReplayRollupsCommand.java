package io.heapstream.app;

import io.heapstream.app.replay.ReplaySettings;
import io.heapstream.app.replay.Replays;
import io.heapstream.app.replay.RollupsReplay;
import io.heapstream.model.Topics;
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

/** Wires {@code replay rollups}'s settings → {@link RollupsReplay}. */
@Command(name = "rollups", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.class,
        description = {"Re-write the rollups of one resolution whose windows lie wholly inside [--from, --to) from"
                + " its rollup topic into InfluxDB, through the writer's schema: rebuilds a lost or new database.",
                "Windows that straddle --from or --to are left out."},
        footer = {"", "Examples:",
                "  heapstream replay rollups --from -6h --to now --resolution 1m --influx-db heapstream_rebuilt",
                "  heapstream replay rollups --from -30d --resolution 1h --influx-db heapstream --retention 1h=400d",
                "Exit codes: 0 done, 1 failed (broker or InfluxDB unreachable), 2 bad input (nothing written),"
                        + " 130 or 143 stopped by SIGINT or SIGTERM (rerun the same command to complete)."})
final class ReplayRollupsCommand implements Callable<Integer>, DeclaresSettings {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    private final Map<String, String> flags = new LinkedHashMap<>();

    @Override
    public List<Setting<?>> settings() {
        var all = new ArrayList<Setting<?>>(ReplaySettings.ROLLUPS);
        all.addAll(ReplayRun.INFLUX_SETTINGS);
        return all;
    }

    @Override
    public Map<String, String> flags() {
        return flags;
    }

    @Override
    public Integer call() {
        return ReplayRun.execute(spec, common, this, "rollups", (reader, values, now, stopped, terminal) -> {
            var resolution = reader.get(ReplaySettings.RESOLUTION);
            reader.throwIfInvalid();
            Topics.suffix(resolution);
            var range = ReplayRun.range(reader, now, resolution);
            var job = new RollupsReplay.RollupsReplayJob(ReplayRun.kafka(common, reader),
                    common.rollupTopicPrefix() + Topics.suffix(resolution), resolution, range,
                    reader.get(ReplaySettings.MAX_RATE), reader.get(ReplaySettings.GIVE_UP_AFTER));
            return Replays.rollups(job, ReplayRun.influx(reader, values), stopped, terminal);
        });
    }
}
