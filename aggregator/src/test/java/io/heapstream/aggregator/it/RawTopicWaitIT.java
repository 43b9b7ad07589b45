package io.heapstream.aggregator.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.heapstream.aggregator.config.AggregatorConfig;
import io.heapstream.aggregator.AggregatorService;
import io.heapstream.model.rollup.Level;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * In a fresh cluster the roles start in any order: an aggregator started before the raw topic exists waits
 * (alive, not ready, saying why), and starts aggregating once the topic is there.
 */
class RawTopicWaitIT {
    @Test
    void aggregatorWaitsForTheRawTopicNotReadyAndStartsOnceItExists() throws Exception {
        var broker = new Broker(List.of(Duration.ofSeconds(10)));
        var config = AggregatorConfig.fromMap(broker.env("10s", "0s", "", "10s"));
        var logs = new ListAppender<ILoggingEvent>();
        logs.start();
        var logger = (Logger) LoggerFactory.getLogger("io.heapstream.aggregator");
        logger.addAppender(logs);
        try (var service = new AggregatorService(config, new SimpleMeterRegistry());
             var rollups = broker.consumer(broker.rollupPrefix + "10s")) {
            var starting = CompletableFuture.runAsync(service::start);

            await().atMost(Duration.ofSeconds(30)).until(() -> logs.list.stream()
                    .filter(line -> line.getFormattedMessage().contains(broker.raw)
                            && line.getFormattedMessage().contains("waiting")).count() >= 2);
            assertThat(starting).isNotDone();
            assertThat(service.isAlive()).isTrue();
            assertThat(service.isReady()).isFalse();

            broker.createRaw(1);
            broker.produce(AggregatorKillIT.fleet(1, 6));
            starting.get();
            await().atMost(Duration.ofSeconds(90)).until(service::isReady);
            await().atMost(Duration.ofSeconds(90)).until(() -> Broker.poll(rollups).stream()
                    .anyMatch(r -> Broker.rollup(r).key().level() == Level.NODE));
        } finally {
            logger.detachAppender(logs);
        }
    }
}
