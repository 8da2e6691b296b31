package dev.sluice.bench;

import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.metrics.Device;
import dev.sluice.metrics.DiskstatsSource;
import dev.sluice.metrics.ThroughputMonitor;
import dev.sluice.metrics.ThroughputSource;
import dev.sluice.metrics.Ticker;
import dev.sluice.task.TaskExecutor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real thing for a minute: ThroughputMonitor with a daemon ticker at 1 Hz sampling a 64-disk
 * diskstats file that changes every second. Reports the CPU time spent in sampling threads
 * (ThreadMXBean, per tick and per minute) and the whole process's CPU time over the same minute.
 * {@code MetricsSamplingCpu [seconds]}
 */
public final class MetricsSamplingCpu {
    private MetricsSamplingCpu() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        Path file = Files.createTempFile("diskstats", ".txt");
        MetricsDiskstatsFile.write(file, 64, 0);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        AtomicLong samplingCpu = new AtomicLong();
        AtomicLong ticks = new AtomicLong();
        DiskstatsSource real = new DiskstatsSource(new ScriptedRunner(), file, System::nanoTime, System::currentTimeMillis);
        ThroughputSource measured = new ThroughputSource() {
            @Override
            public String name() {
                return real.name();
            }

            @Override
            public void open(Sink sink) {
                real.open(sink);
            }

            @Override
            public void poll() {
                long before = threads.getCurrentThreadCpuTime();
                real.poll();
                samplingCpu.addAndGet(threads.getCurrentThreadCpuTime() - before);
                ticks.incrementAndGet();
            }

            @Override
            public void close() {
                real.close();
            }
        };
        AtomicLong uiCpu = new AtomicLong();
        TaskExecutor executor = new TaskExecutor() {
            @Override
            public void background(Runnable work) {
                work.run();
            }

            @Override
            public void ui(Runnable callback) {
                long before = threads.getCurrentThreadCpuTime();
                callback.run();
                uiCpu.addAndGet(threads.getCurrentThreadCpuTime() - before);
            }
        };
        ThroughputMonitor monitor = new ThroughputMonitor(List.of(measured), Ticker.daemon(), executor, ThroughputMonitor.Settings.DEFAULT);
        // warm up 5 s so JIT compilation is not billed to steady-state sampling
        ThroughputMonitor.Subscription warm = monitor.subscribe((d, t) -> { });
        for (int i = 0; i < 5; i++) {
            Thread.sleep(1000);
            MetricsDiskstatsFile.write(file, 64, i + 1);
        }
        warm.close();
        samplingCpu.set(0);
        uiCpu.set(0);
        ticks.set(0);
        int[] devicesSeen = {0};
        long processBefore = processCpuNanos();
        long wallBefore = System.nanoTime();
        ThroughputMonitor.Subscription sub = monitor.subscribe((d, t) -> devicesSeen[0] = d.size());
        for (int i = 0; i < seconds; i++) {
            Thread.sleep(1000);
            MetricsDiskstatsFile.write(file, 64, 100 + i);
        }
        sub.close();
        long wall = System.nanoTime() - wallBefore;
        long process = processCpuNanos() - processBefore;
        double perMinute = 60e9 / wall;
        System.out.printf("devices charted: %d (%s)%n", devicesSeen[0], Device.Kind.DISK);
        System.out.printf("ticks: %d in %.1f s%n", ticks.get(), wall / 1e9);
        System.out.printf("sampling thread CPU (read+parse+rates): %.2f ms/tick, %.1f ms per minute = %.3f %% of one core%n",
                samplingCpu.get() / 1e6 / Math.max(1, ticks.get()), samplingCpu.get() / 1e6 * perMinute, samplingCpu.get() * 100.0 / wall);
        System.out.printf("UI-side apply (ring buffers + listeners): %.3f ms/tick, %.1f ms per minute%n",
                uiCpu.get() / 1e6 / Math.max(1, ticks.get()), uiCpu.get() / 1e6 * perMinute);
        System.out.printf("whole process CPU over the run (incl. file rewrites, GC, JIT): %.1f ms per minute = %.3f %% of one core%n",
                process / 1e6 * perMinute, process * 100.0 / wall);
        Files.deleteIfExists(file);
        System.exit(0);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
