package io.heapstream.app;

import io.heapstream.alerter.AlerterConfig;
import io.heapstream.alerter.AlerterService;
import io.heapstream.alerter.AlerterSettings;
import io.heapstream.alerter.rules.Rule;
import io.heapstream.alerter.rules.RuleFileException;
import io.heapstream.model.settings.Setting;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * Wires flags → {@link AlerterConfig} → {@link AlerterService}; the flags are {@link AlerterSettings}. A rules
 * file that cannot be used is the user's to fix: one line with file, line and reason, exit code 2 at start; on a
 * reload (SIGHUP, a changed file) the same line is logged and the rules in force stay.
 */
@Command(name = "alerter", mixinStandardHelpOptions = true, modelTransformer = SettingOptions.class,
        description = "Evaluate alerting rules on the rollups (Kafka Streams, exactly once); deliver firing and"
                + " resolved alerts to Alertmanager and webhooks.")
final class AlerterCommand implements Callable<Integer>, DeclaresSettings {

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    private final Map<String, String> flags = new LinkedHashMap<>();

    @Option(names = "--check-rules", description = "Check the rules file, print how many rules it has and exit.")
    boolean checkRules;

    @Option(names = "--describe", description = "Print the topology and exit.")
    boolean describe;

    @Override
    public Integer call() throws InterruptedException {
        var config = AlerterConfig.fromMap(common.settingsWithKafka(this, AlerterConfig.KAFKA_PREFIX));
        List<Rule> rules;
        try {
            rules = AlerterService.rules(config);
        } catch (RuleFileException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return spec.exitCodeOnInvalidInput();
        }
        if (checkRules || describe) {
            spec.commandLine().getOut().println(describe ? AlerterService.describe(config, rules)
                    : rules.size() + " rules OK");
            return 0;
        }
        try (var runtime = RoleRuntime.start("alerter", common)) {
            var service = new AlerterService(config, rules, runtime.registry());
            runtime.readiness(service::isReady);
            runtime.liveness(service::isAlive);
            runtime.onStop(service::close);
            service.start();
            reloadOnHangup(service::reloadRules);
            runtime.awaitStop();
        }
        return 0;
    }

    /**
     * SIGHUP reloads the rules file, as Prometheus and Alertmanager do. There is no public Java API for signals:
     * {@code sun.misc.Signal} (module jdk.unsupported) is what the JDK offers (see {@code StopSignal}).
     */
    static void reloadOnHangup(Runnable reload) {
        try {
            Signal.handle(new Signal("HUP"), s -> reload.run());
        } catch (IllegalArgumentException unsupported) {
            // not on this platform: the rules file is still watched for changes
        }
    }

    @Override
    public List<Setting<?>> settings() {
        return AlerterSettings.ALL;
    }

    @Override
    public Map<String, String> flags() {
        return flags;
    }
}
