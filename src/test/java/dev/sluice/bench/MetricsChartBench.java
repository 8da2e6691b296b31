package dev.sluice.bench;

import dev.sluice.metrics.Device;
import dev.sluice.metrics.FakeSource;
import dev.sluice.metrics.ManualTicker;
import dev.sluice.metrics.ThroughputMonitor;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.throughput.DeviceLabeller;
import dev.sluice.ui.throughput.ThroughputView;
import dev.sluice.ui.throughput.ThroughputViewModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Frame cost of the Throughput charts with 32 series (16 devices, read + write) of 300 points,
 * headless under Monocle with the software pipeline: per frame, one new sample for every device,
 * the in-place update of all points, CSS + layout, and a full render (a scene snapshot). 60 fps
 * leaves 16.7 ms per frame. Times are the FX thread's CPU time (ThreadMXBean), so that other
 * processes on a busy machine do not count. {@code MetricsChartBench [frames]}
 */
public final class MetricsChartBench {
    private static final int DEVICES = 16;

    private MetricsChartBench() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        int frames = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        CountDownLatch started = new CountDownLatch(1);
        Platform.setImplicitExit(false);
        Platform.startup(started::countDown);
        started.await();
        for (boolean combined : new boolean[] {true, false}) {
            CountDownLatch done = new CountDownLatch(1);
            Platform.runLater(() -> {
                try {
                    run(combined, frames);
                } finally {
                    done.countDown();
                }
            });
            done.await();
        }
        System.exit(0);
    }

    private static void run(boolean combined, int frames) {
        AtomicLong nanos = new AtomicLong();
        FakeSource source = new FakeSource(nanos::get, () -> nanos.get() / 1_000_000);
        ManualTicker ticker = new ManualTicker();
        ThroughputMonitor monitor = new ThroughputMonitor(List.of(source), ticker, TaskExecutor.direct(),
                ThroughputMonitor.Settings.DEFAULT);
        ThroughputViewModel vm = new ThroughputViewModel(monitor, DeviceLabeller.NONE);
        vm.combinedProperty().set(combined);
        ThroughputView view = new ThroughputView(vm);
        Stage stage = new Stage();
        stage.setScene(new Scene(view.root(), 1600, 1000));
        stage.show();
        view.shown();
        List<Device> devices = new ArrayList<>();
        for (int d = 0; d < DEVICES; d++) {
            devices.add(Device.zvol("tank/vm-" + d));
        }
        long[] counters = new long[DEVICES * 2];
        int[] step = {0};
        Runnable sample = () -> {
            int s = step[0]++;
            for (int d = 0; d < DEVICES; d++) {
                counters[2 * d] += (long) (1e6 * (1 + Math.sin((s + d * 7) / 9.0)));
                counters[2 * d + 1] += (long) (4e6 * (1 + Math.cos((s + d * 3) / 13.0)));
                source.set(devices.get(d), counters[2 * d], counters[2 * d + 1], s, s);
            }
            nanos.addAndGet(1_000_000_000L);
            ticker.tick();
        };
        sample.run();
        vm.devices().forEach(c -> c.setSelected(true));
        for (int i = 0; i < 301; i++) {
            sample.run();
        }
        Scene scene = stage.getScene();
        int warm = Math.min(100, frames);
        // CPU time of the FX thread, not wall time: the shared build machine steals the rest
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] update = new double[frames];
        double[] layout = new double[frames];
        int renders = Math.max(1, frames / 10);
        double[] render = new double[renders];
        for (int f = -warm; f < frames; f++) {
            if (f == 0) {
                System.gc();
            }
            long t0 = cpu.getCurrentThreadCpuTime();
            sample.run();
            long t1 = cpu.getCurrentThreadCpuTime();
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            long t2 = cpu.getCurrentThreadCpuTime();
            // a software render is slow and says little about a GPU pipeline: sample one frame in ten
            boolean draw = f >= 0 && f % 10 == 0 && f / 10 < renders;
            long p0 = processCpu();
            if (draw) {
                scene.snapshot(null); // rasterised on the render thread: bill the whole process
            }
            long t3 = t2 + processCpu() - p0;
            if (f >= 0) {
                update[f] = (t1 - t0) / 1e6;
                layout[f] = (t2 - t0) / 1e6;
            }
            if (draw) {
                render[f / 10] = (t3 - t0) / 1e6;
            }
        }
        // the same render with nothing changed: what the software pipeline costs for this scene anyway
        double[] still = new double[Math.max(1, frames / 10)];
        for (int i = 0; i < still.length; i++) {
            long p0 = processCpu();
            scene.snapshot(null);
            still[i] = (processCpu() - p0) / 1e6;
        }
        long lines = vm.plots().stream().mapToLong(p -> p.lines().size()).sum();
        int points = vm.plots().get(0).lines().get(0).size();
        System.out.printf("%s: %d charts, %d series x %d points, %d frames%n", combined ? "combined" : "separate",
                vm.plots().size(), lines, points, frames);
        report("  sample + in-place update of all points", update);
        report("  + CSS and layout (paths rebuilt)     ", layout);
        report("  + software render (process CPU)       ", render);
        report("  (render alone, nothing changed)       ", still);
        view.hidden();
        stage.close();
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void report(String what, double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0);
        System.out.printf("%s  median %6.2f ms  p95 %6.2f ms  mean %6.2f ms  -> %5.0f fps at the median%n",
                what, s[s.length / 2], s[(int) (s.length * 0.95)], mean, 1000 / s[s.length / 2]);
    }
}
