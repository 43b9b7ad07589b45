package io.heapstream.app;

import io.heapstream.model.settings.Setting;
import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.WriterService;
import io.heapstream.writer.WriterSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Wires flags → {@link WriterConfig} → {@link WriterService}; the flags are {@link WriterSettings}. The password
 * is read from the environment or a file only, never from a flag that {@code ps} would show.
 */
@Command(name = "writer", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.class,
        description = "Write rollups into InfluxDB 1.x, committing only what InfluxDB acknowledged."
                + " The password comes from HEAPSTREAM_INFLUX_PASSWORD or --influx-password-file.")
final class WriterCommand implements Callable<Integer>, DeclaresSettings {

    @Mixin
    CommonOptions common;

    private final Map<String, String> flags = new LinkedHashMap<>();

    @Override
    public List<Setting<?>> settings() {
        return WriterSettings.ALL;
    }

    @Override
    public Map<String, String> flags() {
        return flags;
    }

    @Override
    public Integer call() throws InterruptedException {
        var config = WriterConfig.fromMap(common.settingsWithKafka(this, WriterConfig.KAFKA_PREFIX));
        try (var runtime = RoleRuntime.start("writer", common)) {
            var service = new WriterService(config, runtime.registry());
            runtime.readiness(service::isReady);
            runtime.liveness(service::isAlive);
            runtime.onStop(service::stop);
            service.start();
            runtime.awaitStop();
        }
        return 0;
    }
}
