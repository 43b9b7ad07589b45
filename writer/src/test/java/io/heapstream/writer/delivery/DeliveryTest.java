package io.heapstream.writer.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.heapstream.writer.InfluxSetup;
import io.heapstream.writer.WriterConfig;
import io.heapstream.writer.WriterMetrics;
import io.heapstream.writer.influx.InfluxClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryTest {
    /** Stands in for InfluxDB's query endpoint: every statement succeeds with no rows (setup finds nothing). */
    private final HttpServer influx = emptyInflux();
    private Delivery delivery;

    @AfterEach
    void tearDown() {
        if (delivery != null) {
            delivery.stop();
        }
        influx.stop(0);
    }

    @Test
    void consumerThreadKilledByAnErrorMakesTheWriterUnhealthy() {
        var consumer = new MockConsumer<byte[], byte[]>("earliest") {
            @Override
            public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
                throw new StackOverflowError("simulated: a rollup nested too deep for the converter");
            }
        };
        delivery = delivery(consumer);

        delivery.start(Duration.ofSeconds(1));

        await().atMost(Duration.ofSeconds(20)).until(() -> !delivery.isAlive());
    }

    @Test
    void writerThatIsToldToStopStaysHealthy() {
        delivery = delivery(new MockConsumer<>("earliest"));
        delivery.start(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(delivery::isSubscribed);

        delivery.stop();

        assertThat(delivery.isAlive()).isTrue();
    }

    private Delivery delivery(MockConsumer<byte[], byte[]> consumer) {
        String url = "http://127.0.0.1:" + influx.getAddress().getPort();
        var config = WriterConfig.fromMap(Map.of("HEAPSTREAM_INFLUX_URL", url, "HEAPSTREAM_NO_CREATE", "true",
                "HEAPSTREAM_WRITE_PARALLELISM", "1"));
        var client = InfluxClient.connect(config);
        var deadLetters = new DeadLetters(new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer()), "heapstream.dead-letter", Duration.ofSeconds(1));
        return new Delivery(consumer, config, config.influxSchema(), client, new InfluxSetup(client,
                config.influxSchema(), false), deadLetters, new WriterMetrics(new SimpleMeterRegistry()),
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(10), () -> 1.0), WriterHooks.NONE);
    }

    private static HttpServer emptyInflux() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = "{\"results\":[{\"statement_id\":0}]}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
