package io.heapstream.simulator;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;

/**
 * The shape of a simulated fleet: how many clusters, nodes, pods and containers, the seed that makes it
 * reproducible, the scrape grid it evolves on, and how much it churns. Every node has exactly
 * {@code podsPerNode} pods of exactly {@code containersPerPod} containers at every slot, so load is predictable
 * (pods that go are replaced by new ones with new names and uids).
 *
 * @param clusters         number of clusters, named {@code cluster-1}, {@code cluster-2}, ...
 * @param nodesPerCluster  nodes per cluster, named {@code node-0001}, ... in each cluster (the same node names
 *                         recur across clusters on purpose: only {@code cluster/node} is unique)
 * @param podsPerNode      pods on each node, DaemonSet pods included
 * @param containersPerPod containers in each pod (the main container plus sidecars)
 * @param seed             same seed, same start and same slots give byte-identical output
 * @param scrapeInterval   the grid the fleet evolves on (15 s by default, like the collector)
 * @param churn            how often pods are replaced and containers restart
 */
public record FleetSpec(int clusters, int nodesPerCluster, int podsPerNode, int containersPerPod, long seed,
                        Duration scrapeInterval, Churn churn) {
    public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofSeconds(15);
    public static final long DEFAULT_SEED = 42;

    public FleetSpec {
        positive(clusters, "clusters");
        positive(nodesPerCluster, "nodesPerCluster");
        positive(podsPerNode, "podsPerNode");
        positive(containersPerPod, "containersPerPod");
        requireNonNull(scrapeInterval, "scrapeInterval");
        requireNonNull(churn, "churn");
        if (scrapeInterval.compareTo(Duration.ofSeconds(1)) < 0
                || !scrapeInterval.equals(Duration.ofSeconds(scrapeInterval.toSeconds()))) {
            throw new IllegalArgumentException("scrapeInterval must be a whole number of seconds >= 1s, was "
                    + scrapeInterval);
        }
    }

    /** A fleet with the default seed, a 15 s grid and {@link Churn#typical()} churn. */
    public static FleetSpec of(int clusters, int nodesPerCluster, int podsPerNode, int containersPerPod) {
        return new FleetSpec(clusters, nodesPerCluster, podsPerNode, containersPerPod, DEFAULT_SEED,
                DEFAULT_SCRAPE_INTERVAL, Churn.typical());
    }

    public FleetSpec withSeed(long otherSeed) {
        return new FleetSpec(clusters, nodesPerCluster, podsPerNode, containersPerPod, otherSeed, scrapeInterval,
                churn);
    }

    public FleetSpec withScrapeInterval(Duration interval) {
        return new FleetSpec(clusters, nodesPerCluster, podsPerNode, containersPerPod, seed, interval, churn);
    }

    public FleetSpec withChurn(Churn otherChurn) {
        return new FleetSpec(clusters, nodesPerCluster, podsPerNode, containersPerPod, seed, scrapeInterval,
                otherChurn);
    }

    public int nodeCount() {
        return clusters * nodesPerCluster;
    }

    public int podCount() {
        return nodeCount() * podsPerNode;
    }

    public int containerCount() {
        return podCount() * containersPerPod;
    }

    /** The grid slot an instant falls in: the latest multiple of the scrape interval since the epoch. */
    public Instant slotOf(Instant instant) {
        long step = scrapeInterval.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), step) * step);
    }

    /**
     * Churn rates, per hour. Job pods churn six times faster than the rest, as short-lived work does.
     *
     * @param podReplacementsPerHour   chance per pod per hour that it goes and a new pod takes its place
     * @param containerRestartsPerHour chance per container per hour that it restarts (counters start again
     *                                 near zero, restartCount + 1, new startTime)
     */
    public record Churn(double podReplacementsPerHour, double containerRestartsPerHour) {
        public Churn {
            if (!(podReplacementsPerHour >= 0) || !(containerRestartsPerHour >= 0)) {
                throw new IllegalArgumentException("churn rates must be >= 0: " + podReplacementsPerHour + ", "
                        + containerRestartsPerHour);
            }
        }

        /** Nothing comes, goes or restarts: for tests that want fixed series. */
        public static Churn none() {
            return new Churn(0, 0);
        }

        /** About one pod in ten replaced per hour and one container in twenty restarting per hour. */
        public static Churn typical() {
            return new Churn(0.1, 0.05);
        }
    }

    private static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + value);
        }
    }
}
