package io.heapstream.aggregator;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits until the raw topic exists and says how many partitions it has. In a fresh cluster the roles start in
 * any order: an aggregator that exits because the collector (or the operator) has not made the topic yet only
 * crash-loops. While waiting it says so every few seconds, naming the topic and what to do; {@code /readyz}
 * stays false because Streams has not started.
 */
final class RawTopicWait {
    private static final Logger LOG = LoggerFactory.getLogger(RawTopicWait.class);
    static final Duration POLL = Duration.ofSeconds(5);

    private RawTopicWait() { }

    /**
     * The raw topic's partition count, once it exists and its broker answers; {@code -1} when {@code stopped}
     * turned true first. Errors other than "not there yet" and "broker not reachable yet" (e.g. no Describe
     * permission) end the wait: with {@code configured} partitions (--raw-partitions) those are used, else the
     * error is thrown.
     */
    static int partitions(Map<String, Object> adminProps, String topic, int configured, BooleanSupplier stopped)
            throws InterruptedException {
        try (var admin = Admin.create(adminProps)) {
            while (!stopped.getAsBoolean()) {
                String why;
                try {
                    return admin.describeTopics(List.of(topic)).allTopicNames()
                            .get(POLL.toMillis(), TimeUnit.MILLISECONDS).get(topic).partitions().size();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
                            && !(e.getCause() instanceof RetriableException)) {
                        if (configured > 0) {
                            LOG.warn("cannot look up raw topic {} ({}); starting with --raw-partitions {}", topic,
                                    e.getCause().getMessage(), configured);
                            return configured;
                        }
                        throw new IllegalStateException("cannot read the partition count of raw topic " + topic
                                + " (set --raw-partitions to skip the lookup): " + e.getCause().getMessage(), e);
                    }
                    why = e.getCause() instanceof UnknownTopicOrPartitionException ? "does not exist yet"
                            : "cannot be looked up yet (" + e.getCause().getClass().getSimpleName() + ")";
                } catch (TimeoutException e) {
                    why = "cannot be looked up yet (no broker answered within " + POLL.toSeconds() + " s)";
                }
                LOG.warn("raw topic {} {}; waiting for it, not ready (create it as docs/topics.md says,"
                        + " or check --raw-topic / --kafka-bootstrap)", topic, why);
                Thread.sleep(POLL.toMillis());
            }
            return -1;
        }
    }
}
