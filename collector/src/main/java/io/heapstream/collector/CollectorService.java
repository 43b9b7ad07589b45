package io.heapstream.collector;

import io.heapstream.collector.kubelet.KubeletClient;
import io.heapstream.collector.metadata.KubeletPodMetadata;
import io.heapstream.collector.metadata.PodMetadata;
import io.heapstream.collector.metadata.PodMetadataCache;
import io.heapstream.collector.publish.ProducerSettings;
import io.heapstream.collector.pool.PooledCollector;
import io.heapstream.collector.publish.RawPublisher;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.heapstream.model.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector role: kubelet client, metadata source, publisher and scrape loop, started in that order and
 * closed in reverse. {@link #start()} and {@link #close()} are idempotent.
 */
public final class CollectorService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorService.class);
    private static final Duration DRAIN_ON_CLOSE = Duration.ofSeconds(5);
    /** Ready needs a successful scrape within this many intervals: one or two failures in a row are weather. */
    static final int READY_INTERVALS = 3;

    private final CollectorConfig config;
    private final CollectorMetrics metrics;
    private final Clock clock;
    private final Supplier<PodMetadata> metadataFactory;
    private PodMetadata metadata;
    private RawPublisher publisher;
    private ScrapeLoop loop;
    private Thread loopThread;
    private final Supplier<KubernetesClient> apiClient;
    private PooledCollector pool;
    private boolean started;
    private boolean closed;

    public CollectorService(CollectorConfig config, MeterRegistry registry) {
        this(config, registry, Clock.systemUTC(), null);
    }

    /** @param metadataFactory replaces the source {@code config.metadata()} names (tests: a mock API server) */
    public CollectorService(CollectorConfig config, MeterRegistry registry, Clock clock,
                            Supplier<PodMetadata> metadataFactory) {
        this(config, registry, clock, metadataFactory, null);
    }

    /**
     * @param apiClient the API server the pooled mode lists nodes from, closed by the caller (tests: a mock
     *                  API server); {@code null}: the usual fabric8 configuration, closed here
     */
    public CollectorService(CollectorConfig config, MeterRegistry registry, Clock clock,
                            Supplier<PodMetadata> metadataFactory, Supplier<KubernetesClient> apiClient) {
        this.apiClient = apiClient;
        this.config = config;
        this.metrics = new CollectorMetrics(registry);
        this.clock = clock;
        this.metadataFactory = metadataFactory;
    }

    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        LOG.info("collector starting {}", config);
        try {
            open();
        } catch (RuntimeException e) {
            // A half-opened service closes what it opened, in reverse order, and the caller sees the cause.
            close();
            throw e;
        }
    }

    private void open() {
        KubeletTrust.announce(config, metrics);
        var kubelet = new KubeletClient(new KubeletClient.Settings(config.tokenFile(), config.caFile(),
                config.insecureSkipVerify(), config.kubeletTimeout(), config.maxResponseBytes(),
                config.allowPlaintextToken()));
        if (config.pool() != null) {
            // one producer for every node of the replica's shards; node metadata per node, from its kubelet
            publisher = openPublisher();
            pool = PooledMode.open(config, kubelet, publisher, metrics, clock, apiClient);
            return;
        }
        metadata = metadataFactory != null ? metadataFactory.get() : switch (config.metadata()) {
            case API -> PodMetadataCache.connect(config.nodeName(), config.labels(), metrics);
            case KUBELET -> new KubeletPodMetadata(kubelet, config.kubeletPodsUrl(), config.metadataRefresh(),
                    config.labels(), metrics, clock);
            case OFF -> PodMetadata.off();
        };
        metadata.start();
        metrics.metadataSynced(metadata::synced);
        publisher = openPublisher();
        loop = new ScrapeLoop(config.cluster(), config.nodeName(), config.kubeletUrl(), config.scrapeInterval(),
                kubelet, metadata, publisher, metrics, clock);
        loopThread = new Thread(loop, "scrape-loop");
        loopThread.start();
    }

    private RawPublisher openPublisher() {
        KafkaProducer<String, byte[]> producer;
        try {
            producer = new KafkaProducer<>(ProducerSettings.of(config.kafkaBootstrap(),
                    "heapstream-collector-" + config.nodeName(), config.compression(), config.kafkaProperties()));
        } catch (KafkaException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException("cannot create the Kafka producer (--kafka-bootstrap, --kafka-config): "
                    + cause.getMessage(), e);
        }
        var created = new RawPublisher(producer, Topics.raw(config.rawTopic()), config.bufferMaxBytes(),
                ProducerSettings.DELIVERY_TIMEOUT.plusSeconds(5), metrics);
        created.start();
        return created;
    }

    /** Alive: the scrape loop and the sender run (whatever the kubelet or the broker do). */
    public synchronized boolean healthy() {
        if (pool != null) {
            return started && !closed && pool.healthy() && publisher.healthy();
        }
        return started && !closed && loopThread != null && loopThread.isAlive() && publisher.healthy();
    }

    /**
     * Ready: healthy, a scrape succeeded within the last {@link #READY_INTERVALS} intervals, and the metadata
     * source has its first view (always, with {@code --metadata off}).
     */
    public synchronized boolean ready() {
        if (pool != null) {
            return healthy() && pool.ready(READY_INTERVALS);
        }
        return healthy() && loop.scrapedWithin(READY_INTERVALS) && metadata.synced();
    }

    public synchronized RawPublisher publisher() {
        return publisher;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pool != null) {
            pool.close();   // stops scraping and leaves the group before the last records are drained
        }
        if (loop != null) {
            loop.stop();
            try {
                loopThread.join(config.kubeletTimeout().plusSeconds(1).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (publisher != null) {
            publisher.close(DRAIN_ON_CLOSE);
        }
        if (metadata != null) {
            metadata.close();
        }
        if (started) {
            LOG.info("collector stopped node={}", config.nodeName());
        }
    }
}
