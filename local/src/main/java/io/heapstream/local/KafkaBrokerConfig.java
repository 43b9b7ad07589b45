package io.heapstream.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The files a test broker runs from: a KRaft {@code server.properties} for one combined broker+controller
 * on loopback, and a log4j2 configuration that sends the broker's own log to a file at WARN.
 *
 * @param brokerPort     PLAINTEXT listener, what clients bootstrap from
 * @param controllerPort CONTROLLER listener, the single-voter quorum
 * @param home           the broker's directory: data in {@code data/}, logs beside it
 */
record KafkaBrokerConfig(int brokerPort, int controllerPort, Path home) {

    Path dataDir() {
        return home.resolve("data");
    }

    Path serverProperties() {
        return home.resolve("server.properties");
    }

    Path log4jConfig() {
        return home.resolve("log4j2.properties");
    }

    Path brokerLog() {
        return home.resolve("broker.log");
    }

    /** The child JVM's stdout/stderr: formatting output and anything printed before log4j starts. */
    Path consoleLog() {
        return home.resolve("broker.out");
    }

    String bootstrap() {
        return Loopback.HOST + ":" + brokerPort;
    }

    Map<String, String> serverSettings() {
        var s = new LinkedHashMap<String, String>();
        s.put("process.roles", "broker,controller");
        s.put("node.id", "1");
        // A static one-voter quorum: no --standalone/bootstrap dance, and restarts on the same ports just work.
        s.put("controller.quorum.voters", "1@" + Loopback.HOST + ":" + controllerPort);
        s.put("controller.listener.names", "CONTROLLER");
        s.put("listeners", "PLAINTEXT://" + Loopback.HOST + ":" + brokerPort
                + ",CONTROLLER://" + Loopback.HOST + ":" + controllerPort);
        s.put("advertised.listeners", "PLAINTEXT://" + bootstrap());
        s.put("inter.broker.listener.name", "PLAINTEXT");
        s.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        s.put("log.dirs", dataDir().toString());
        // Topics are created explicitly, as on a locked-down production cluster: a stage that leans on
        // auto-creation fails here instead of passing with a one-partition topic it never asked for.
        s.put("auto.create.topics.enable", "false");
        s.put("num.partitions", "1");
        s.put("default.replication.factor", "1");
        s.put("min.insync.replicas", "1");
        s.put("offsets.topic.replication.factor", "1");
        s.put("offsets.topic.num.partitions", "5");
        s.put("transaction.state.log.replication.factor", "1");
        s.put("transaction.state.log.min.isr", "1");
        s.put("transaction.state.log.num.partitions", "5");
        s.put("share.coordinator.state.topic.replication.factor", "1");
        s.put("share.coordinator.state.topic.min.isr", "1");
        s.put("group.initial.rebalance.delay.ms", "0");
        // After a SIGKILL the controller refuses the restarted broker's registration until the old
        // session expires (default 9 s); a shorter session makes kill-and-restart tests quicker. Not much
        // shorter: at 2 s a broker starved of CPU on a loaded 2-core machine missed heartbeats and fenced itself.
        s.put("broker.heartbeat.interval.ms", "1000");
        s.put("broker.session.timeout.ms", "6000");
        // The cleaner's default 128 MiB dedupe buffer is heap a test broker doesn't need.
        s.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return s;
    }

    String serverPropertiesText() {
        return serverPropertiesText(Map.of());
    }

    /** The kit's settings with {@code overrides} over them. */
    String serverPropertiesText(Map<String, String> overrides) {
        var settings = serverSettings();
        settings.putAll(overrides);
        return render(settings);
    }

    String log4jText() {
        var s = new LinkedHashMap<String, String>();
        s.put("status", "warn");
        s.put("appender.file.type", "File");
        s.put("appender.file.name", "file");
        s.put("appender.file.fileName", brokerLog().toString());
        s.put("appender.file.layout.type", "PatternLayout");
        s.put("appender.file.layout.pattern", "[%d] %p %m (%c)%n");
        s.put("rootLogger.level", "warn");
        s.put("rootLogger.appenderRef.file.ref", "file");
        // One INFO line per start and stop, so the log shows when the broker was up.
        s.put("logger.server.name", "kafka.server.KafkaRaftServer");
        s.put("logger.server.level", "info");
        return render(s);
    }

    private static String render(Map<String, String> settings) {
        return settings.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
