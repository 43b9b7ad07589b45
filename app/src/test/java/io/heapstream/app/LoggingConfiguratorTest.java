package io.heapstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** Every role's logging set up in code: what the XML configuration it replaced said, and found by logback. */
class LoggingConfiguratorTest {
    @Test
    void oneLinePerEventOnStderrClientLibrariesAtWarnTheRestAtInfo() {
        var context = new LoggerContext();
        var configurator = new LoggingConfigurator();
        configurator.setContext(context);

        assertThat(configurator.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        var appender = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertThat(appender.getTarget()).isEqualTo("System.err");
        assertThat(((PatternLayoutEncoder) appender.getEncoder()).getPattern())
                .isEqualTo("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n");
        assertThat(context.getLogger("org.apache.kafka.clients.producer.KafkaProducer").getEffectiveLevel())
                .isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.fabric8.kubernetes.client").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.heapstream.collector.ScrapeLoop").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void rootLevelFromHeapstreamLogLevelInfoWhenUnsetOrUnknown() {
        assertThat(LoggingConfigurator.rootLevel(Map.of("HEAPSTREAM_LOG_LEVEL", "debug"))).isEqualTo(Level.DEBUG);
        assertThat(LoggingConfigurator.rootLevel(Map.of("HEAPSTREAM_LOG_LEVEL", "WARN"))).isEqualTo(Level.WARN);
        assertThat(LoggingConfigurator.rootLevel(Map.of("HEAPSTREAM_LOG_LEVEL", "loud"))).isEqualTo(Level.INFO);
        assertThat(LoggingConfigurator.rootLevel(Map.of())).isEqualTo(Level.INFO);
    }

    @Test
    void logbackFindsItAsAServiceBeforeAnyXml() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(LoggingConfigurator.class);
    }
}
