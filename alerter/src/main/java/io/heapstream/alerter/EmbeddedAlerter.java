package io.heapstream.alerter;

import static java.util.Objects.requireNonNull;

import io.heapstream.aggregator.RollupTap;
import io.heapstream.alerter.rules.Rule;
import io.heapstream.alerter.rules.RuleFile;
import io.heapstream.alerter.rules.RuleFileException;
import io.heapstream.alerter.stream.EmbeddedAlertTap;
import io.heapstream.alerter.stream.RuleIndex;
import io.heapstream.model.settings.SettingsReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert rules evaluated inside the aggregator ({@code heapstream aggregator --alert-rules}): the rules checked at
 * start, the {@link RollupTap} the aggregator's topology takes ({@link EmbeddedAlertTap}), and a rules file
 * reloaded when it changes or on {@link #reloadRules()} (SIGHUP), as in the standalone alerter. The events go to the
 * alerts topic; {@code heapstream alerter --evaluate=false} delivers them. The aggregator module knows only the tap.
 */
public final class EmbeddedAlerter implements AutoCloseable {
    /** {@code --alert-rules default}: the built-in rules. */
    public static final String DEFAULT_RULES = "default";
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedAlerter.class);

    /**
     * What {@link AlerterSettings#EMBEDDED} says.
     *
     * @param rules              {@value #DEFAULT_RULES} or a rules file
     * @param alertsTopic        where events go
     * @param staleAfter         a pending or firing series its task has gone this far past without it is gone
     * @param checkInterval      how often absences and gone series are looked for
     * @param rulesCheckInterval how often the rules file is checked for a change
     */
    public record Config(String rules, String alertsTopic, Duration staleAfter, Duration checkInterval,
                         Duration rulesCheckInterval) {
        public Config {
            requireNonNull(rules, "rules");
            requireNonNull(alertsTopic, "alertsTopic");
        }

        /**
         * The settings of {@link AlerterSettings#EMBEDDED} from a map keyed by environment variable name, or null
         * when {@code --alert-rules} is not given (no alerting in the aggregator).
         *
         * @throws io.heapstream.model.settings.SettingsException naming every bad setting
         */
        public static Config fromMap(Map<String, String> map) {
            var in = new SettingsReader("aggregator", map);
            var rules = in.get(AlerterSettings.ALERT_RULES);
            var config = rules == null || rules.isBlank() ? null : new Config(rules.strip(),
                    in.get(AlerterSettings.ALERTS_TOPIC), in.get(AlerterSettings.STALE_AFTER),
                    in.get(AlerterSettings.CHECK_INTERVAL), in.get(AlerterSettings.RULES_CHECK_INTERVAL));
            in.throwIfInvalid();
            return config;
        }

        /** The rules file, or null for the built-in rules. */
        public Path rulesFile() {
            return rules.equals(DEFAULT_RULES) ? null : Path.of(rules);
        }
    }

    private final Config config;
    private final Supplier<RuleIndex> rules;
    private final RulesReloader reloader;

    /** With {@code rules} as read by {@link #rules(Config)}. */
    public EmbeddedAlerter(Config config, List<Rule> rules, MeterRegistry registry) {
        this.config = config;
        var file = config.rulesFile();
        if (file == null) {
            var fixed = new RuleIndex(rules);
            this.rules = () -> fixed;
            this.reloader = null;
        } else {
            this.reloader = new RulesReloader(file, rules, registry);
            this.rules = reloader;
        }
    }

    /** Reads and checks the configured rules: a bad file is a {@link RuleFileException} with file, line and reason. */
    public static List<Rule> rules(Config config) throws RuleFileException {
        return config.rulesFile() == null ? RuleFile.defaults() : RuleFile.load(config.rulesFile());
    }

    /** The rules in force. */
    public List<Rule> rules() {
        return rules.get().rules();
    }

    /** The processors to attach to the aggregator's rollups, evaluating those of {@code resolution} (its window). */
    public RollupTap tap(Duration resolution) {
        return new EmbeddedAlertTap(config.alertsTopic(), resolution, config.staleAfter(), config.checkInterval(),
                rules);
    }

    /** Starts watching the rules file for changes (nothing to watch for the built-in rules). */
    public void start() {
        LOG.info("alert rules evaluated in the aggregator: {} rules from {}, events to {}", rules().size(),
                config.rules(), config.alertsTopic());
        if (reloader != null) {
            reloader.watch(config.rulesCheckInterval());
        }
    }

    /** Reads the rules file again (SIGHUP): true when its rules are in force (see {@link RulesReloader#reload()}). */
    public boolean reloadRules() {
        if (reloader == null) {
            LOG.warn("--alert-rules default: the default rules are built in, nothing to reload");
            return false;
        }
        return reloader.reload();
    }

    @Override
    public void close() {
        if (reloader != null) {
            reloader.close();
        }
    }
}
