package io.heapstream.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WriterServiceTest {
    /** Nothing listens on port 1 of the loopback: connections are refused at once. */
    private static final WriterConfig UNREACHABLE = WriterConfig.fromMap(Map.of(
            "HEAPSTREAM_KAFKA_BOOTSTRAP", "127.0.0.1:1", "HEAPSTREAM_INFLUX_URL", "http://127.0.0.1:1",
            "HEAPSTREAM_RETRY_BACKOFF", "50ms", "HEAPSTREAM_RETRY_BACKOFF_MAX", "100ms"));

    @Test
    void stopWithoutStartDoesNothing() {
        var service = new WriterService(UNREACHABLE, new SimpleMeterRegistry());

        service.stop();
        service.stop();

        assertThat(service.isReady()).isFalse();
        assertThat(service.isAlive()).isTrue();
    }

    @Test
    void stopIsPromptAndIdempotentWhileInfluxIsUnreachableAtStart() {
        var service = new WriterService(UNREACHABLE, new SimpleMeterRegistry());
        service.start();
        service.start();

        long started = System.nanoTime();
        service.stop();
        service.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(service.isReady()).isFalse();
        assertThat(service.isAlive()).isTrue();
    }

    @Test
    void metersAreRegisteredUnderTheWritersPrefix() {
        var registry = new SimpleMeterRegistry();

        new WriterService(UNREACHABLE, registry);

        assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName()).contains(
                "heapstream.writer.points.written", "heapstream.writer.batches", "heapstream.writer.batch.latency",
                "heapstream.writer.retries", "heapstream.writer.influx.up", "heapstream.writer.consumer.lag",
                "heapstream.writer.dead.letters", "heapstream.writer.pending.points", "heapstream.writer.paused",
                "heapstream.writer.revocations", "heapstream.writer.points.rejected");
    }
}
