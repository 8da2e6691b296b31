package dev.sluice.zfs;

import java.util.List;

/**
 * A node of a pool's vdev tree. Error counts and {@code path} come from {@code zpool status -j}
 * (OpenZFS 2.3+); on 2.1 the tree comes from {@code zpool list -Hpv}, which has no error counts
 * (they are -1: {@link #errorsKnown()} is false) and no device paths. {@code vdevClass} is
 * {@code normal}, {@code log}, {@code special}, {@code dedup}, {@code cache} or {@code spare}.
 * Sizes are -1 when unknown.
 */
public record Vdev(String name, String path, VdevType type, Health state, long readErrors, long writeErrors,
                   long checksumErrors, long size, long allocated, String vdevClass, List<Vdev> children) {

    public Vdev {
        children = List.copyOf(children);
    }

    public boolean errorsKnown() {
        return readErrors >= 0;
    }

    /** Sum of read, write and checksum errors here and below; -1 when unknown. */
    public long totalErrors() {
        if (!errorsKnown()) {
            return -1;
        }
        long sum = readErrors + writeErrors + checksumErrors;
        for (Vdev c : children) {
            long e = c.totalErrors();
            sum += Math.max(0, e);
        }
        return sum;
    }

    public boolean isLeaf() {
        return children.isEmpty() && !type.isGroup();
    }

    /** All leaves (disks and files) under this vdev, in order. */
    public List<Vdev> leaves() {
        if (children.isEmpty()) {
            return type == VdevType.ROOT ? List.of() : List.of(this);
        }
        return children.stream().flatMap(c -> c.leaves().stream()).toList();
    }
}
