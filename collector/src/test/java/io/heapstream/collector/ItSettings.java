package io.heapstream.collector;

/** Settings the integration tests share. */
final class ItSettings {
    /**
     * gzip, not the production zstd: the test kit's child broker is started without the runtime-scoped
     * compression libraries of kafka-clients (zstd-jni, lz4-java), so it answers zstd batches with
     * UnknownServerException. gzip is in the JDK. Switch back once the kit's broker classpath carries them.
     */
    static final String COMPRESSION = "gzip";

    private ItSettings() { }
}
