package dev.sluice.zfs;

/**
 * One imported pool, from {@code zpool list -Hp -o name,size,alloc,free,frag,cap,dedup,health,altroot,guid}.
 * Sizes in bytes. {@code fragmentationPercent} is -1 when ZFS shows "-" (no spacemap histogram yet).
 */
public record Pool(String name, long size, long allocated, long free, int fragmentationPercent, int capacityPercent,
                   double dedupRatio, Health health, String altroot, String guid) {

    public boolean healthy() {
        return health == Health.ONLINE;
    }
}
