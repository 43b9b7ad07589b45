package io.heapstream.app.replay;

import io.heapstream.aggregator.config.AggregatorConfig;
import io.heapstream.app.e2e.InfluxPoint;
import io.heapstream.app.e2e.InfluxQuery;
import io.heapstream.model.Topics;
import io.heapstream.model.codec.RawScrapeWriter;
import io.heapstream.simulator.Fleet;
import io.heapstream.simulator.FleetSpec;
import io.heapstream.testkit.TestServices;
import io.heapstream.writer.WriterConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A small simulated history on the real broker, and the live aggregator's and writer's settings for it: two
 * clusters with churn, 2 s scrapes, 10 s windows, 1 min coarse windows, three raw partitions; one node's scrapes
 * of one window come late.
 */
final class ReplayFixture {
    static final Instant T0 = Instant.parse("2025-06-02T00:00:00Z");
    static final Duration SCRAPE = Duration.ofSeconds(2);
    static final Duration WINDOW = Duration.ofSeconds(10);
    static final Duration GRACE = Duration.ofSeconds(2);
    static final Duration COARSE = Duration.ofMinutes(1);
    /** The history: three coarse windows, and a window and the grace after them so that they all close. */
    static final Instant HISTORY_END = T0.plus(COARSE.multipliedBy(3)).plus(WINDOW).plus(GRACE).plus(SCRAPE);
    static final int RAW_PARTITIONS = 3;
    /** EndToEndIT's nodes (they cover all three raw partitions, so no partition holds the totals back), fewer pods. */
    static final FleetSpec SPEC = new FleetSpec(2, 3, 4, 2, 7, SCRAPE, new FleetSpec.Churn(8, 6));

    /** The window whose scrapes of one node arrive late. */
    static final Instant WITHHELD = T0.plus(Duration.ofSeconds(90));

    final String bootstrap;
    private final List<ProducerRecord<String, byte[]>> withheld = new ArrayList<>();
    final String influxUrl;
    final String name;

    ReplayFixture(String bootstrap, String influxUrl, String name) {
        this.bootstrap = bootstrap;
        this.influxUrl = influxUrl;
        this.name = name;
    }

    String raw() {
        return name + ".raw";
    }

    String rollupPrefix() {
        return name + ".rollup.";
    }

    String late() {
        return name + ".late";
    }

    void createTopics() {
        var keep = Map.of("retention.ms", "-1");
        var topics = new ArrayList<NewTopic>();
        topics.add(new NewTopic(raw(), RAW_PARTITIONS, (short) 1).configs(keep));
        topics.add(new NewTopic(rollupPrefix() + Topics.suffix(WINDOW), 2, (short) 1).configs(keep));
        topics.add(new NewTopic(rollupPrefix() + Topics.suffix(COARSE), 2, (short) 1).configs(keep));
        topics.add(new NewTopic(late(), 1, (short) 1).configs(keep));
        topics.add(new NewTopic(name + ".dead-letter", 1, (short) 1).configs(keep));
        TestServices.createTopics(bootstrap, topics);   // produceHistory() starts at once
    }

    Admin admin() {
        return Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /**
     * The history, every node at every slot, less the first node's scrapes of {@link #WITHHELD}: those wait for
     * {@link #produceWithheld()}, which sends them after the live run has closed their window (so the live run sends
     * them to the late topic). Each record stamped with its slot, as the collector stamps it.
     */
    long produceHistory() {
        var fleet = new Fleet(SPEC, T0);
        var late = fleet.nodeRefs().get(0);
        long sent = 0;
        try (var producer = producer()) {
            for (var slot = T0; slot.isBefore(HISTORY_END); slot = slot.plus(SCRAPE)) {
                for (var node : fleet.nodeRefs()) {
                    var record = new ProducerRecord<>(raw(), null, slot.toEpochMilli(), node.key(),
                            RawScrapeWriter.write(fleet.scrape(node.cluster(), node.node(), slot)));
                    if (node.equals(late) && !slot.isBefore(WITHHELD) && slot.isBefore(WITHHELD.plus(WINDOW))) {
                        withheld.add(record);
                    } else {
                        producer.send(record);
                        sent++;
                    }
                }
            }
            producer.flush();
        }
        return sent;
    }

    /** The withheld scrapes, late now. */
    int produceWithheld() {
        try (var producer = producer()) {
            withheld.forEach(producer::send);
            producer.flush();
        }
        return withheld.size();
    }

    /**
     * One batch in flight per partition: a partition whose leader is announced but not yet hosting it answers the
     * first batch NOT_LEADER_OR_FOLLOWER, and with five in flight the idempotent producer's later batches then
     * came back OUT_OF_ORDER_SEQUENCE_NUMBER, retried a second apart for up to 70 s on the loaded build machine.
     */
    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new ByteArraySerializer());
    }

    AggregatorConfig aggregator(String stateDir) {
        return AggregatorConfig.fromMap(Map.ofEntries(
                Map.entry("HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap),
                Map.entry("HEAPSTREAM_APPLICATION_ID", name + "-aggregator"),
                Map.entry("HEAPSTREAM_RAW_TOPIC", raw()),
                Map.entry("HEAPSTREAM_ROLLUP_TOPIC_PREFIX", rollupPrefix()),
                Map.entry("HEAPSTREAM_LATE_TOPIC", late()),
                Map.entry("HEAPSTREAM_DEAD_LETTER_TOPIC", name + ".dead-letter"),
                Map.entry("HEAPSTREAM_WINDOW", Topics.suffix(WINDOW)),
                Map.entry("HEAPSTREAM_GRACE", Topics.suffix(GRACE)),
                Map.entry("HEAPSTREAM_RESOLUTIONS", Topics.suffix(COARSE)),
                // past the whole run: windows close on the scrapes' own time, never on the wall clock's
                Map.entry("HEAPSTREAM_IDLE_TIMEOUT", "10m"),
                Map.entry("HEAPSTREAM_RAW_PARTITIONS", Integer.toString(RAW_PARTITIONS)),
                Map.entry("HEAPSTREAM_STATE_DIR", stateDir),
                Map.entry("HEAPSTREAM_COMMIT_INTERVAL", "200ms"),
                Map.entry("HEAPSTREAM_CACHE_MAX_BYTES", "8Mi"),
                Map.entry("HEAPSTREAM_ROCKSDB_BLOCK_CACHE", "8Mi"),
                Map.entry("HEAPSTREAM_ROCKSDB_WRITE_BUFFER", "4Mi")));
    }

    WriterConfig writer(String schema, String database) {
        return WriterConfig.fromMap(Map.of(
                "HEAPSTREAM_KAFKA_BOOTSTRAP", bootstrap,
                "HEAPSTREAM_GROUP_ID", name + "-writer-" + schema,
                "HEAPSTREAM_ROLLUP_TOPIC_PREFIX", rollupPrefix(),
                "HEAPSTREAM_DEAD_LETTER_TOPIC", name + ".dead-letter",
                "HEAPSTREAM_INFLUX_URL", influxUrl,
                "HEAPSTREAM_INFLUX_DB", database,
                "HEAPSTREAM_SCHEMA", schema,
                "HEAPSTREAM_RETENTION", retention(),
                "HEAPSTREAM_FLUSH_INTERVAL", "200ms"));
    }

    /** Points from the past: kept forever, or InfluxDB would drop them as beyond retention. */
    static String retention() {
        return Topics.suffix(WINDOW) + "=inf," + Topics.suffix(COARSE) + "=inf";
    }

    /**
     * Every point of a database whose window lies inside [from, to), sorted by id: what a replay of that range
     * must reproduce. {@code policies} maps each resolution's retention policy to the resolution.
     */
    List<InfluxPoint> points(String database, Map<String, Duration> policies, Instant from, Instant to) {
        var query = new InfluxQuery(influxUrl, database);
        var out = new ArrayList<InfluxPoint>();
        policies.forEach((policy, resolution) -> query.points(policy, to).stream()
                .filter(p -> p.timeMillis() >= from.toEpochMilli()
                        && p.timeMillis() + resolution.toMillis() <= to.toEpochMilli())
                .forEach(out::add));
        out.sort(Comparator.comparing(InfluxPoint::id));
        return out;
    }
}
