package io.heapstream.app;

import io.heapstream.aggregator.AggregatorService;
import io.heapstream.aggregator.config.AggregatorConfig;
import io.heapstream.aggregator.config.AggregatorSettings;
import io.heapstream.alerter.AlerterSettings;
import io.heapstream.alerter.EmbeddedAlerter;
import io.heapstream.alerter.rules.Rule;
import io.heapstream.alerter.rules.RuleFileException;
import io.heapstream.model.settings.Setting;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Wires flags → {@link AggregatorConfig} → {@link AggregatorService}; the flags are {@link AggregatorSettings}.
 * {@code --describe} prints the topology. With {@code --alert-rules} it also evaluates alerting rules where the
 * windows close ({@link EmbeddedAlerter}); a rules file that cannot be used is one line (file, line, reason) and
 * exit code 2, as in the alerter, and SIGHUP reloads it.
 */
@Command(name = "aggregator", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.class,
        description = "Turn raw stats into rates and hierarchical rollups (Kafka Streams, exactly once).")
final class AggregatorCommand implements Callable<Integer>, DeclaresSettings {

    @Mixin
    CommonOptions common;

    private final Map<String, String> flags = new LinkedHashMap<>();

    @Option(names = "--describe", description = "Print the topology and exit.")
    boolean describe;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        var values = common.settingsWithKafka(this, AggregatorConfig.KAFKA_PREFIX);
        var config = AggregatorConfig.fromMap(values);
        var alerting = EmbeddedAlerter.Config.fromMap(values);
        List<Rule> rules = List.of();
        if (alerting != null) {
            try {
                rules = EmbeddedAlerter.rules(alerting);
            } catch (RuleFileException e) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
                return spec.exitCodeOnInvalidInput();
            }
        }
        if (describe) {
            var tap = alerting == null ? null
                    : new EmbeddedAlerter(alerting, rules, new SimpleMeterRegistry()).tap(config.window());
            spec.commandLine().getOut().println(AggregatorService.describe(config, tap));
            return 0;
        }
        try (var runtime = RoleRuntime.start("aggregator", common)) {
            var alerter = alerting == null ? null : new EmbeddedAlerter(alerting, rules, runtime.registry());
            var service = new AggregatorService(config, runtime.registry(),
                    alerter == null ? null : alerter.tap(config.window()));
            runtime.readiness(service::isReady);
            runtime.liveness(service::isAlive);
            runtime.onStop(service::close);
            if (alerter != null) {
                runtime.onStop(alerter::close);
                alerter.start();
                AlerterCommand.reloadOnHangup(alerter::reloadRules);
            }
            service.start();
            runtime.awaitStop();
        }
        return 0;
    }

    /** The aggregator's settings, then those of the alert rules it can evaluate ({@code --alert-rules}). */
    @Override
    public List<Setting<?>> settings() {
        var all = new ArrayList<Setting<?>>(AggregatorSettings.ALL);
        all.addAll(AlerterSettings.EMBEDDED);
        return all;
    }

    @Override
    public Map<String, String> flags() {
        return flags;
    }
}
