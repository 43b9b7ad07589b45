package io.heapstream.aggregator;

import io.heapstream.model.raw.RawScrape;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded, messy fleet: pods come and go (a re-created pod keeps its name but restarts its counters),
 * containers restart (new start time, counter from zero), a counter sometimes drops without a restart,
 * metadata is sometimes missing, nodes skip scrapes; arrival order is shuffled within a slot, some scrapes
 * arrive a slot or two late (within grace), some far too late, some twice.
 */
public final class RandomFleet {
    private final Random random;
    private final Map<String, Long> counters = new HashMap<>();
    private final Map<String, Instant> starts = new HashMap<>();

    public RandomFleet(long seed) {
        this.random = new Random(seed);
    }

    public List<RawScrape> arrivals(int slots) {
        var perSlot = new ArrayList<List<RawScrape>>();
        var nodes = List.of("c1/n1", "c1/n2", "c2/n3");
        var alive = new HashMap<String, Boolean>();
        for (int s = 0; s < slots; s++) {
            var slot = Scrapes.T0.plusSeconds(15L * s);
            var batch = new ArrayList<RawScrape>();
            for (var nodeKey : nodes) {
                if (random.nextDouble() < 0.05) {
                    continue; // a missed scrape
                }
                var cluster = nodeKey.split("/")[0];
                var node = nodeKey.split("/")[1];
                var pods = new ArrayList<Scrapes.P>();
                for (int p = 0; p < 4; p++) {
                    var podName = "pod-" + node + "-" + p;
                    boolean up = alive.getOrDefault(podName, random.nextBoolean());
                    if (random.nextDouble() < 0.05) {
                        up = !up; // pods appear and disappear
                        if (up) {
                            forget(podName); // re-created with the same name: counters start over
                        }
                    }
                    alive.put(podName, up);
                    if (!up) {
                        continue;
                    }
                    var ns = p % 2 == 0 ? "default" : "batch";
                    String workload = random.nextDouble() < 0.1 ? null : (p < 2 ? "Deployment/web" : "Job/etl-" + node);
                    var containers = new ArrayList<Scrapes.C>();
                    for (int c = 0; c < 1 + p % 2; c++) {
                        var id = podName + "/c" + c;
                        if (random.nextDouble() < 0.03) {
                            forget(id); // container restart
                        }
                        var start = starts.computeIfAbsent(id, k -> slot.minusSeconds(random.nextInt(30)));
                        long cpu = advance(id + "/cpu", 1 + random.nextInt(400_000_000));
                        containers.add(new Scrapes.C("c" + c, cpu, 1000 + random.nextInt(5000), start));
                    }
                    long rx = advance(podName + "/rx", random.nextInt(100_000));
                    pods.add(new Scrapes.P(ns, podName, workload, rx, containers));
                }
                long nodeCpu = advance(nodeKey + "/cpu", random.nextInt(2_000_000_000));
                if (random.nextDouble() < 0.02) {
                    counters.put(nodeKey + "/cpu", nodeCpu / 2); // a counter going down without a restart
                }
                batch.add(Scrapes.scrape(cluster, node, slot, nodeCpu, 10_000 + random.nextInt(1000),
                        pods.toArray(Scrapes.P[]::new)));
            }
            Collections.shuffle(batch, random);
            perSlot.add(batch);
        }
        return disorder(perSlot);
    }

    private List<RawScrape> disorder(List<List<RawScrape>> perSlot) {
        var arrivals = new ArrayList<RawScrape>();
        var delayed = new HashMap<Integer, List<RawScrape>>();
        for (int s = 0; s < perSlot.size(); s++) {
            for (var scrape : perSlot.get(s)) {
                double r = random.nextDouble();
                if (r < 0.08) {
                    delayed.computeIfAbsent(s + 1 + random.nextInt(2), k -> new ArrayList<>()).add(scrape); // in grace
                } else if (r < 0.11) {
                    delayed.computeIfAbsent(s + 8 + random.nextInt(4), k -> new ArrayList<>()).add(scrape); // late
                } else {
                    arrivals.add(scrape);
                    if (r > 0.96) {
                        delayed.computeIfAbsent(s + random.nextInt(3), k -> new ArrayList<>()).add(scrape); // twice
                    }
                }
            }
            arrivals.addAll(delayed.getOrDefault(s, List.of()));
        }
        return arrivals;
    }

    private long advance(String key, long by) {
        return counters.merge(key, by, Long::sum);
    }

    private void forget(String prefix) {
        counters.keySet().removeIf(k -> k.startsWith(prefix + "/") || k.equals(prefix));
        starts.keySet().removeIf(k -> k.startsWith(prefix + "/") || k.equals(prefix));
    }
}
