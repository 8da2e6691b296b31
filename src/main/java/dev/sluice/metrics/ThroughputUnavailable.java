package dev.sluice.metrics;

/**
 * A throughput source cannot deliver. The message names the problem and what to do, fit to show
 * a user as it is.
 */
public final class ThroughputUnavailable extends Exception {
    private final String source;

    public ThroughputUnavailable(String source, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
    }

    public ThroughputUnavailable(String source, String message) {
        this(source, message, null);
    }

    public String source() {
        return source;
    }

    static ThroughputUnavailable notLinux(String host) {
        return new ThroughputUnavailable("diskstats", "Per-disk and per-zvol throughput is not available on " + host
                + ": /proc/diskstats cannot be read (it exists only on Linux). Pool and vdev rates from zpool iostat still work.");
    }

    static ThroughputUnavailable streamStopped(String source, String host, String command, String detail) {
        return new ThroughputUnavailable(source, "The " + source + " stream from " + host + " stopped"
                + (detail == null || detail.isBlank() ? "" : " (" + detail.strip() + ")")
                + ". Check that " + command + " runs on " + host + " (and that the SSH connection holds), then reopen the Throughput view.");
    }
}
