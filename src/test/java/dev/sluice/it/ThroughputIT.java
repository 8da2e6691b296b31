package dev.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.Command;
import dev.sluice.host.CommandResult;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningCommand;
import dev.sluice.metrics.Device;
import dev.sluice.metrics.DiskstatsSource;
import dev.sluice.metrics.IoRate;
import dev.sluice.metrics.RateSeries;
import dev.sluice.metrics.ThroughputMonitor;
import dev.sluice.metrics.ThroughputUnavailable;
import dev.sluice.metrics.Ticker;
import dev.sluice.metrics.ZpoolIostatSource;
import dev.sluice.task.TaskExecutor;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * End to end over SSH on real OpenZFS: dd writes to a zvol, and the zvol's series (from the one
 * streamed /proc/diskstats loop, zdN named through /dev/zvol) shows the write rate within 3 s.
 * When the last listener leaves, the remote loop is gone.
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
class ThroughputIT {
    private static final double ONE_MIB = 1024 * 1024;

    @Test
    void ddToAZvolShowsInItsSeriesWithinThreeSeconds(Testbed tb) throws Exception {
        String pool = tb.freshFilePool("tput", "512M");
        String zvol = pool + "/vm1";
        tb.sh("zfs create -V 256M " + zvol);
        tb.waitForDevice(Testbed.zvolDevice(zvol));

        ExecutorService ui = Executors.newSingleThreadExecutor();
        TaskExecutor executor = TaskExecutor.pooled(ui::execute);
        ThroughputMonitor monitor = new ThroughputMonitor(
                List.of(DiskstatsSource.forHost(tb.runner()), ZpoolIostatSource.forHost(tb.runner())),
                Ticker.daemon(), executor, ThroughputMonitor.Settings.DEFAULT);
        List<String> problems = new CopyOnWriteArrayList<>();
        Device device = Device.zvol(zvol);
        AtomicReference<Long> firstWriteSeenAt = new AtomicReference<>();
        AtomicReference<Long> ddStartedAt = new AtomicReference<>();
        ThroughputMonitor.Subscription sub = monitor.subscribe(new ThroughputMonitor.Listener() {
            @Override
            public void updated(List<Device> devices, long wallMillis) {
                RateSeries s = monitor.series(device);
                IoRate latest = s == null ? null : s.latest();
                if (ddStartedAt.get() != null && firstWriteSeenAt.get() == null && latest != null && latest.writeBps() > ONE_MIB) {
                    firstWriteSeenAt.set(System.nanoTime());
                }
            }

            @Override
            public void problem(ThroughputUnavailable p) {
                problems.add(p.getMessage());
            }
        });
        try {
            // the zvol must be known (a baseline) before the write starts
            waitUntil(Duration.ofSeconds(20), () -> onUi(ui, () -> monitor.series(device) != null && monitor.series(device).size() >= 1));
            waitUntil(Duration.ofSeconds(15), () -> onUi(ui, () -> monitor.devices().contains(Device.pool(pool))));
            assertTrue(onUi(ui, () -> monitor.devices().contains(Device.pool(pool))),
                    "zpool iostat names the pool; devices " + onUi(ui, monitor::devices) + ", problems " + problems);

            ddStartedAt.set(System.nanoTime());
            RunningCommand dd = tb.runner().start(Command.of("dd", "if=/dev/zero", "of=" + Testbed.zvolDevice(zvol),
                    "bs=1M", "count=240", "oflag=direct", "status=none").withTimeout(Duration.ofMinutes(3)), OutputListener.NONE);
            waitUntil(Duration.ofSeconds(10), () -> firstWriteSeenAt.get() != null);
            Long seen = firstWriteSeenAt.get();
            assertNotNull(seen, "no write rate on " + zvol + " within 10 s; problems: " + problems);
            double seconds = (seen - ddStartedAt.get()) / 1e9;
            System.err.printf("[throughput] write rate on %s seen %.2f s after dd started%n", zvol, seconds);
            assertTrue(seconds <= 3.0, "the write showed after " + seconds + " s");
            dd.cancel();
        } finally {
            sub.close();
        }
        assertTrue(!monitor.isSampling());
        // [K] and [z]: the pattern must not match the shell that runs pgrep itself
        String samplers = "pgrep -af 'SLUICE-TIC[K]|[z]pool iostat'";
        waitUntil(Duration.ofSeconds(10), () -> tb.shAllowingFailure(samplers).exitCode() != 0);
        CommandResult left = tb.shAllowingFailure(samplers);
        assertEquals(1, left.exitCode(), "closing the last subscription kills the remote sampling commands: " + left.stdout());
        assertEquals(List.of(), problems.stream().filter(p -> !p.contains("stopped")).toList());
        ui.shutdown();
        ui.awaitTermination(5, TimeUnit.SECONDS);
        tb.sh("zpool destroy -f " + pool);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitUntil(Duration limit, Check check) throws Exception {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(100);
        }
    }

    private static <T> T onUi(ExecutorService ui, java.util.concurrent.Callable<T> read) throws Exception {
        return ui.submit(read).get(5, TimeUnit.SECONDS);
    }
}
