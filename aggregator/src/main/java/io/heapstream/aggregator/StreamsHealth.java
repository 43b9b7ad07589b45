package io.heapstream.aggregator;

import org.apache.kafka.streams.KafkaStreams;

/**
 * What {@code /readyz} and {@code /healthz} mean for a role that runs one {@link KafkaStreams} (the aggregator,
 * the alerter): ready once RUNNING (assigned, restored, processing); alive until it failed or stopped, so the
 * orchestrator restarts a process whose stream thread died.
 */
public final class StreamsHealth {
    private StreamsHealth() { }

    /** {@code null} (not started yet) is not ready. */
    public static boolean isReady(KafkaStreams streams) {
        return streams != null && streams.state() == KafkaStreams.State.RUNNING;
    }

    /** {@code null} (not started yet) is alive. */
    public static boolean isAlive(KafkaStreams streams) {
        if (streams == null) {
            return true;
        }
        var state = streams.state();
        return !(state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
                || state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_SHUTDOWN);
    }
}
