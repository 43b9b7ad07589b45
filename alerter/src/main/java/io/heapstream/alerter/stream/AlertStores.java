package io.heapstream.alerter.stream;

import io.heapstream.alerter.engine.AlertState;
import io.heapstream.model.JsonSerde;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The names of one alert processor's two stores: the standalone topology's ({@link AlertTopology#STATES},
 * {@link AlertTopology#PREVIOUS}), or one pair per aggregator stage when the rules run inside the aggregator
 * ({@link EmbeddedAlertTap}). Names are what upgrades keep state by: never change them.
 *
 * @param states   pending and firing alerts (and watched series of absence rules), keyed by fingerprint
 * @param previous the last value of each metric read with increase(), keyed {@code fingerprint/metric}
 */
record AlertStores(String states, String previous) {

    /** Both stores, persistent, as the processor expects them. */
    Set<StoreBuilder<?>> builders() {
        // in this order, as the standalone topology always added them (its --describe stays the same)
        return new LinkedHashSet<>(List.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(states), Serdes.String(),
                        new JsonSerde<>(AlertState.class)),
                // a window store, so that what series that are gone left behind expires with its segments
                Stores.windowStoreBuilder(Stores.persistentWindowStore(previous, AlertTopology.PREVIOUS_RETENTION,
                        Duration.ofMillis(1), false), Serdes.String(), Serdes.Double())));
    }
}
