package io.heapstream.collector.metadata;

import io.heapstream.model.raw.NodeMeta;
import io.heapstream.model.raw.PodMeta;
import io.heapstream.model.raw.PodRef;
import java.util.Collection;

/**
 * Where enrichment comes from ({@code --metadata api|kubelet|off}). Lookups never block and never fail: a pod
 * the source has not seen yet gets {@code null} and is reported unenriched.
 */
public interface PodMetadata extends AutoCloseable {
    /** Starts watching or fetching; returns at once. */
    void start();

    /** Called before each scrape is enriched, with the pods the kubelet reported (kubelet mode refreshes here). */
    default void beforeEnrich(Collection<PodRef> pods) { }

    /** The pod's metadata, or {@code null} when unknown. */
    PodMeta pod(PodRef ref);

    /** The node's capacity and allocatable, or {@code null} when unknown (only API mode knows them). */
    NodeMeta node();

    /** {@code false} only for {@code off}, whose pods are unenriched by choice, not counted as misses. */
    default boolean enabled() {
        return true;
    }

    /** Whether the source has its first complete view (always true for {@code off}). */
    boolean synced();

    @Override
    void close();

    /** {@code --metadata off}: every pod reported as the kubelet gives it. */
    static PodMetadata off() {
        return new PodMetadata() {
            @Override
            public void start() { }

            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public PodMeta pod(PodRef ref) {
                return null;
            }

            @Override
            public NodeMeta node() {
                return null;
            }

            @Override
            public boolean synced() {
                return true;
            }

            @Override
            public void close() { }
        };
    }
}
