package io.heapstream.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.heapstream.collector.CollectorMetrics;
import io.heapstream.model.Topics;
import io.heapstream.model.raw.NodeStats;
import io.heapstream.model.raw.RawScrape;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The publisher's contract with a producer that answers when the test says so. */
class RawPublisherTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RawPublisher publisher = new RawPublisher(producer, Topics.raw("raw"), 1 << 20,
            Duration.ofSeconds(30), new CollectorMetrics(registry));

    @AfterEach
    void close() {
        publisher.close(Duration.ZERO);
    }

    private static RawScrape scrape(int slot) {
        var node = new NodeStats("n1", null, null, null, null, null, null, List.of(), null);
        return new RawScrape(RawScrape.SCHEMA_VERSION, "c1", "n1", T0.plusSeconds(15L * slot), node, List.of());
    }

    private double count(String name) {
        return registry.get(name).counter().count();
    }

    @Test
    void recordsGoOutOneAtATimeKeyedByClusterAndNodeWithTheSlotAsTimestamp() {
        publisher.start();
        publisher.publish(scrape(0));
        publisher.publish(scrape(1));

        await().until(() -> producer.history().size() == 1);
        producer.completeNext();
        await().until(() -> producer.history().size() == 2);
        producer.completeNext();

        await().until(() -> count("heapstream.collector.records.produced") == 2.0);
        var first = producer.history().get(0);
        assertThat(first.key()).isEqualTo("c1/n1");
        assertThat(first.topic()).isEqualTo("raw");
        assertThat(first.timestamp()).isEqualTo(T0.toEpochMilli());
        assertThat(Topics.RAW_SCRAPE.deserializer().deserialize("raw", first.value())).isEqualTo(scrape(0));
        assertThat(publisher.bufferedRecords()).isZero();
    }

    @Test
    void retriableFailureKeepsTheRecordAndSendsItAgain() {
        publisher.start();
        publisher.publish(scrape(0));

        await().until(() -> producer.history().size() == 1);
        producer.errorNext(new TimeoutException("broker away"));
        await().until(() -> producer.history().size() == 2);
        producer.completeNext();

        await().until(() -> count("heapstream.collector.records.produced") == 1.0);
        assertThat(producer.history().get(1).timestamp()).isEqualTo(T0.toEpochMilli());
        assertThat(registry.get("heapstream.collector.produce.errors").tag("reason", "TimeoutException").counter().count())
                .isEqualTo(1.0);
        assertThat(count("heapstream.collector.buffer.dropped")).isZero();
    }

    @Test
    void aRecordThatExpiredInTheProducerGoesAgainAheadOfTheScrapesTakenMeanwhile() {
        publisher.start();
        publisher.publish(scrape(0));
        await().until(() -> producer.history().size() == 1);
        publisher.publish(scrape(1));                                  // the broker is away: both wait
        publisher.publish(scrape(2));
        producer.errorNext(new TimeoutException("Expiring 1 record(s): 30000 ms has passed since batch creation"));
        for (int sent = 2; sent <= 4; sent++) {
            int expected = sent;
            await().until(() -> producer.history().size() == expected);
            producer.completeNext();
        }

        await().until(() -> count("heapstream.collector.records.produced") == 3.0);
        assertThat(producer.history()).extracting(r -> r.timestamp())
                .containsExactly(T0.toEpochMilli(), T0.toEpochMilli(), T0.plusSeconds(15).toEpochMilli(),
                        T0.plusSeconds(30).toEpochMilli());
        assertThat(count("heapstream.collector.buffer.dropped")).isZero();
    }

    @Test
    void aSendInterruptedByCloseIsNotCountedAsRefusedByTheBroker() {
        publisher.start();
        publisher.publish(scrape(0));
        await().until(() -> producer.history().size() == 1);
        producer.errorNext(new InterruptException("stopping"));

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() ->
                count("heapstream.collector.buffer.dropped") == 0.0 && publisher.bufferedRecords() == 1);
        assertThat(registry.find("heapstream.collector.produce.errors").counter()).as("produce errors").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"authentication", "authorization"})
    void credentialErrorDuringRotationKeepsTheRecordAndSendsItAgain(String kind) {
        publisher.start();
        publisher.publish(scrape(0));

        await().until(() -> producer.history().size() == 1);
        producer.errorNext(kind.equals("authentication") ? new SaslAuthenticationException("rotated password")
                : new TopicAuthorizationException(Set.of("raw")));
        await().until(() -> producer.history().size() == 2);
        producer.completeNext();

        await().until(() -> count("heapstream.collector.records.produced") == 1.0);
        assertThat(count("heapstream.collector.buffer.dropped")).isZero();
        assertThat(producer.history().get(1).timestamp()).isEqualTo(T0.toEpochMilli());
    }

    @Test
    void recordTheBrokerRefusesForGoodIsDroppedAndCounted() {
        publisher.start();
        publisher.publish(scrape(0));
        publisher.publish(scrape(1));

        await().until(() -> producer.history().size() == 1);
        producer.errorNext(new RecordTooLargeException("too big"));
        await().until(() -> producer.history().size() == 2);
        producer.completeNext();

        await().until(() -> count("heapstream.collector.records.produced") == 1.0);
        assertThat(count("heapstream.collector.buffer.dropped")).isEqualTo(1.0);
        assertThat(producer.history().get(1).timestamp()).isEqualTo(T0.plusSeconds(15).toEpochMilli());
    }

    @Test
    void closeStopsAnIdleSenderAtOnceThoughItsWaitForRecordsIsLong() {
        publisher.start();
        await().until(() -> senders().anyMatch(thread -> thread.getState() == Thread.State.TIMED_WAITING));

        publisher.close(Duration.ZERO);

        // close() waits up to 5 s for the sender; an idle wait it did not interrupt would outlast that.
        assertThat(senders().filter(Thread::isAlive)).isEmpty();
    }

    private static Stream<Thread> senders() {
        return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().equals("raw-publisher"));
    }

    @Test
    void publishNeverBlocksAndTheBufferDropsTheOldestBeyondItsBound() {
        byte[] one = Topics.RAW_SCRAPE.serializer().serialize("raw", scrape(0));
        var own = new SimpleMeterRegistry();
        var small = new RawPublisher(producer, Topics.raw("raw"), one.length * 3L, Duration.ofSeconds(30),
                new CollectorMetrics(own));
        // Not started: nothing is ever acknowledged, as with a broker that is away.
        for (int slot = 0; slot < 10; slot++) {
            small.publish(scrape(slot));
        }

        // Waiting records are kept deflated, so more than three fit; what does not fit is dropped and counted.
        double dropped = own.get("heapstream.collector.buffer.dropped").counter().count();
        assertThat(dropped).isPositive();
        assertThat(small.bufferedRecords() + dropped).isEqualTo(10.0);
        assertThat(small.bufferedBytes()).isLessThanOrEqualTo(one.length * 3L);
        assertThat(own.get("heapstream.collector.buffer.records").gauge().value()).isEqualTo(small.bufferedRecords());
        assertThat(own.get("heapstream.collector.buffer.bytes").gauge().value()).isEqualTo(small.bufferedBytes());
        small.close(Duration.ZERO);
    }
}
