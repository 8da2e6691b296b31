package dev.sluice.qemu.qmp;

/**
 * One drive's counters from {@code query-blockstats} (cumulative since the VM started); the
 * metrics sampler turns two samples into rates. {@code device} is the drive id (drive0, ...),
 * {@code qdev} the guest device's path.
 */
public record BlockStats(String device, String qdev, String nodeName, long readBytes, long writeBytes,
                         long readOps, long writeOps, long flushOps, long readTotalTimeNs, long writeTotalTimeNs) {
}
