package io.heapstream.app.replay;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a raw replay creates on the brokers, under its own name and nowhere else: the group
 * {@code heapstream-replay-<id>} (no offsets in it) and the topic {@code heapstream-replay-<id>-totals} that carries
 * the node stages' contributions to the totals stages, as the live aggregator's repartition topic does. Created by
 * the first process of a replay, left by an interrupted one (its rerun reuses it: see {@link TotalsStage}), and
 * removed by the last process to finish: the one that finds the group empty once it has left it.
 */
final class TotalsTopic {
    private static final Logger LOG = LoggerFactory.getLogger(TotalsTopic.class);

    private final ReplayKafka kafka;

    TotalsTopic(ReplayKafka kafka) {
        this.kafka = kafka;
    }

    String name() {
        return kafka.group() + "-totals";
    }

    /** Creates the topic with one partition per raw partition, unless a process of the replay did already. */
    void create(int partitions) throws InterruptedException {
        try (var admin = kafka.admin()) {
            try {
                admin.createTopics(List.of(new NewTopic(name(), Optional.of(partitions), Optional.empty())))
                        .all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new ReplayFailure("cannot create the replay's topic " + name() + ": " + e.getCause());
                }
            }
            int found;
            try {
                found = admin.describeTopics(List.of(name())).allTopicNames().get().get(name()).partitions().size();
            } catch (ExecutionException e) {
                throw new ReplayFailure("cannot read the replay's topic " + name() + ": " + e.getCause());
            }
            if (found != partitions) {
                throw new ReplayFailure("the replay's topic " + name() + " has " + found + " partitions, the raw topic "
                        + partitions + ": delete it (left by a replay of this --replay-id before the raw topic grew)");
            }
        }
    }

    /** After this process left the group: removes the group and the topic if no other process is still in it. */
    void removeIfLast() throws InterruptedException {
        try (var admin = kafka.admin()) {
            try {
                admin.deleteConsumerGroups(List.of(kafka.group())).all().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof GroupNotEmptyException) {
                    LOG.info("replay group {} still has processes: the last one removes topic {}", kafka.group(), name());
                    return;
                }
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    LOG.warn("cannot remove the replay group {}: {}", kafka.group(), e.getCause().toString());
                    return;
                }
            }
            try {
                admin.deleteTopics(List.of(name())).all().get();
                LOG.info("removed replay group {} and topic {}", kafka.group(), name());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    LOG.warn("cannot remove the replay's topic {}: {}", name(), e.getCause().toString());
                }
            }
        }
    }
}
