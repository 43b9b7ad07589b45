package io.heapstream.aggregator.node;

import java.util.HashMap;
import java.util.Map;

/**
 * How far a raw partition's scrapes have come: the newest slot of each of its nodes, and from those the event
 * watermark — the newest slot of the <em>slowest live node</em>, never the newest record. A node catching up from
 * its collector's buffer therefore holds its partition's windows open instead of finding them closed.
 *
 * <p>A node counts as gone (and stops holding the watermark) when the partition's newest slot is more than
 * {@code goneLag} past its own, or when it has been silent for the idle timeout while the feed was healthy
 * ({@link #markSilentGone}); a gone node that sends again is live again. The watermark never goes back.
 * docs/rollup-semantics.md §4 states the rule.
 */
final class PartitionProgress {
    private static final class Node {
        long latest = Long.MIN_VALUE;
        long lastSeenWall;
        boolean gone;
    }

    private final long goneLagMillis;
    private final Map<String, Node> nodes = new HashMap<>();
    private long newest = Long.MIN_VALUE;

    PartitionProgress(long goneLagMillis) {
        this.goneLagMillis = goneLagMillis;
    }

    /** A record of {@code node} for {@code slot} arrived at {@code wallMillis}. */
    void seen(String node, long slot, long wallMillis) {
        var n = nodes.computeIfAbsent(node, k -> new Node());
        n.latest = Math.max(n.latest, slot);
        n.lastSeenWall = wallMillis;
        n.gone = false;
        newest = Math.max(newest, slot);
    }

    /** A node known from the store after a restart: its newest stored slot, silent from {@code wallMillis} on. */
    void restored(String node, long slot, long wallMillis) {
        seen(node, slot, wallMillis);
    }

    /**
     * Nodes behind the partition's newest slot that have been silent for {@code idleMillis} of wall-clock time
     * counted from {@code countsSince} (the feed's health) count as gone; true if any did.
     */
    boolean markSilentGone(long wallMillis, long countsSince, long idleMillis) {
        boolean changed = false;
        for (var n : nodes.values()) {
            if (!n.gone && n.latest < newest && wallMillis - Math.max(n.lastSeenWall, countsSince) >= idleMillis) {
                n.gone = true;
                changed = true;
            }
        }
        return changed;
    }

    /**
     * The newest slot of the slowest live node (the newest slot of all when none is live); nodes too far behind to
     * matter any more are forgotten. {@link Long#MIN_VALUE} before the first record.
     */
    long watermark() {
        if (newest == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        long floor = newest - goneLagMillis;
        long min = Long.MAX_VALUE;
        var it = nodes.values().iterator();
        while (it.hasNext()) {
            var n = it.next();
            if (n.latest < floor) {
                it.remove();
            } else if (!n.gone) {
                min = Math.min(min, n.latest);
            }
        }
        return min == Long.MAX_VALUE ? newest : min;
    }
}
