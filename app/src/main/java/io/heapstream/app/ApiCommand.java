package io.heapstream.app;

import io.heapstream.api.ApiConfig;
import io.heapstream.api.ApiService;
import io.heapstream.api.ApiSettings;
import io.heapstream.model.settings.Setting;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Wires settings → {@link ApiConfig} → {@link ApiService}; the flags are {@link ApiSettings}' declarations. */
@Command(name = "api", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.class,
        description = "Serve Kubernetes' resource metrics API (metrics.k8s.io, behind kubectl top and the HPA)"
                + " from the raw topic's latest scrapes, as an aggregated APIService over HTTPS; and Heapster's"
                + " model API (/api/v1/model) from the rollups, and with --influx-url ranges older than"
                + " --model-retention from the InfluxDB the writer fills. The InfluxDB password comes from"
                + " HEAPSTREAM_INFLUX_PASSWORD or --influx-password-file.")
final class ApiCommand implements Callable<Integer>, DeclaresSettings {

    @Mixin
    CommonOptions common;

    private final Map<String, String> flags = new LinkedHashMap<>();

    @Override
    public List<Setting<?>> settings() {
        return ApiSettings.ALL;
    }

    @Override
    public Map<String, String> flags() {
        return flags;
    }

    @Override
    public Integer call() throws InterruptedException {
        var config = ApiConfig.from(common.settings(this), common.kafkaProperties());
        try (var runtime = RoleRuntime.start("api", common)) {
            var service = new ApiService(config, runtime.registry(), Clock.systemUTC(), ApiService::inClusterClient);
            runtime.readiness(service::isReady);
            runtime.liveness(service::isAlive);
            runtime.onStop(service::stop);
            service.start();
            runtime.awaitStop();
        }
        return 0;
    }
}
