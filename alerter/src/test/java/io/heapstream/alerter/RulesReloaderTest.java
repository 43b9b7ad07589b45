package io.heapstream.alerter;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.heapstream.alerter.rules.Rule;
import io.heapstream.alerter.rules.RuleFile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesReloaderTest {
    private static final String ONE = """
            rules:
              - alert: NodeDown
                level: node
                absent_for: 5m
            """;
    private static final String TWO = ONE + """
              - alert: PodMemoryNearLimit
                level: pod
                condition: memory/working_set.max / memory/limit.last > 0.9
            """;

    @TempDir
    Path dir;

    private RulesReloader reloader(Path file, SimpleMeterRegistry registry) throws Exception {
        return new RulesReloader(file, RuleFile.load(file), registry);
    }

    @Test
    void aChangedFileIsReloadedAndAnUnchangedOneIsNot() throws Exception {
        var file = Files.writeString(dir.resolve("rules.yaml"), ONE);
        var reloader = reloader(file, new SimpleMeterRegistry());
        assertThat(reloader.reloadIfChanged()).isFalse();

        Files.writeString(file, TWO);

        assertThat(reloader.reloadIfChanged()).isTrue();
        assertThat(reloader.get().rules()).extracting(Rule::name).containsExactly("NodeDown", "PodMemoryNearLimit");
        assertThat(reloader.reloadIfChanged()).isFalse();
    }

    @Test
    void anInvalidFileIsRefusedAndTheRulesInForceStay() throws Exception {
        var file = Files.writeString(dir.resolve("rules.yaml"), TWO);
        var registry = new SimpleMeterRegistry();
        var reloader = reloader(file, registry);
        var before = reloader.get();

        Files.writeString(file, TWO.replace("memory/limit", "memory/limt"));

        assertThat(reloader.reload()).isFalse();
        assertThat(reloader.get()).isSameAs(before);
        assertThat(reloader.reloadIfChanged()).as("the refused content is not retried until it changes").isFalse();
        assertThat(registry.get("heapstream.alerter.rules.reloads").tag("result", "refused").counter().count())
                .isEqualTo(1);
    }

    @Test
    void aRefusalNamesTheFileTheLineAndTheReasonOnOneLine() throws Exception {
        var file = Files.writeString(dir.resolve("rules.yaml"), TWO);
        var reloader = reloader(file, new SimpleMeterRegistry());
        Files.writeString(file, TWO.replace("level: pod", "level: pods"));

        var logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(RulesReloader.class);
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        logger.addAppender(appender);
        try {
            reloader.reload();
        } finally {
            logger.detachAppender(appender);
        }
        var logged = appender.list.stream().filter(e -> e.getThrowableProxy() == null)
                .map(ILoggingEvent::getFormattedMessage).toList();

        assertThat(logged).hasSize(1);
        assertThat(logged.get(0)).contains("rules.yaml:6").contains("pods").doesNotContain("\n");
    }

    @Test
    void aFileThatDisappearsAndComesBackIsReloaded() throws Exception {
        var file = Files.writeString(dir.resolve("rules.yaml"), ONE);
        var reloader = reloader(file, new SimpleMeterRegistry());
        Files.delete(file);
        assertThat(reloader.reloadIfChanged()).isFalse();
        assertThat(reloader.get().rules()).hasSize(1);

        Files.writeString(file, TWO);

        assertThat(reloader.reloadIfChanged()).isTrue();
        assertThat(reloader.get().rules()).hasSize(2);
    }
}
