package dev.sluice.metrics;

import java.util.List;

/**
 * A running VM's drive counters: a QEMU VM's as QMP {@code query-blockstats} reports them (the QMP
 * client in dev.sluice.qemu, wired by the app; {@link QmpBlockStats#parse} turns the reply into
 * {@link DriveStats}), a libvirt guest's from {@code virsh domstats --block}.
 */
public interface BlockStatsSource {

    /** The VM's name as the admin knows it. */
    String vmName();

    /** One {@code query-blockstats} round trip. */
    List<DriveStats> queryBlockStats() throws Exception;

    /** One drive's cumulative counters; {@code drive} is the name the admin gave it (its device id). */
    record DriveStats(String drive, long rdBytes, long wrBytes, long rdOperations, long wrOperations) {

        public IoCounters counters() {
            return new IoCounters(rdBytes, wrBytes, rdOperations, wrOperations);
        }
    }
}
