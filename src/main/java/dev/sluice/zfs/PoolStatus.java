package dev.sluice.zfs;

/**
 * Health detail of one pool: the vdev tree (log, special, dedup, cache and spare vdevs are children
 * of {@code root} with their {@link Vdev#vdevClass()}), the scan state and ZFS's own status and
 * action texts. {@code detailed} is true when read from {@code zpool status -j} (OpenZFS 2.3+):
 * then error counts, paths, scan state and {@code dataErrors} are real. On 2.1 it is false: the tree
 * and states come from {@code zpool list -Hpv}, error counts are -1, scan is
 * {@link ScrubState#UNAVAILABLE}, {@code status}/{@code action} are null.
 */
public record PoolStatus(String name, Health state, String guid, String status, String action, Vdev root,
                         ScrubState scan, long dataErrors, boolean detailed) {
}
