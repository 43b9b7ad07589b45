package io.heapstream.aggregator.sample;

import static io.heapstream.model.MetricCatalogue.EPHEMERAL_STORAGE_USAGE;

import io.heapstream.model.raw.ContainerStats;
import java.util.ArrayList;
import java.util.List;

/** Heapster's rules for a pod's containers as the kubelet lists them (docs/rollup-semantics.md). */
final class Containers {
    private Containers() { }

    /**
     * One container per name: of two with the same name (a restarted container the kubelet still lists), the one
     * with the later start time, wherever it is in the list, as Heapster kept it. A pod has a handful of
     * containers and nearly never a repeated name, so the list itself is returned then.
     */
    static List<ContainerStats> latestPerName(List<ContainerStats> containers) {
        if (!repeats(containers)) {
            return containers;
        }
        var kept = new ArrayList<ContainerStats>(containers.size());
        for (var c : containers) {
            int at = indexOf(kept, c.name());
            if (at < 0) {
                kept.add(c);
            } else if (later(c, kept.get(at))) {
                kept.set(at, c);
            }
        }
        return kept;
    }

    static boolean has(List<ContainerStats> containers, String name) {
        return indexOf(containers, name) >= 0;
    }

    /** Heapster's container ephemeral storage: what it wrote in its root filesystem and its logs. */
    static void ephemeralStorage(ContainerStats c, MetricValues gauges) {
        if (c.rootfs() == null || c.rootfs().usedBytes() == null) {
            return;
        }
        long used = c.rootfs().usedBytes();
        if (c.logs() != null && c.logs().usedBytes() != null) {
            used += c.logs().usedBytes();
        }
        gauges.put(EPHEMERAL_STORAGE_USAGE.name(), used);
    }

    private static boolean repeats(List<ContainerStats> containers) {
        for (int i = 1; i < containers.size(); i++) {
            if (indexOf(containers.subList(0, i), containers.get(i).name()) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(List<ContainerStats> containers, String name) {
        for (int i = 0; i < containers.size(); i++) {
            if (containers.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** A start time beats none; of two equal ones the later in the list wins. */
    private static boolean later(ContainerStats c, ContainerStats than) {
        if (c.startTime() == null) {
            return than.startTime() == null;
        }
        return than.startTime() == null || !c.startTime().isBefore(than.startTime());
    }
}
