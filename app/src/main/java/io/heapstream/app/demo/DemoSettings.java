package io.heapstream.app.demo;

import static java.util.Objects.requireNonNull;

import io.heapstream.model.Topics;
import io.heapstream.simulator.FleetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the demo runs: the simulated fleet, the scrape grid, the aggregator's windows, where InfluxDB is (if
 * anywhere) and for how long. Defaults are chosen so that a two-minute run closes several windows of every level.
 *
 * @param fleet          clusters, nodes, pods, containers, seed, churn; its scrape interval is the collectors'
 * @param window         the aggregator's base window (demo default 15 s, not the production 1 min)
 * @param grace          how long after a window's end late scrapes still count (demo default 5 s)
 * @param coarser        coarser resolutions built from the base windows (demo default 1 min)
 * @param rawPartitions  partitions of the raw topic
 * @param runFor         stop by itself after this long, or {@code null} to run until Ctrl-C
 * @param progressEvery  how often a progress line is printed
 * @param influxUrl      InfluxDB to write to; {@code null} to start one (or go without)
 * @param influxDb       database the writer creates and fills
 * @param noInflux       write rollups to the topics only, even when an InfluxDB could be had
 */
public record DemoSettings(FleetSpec fleet, Duration window, Duration grace, List<Duration> coarser, int rawPartitions,
                           Duration runFor, Duration progressEvery, String influxUrl, String influxDb,
                           boolean noInflux) {
    public DemoSettings {
        requireNonNull(fleet, "fleet");
        requireNonNull(window, "window");
        requireNonNull(grace, "grace");
        coarser = List.copyOf(coarser);
        requireNonNull(progressEvery, "progressEvery");
        requireNonNull(influxDb, "influxDb");
        var problems = new ArrayList<String>();
        long scrape = fleet.scrapeInterval().toMillis();
        if (window.toMillis() % scrape != 0 || window.compareTo(fleet.scrapeInterval()) < 0) {
            problems.add("--window " + Topics.suffix(window) + " must be a multiple of --scrape-interval "
                    + Topics.suffix(fleet.scrapeInterval()));
        }
        for (var c : coarser) {
            if (c.toMillis() % window.toMillis() != 0 || c.compareTo(window) <= 0) {
                problems.add("--resolutions " + Topics.suffix(c) + " must be a larger multiple of --window "
                        + Topics.suffix(window));
            }
        }
        if (rawPartitions < 1) {
            problems.add("--raw-partitions must be at least 1, was " + rawPartitions);
        }
        if (runFor != null && (runFor.isNegative() || runFor.isZero())) {
            problems.add("--for must be positive, was " + runFor);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** The base window first, then the coarser resolutions. */
    public List<Duration> resolutions() {
        var all = new ArrayList<Duration>();
        all.add(window);
        all.addAll(coarser);
        return all;
    }

    /** The collectors scrape on the grid the fleet evolves on. */
    public Duration scrapeInterval() {
        return fleet.scrapeInterval();
    }
}
