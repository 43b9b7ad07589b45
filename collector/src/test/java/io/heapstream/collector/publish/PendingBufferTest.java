package io.heapstream.collector.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PendingBufferTest {
    private final List<PendingBuffer.Pending> dropped = new ArrayList<>();
    private final PendingBuffer buffer = new PendingBuffer(300, false, dropped::add);

    private static PendingBuffer.Pending record(int second) {
        return new PendingBuffer.Pending("c/n", new byte[100], Instant.ofEpochSecond(second));
    }

    @Test
    void oldestRecordsAreDroppedBeyondTheBound() {
        var first = record(0);
        buffer.offer(first);
        buffer.offer(record(15));
        buffer.offer(record(30));
        buffer.offer(record(45));

        assertThat(dropped).containsExactly(first);
        assertThat(buffer.records()).isEqualTo(3);
        assertThat(buffer.bytes()).isEqualTo(300);
    }

    @Test
    void recordBeingSentIsNeverDroppedUnderTheSender() throws InterruptedException {
        var first = record(0);
        var second = record(15);
        buffer.offer(first);
        buffer.offer(second);
        assertThat(buffer.next(0, TimeUnit.MILLISECONDS)).isSameAs(first);

        buffer.offer(record(30));
        buffer.offer(record(45));

        assertThat(dropped).containsExactly(second);
        assertThat(buffer.records()).isEqualTo(3);
    }

    @Test
    void acknowledgedRecordLeavesAndTheNextOneIsOffered() throws InterruptedException {
        var first = record(0);
        var second = record(15);
        buffer.offer(first);
        buffer.offer(second);

        buffer.done(buffer.next(0, TimeUnit.MILLISECONDS));

        assertThat(buffer.next(0, TimeUnit.MILLISECONDS)).isSameAs(second);
        assertThat(buffer.bytes()).isEqualTo(100);
    }

    @Test
    void failedRecordStaysFirstInLine() throws InterruptedException {
        var first = record(0);
        buffer.offer(first);
        buffer.offer(record(15));

        buffer.retryLater(buffer.next(0, TimeUnit.MILLISECONDS));

        assertThat(buffer.next(0, TimeUnit.MILLISECONDS)).isSameAs(first);
    }

    @Test
    void recordThatHasToWaitIsKeptDeflatedAndComesBackWhole() throws InterruptedException {
        var deflating = new PendingBuffer(1 << 20, dropped::add);
        byte[] json = "{\"pods\":[{\"name\":\"a\"},{\"name\":\"a\"},{\"name\":\"a\"},{\"name\":\"a\"}]}"
                .repeat(100).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        deflating.offer(new PendingBuffer.Pending("c/n", json, Instant.EPOCH));
        deflating.offer(new PendingBuffer.Pending("c/n", json, Instant.EPOCH.plusSeconds(15)));

        // The first goes out as it came; the one behind it waits deflated.
        assertThat(deflating.bytes()).isLessThan(json.length + json.length / 10);
        var first = deflating.next(0, TimeUnit.MILLISECONDS);
        assertThat(first.deflated()).isFalse();
        deflating.done(first);
        var second = deflating.next(0, TimeUnit.MILLISECONDS);
        assertThat(second.deflated()).isTrue();
        assertThat(second.json()).isEqualTo(json);
        assertThat(second.scrapeTime()).isEqualTo(Instant.EPOCH.plusSeconds(15));
    }

    @Test
    void emptyBufferGivesNothingAfterTheWait() throws InterruptedException {
        assertThat(buffer.next(10, TimeUnit.MILLISECONDS)).isNull();
    }
}
