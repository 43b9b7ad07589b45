package io.heapstream.model;

import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka serde for one record type, with {@link Json#mapper()}. Unreadable bytes raise Kafka's
 * {@link SerializationException} naming the type, so that clients' and Streams' error handlers (dead-letter
 * topics) see a deserialization error, not a crash. {@code null} stays {@code null} (tombstones). A type with a
 * streaming reader in {@code codec} reads through it, with the same wrapping.
 */
public final class JsonSerde<T> implements Serde<T> {
    private final Class<T> type;
    private final Reader<T> reader;

    /** Reads one record's bytes; throws what the model mapper would for bytes that are not one. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(byte[] bytes) throws IOException;
    }

    public JsonSerde(Class<T> type) {
        this(type, bytes -> Json.mapper().readValue(bytes, type));
    }

    public JsonSerde(Class<T> type, Reader<T> reader) {
        this.type = type;
        this.reader = reader;
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            if (value == null) {
                return null;
            }
            try {
                return Json.mapper().writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + type.getSimpleName() + " for topic " + topic, e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return reader.read(bytes);
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("cannot read " + type.getSimpleName() + " from topic " + topic
                        + " (" + bytes.length + " bytes): " + e.getMessage(), e);
            }
        };
    }
}
