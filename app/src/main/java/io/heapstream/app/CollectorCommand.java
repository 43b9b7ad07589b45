package io.heapstream.app;

import io.heapstream.collector.CollectorConfig;
import io.heapstream.collector.CollectorService;
import io.heapstream.collector.CollectorSettings;
import io.heapstream.model.settings.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Wires flags → {@link CollectorConfig} → {@link CollectorService}; the flags are {@link CollectorSettings}. The
 * downward-API variables (NODE_NAME, NODE_IP) and the in-cluster ones (KUBERNETES_SERVICE_HOST/PORT) come from the
 * environment as they are.
 */
@Command(name = "collector", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.class,
        description = "Scrape this node's kubelet Summary API (or, with --mode pooled, a shard of the cluster's nodes) on a"
                + " wall-clock grid and publish raw stats to Kafka.")
final class CollectorCommand implements Callable<Integer>, DeclaresSettings {

    @Mixin
    CommonOptions common;

    private final Map<String, String> flags = new LinkedHashMap<>();

    @Override
    public List<Setting<?>> settings() {
        return CollectorSettings.ALL;
    }

    @Override
    public Map<String, String> flags() {
        return flags;
    }

    @Override
    public Integer call() throws Exception {
        var config = CollectorConfig.fromMap(common.settings(this)).withKafkaProperties(common.kafkaProperties());
        try (var runtime = RoleRuntime.start("collector", common)) {
            var service = new CollectorService(config, runtime.registry());
            runtime.readiness(service::ready);
            runtime.liveness(service::healthy);
            runtime.onStop(service::close);
            service.start();
            runtime.awaitStop();
        }
        return 0;
    }
}
