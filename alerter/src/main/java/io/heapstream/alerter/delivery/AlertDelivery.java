package io.heapstream.alerter.delivery;

import io.heapstream.model.Topics;
import io.heapstream.writer.delivery.Backoff;
import io.heapstream.writer.influx.InfluxWriteException;
import io.heapstream.writer.influx.LineSink;
import io.heapstream.writer.schema.AlertPoints;
import io.heapstream.writer.schema.UnwritableTextException;
import io.heapstream.model.alert.AlertEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the alerts topic, at least once, on its own thread and consumer group, so a slow or dead receiver
 * never holds up evaluation. A batch of new events goes to every Alertmanager and webhook (and InfluxDB when
 * given); offsets are committed
 * only once all accepted it, and a failure is retried with exponential backoff (counted in
 * {@code heapstream_alerter_deliveries_total{outcome="failed"}}). Firing alerts are re-sent to Alertmanager every
 * resend interval; after a restart or a rebalance, the events before the committed offset are read again to
 * know which alerts are firing, without sending them again.
 */
public final class AlertDelivery implements Runnable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDelivery.class);
    private static final int MAX_QUEUED = 10_000;

    private record Queued(TopicPartition partition, long offset, AlertEvent event) { }

    private final DeliverySettings settings;
    private final KafkaConsumer<String, AlertEvent> consumer;
    private final Clock clock;
    private final List<HttpTarget> alertmanagers = new ArrayList<>();
    private final List<HttpTarget> webhooks = new ArrayList<>();
    private final Backoff backoff;
    private final Map<TopicPartition, Long> replayUntil = new HashMap<>();
    private final Map<TopicPartition, Map<String, AlertEvent>> firing = new HashMap<>();
    private final List<Queued> queue = new ArrayList<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger firingCount = new AtomicInteger();
    private final MeterRegistry registry;
    private final LineSink influx;
    private final Thread thread;
    private volatile boolean closed;
    private int attempts;
    private Instant nextAttempt = Instant.MIN;
    private Instant nextResend = Instant.MIN;

    public AlertDelivery(DeliverySettings settings, Properties consumerProperties, MeterRegistry registry, Clock clock) {
        this(settings, consumerProperties, registry, clock, null);
    }

    /** With {@code influx} (may be null) as one more target: each event a point of the {@code alerts} measurement. */
    public AlertDelivery(DeliverySettings settings, Properties consumerProperties, MeterRegistry registry, Clock clock,
                         LineSink influx) {
        this.settings = settings;
        this.influx = influx;
        this.clock = clock;
        this.registry = registry;
        var props = new Properties();
        props.putAll(consumerProperties);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");   // only events of committed transactions
        this.consumer = new KafkaConsumer<>(props, Topics.STRING.deserializer(), Topics.ALERT_EVENT.deserializer());
        var http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        settings.alertmanagers().forEach(u -> alertmanagers.add(new HttpTarget("alertmanager",
                URI.create(u.toString().replaceAll("/+$", "") + "/api/v2/alerts"), http, settings.timeout())));
        settings.webhooks().forEach(u -> webhooks.add(new HttpTarget("webhook", u, http, settings.timeout())));
        this.backoff = new Backoff(Duration.ofMillis(500), settings.maxBackoff(),
                () -> java.util.concurrent.ThreadLocalRandom.current().nextDouble());
        registry.gauge("heapstream.alerter.delivery.queued", queued);
        registry.gauge("heapstream.alerter.firing", firingCount);
        this.thread = new Thread(this, "alert-delivery");
    }

    public void start() {
        thread.start();
    }

    /** True from {@link #start()} until {@link #close()} or until the thread failed. */
    public boolean isRunning() {
        return !closed && thread.isAlive();
    }

    @Override
    public void run() {
        consumer.subscribe(List.of(settings.alertsTopic()), new Rebalance());
        try {
            while (!closed) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    var partition = new TopicPartition(record.topic(), record.partition());
                    if (record.value() == null) {
                        continue;
                    }
                    track(partition, record.value());
                    if (record.offset() >= replayUntil.getOrDefault(partition, 0L)) {
                        queue.add(new Queued(partition, record.offset(), record.value()));
                    }
                }
                deliverQueue();
                resendFiring();
                // a receiver down for long: stop reading rather than hold ever more events in memory
                if (queue.size() >= MAX_QUEUED) {
                    consumer.pause(consumer.assignment());
                } else if (!consumer.paused().isEmpty()) {
                    consumer.resume(consumer.paused());
                }
                queued.set(queue.size());
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void track(TopicPartition partition, AlertEvent event) {
        var active = firing.computeIfAbsent(partition, p -> new LinkedHashMap<>());
        if (event.status() == AlertEvent.Status.FIRING) {
            active.put(event.fingerprint(), event);
        } else {
            active.remove(event.fingerprint());
        }
        firingCount.set(firing.values().stream().mapToInt(Map::size).sum());
    }

    private void deliverQueue() throws InterruptedException {
        var now = clock.instant();
        if (queue.isEmpty() || now.isBefore(nextAttempt)) {
            return;
        }
        var events = queue.stream().map(Queued::event).toList();
        var failure = send(events, now);
        if (failure != null) {
            var wait = backoff.delay(attempts++);
            nextAttempt = now.plus(wait);
            LOG.warn("alert delivery failed events={} attempt={} retryIn={} reason={}", events.size(), attempts, wait,
                    failure);
            return;
        }
        var offsets = new HashMap<TopicPartition, OffsetAndMetadata>();
        queue.forEach(q -> offsets.merge(q.partition(), new OffsetAndMetadata(q.offset() + 1),
                (a, b) -> a.offset() >= b.offset() ? a : b));
        consumer.commitSync(offsets);
        queue.clear();
        attempts = 0;
    }

    /** Sends to every target; null when all accepted, else the first reason. */
    private String send(List<AlertEvent> events, Instant now) throws InterruptedException {
        String failure = null;
        // Alertmanager keeps one alert per label set: of a batch it needs each fingerprint's latest event only
        var latest = new LinkedHashMap<String, AlertEvent>();
        events.forEach(e -> {
            latest.remove(e.fingerprint());
            latest.put(e.fingerprint(), e);
        });
        var body = Payloads.alertmanager(List.copyOf(latest.values()), firingEndsAt(now));
        for (var target : alertmanagers) {
            failure = first(failure, post(target, body));
        }
        var byName = new LinkedHashMap<String, List<AlertEvent>>();
        events.forEach(e -> byName.computeIfAbsent(e.alertname(), n -> new ArrayList<>()).add(e));
        for (var target : webhooks) {
            for (var group : byName.values()) {
                failure = first(failure, post(target, Payloads.webhook(settings.receiver(), group)));
            }
        }
        if (influx != null) {
            failure = first(failure, write(events));
        }
        return failure;
    }

    private void resendFiring() throws InterruptedException {
        var now = clock.instant();
        if (now.isBefore(nextResend) || alertmanagers.isEmpty()) {
            return;
        }
        nextResend = now.plus(settings.resendInterval());
        var active = firing.values().stream().flatMap(m -> m.values().stream()).toList();
        if (active.isEmpty()) {
            return;
        }
        var body = Payloads.alertmanager(active, firingEndsAt(now));
        for (var target : alertmanagers) {
            var failure = post(target, body);
            if (failure != null) {
                LOG.warn("re-sending firing alerts failed alerts={} url={} reason={}", active.size(), target.uri(),
                        failure);
            }
        }
    }

    /** Alertmanager resolves a firing alert by itself at endsAt: four re-sends from now, as Prometheus does. */
    private Instant firingEndsAt(Instant now) {
        return now.plus(settings.resendInterval().multipliedBy(4));
    }

    private String post(HttpTarget target, Object body) throws InterruptedException {
        var failure = target.post(body);
        counter(target.kind(), failure == null ? "sent" : "failed").increment();
        return failure == null ? null : target.uri() + ": " + failure;
    }

    /**
     * Every event as a point ({@link AlertPoints}); null when written. Points InfluxDB refuses as invalid (or that
     * line protocol cannot carry) are counted as dropped and not retried: they would hold up every other target.
     */
    private String write(List<AlertEvent> events) {
        var lines = new ArrayList<String>(events.size());
        for (var event : events) {
            try {
                lines.add(AlertPoints.line(event));
            } catch (UnwritableTextException e) {
                counter("influxdb", "dropped").increment();
                LOG.warn("alert event not written to InfluxDB fingerprint={} reason={}", event.fingerprint(),
                        e.getMessage());
            }
        }
        if (lines.isEmpty()) {
            return null;
        }
        try {
            influx.write(null, lines);
            counter("influxdb", "sent").increment();
            return null;
        } catch (InfluxWriteException e) {
            if (e.invalidPoints()) {
                counter("influxdb", "dropped").increment();
                LOG.warn("alert events refused by InfluxDB, not retried events={} reason={}", lines.size(),
                        e.getMessage());
                return null;
            }
            counter("influxdb", "failed").increment();
            return "influxdb: " + e.getMessage();
        }
    }

    private Counter counter(String target, String outcome) {
        return Counter.builder("heapstream.alerter.deliveries").description("HTTP deliveries of alert batches")
                .tag("target", target).tag("outcome", outcome).register(registry);
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /** Stops the thread (it closes its consumer); idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            var committed = consumer.committed(new java.util.HashSet<>(partitions));
            var replay = new ArrayList<TopicPartition>();
            for (var p : partitions) {
                var offset = committed.get(p);
                replayUntil.put(p, offset == null ? 0L : offset.offset());
                firing.remove(p);
                if (offset != null) {
                    replay.add(p);
                }
            }
            // read what was delivered before, to know what is firing (for re-sends); it is not sent again.
            // Never with an empty list: that would rewind every assigned partition.
            if (!replay.isEmpty()) {
                consumer.seekToBeginning(replay);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> {
                firing.remove(p);
                replayUntil.remove(p);
            });
            queue.removeIf(q -> partitions.contains(q.partition()));   // the next owner delivers them
        }
    }
}
