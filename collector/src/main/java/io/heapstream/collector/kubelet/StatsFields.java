package io.heapstream.collector.kubelet;

import java.io.IOException;
import java.time.Instant;

/**
 * Mutable holders for fields the Summary API repeats in several places: the filesystem fields of {@code fs}
 * blocks and volumes, and the interface counters the kubelet also inlines into a network block.
 */
final class StatsFields {
    private StatsFields() { }

    /** Mutable holder for an interface's fields, which the kubelet also inlines into the network block. */
    static final class InterfaceFields {
        String name;
        Long rxBytes;
        Long rxErrors;
        Long txBytes;
        Long txErrors;

        boolean read(StatsReader r, String field) throws IOException {
            switch (field) {
                case "name" -> name = r.string();
                case "rxBytes" -> rxBytes = r.uint64();
                case "rxErrors" -> rxErrors = r.uint64();
                case "txBytes" -> txBytes = r.uint64();
                case "txErrors" -> txErrors = r.uint64();
                default -> {
                    return false;
                }
            }
            return true;
        }
    }

    /** Mutable holder for the filesystem fields that {@code fs} blocks and volumes share. */
    static final class FsFields {
        Instant time;
        Long available;
        Long capacity;
        Long used;
        Long inodesFree;
        Long inodes;
        Long inodesUsed;

        boolean read(StatsReader r, String field) throws IOException {
            switch (field) {
                case "time" -> time = r.time();
                case "availableBytes" -> available = r.uint64();
                case "capacityBytes" -> capacity = r.uint64();
                case "usedBytes" -> used = r.uint64();
                case "inodesFree" -> inodesFree = r.uint64();
                case "inodes" -> inodes = r.uint64();
                case "inodesUsed" -> inodesUsed = r.uint64();
                default -> {
                    return false;
                }
            }
            return true;
        }
    }
}
