package io.heapstream.aggregator.bench;

import io.heapstream.local.KafkaBrokerMain;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * A KRaft broker for the benchmark, in a child JVM with production-like settings: the test kit's broker is
 * tuned to start fast (C1 only, 768 MB, a 2 s broker session), which under a benchmark's load made it fence
 * itself. Same jars (heapstream-local's broker classpath), default Kafka timeouts, a 2 GB heap, full JIT.
 */
final class BenchBroker implements AutoCloseable {
    private final Process process;
    final String bootstrap;
    final Path home;

    private BenchBroker(Process process, String bootstrap, Path home) {
        this.process = process;
        this.bootstrap = bootstrap;
        this.home = home;
    }

    static BenchBroker launch() throws Exception {
        int port = freePort();
        int controller = freePort();
        var home = Files.createTempDirectory("heapstream-bench-kafka-");
        var props = home.resolve("server.properties");
        Files.writeString(props, String.join("\n",
                "process.roles=broker,controller", "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller, "controller.listener.names=CONTROLLER",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port, "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + home.resolve("data"), "auto.create.topics.enable=false", "num.partitions=1",
                "offsets.topic.replication.factor=1", "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1", "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1", "group.initial.rebalance.delay.ms=0", ""));
        var log4j = home.resolve("log4j2.properties");
        Files.writeString(log4j, String.join("\n", "rootLogger.level=warn", "rootLogger.appenderRef.f.ref=f",
                "appender.f.type=File", "appender.f.name=f", "appender.f.fileName=" + home.resolve("broker.log"),
                "appender.f.layout.type=PatternLayout", "appender.f.layout.pattern=[%d] %p %m (%c)%n", ""));
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = List.of(java, "-Xms2g", "-Xmx2g", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j, "-cp", classpath(), KafkaBrokerMain.class.getName(),
                props.toString(), home.resolve("data").toString(), UUID.randomUUID().toString().substring(0, 22)
                        .replace("-", "A"));
        var process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("console.log").toFile()).start();
        var broker = new BenchBroker(process, "127.0.0.1:" + port, home);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("bench broker did not start; see " + home.resolve("console.log"));
            }
            Thread.sleep(200);
        }
        Thread.sleep(3000); // let the controller unfence the broker
        return broker;
    }

    /** The local module's jar first (KafkaBrokerMain), then the broker jars its build resolved. */
    private static String classpath() throws IOException {
        try (InputStream in = KafkaBrokerMain.class.getResourceAsStream("kafka-broker.classpath")) {
            if (in == null) {
                throw new IllegalStateException("no kafka-broker.classpath in heapstream-local: build it in the reactor (bench/aggregator/run.sh)");
            }
            var kit = Path.of(KafkaBrokerMain.class.getProtectionDomain().getCodeSource().getLocation().getPath());
            return kit + java.io.File.pathSeparator + new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** CPU seconds the broker JVM has used so far (Linux /proc), or NaN where that cannot be read. */
    double cpuSeconds() {
        try {
            var stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime + stime
            return ticks / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Stops the broker and deletes its data (a full run leaves gigabytes); idempotent. */
    @Override
    public synchronized void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(home);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }

}
