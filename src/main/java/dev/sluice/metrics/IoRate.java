package dev.sluice.metrics;

/** Throughput over one sampling interval: bytes and operations per second, read and write. */
public record IoRate(double readBps, double writeBps, double readIops, double writeIops) {

    public static final IoRate IDLE = new IoRate(0, 0, 0, 0);
}
