package dev.sluice.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.task.TaskExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThroughputMonitorTest {
    private final AtomicLong nanos = new AtomicLong();
    private final ManualTicker ticker = new ManualTicker();
    private final FakeSource source = new FakeSource(nanos::get, () -> nanos.get() / 1_000_000);
    private final ThroughputMonitor monitor = new ThroughputMonitor(List.of(source), ticker, TaskExecutor.direct(),
            new ThroughputMonitor.Settings(Duration.ofSeconds(1), Duration.ofSeconds(5)));
    private final Device zvol = Device.zvol("tank/vm");

    private void second() {
        nanos.addAndGet(1_000_000_000L);
        ticker.tick();
    }

    @Test
    void samplesOnlyWhileSomeoneListens() {
        assertFalse(monitor.isSampling());
        ThroughputMonitor.Subscription a = monitor.subscribe((devices, t) -> { });
        ThroughputMonitor.Subscription b = monitor.subscribe((devices, t) -> { });
        assertTrue(monitor.isSampling());
        assertEquals(1, source.opens, "a second listener shares the running sources");
        a.close();
        assertTrue(ticker.isRunning());
        b.close();
        b.close();
        assertFalse(monitor.isSampling());
        assertFalse(ticker.isRunning(), "nobody listens: the ticker is stopped");
        assertEquals(1, source.closes, "and the sources (their commands) are closed");
    }

    @Test
    void ratesFillAFixedSizeWindow() {
        List<List<Device>> seen = new ArrayList<>();
        monitor.subscribe((devices, t) -> seen.add(devices));
        for (int i = 0; i < 8; i++) {
            source.set(zvol, 0, i * 1_000_000L, 0, i * 10L);
            second();
        }
        RateSeries s = monitor.series(zvol);
        assertEquals(5, s.size(), "5 s window at 1 s");
        assertEquals(1_000_000.0, s.latest().writeBps());
        assertEquals(10.0, s.latest().writeIops());
        assertEquals(8, seen.size());
        assertEquals(List.of(zvol), seen.get(0));
    }

    @Test
    void aDeviceThatVanishesLosesItsSeriesAndComesBackFresh() {
        monitor.subscribe((devices, t) -> { });
        source.set(zvol, 0, 0, 0, 0);
        second();
        source.set(zvol, 0, 100, 0, 1);
        second();
        source.remove(zvol);
        second();
        assertNull(monitor.series(zvol));
        assertEquals(List.of(), monitor.devices());
        source.set(zvol, 0, 5_000_000, 0, 9);
        second();
        assertEquals(List.of(zvol), monitor.devices());
        assertEquals(0, monitor.series(zvol).size(), "back: a baseline, no spike from the old counters");
        source.set(zvol, 0, 5_000_100, 0, 10);
        second();
        assertEquals(100.0, monitor.series(zvol).latest().writeBps());
    }

    @Test
    void problemsReachListeners() {
        List<String> problems = new ArrayList<>();
        ThroughputSource broken = new ThroughputSource() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void open(Sink sink) {
                sink.failed(new ThroughputUnavailable("broken", "it broke; fix it"));
            }

            @Override
            public void close() {
            }
        };
        ThroughputMonitor m = new ThroughputMonitor(List.of(broken), ticker, TaskExecutor.direct(), ThroughputMonitor.Settings.DEFAULT);
        m.subscribe(new ThroughputMonitor.Listener() {
            @Override
            public void updated(List<Device> devices, long wallMillis) {
            }

            @Override
            public void problem(ThroughputUnavailable problem) {
                problems.add(problem.getMessage());
            }
        });
        assertEquals(List.of("it broke; fix it"), problems);
        assertEquals(300, ThroughputMonitor.Settings.DEFAULT.capacity());
    }
}
