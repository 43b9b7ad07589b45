package io.heapstream.alerter;

import io.heapstream.alerter.rules.Rule;
import io.heapstream.alerter.rules.RuleFile;
import io.heapstream.alerter.rules.RuleFileException;
import io.heapstream.alerter.stream.RuleIndex;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules the alert topology evaluates, replaced while it runs: on SIGHUP ({@code AlerterCommand}) and when the
 * file's content changes ({@link #reloadIfChanged}, polled; content rather than modification time, so that a
 * Kubernetes ConfigMap's symlink swap counts). A file that cannot be used is refused with its one-line reason and
 * the rules in force stay. The alert states live in the topology's store, keyed by fingerprint, so a reload keeps
 * every state of a rule that is still there; what happens to the others is in docs/alerts.md ("Reloading").
 */
public final class RulesReloader implements Supplier<RuleIndex>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RulesReloader.class);
    private final Path file;
    private final AtomicReference<RuleIndex> current;
    private final Counter reloaded;
    private final Counter refused;
    /** The content the rules in force were read from (or last refused): what a change is measured against. */
    private byte[] lastContent;
    private ScheduledExecutorService watch;

    /** Starts with {@code rules}, read by the caller from {@code file}. */
    public RulesReloader(Path file, List<Rule> rules, MeterRegistry registry) {
        this.file = file;
        this.current = new AtomicReference<>(new RuleIndex(rules));
        this.lastContent = content();
        this.reloaded = Counter.builder("heapstream.alerter.rules.reloads").tag("result", "ok")
                .description("rules file reloads (SIGHUP or a changed file)").register(registry);
        this.refused = Counter.builder("heapstream.alerter.rules.reloads").tag("result", "refused")
                .description("rules file reloads (SIGHUP or a changed file)").register(registry);
    }

    @Override
    public RuleIndex get() {
        return current.get();
    }

    /** Reads the file again; true when its rules are now in force, false (logged, one line) when refused. */
    public synchronized boolean reload() {
        lastContent = content();
        try {
            var rules = RuleFile.load(file);
            current.set(new RuleIndex(rules));
            reloaded.increment();
            LOG.info("rules reloaded from {}: {} rules", file, rules.size());
            return true;
        } catch (RuleFileException e) {
            refused.increment();
            LOG.error("rules not reloaded, the previous {} stay in force: {}", current.get().rules().size(),
                    e.getMessage());
            return false;
        }
    }

    /** Reloads when the file's content is not what was last read; a refused content is not retried until it changes. */
    public synchronized boolean reloadIfChanged() {
        var now = content();
        if (Arrays.equals(now, lastContent)) {
            return false;
        }
        return reload();
    }

    /** Checks the file for a change every {@code interval} from now on, on a daemon thread, until {@link #close()}. */
    public synchronized void watch(Duration interval) {
        if (watch != null) {
            return;
        }
        watch = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "alert-rules-watch");
            t.setDaemon(true);
            return t;
        });
        long every = interval.toMillis();
        watch.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
    }

    /** Stops watching the file; idempotent. */
    @Override
    public synchronized void close() {
        if (watch != null) {
            watch.shutdownNow();
        }
    }

    private byte[] content() {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return null;   // missing for a moment (an editor's save, a ConfigMap swap): reload() says why
        }
    }
}
