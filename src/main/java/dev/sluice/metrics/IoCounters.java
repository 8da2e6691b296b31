package dev.sluice.metrics;

/** Cumulative I/O counters as a device reports them (they only grow, until a reset or a wrap). */
public record IoCounters(long readBytes, long writeBytes, long readOps, long writeOps) {
}
