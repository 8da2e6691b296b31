package dev.sluice.zfs;

/** State of a pool or vdev as ZFS reports it ({@code zpool list} health, {@code zpool status} state). */
public enum Health {
    ONLINE, DEGRADED, FAULTED, OFFLINE, UNAVAIL, REMOVED, SUSPENDED, AVAIL, INUSE, UNKNOWN;

    public static Health parse(String s) {
        if (s == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** True when the data is fully redundant and readable. */
    public boolean healthy() {
        return this == ONLINE || this == AVAIL || this == INUSE;
    }
}
