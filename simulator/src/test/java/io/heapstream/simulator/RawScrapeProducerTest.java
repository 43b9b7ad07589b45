package io.heapstream.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapstream.model.Topics;
import io.heapstream.model.raw.RawScrape;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class RawScrapeProducerTest {
    static final Instant START = Instant.parse("2025-11-04T19:15:00Z");

    final MockProducer<String, byte[]> mock = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());

    @Test
    void aRangeWritesEveryNodeAtEverySlotKeyedByClusterAndNodeAndStampedWithTheSlot() {
        var fleet = new Fleet(FleetSpec.of(2, 3, 4, 1), START);
        try (var producer = new RawScrapeProducer(mock, "raw-test")) {
            // [19:15:00, 19:16:00) has four 15 s slots
            var result = producer.produceRange(fleet, START, START.plusSeconds(60), RawScrapeProducer.MAX_RATE);
            assertThat(result.scrapes()).isEqualTo(24);
            assertThat(result.failed()).isZero();
        }
        var records = mock.history();
        assertThat(records).hasSize(24).allSatisfy(r -> assertThat(r.topic()).isEqualTo("raw-test"));
        var slots = new ArrayList<Instant>();
        for (var r : records) {
            RawScrape scrape = Topics.RAW_SCRAPE.deserializer().deserialize("raw-test", r.value());
            assertThat(r.key()).isEqualTo(scrape.key());
            assertThat(r.timestamp()).isEqualTo(scrape.scrapeTime().toEpochMilli());
            assertThat(scrape.pods()).allSatisfy(p -> assertThat(p.meta()).isNotNull());
            slots.add(scrape.scrapeTime());
        }
        assertThat(slots).containsOnly(START, START.plusSeconds(15), START.plusSeconds(30), START.plusSeconds(45));
        assertThat(records.subList(0, 6)).extracting(r -> r.key()).containsExactly("cluster-1/node-0001",
                "cluster-1/node-0002", "cluster-1/node-0003", "cluster-2/node-0001", "cluster-2/node-0002",
                "cluster-2/node-0003");
    }

    @Test
    void aShiftedRangeResendsTheFirstSlotsRecordsWithTheirTimesMoved() {
        var fleet = new Fleet(FleetSpec.of(1, 3, 4, 1), START);
        var first = fleet.scrape("cluster-1", "node-0002", START);
        try (var producer = new RawScrapeProducer(mock, "raw-test")) {
            var result = producer.produceRangeShifted(fleet, START, START.plusSeconds(45),
                    RawScrapeProducer.MAX_RATE);
            assertThat(result.scrapes()).isEqualTo(9);
        }
        var records = mock.history();
        assertThat(records).extracting(r -> r.key()).containsExactly("cluster-1/node-0001", "cluster-1/node-0002",
                "cluster-1/node-0003", "cluster-1/node-0001", "cluster-1/node-0002", "cluster-1/node-0003",
                "cluster-1/node-0001", "cluster-1/node-0002", "cluster-1/node-0003");
        var last = Topics.RAW_SCRAPE.deserializer().deserialize("raw-test", records.get(7).value());
        assertThat(records.get(7).timestamp()).isEqualTo(START.plusSeconds(30).toEpochMilli());
        assertThat(last.scrapeTime()).isEqualTo(START.plusSeconds(30));
        assertThat(last.nodeStats().cpu().time()).isEqualTo(first.nodeStats().cpu().time().plusSeconds(30));
        assertThat(last.nodeStats().cpu().usageCoreNanoSeconds())
                .isEqualTo(first.nodeStats().cpu().usageCoreNanoSeconds());
    }

    @Test
    void aRangeStartingOffTheGridBeginsAtTheNextSlot() {
        var fleet = new Fleet(FleetSpec.of(1, 1, 2, 1), START);
        try (var producer = new RawScrapeProducer(mock, "raw-test")) {
            producer.produceRange(fleet, START.plusSeconds(1), START.plusSeconds(31), RawScrapeProducer.MAX_RATE);
        }
        assertThat(mock.history()).extracting(r -> r.timestamp())
                .containsExactly(START.plusSeconds(15).toEpochMilli(), START.plusSeconds(30).toEpochMilli());
    }

    @Test
    void aRangeBeforeTheFleetsStartIsRefused() {
        var fleet = new Fleet(FleetSpec.of(1, 1, 2, 1), START);
        try (var producer = new RawScrapeProducer(mock, "raw-test")) {
            assertThatThrownBy(() -> producer.produceRange(fleet, START.minusSeconds(60), START,
                    RawScrapeProducer.MAX_RATE)).hasMessageContaining("before the fleet's start");
        }
    }

    @Test
    void liveModeWritesTheClocksCurrentSlotUntilToldToStop() {
        var fleet = new Fleet(FleetSpec.of(1, 2, 2, 1), START);
        var clock = new ManualClock(START.plusSeconds(14));
        var rounds = new AtomicInteger();
        try (var producer = new RawScrapeProducer(mock, "raw-test")) {
            // the slot is written at once; stop before the producer would wait for the next slot
            producer.produceLive(fleet, clock, RawScrapeProducer.MAX_RATE, () -> rounds.getAndIncrement() == 0);
        }
        assertThat(mock.history()).hasSize(2).allSatisfy(r -> assertThat(r.timestamp())
                .isEqualTo(START.toEpochMilli()));
    }

    @Test
    void aRefusedRecordStopsTheRunAndSaysWhy() {
        var sends = new AtomicInteger();
        var refusing = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                sends.incrementAndGet();
                var e = new TimeoutException("Topic raw-test not present in metadata after 30000 ms.");
                callback.onCompletion(null, e);
                return CompletableFuture.failedFuture(e);
            }
        };
        var fleet = new Fleet(FleetSpec.of(1, 20, 2, 1), START);
        try (var producer = new RawScrapeProducer(refusing, "raw-test")) {
            assertThatThrownBy(() -> producer.produceRange(fleet, START, START.plusSeconds(60),
                    RawScrapeProducer.MAX_RATE)).hasMessageContaining("cannot write to topic raw-test")
                    .hasMessageContaining("not present in metadata");
            assertThat(producer.failed()).isEqualTo(1);
        }
        assertThat(sends).hasValue(1);
    }

    @Test
    void aRateThatIsNotPositiveIsRefused() {
        var fleet = new Fleet(FleetSpec.of(1, 1, 2, 1), START);
        try (var producer = new RawScrapeProducer(mock, "raw-test")) {
            assertThatThrownBy(() -> producer.produceRange(fleet, START, START.plusSeconds(15), 0))
                    .hasMessageContaining("rate must be > 0");
        }
    }
}
