package io.heapstream.app;

import io.heapstream.aggregator.AggregatorService;
import io.heapstream.aggregator.config.AggregatorConfig;
import io.heapstream.aggregator.config.AggregatorSettings;
import io.heapstream.model.settings.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Wires flags → {@link AggregatorConfig} → {@link AggregatorService}; the flags are {@link AggregatorSettings}.
 * {@code --describe} prints the topology.
 */
@Command(name = "aggregator", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.class,
        description = "Turn raw stats into rates and hierarchical rollups (Kafka Streams, exactly once).")
final class AggregatorCommand implements Callable<Integer>, DeclaresSettings {

    @Mixin
    CommonOptions common;

    private final Map<String, String> flags = new LinkedHashMap<>();

    @Option(names = "--describe", description = "Print the topology and exit.")
    boolean describe;

    @Override
    public Integer call() throws InterruptedException {
        var config = AggregatorConfig.fromMap(common.settingsWithKafka(this, AggregatorConfig.KAFKA_PREFIX));
        if (describe) {
            System.out.println(AggregatorService.describe(config));
            return 0;
        }
        try (var runtime = RoleRuntime.start("aggregator", common)) {
            var service = new AggregatorService(config, runtime.registry());
            runtime.readiness(service::isReady);
            runtime.liveness(service::isAlive);
            runtime.onStop(service::close);
            service.start();
            runtime.awaitStop();
        }
        return 0;
    }

    @Override
    public List<Setting<?>> settings() {
        return AggregatorSettings.ALL;
    }

    @Override
    public Map<String, String> flags() {
        return flags;
    }
}
