package io.heapstream.model;

import static java.util.Objects.requireNonNull;

import org.apache.kafka.common.serialization.Serde;

/**
 * A topic with the serdes of its keys and values. Producers, the topology and consumers all take serdes from
 * the same {@code Topic}, so stages cannot disagree on the wire format.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    public Topic {
        requireNonNull(name, "name");
        requireNonNull(keySerde, "keySerde");
        requireNonNull(valueSerde, "valueSerde");
        if (name.isBlank()) {
            throw new IllegalArgumentException("topic name must not be blank");
        }
    }

    /** The same topic under another name (a user's override). */
    public Topic<K, V> named(String otherName) {
        return new Topic<>(otherName, keySerde, valueSerde);
    }
}
