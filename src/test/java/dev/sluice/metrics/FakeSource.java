package dev.sluice.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A polled source whose devices and counters a test sets by hand: it goes through the real
 * {@link RateCalculator}, so the monitor and views see what a real source would give them.
 */
public final class FakeSource implements ThroughputSource {
    private final Map<Device, IoCounters> counters = new LinkedHashMap<>();
    private final RateCalculator rates = new RateCalculator();
    private final LongSupplier nanos;
    private final LongSupplier wall;
    private volatile Sink sink;
    public int opens;
    public int closes;

    public FakeSource(LongSupplier nanos, LongSupplier wall) {
        this.nanos = nanos;
        this.wall = wall;
    }

    public synchronized FakeSource set(Device d, long readBytes, long writeBytes, long readOps, long writeOps) {
        counters.put(d, new IoCounters(readBytes, writeBytes, readOps, writeOps));
        return this;
    }

    public synchronized FakeSource remove(Device d) {
        counters.remove(d);
        return this;
    }

    @Override
    public String name() {
        return "fake";
    }

    @Override
    public void open(Sink sink) {
        opens++;
        this.sink = sink;
    }

    @Override
    public synchronized void poll() {
        Sink s = sink;
        if (s == null) {
            return;
        }
        long now = nanos.getAsLong();
        List<Device> devices = new ArrayList<>(counters.keySet());
        Map<Device, IoRate> out = new HashMap<>();
        for (Map.Entry<Device, IoCounters> e : counters.entrySet()) {
            IoRate r = rates.update(e.getKey().name(), e.getKey().name(), e.getValue(), now);
            if (r != null) {
                out.put(e.getKey(), r);
            }
        }
        rates.retainOnly(new java.util.HashSet<>(counters.keySet().stream().map(Device::name).toList()));
        s.batch(new SampleBatch(name(), wall.getAsLong(), devices, out));
    }

    @Override
    public void close() {
        closes++;
        sink = null;
    }
}
