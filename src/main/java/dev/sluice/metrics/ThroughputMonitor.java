package dev.sluice.metrics;

import dev.sluice.task.TaskExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the throughput sources while someone watches, and keeps each device's recent rates in a
 * {@link RateSeries}. The first subscriber starts the sources and the ticker; when the last one
 * leaves, the ticker stops and the sources' commands are killed, so a hidden chart costs nothing.
 * Series and listeners live on the executor's UI side: batches are handed over there, so readers
 * never need a lock.
 */
public final class ThroughputMonitor {

    /** How often to sample and how much history to keep. */
    public record Settings(Duration period, Duration window) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(1), Duration.ofMinutes(5));

        public Settings {
            if (period.isZero() || period.isNegative() || window.compareTo(period) < 0) {
                throw new IllegalArgumentException("the window must hold at least one sampling period");
            }
        }

        public int capacity() {
            return (int) Math.max(1, window.toMillis() / period.toMillis());
        }
    }

    /** Told on the UI side after every batch, and when a source gives up. */
    public interface Listener {
        void updated(List<Device> devices, long wallMillis);

        default void problem(ThroughputUnavailable problem) {
        }
    }

    /** Ends a subscription; the last one to end stops sampling. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    private final List<ThroughputSource> sources;
    private final Ticker ticker;
    private final TaskExecutor executor;
    private final Settings settings;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, List<Device>> devicesBySource = new LinkedHashMap<>();
    private final Map<Device, RateSeries> series = new HashMap<>();
    private final AtomicBoolean polling = new AtomicBoolean();
    private final Object lifecycle = new Object();
    private Runnable stopTicker;
    private long generation;
    private List<Device> devices = List.of();

    public ThroughputMonitor(List<ThroughputSource> sources, Ticker ticker, TaskExecutor executor, Settings settings) {
        this.sources = List.copyOf(sources);
        this.ticker = Objects.requireNonNull(ticker);
        this.executor = Objects.requireNonNull(executor);
        this.settings = Objects.requireNonNull(settings);
    }

    public Settings settings() {
        return settings;
    }

    public boolean hasSources() {
        return !sources.isEmpty();
    }

    public boolean isSampling() {
        synchronized (lifecycle) {
            return stopTicker != null;
        }
    }

    public Subscription subscribe(Listener listener) {
        listeners.add(listener);
        synchronized (lifecycle) {
            if (stopTicker == null) {
                start();
            }
        }
        AtomicBoolean closed = new AtomicBoolean();
        return () -> {
            if (closed.compareAndSet(false, true)) {
                listeners.remove(listener);
                synchronized (lifecycle) {
                    if (listeners.isEmpty() && stopTicker != null) {
                        stop();
                    }
                }
            }
        };
    }

    /** Devices seen in the latest batches of all sources, sorted by kind and name. UI side only. */
    public List<Device> devices() {
        return devices;
    }

    /** The device's series, or null when it is not (or no longer) there. UI side only. */
    public RateSeries series(Device device) {
        return series.get(device);
    }

    private void start() {
        long gen = ++generation;
        ThroughputSource.Sink sink = new ThroughputSource.Sink() {
            @Override
            public void batch(SampleBatch batch) {
                executor.ui(() -> apply(gen, batch));
            }

            @Override
            public void failed(ThroughputUnavailable problem) {
                executor.ui(() -> {
                    if (isCurrent(gen)) {
                        listeners.forEach(l -> l.problem(problem));
                    }
                });
            }
        };
        stopTicker = () -> { };
        for (ThroughputSource source : sources) {
            executor.background(() -> {
                if (isCurrent(gen)) {
                    source.open(sink);
                }
            });
        }
        Runnable cancel = ticker.every(settings.period(), () -> {
            if (!polling.compareAndSet(false, true)) {
                return; // the previous tick is still reading: skip rather than pile up
            }
            executor.background(() -> {
                try {
                    for (ThroughputSource source : sources) {
                        if (isCurrent(gen)) {
                            source.poll();
                        }
                    }
                } finally {
                    polling.set(false);
                }
            });
        });
        stopTicker = cancel;
    }

    private void stop() {
        generation++;
        stopTicker.run();
        stopTicker = null;
        sources.forEach(ThroughputSource::close);
        // Next time starts afresh: a gap in the middle of a series would read as idle time.
        executor.ui(() -> {
            devicesBySource.clear();
            series.clear();
            devices = List.of();
        });
    }

    private boolean isCurrent(long gen) {
        synchronized (lifecycle) {
            return gen == generation && stopTicker != null;
        }
    }

    private void apply(long gen, SampleBatch batch) {
        if (!isCurrent(gen)) {
            return;
        }
        List<Device> previous = devicesBySource.put(batch.source(), batch.devices());
        if (previous != null) {
            Set<Device> now = Set.copyOf(batch.devices());
            for (Device gone : previous) {
                if (!now.contains(gone)) {
                    series.remove(gone);
                }
            }
        }
        for (Device d : batch.devices()) {
            IoRate r = batch.rates().get(d);
            RateSeries s = series.computeIfAbsent(d, k -> new RateSeries(settings.capacity()));
            if (r != null) {
                s.append(batch.wallMillis(), r);
            }
        }
        TreeSet<Device> all = new TreeSet<>();
        devicesBySource.values().forEach(all::addAll);
        devices = List.copyOf(all);
        List<Device> snapshot = new ArrayList<>(devices);
        for (Listener l : listeners) {
            l.updated(snapshot, batch.wallMillis());
        }
    }
}
