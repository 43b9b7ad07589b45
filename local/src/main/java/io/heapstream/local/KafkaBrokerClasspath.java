package io.heapstream.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where the child broker JVM finds Kafka. First the classpath this module's build wrote
 * ({@code kafka-broker.classpath}: kafka_2.13 and the log4j2 binding, absolute paths into the local Maven
 * repository), provided every entry still exists; else the test JVM's own classpath, when it can load
 * {@code kafka.Kafka}. Either way the kit's own classes come first, for {@link KafkaBrokerMain}.
 */
final class KafkaBrokerClasspath {

    static final String RESOURCE = "kafka-broker.classpath";

    private KafkaBrokerClasspath() { }

    /** The classpath, or empty when this machine has no Kafka broker jars for us. */
    static Optional<String> find() {
        return fromBuild()
                .or(KafkaBrokerClasspath::fromCurrentJvm)
                .map(classpath -> kitLocation() + File.pathSeparator + classpath);
    }

    static Optional<String> fromBuild() {
        try (InputStream in = KafkaBrokerClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Optional.empty();
            }
            var text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return allEntriesExist(text) ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static boolean allEntriesExist(String classpath) {
        if (classpath.isEmpty()) {
            return false;
        }
        return Arrays.stream(classpath.split(File.pathSeparator)).allMatch(entry -> Files.exists(Path.of(entry)));
    }

    private static Optional<String> fromCurrentJvm() {
        try {
            Class.forName("kafka.Kafka", false, KafkaBrokerClasspath.class.getClassLoader());
            return Optional.of(System.getProperty("java.class.path"));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static String kitLocation() {
        try {
            return Path.of(KafkaBrokerClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the local module's classes", e);
        }
    }
}
