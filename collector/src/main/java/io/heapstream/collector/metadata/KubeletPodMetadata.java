package io.heapstream.collector.metadata;

import io.heapstream.collector.CollectorMetrics;
import io.heapstream.collector.kubelet.KubeletClient;
import io.heapstream.collector.kubelet.ScrapeException;
import io.heapstream.model.raw.NodeMeta;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodRef;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --metadata kubelet}: the kubelet's own {@code /pods} (same host, port and token as the summary) instead
 * of an API-server informer. Fetched again when it is older than {@code refresh}, or sooner when the summary
 * names a pod it has not seen, at most once per {@link #MIN_GAP}. Owners are guessed from names
 * ({@link Workload#guess}); node capacity is unknown in this mode.
 */
public final class KubeletPodMetadata implements PodMetadata {
    static final Duration MIN_GAP = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(KubeletPodMetadata.class);

    private final KubeletClient client;
    private final URI podsUrl;
    private final Duration refresh;
    private final LabelFilter labels;
    private final CollectorMetrics metrics;
    private final Clock clock;
    private volatile Map<String, PodMeta> pods = Map.of();
    private volatile boolean synced;
    private Instant lastAttempt = Instant.MIN;
    private Instant lastSuccess = Instant.MIN;

    public KubeletPodMetadata(KubeletClient client, URI podsUrl, Duration refresh, LabelFilter labels,
                              CollectorMetrics metrics, Clock clock) {
        this.client = client;
        this.podsUrl = podsUrl;
        this.refresh = refresh;
        this.labels = labels;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void start() { }

    @Override
    public synchronized void beforeEnrich(Collection<PodRef> seen) {
        Instant now = clock.instant();
        boolean stale = !now.isBefore(lastSuccess.plus(refresh));
        boolean unknown = seen.stream().anyMatch(ref -> !pods.containsKey(ref.namespace() + "/" + ref.name()));
        if ((stale || unknown) && !now.isBefore(lastAttempt.plus(MIN_GAP))) {
            lastAttempt = now;
            if (fetch()) {
                lastSuccess = now;
            }
        }
    }

    private boolean fetch() {
        try {
            pods = read(client.get(podsUrl), labels);
            synced = true;
            return true;
        } catch (ScrapeException e) {
            metrics.metadataFailed(e.reason());
            LOG.warn("metadata=kubelet url={} reason={} detail={}", podsUrl, e.reason(), e.getMessage());
        } catch (IOException e) {
            metrics.metadataFailed("malformed");
            LOG.warn("metadata=kubelet url={} reason=malformed detail={}", podsUrl, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** Pure: a kubelet {@code /pods} body to metadata by {@code namespace/name}. */
    public static Map<String, PodMeta> read(byte[] podList, LabelFilter labels) throws IOException {
        var result = new HashMap<String, PodMeta>();
        for (PodDocument pod : PodListReader.read(podList)) {
            if (pod == null || pod.metadata() == null || pod.metadata().name() == null) {
                continue;
            }
            result.put(pod.key(), PodMetas.of(pod, Workload.guess(pod), labels));
        }
        return result;
    }

    @Override
    public PodMeta pod(PodRef ref) {
        return pods.get(ref.namespace() + "/" + ref.name());
    }

    @Override
    public NodeMeta node() {
        return null;
    }

    @Override
    public boolean synced() {
        return synced;
    }

    @Override
    public void close() { }
}
