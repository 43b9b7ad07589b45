package io.heapstream.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ProgressTest {

    @Test
    void withoutATerminalProgressIsALogLineWithPercentRatesAndEta() {
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        var logger = (Logger) LoggerFactory.getLogger(Progress.class);
        logger.addAppender(appender);
        var read = new AtomicLong(250);
        try (var progress = new Progress("replay raw", "scrapes", 1000, read::get, () -> 250, () -> 4000, false,
                Duration.ofMillis(100))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !appender.list.isEmpty());
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list.get(0).getFormattedMessage())
                .matches("replay progress 25\\.0% \\(250 of 1000 records\\), \\d+ scrapes/s, \\d+ points/s, eta PT.*");
    }

    @Test
    void onATerminalTheBarRunsAndCloses() {
        var read = new AtomicLong();
        try (var progress = new Progress("replay raw", "scrapes", 10, read::get, read::get, () -> 0, true,
                Duration.ofSeconds(5))) {
            read.set(10);
            assertThat(progress.elapsedSeconds()).isNotNegative();
        }
    }
}
