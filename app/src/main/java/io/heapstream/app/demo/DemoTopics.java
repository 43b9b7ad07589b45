package io.heapstream.app.demo;

import io.heapstream.model.Topics;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The public topics, created before any stage starts: the embedded broker, like a locked-down production one,
 * creates none by itself (docs/topics.md lists the same topics for a real cluster).
 */
final class DemoTopics {
    /** Rollups are keyed by series: a few partitions spread the writer's work. */
    static final int ROLLUP_PARTITIONS = 2;

    private DemoTopics() { }

    static void create(String bootstrap, DemoSettings settings) {
        var topics = new ArrayList<NewTopic>();
        topics.add(new NewTopic(Topics.DEFAULT_RAW, settings.rawPartitions(), (short) 1));
        for (var resolution : settings.resolutions()) {
            topics.add(new NewTopic(Topics.DEFAULT_ROLLUP_PREFIX + Topics.suffix(resolution), ROLLUP_PARTITIONS,
                    (short) 1));
        }
        topics.add(new NewTopic(Topics.DEFAULT_LATE, 1, (short) 1));
        topics.add(new NewTopic(Topics.DEFAULT_DEAD_LETTER, 1, (short) 1));
        try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the demo's topics on " + bootstrap + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the demo's topics", e);
        }
    }
}
