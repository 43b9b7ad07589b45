package io.heapstream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapstream.app.e2e.InfluxQuery;
import io.heapstream.model.Topics;
import io.heapstream.model.rollup.MetricStats;
import io.heapstream.model.rollup.Rollup;
import io.heapstream.model.rollup.RollupKey;
import io.heapstream.testkit.TestServices;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code heapstream replay rollups} as a user runs it, on the real broker and InfluxDB: a rollup topic of six 1 min
 * windows whose first two retention has deleted. What the topic cannot answer, and names InfluxDB refuses, are one
 * line and exit 2 with nothing written; what cannot be reached is retried, then exit 1 with the reason.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayCommandIT {
    private static final Instant T0 = Instant.parse("2025-06-02T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private String bootstrap;
    private String influxUrl;
    private String prefix;

    private record Run(int exitCode, String out, String err) { }

    @BeforeAll
    void aRollupTopicWithItsOldestRecordsDeleted() throws Exception {
        bootstrap = TestServices.kafkaBootstrap();
        influxUrl = TestServices.influxUrl();
        prefix = TestServices.unique("replaycli") + ".rollup.";
        var topic = TestServices.createTopic(bootstrap, prefix + "1m", 1);
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 6; i++) {
                var rollup = rollup(T0.plus(MINUTE.multipliedBy(i)), i);
                producer.send(new ProducerRecord<>(topic, null, rollup.windowStart().toEpochMilli(),
                        Topics.ROLLUP_KEY.serializer().serialize(topic, rollup.key()),
                        Topics.ROLLUP.serializer().serialize(topic, rollup))).get();
            }
        }
        try (var admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteRecords(Map.of(new TopicPartition(topic, 0), RecordsToDelete.beforeOffset(2))).all().get();
        }
    }

    private static Rollup rollup(Instant start, double value) {
        return new Rollup(Rollup.SCHEMA_VERSION, RollupKey.node("c1", "n1"), MINUTE, start, start.plus(MINUTE),
                List.of(new MetricStats("cpu/usage_rate", null, 4, value, value, value, value)), Map.of(), null);
    }

    private Run replay(String database, String... more) {
        var args = new ArrayList<>(List.of("replay", "rollups", "--rollup-topic-prefix", prefix, "--resolution", "1m",
                "--retention", "1m=inf", "--influx-db", database));
        args.addAll(List.of(more));
        // a flag may be given once: the test's own broker and InfluxDB unless the test names others
        if (!args.contains("--kafka-bootstrap")) {
            args.addAll(List.of("--kafka-bootstrap", bootstrap));
        }
        if (!args.contains("--influx-url")) {
            args.addAll(List.of("--influx-url", influxUrl));
        }
        var out = new StringWriter();
        var err = new StringWriter();
        var commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private List<?> points(String database) {
        return new InfluxQuery(influxUrl, database).points("rp_1m", Instant.now());
    }

    private String database(String what) {
        return prefix.replace('.', '_').replace('-', '_') + what;
    }

    @Test
    void theWindowsWhollyInsideTheRangeAreWrittenAndTheSummarySaysSo() {
        var database = database("ok");
        var run = replay(database, "--from", T0.plus(Duration.ofSeconds(150)).toString(), "--to",
                T0.plus(MINUTE.multipliedBy(5)).toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // 10:02:30 .. 10:05: 10:03 and 10:04 are whole; 10:02 straddles --from; 10:05 is read, not written
        assertThat(points(database)).hasSize(2);
        assertThat(run.out().strip()).startsWith("replay done: 3 rollups read").contains(" 2 rollups,")
                .contains("2 points written");
    }

    @Test
    void aRetentionPolicyOfTheUsersChoiceTakesEveryPoint() {
        var database = database("rp");
        var run = replay(database, "--retention-policy", "rebuilt", "--from",
                T0.plus(MINUTE.multipliedBy(2)).toString(), "--to", T0.plus(MINUTE.multipliedBy(5)).toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(new InfluxQuery(influxUrl, database).points("rebuilt", Instant.now())).hasSize(3);
    }

    @Test
    void fromOlderThanTheTopicHoldsSaysPerPartitionWhatIsLeft() {
        var database = database("old");
        var run = replay(database, "--from", T0.toString(), "--to", T0.plus(MINUTE.multipliedBy(5)).toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("no longer holds 2025-06-02T10:00:00Z on partition(s) 0")
                .contains("p0 2025-06-02T10:02:00Z onwards (4 records)");
        assertThatNothingWasWritten(database);
    }

    @Test
    void aRangeWithoutRecordsIsRefused() {
        var database = database("empty");
        var run = replay(database, "--from", T0.plus(Duration.ofHours(1)).toString(), "--to",
                T0.plus(Duration.ofHours(2)).toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("has no record stamped in [2025-06-02T11:00:00Z, 2025-06-02T12:00:00Z)");
        assertThatNothingWasWritten(database);
    }

    @Test
    void aDatabaseNameInfluxDbRefusesIsOneLineAndExitTwo() {
        var run = replay("a/b", "--from", T0.plus(MINUTE.multipliedBy(2)).toString(), "--to",
                T0.plus(MINUTE.multipliedBy(5)).toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("InfluxDB refuses database a/b").contains("invalid name");
    }

    @Test
    void aMissingDatabaseWithNoCreateIsRefused() {
        var database = database("nocreate");
        var run = replay(database, "--no-create", "--from", T0.plus(MINUTE.multipliedBy(2)).toString(), "--to",
                T0.plus(MINUTE.multipliedBy(5)).toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("InfluxDB refuses database " + database).contains("database not found");
    }

    @Test
    void anUnreachableInfluxDbIsRetriedThenFailsWithTheReason() {
        var run = replay(database("down"), "--influx-url", "http://127.0.0.1:1", "--give-up-after", "2s", "--from",
                T0.plus(MINUTE.multipliedBy(2)).toString(), "--to", T0.plus(MINUTE.multipliedBy(5)).toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("InfluxDB unreachable for 2s");
    }

    @Test
    void anUnreachableBrokerIsRetriedThenFailsWithTheReason() {
        var run = replay(database("nokafka"), "--kafka-bootstrap", "127.0.0.1:1", "--give-up-after", "3s",
                "--from", T0.plus(MINUTE.multipliedBy(2)).toString(), "--to",
                T0.plus(MINUTE.multipliedBy(5)).toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot reach Kafka at 127.0.0.1:1 within 3s");
    }

    private void assertThatNothingWasWritten(String database) {
        assertThat(new InfluxQuery(influxUrl, "_internal").databases()).doesNotContain(database);
    }
}
