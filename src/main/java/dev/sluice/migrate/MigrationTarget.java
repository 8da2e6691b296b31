package dev.sluice.migrate;

import dev.sluice.host.StreamRoute;
import dev.sluice.zfs.ZfsService;

/**
 * Where a migration's zvol goes: the target host's ZFS and how the stream gets there. On the same host the
 * target is the source's own ZFS and the stream a pipe there; on another host the stream is
 * {@link StreamRoute#direct direct} or {@link StreamRoute#relayed relayed}, and {@code routeNote} says why that
 * route (the direct probe's answer, when it failed).
 */
public record MigrationTarget(String hostId, String hostName, ZfsService zfs, StreamRoute route, String routeNote) {

    public MigrationTarget {
        routeNote = routeNote == null ? "" : routeNote;
    }

    /** The source host itself. */
    public static MigrationTarget sameHost(String hostId, ZfsService zfs) {
        if (zfs == null) {
            return new MigrationTarget(hostId, hostId, null, null, ""); // step actions that never touch ZFS (tests of undo)
        }
        return new MigrationTarget(hostId, zfs.runner().host().displayName(), zfs, StreamRoute.onHost(zfs.runner()), "");
    }

    public boolean isSameHost(String sourceHostId) {
        return hostId.equals(sourceHostId);
    }
}
