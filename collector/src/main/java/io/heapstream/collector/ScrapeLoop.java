package io.heapstream.collector;

import io.heapstream.collector.kubelet.KubeletClient;
import io.heapstream.collector.kubelet.KubeletSummary;
import io.heapstream.collector.kubelet.ParseError;
import io.heapstream.collector.kubelet.ScrapeException;
import io.heapstream.collector.kubelet.SummaryParser;
import io.heapstream.collector.metadata.PodMetadata;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodStats;
import io.heapstream.model.raw.RawScrape;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes on a grid of wall-clock multiples of the interval (00:00:00, 00:00:15, ...), so every node's samples
 * of a slot share one {@code scrapeTime}, and hands each record to a {@link Sink} that never blocks. A failed
 * scrape is one WARN line and a counter by reason; nothing that goes wrong in one slot stops the next.
 */
public final class ScrapeLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ScrapeLoop.class);

    /** Takes a finished record; must return at once (the publisher buffers). */
    public interface Sink {
        void publish(RawScrape scrape);
    }

    private final String cluster;
    private final String node;
    private final URI summaryUrl;
    private final Duration interval;
    private final KubeletClient kubelet;
    private final PodMetadata metadata;
    private final Sink sink;
    private final CollectorMetrics metrics;
    private final Clock clock;
    private final Object wakeUp = new Object();
    private volatile boolean stopped;
    private volatile Instant lastAttempt;
    private volatile Instant lastSuccess;

    public ScrapeLoop(String cluster, String node, URI summaryUrl, Duration interval, KubeletClient kubelet,
                      PodMetadata metadata, Sink sink, CollectorMetrics metrics, Clock clock) {
        this.cluster = cluster;
        this.node = node;
        this.summaryUrl = summaryUrl;
        this.interval = interval;
        this.kubelet = kubelet;
        this.metadata = metadata;
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The first grid slot at or after {@code now}: a multiple of {@code interval} since the epoch. */
    public static Instant nextSlot(Instant now, Duration interval) {
        long step = interval.toMillis();
        long ms = now.toEpochMilli();
        long slot = Math.floorDiv(ms + step - 1, step) * step;
        return Instant.ofEpochMilli(slot);
    }

    @Override
    public void run() {
        LOG.info("scrape loop started node={} url={} interval={}", node, summaryUrl, interval);
        Instant slot = nextSlot(clock.instant(), interval);
        while (!stopped) {
            if (!awaitSlot(slot)) {
                break;
            }
            try {
                scrape(slot);
            } catch (RuntimeException e) {
                metrics.scrapeFailed("internal");
                LOG.warn("scrape failed node={} slot={} reason=internal detail={}", node, slot, e.toString(), e);
            }
            // A scrape that overran its slot skips the slots it missed rather than bursting to catch up.
            slot = nextSlot(clock.instant().plusMillis(1), interval);
        }
        LOG.info("scrape loop stopped node={}", node);
    }

    private boolean awaitSlot(Instant slot) {
        return awaitSlot(wakeUp, clock, slot, () -> stopped);
    }

    /**
     * Waits on {@code wakeUp} until {@code slot} by {@code clock} ({@code notifyAll} ends the wait early to
     * check {@code stopped}); {@code false} when stopped or interrupted. Also the pooled collector's grid.
     */
    public static boolean awaitSlot(Object wakeUp, Clock clock, Instant slot, BooleanSupplier stopped) {
        synchronized (wakeUp) {
            long waitMs;
            while (!stopped.getAsBoolean() && (waitMs = Duration.between(clock.instant(), slot).toMillis()) > 0) {
                try {
                    wakeUp.wait(waitMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !stopped.getAsBoolean();
    }

    /** One scrape for one slot; {@code true} when a record went to the sink. */
    public boolean scrape(Instant slot) {
        long start = System.nanoTime();
        lastAttempt = slot;
        try {
            KubeletSummary summary = SummaryParser.parse(kubelet.get(summaryUrl));
            sink.publish(enrich(slot, summary));
            metrics.scraped();
            lastSuccess = clock.instant();
            return true;
        } catch (ScrapeException e) {
            fail(slot, e.reason(), e.getMessage());
        } catch (ParseError e) {
            fail(slot, e.reason(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            metrics.scrapeTook(Duration.ofNanos(System.nanoTime() - start));
        }
        return false;
    }

    private void fail(Instant slot, String reason, String detail) {
        metrics.scrapeFailed(reason);
        LOG.warn("scrape failed node={} slot={} url={} reason={} detail={}", node, slot, summaryUrl, reason, detail);
    }

    RawScrape enrich(Instant slot, KubeletSummary summary) {
        if (summary.outOfRangeValues() > 0) {
            metrics.outOfRange(summary.outOfRangeValues());
        }
        if (summary.skippedPods() > 0) {
            metrics.skipped(summary.skippedPods());
        }
        metadata.beforeEnrich(summary.pods().stream().map(PodStats::podRef).toList());
        var pods = new ArrayList<PodStats>(summary.pods().size());
        int unenriched = 0;
        for (PodStats p : summary.pods()) {
            PodMeta meta = metadata.pod(p.podRef());
            if (meta == null) {
                unenriched++;
                pods.add(p);
            } else {
                pods.add(p.withMeta(meta));
            }
        }
        if (unenriched > 0 && metadata.enabled()) {
            metrics.unenriched(unenriched);
        }
        var nodeStats = summary.node().withMeta(metadata.node());
        return new RawScrape(RawScrape.SCHEMA_VERSION, cluster, node, slot, nodeStats, pods);
    }

    /** Ends {@link #run()} at once, also mid-wait. */
    public void stop() {
        stopped = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /**
     * Whether a scrape succeeded within the last {@code intervals} scrape intervals: what readiness means for a
     * collector (its loop running is not enough when every scrape fails, e.g. with {@code reason=tls}).
     */
    public boolean scrapedWithin(int intervals) {
        Instant success = lastSuccess;
        return success != null
                && Duration.between(success, clock.instant()).compareTo(interval.multipliedBy(intervals)) <= 0;
    }

    /** The slot of the most recent attempt, or {@code null} before the first. */
    public Instant lastAttempt() {
        return lastAttempt;
    }
}
