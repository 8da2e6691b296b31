package dev.sluice.task;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Turns "bytes done so far" samples into speed and ETA, smoothed over the last few seconds
 * so that one slow second does not make the ETA jump.
 */
public final class ProgressMeter {
    private static final double SMOOTHING = 0.3;
    private final LongSupplier nanoClock;
    private long lastNanos = -1;
    private long lastDone;
    private double rate = -1;

    public ProgressMeter() {
        this(System::nanoTime);
    }

    public ProgressMeter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public Progress update(long done, long total, String message) {
        long now = nanoClock.getAsLong();
        if (lastNanos >= 0 && now > lastNanos) {
            double inst = (done - lastDone) * 1e9 / (now - lastNanos);
            rate = rate < 0 ? inst : SMOOTHING * inst + (1 - SMOOTHING) * rate;
        }
        lastNanos = now;
        lastDone = done;
        double r = Math.max(0, rate);
        Duration eta = (total > 0 && r > 0) ? Duration.ofMillis((long) ((total - done) * 1000 / r)) : null;
        return new Progress(done, total, r, eta, message);
    }
}
