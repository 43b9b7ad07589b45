package io.heapstream.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Every role's logging, set up in code: one line per event on stderr, the client libraries at WARN, the rest at
 * {@code HEAPSTREAM_LOG_LEVEL} (INFO by default). Logback finds it as a service before it looks for XML, so no
 * XML parser and none of Joran's classes are loaded: ≈ 700 classes and a few MB of metadata in every JVM, the
 * collector's on every node (issue 19, docs/benchmarks-collector.md). An operator's own
 * {@code -Dlogback.configurationFile} (or a {@code logback.xml} on the classpath) still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n";
    /** Client libraries log every connection and config at INFO; their warnings only. */
    static final String[] QUIET = {"org.apache.kafka", "io.fabric8", "org.influxdb", "okhttp3", "org.testcontainers"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = LoggingConfigurator.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        var encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        var stderr = new ConsoleAppender<ILoggingEvent>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        for (String name : QUIET) {
            context.getLogger(name).setLevel(Level.WARN);
        }
        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel(System.getenv()));
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code HEAPSTREAM_LOG_LEVEL} (a system property of that name first, as the XML's substitution read it). */
    static Level rootLevel(Map<String, String> env) {
        String value = System.getProperty("HEAPSTREAM_LOG_LEVEL", env.get("HEAPSTREAM_LOG_LEVEL"));
        return Level.toLevel(value, Level.INFO);
    }
}
