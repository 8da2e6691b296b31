package dev.sluice.task;

import java.time.Duration;

/**
 * How far a task is. {@code total} &lt;= 0 means unknown (indeterminate). Speed and ETA are
 * derived by {@link ProgressMeter} for byte-counting work.
 */
public record Progress(long done, long total, double perSecond, Duration eta, String message) {

    public static Progress message(String message) {
        return new Progress(0, -1, 0, null, message);
    }

    public double fraction() {
        return total <= 0 ? -1 : Math.min(1.0, (double) done / total);
    }
}
