package io.heapstream.app.e2e;

import io.heapstream.model.Topics;
import io.heapstream.testkit.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The topics of one end-to-end run on the test kit's broker, named after the run ({@code <name>.raw},
 * {@code <name>.rollup.<resolution>}, {@code .late}, {@code .dead-letter}). The runs' time is in the past, so
 * the topics keep everything: the broker's time-based retention would otherwise delete the records at once.
 */
public record RunTopics(String bootstrap, String name, String raw, String rollupPrefix) {

    public static RunTopics create(String prefix, int rawPartitions, int rollupPartitions,
                                   List<Duration> resolutions) throws Exception {
        var bootstrap = TestServices.kafkaBootstrap();
        var name = TestServices.unique(prefix);
        var run = new RunTopics(bootstrap, name, name + ".raw", name + ".rollup.");
        var keep = Map.of("retention.ms", "-1");
        var topics = new ArrayList<NewTopic>();
        topics.add(new NewTopic(run.raw(), rawPartitions, (short) 1).configs(keep));
        resolutions.forEach(r -> topics.add(new NewTopic(run.rollupPrefix() + Topics.suffix(r), rollupPartitions,
                (short) 1).configs(keep)));
        topics.add(new NewTopic(name + ".late", 1, (short) 1).configs(keep));
        topics.add(new NewTopic(name + ".dead-letter", 1, (short) 1).configs(keep));
        TestServices.createTopics(bootstrap, topics);
        return run;
    }

    /**
     * The writer's settings for this run into database {@code <name>} at {@code influxUrl}: every resolution
     * kept forever (the points are from the past; InfluxDB would drop them as beyond retention), a short flush.
     * Add to the map before {@code WriterConfig.fromMap}, e.g. the schema.
     */
    public Map<String, String> writerSettings(String influxUrl, List<Duration> resolutions) {
        var settings = new HashMap<String, String>();
        settings.put("HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap);
        settings.put("HEAPSTREAM_GROUP_ID", name + "-writer");
        settings.put("HEAPSTREAM_ROLLUP_TOPIC_PREFIX", rollupPrefix);
        settings.put("HEAPSTREAM_DEAD_LETTER_TOPIC", name + ".dead-letter");
        settings.put("HEAPSTREAM_INFLUX_URL", influxUrl);
        settings.put("HEAPSTREAM_INFLUX_DB", name);
        settings.put("HEAPSTREAM_RETENTION", resolutions.stream().map(r -> Topics.suffix(r) + "=inf")
                .collect(Collectors.joining(",")));
        settings.put("HEAPSTREAM_FLUSH_INTERVAL", "200ms");
        return settings;
    }
}
