package io.heapstream.collector.pool;

import io.heapstream.collector.ScrapeLoop;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica of {@code --mode pooled}: on every grid slot, scrapes each node of the shards it holds, with the
 * daemonset's own {@link ScrapeLoop#scrape} (one per node, no thread each) on a few workers, so the records are
 * the ones a daemonset publishes. A node still being scraped when its next slot comes is skipped for that slot
 * rather than queued twice. Shards change hands only between slots' work: a shard revoked mid-slot finishes
 * the scrapes already started, and the new holder starts at the next slot; if both ever scrape one node in one
 * slot, the aggregator keeps the first record of a node and slot and counts the other as a duplicate.
 */
public final class PooledCollector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PooledCollector.class);

    /** A node's scraper: its URL and its own loop (metadata, last success). */
    public record NodeScraper(URI summaryUrl, ScrapeLoop loop, AutoCloseable resources) { }

    private final NodeDirectory directory;
    private final ShardMembership membership;
    private final Duration interval;
    private final Clock clock;
    private final BiFunction<String, URI, NodeScraper> scrapers;
    private final ExecutorService workers;
    private final Map<String, NodeScraper> active = new HashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Thread scheduler;
    private final Object wakeUp = new Object();
    private volatile boolean stopped;

    /** @param scrapers makes the scraper of a node (name, Summary URL) the first time this replica holds it */
    public PooledCollector(NodeDirectory directory, ShardMembership membership, int workerCount, Duration interval,
                           Clock clock, BiFunction<String, URI, NodeScraper> scrapers) {
        this.directory = directory;
        this.membership = membership;
        this.interval = interval;
        this.clock = clock;
        this.scrapers = scrapers;
        var threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerCount, task -> {
            var thread = new Thread(task, "pool-scrape-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler = new Thread(this::run, "pool-scheduler");
    }

    public void start() {
        directory.start();
        membership.start();
        scheduler.start();
    }

    private void run() {
        Instant slot = ScrapeLoop.nextSlot(clock.instant(), interval);
        while (awaitSlot(slot)) {
            try {
                synchronized (active) {
                    scrapeSlot(slot);
                }
            } catch (RuntimeException e) {
                LOG.warn("pooled slot failed slot={} detail={}", slot, e.toString(), e);
            }
            slot = ScrapeLoop.nextSlot(clock.instant().plusMillis(1), interval);
        }
    }

    private void scrapeSlot(Instant slot) {
        Map<String, URI> nodes = directory.nodes();
        var held = new HashMap<String, URI>();
        nodes.forEach((node, url) -> {
            if (membership.owns(node)) {
                held.put(node, url);
            }
        });
        // nodes gone from the cluster or from this replica's shards: their scrapers go
        active.entrySet().removeIf(e -> {
            boolean gone = !e.getValue().summaryUrl().equals(held.get(e.getKey()));
            if (gone) {
                closeQuietly(e.getValue());
            }
            return gone;
        });
        int skipped = 0;
        for (var entry : held.entrySet()) {
            String node = entry.getKey();
            var scraper = active.computeIfAbsent(node, n -> scrapers.apply(n, entry.getValue()));
            if (!inFlight.add(node)) {
                skipped++;
                continue;
            }
            workers.execute(() -> {
                try {
                    scraper.loop().scrape(slot);
                } finally {
                    inFlight.remove(node);
                }
            });
        }
        if (skipped > 0) {
            LOG.warn("slot={} nodes still being scraped from the previous slot skipped={} (raise --scrape-workers)",
                    slot, skipped);
        }
        LOG.debug("slot={} nodes={} held={} shards={}", slot, nodes.size(), held.size(), membership.owned());
    }

    private boolean awaitSlot(Instant slot) {
        return ScrapeLoop.awaitSlot(wakeUp, clock, slot, () -> stopped);
    }

    /** Alive: the scheduler and the group membership run. */
    public boolean healthy() {
        return !stopped && scheduler.isAlive() && membership.alive();
    }

    /**
     * Ready: the nodes are listed, the group has answered, and (when this replica holds any node) a scrape
     * succeeded within {@code intervals} intervals.
     */
    public boolean ready(int intervals) {
        if (!healthy() || !directory.synced() || !membership.assigned()) {
            return false;
        }
        synchronized (active) {
            return active.isEmpty() || active.values().stream().anyMatch(s -> s.loop().scrapedWithin(intervals));
        }
    }

    /** Stops scraping, then leaves the group, so the others take the shards without waiting for a session. */
    @Override
    public void close() {
        stopped = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        try {
            scheduler.join(interval.toMillis());
            workers.shutdown();
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        membership.close();
        directory.close();
        synchronized (active) {
            active.values().forEach(PooledCollector::closeQuietly);
            active.clear();
        }
    }

    private static void closeQuietly(NodeScraper scraper) {
        try {
            scraper.resources().close();
        } catch (Exception e) {
            LOG.debug("closing a node's scraper failed detail={}", e.toString());
        }
    }
}
