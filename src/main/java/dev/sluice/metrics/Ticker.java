package dev.sluice.metrics;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Calls something at a fixed rate until cancelled. Injected, so that tests tick by hand. */
public interface Ticker {

    /** Starts calling {@code tick} every {@code period}; the returned action stops it. */
    Runnable every(Duration period, Runnable tick);

    static Ticker scheduled(ScheduledExecutorService scheduler) {
        return (period, tick) -> {
            ScheduledFuture<?> f = scheduler.scheduleAtFixedRate(tick, 0, period.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
    }

    /** One daemon scheduler thread for the whole app. */
    static Ticker daemon() {
        return scheduled(Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("sluice-throughput-ticker");
            t.setDaemon(true);
            return t;
        }));
    }
}
