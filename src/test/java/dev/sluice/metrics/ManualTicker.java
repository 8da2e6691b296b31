package dev.sluice.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A ticker that ticks when the test says so. */
public final class ManualTicker implements Ticker {
    private final List<Runnable> running = new ArrayList<>();

    @Override
    public synchronized Runnable every(Duration period, Runnable tick) {
        running.add(tick);
        return () -> {
            synchronized (this) {
                running.remove(tick);
            }
        };
    }

    public void tick() {
        List<Runnable> now;
        synchronized (this) {
            now = List.copyOf(running);
        }
        now.forEach(Runnable::run);
    }

    public synchronized boolean isRunning() {
        return !running.isEmpty();
    }
}
