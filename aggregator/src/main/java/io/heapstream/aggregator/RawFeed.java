package io.heapstream.aggregator;

/**
 * What the node stage may know about its raw partitions beyond its own records, so that it can tell a partition
 * or a node that went quiet from a pipeline that stopped feeding it (docs/rollup-semantics.md §4, "Quiet
 * partitions"). Silence counts only while the aggregator can reach the broker and has read what the broker holds
 * for the partition; a partition is quiet only if other partitions received records after its silence began.
 *
 * <p>The live aggregator asks the broker ({@link BrokerFeed}); a replay or a test driver, which feed the topology
 * themselves, use {@link #SELF_FED}: the feed is always healthy and the rest of the fleet always moves on, so a
 * partition's silence is measured by the wall clock alone.
 */
public interface RawFeed {
    /** The feed is the test's or the replay's own: silence always counts, others always move on. */
    RawFeed SELF_FED = new RawFeed() {
        @Override
        public long silenceCountsSince(int partition) {
            return Long.MIN_VALUE;
        }

        @Override
        public boolean othersReceivedAfter(int partition, long wallMillis) {
            return true;
        }
    };

    /**
     * Wall-clock time since which silence on {@code partition} is the fleet's own (the broker has answered, and
     * everything it held for the partition has been read ever since); {@link Long#MAX_VALUE} while it is not.
     */
    long silenceCountsSince(int partition);

    /** Whether a raw partition other than {@code partition} received a record after {@code wallMillis}. */
    boolean othersReceivedAfter(int partition, long wallMillis);
}
