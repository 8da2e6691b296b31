package dev.sluice.ui.throughput;

import dev.sluice.metrics.Device;
import dev.sluice.metrics.FakeSource;
import dev.sluice.metrics.ManualTicker;
import dev.sluice.metrics.ThroughputMonitor;
import dev.sluice.task.TaskExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Shows the Throughput view with five minutes of made-up but plausible load (a VM booting, a
 * backup, a scrub) and writes a screenshot: {@code ThroughputDemo out.png [seconds-to-stay-open]}.
 * Run it under Xvfb for the README picture.
 */
public final class ThroughputDemo {
    private ThroughputDemo() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "throughput.png");
        long stay = args.length > 1 ? Long.parseLong(args[1]) : 0;
        AtomicLong nanos = new AtomicLong();
        long t0 = System.currentTimeMillis() - 300_000;
        FakeSource source = new FakeSource(nanos::get, () -> t0 + nanos.get() / 1_000_000);
        ManualTicker ticker = new ManualTicker();
        ThroughputMonitor monitor = new ThroughputMonitor(List.of(source), ticker, TaskExecutor.direct(),
                ThroughputMonitor.Settings.DEFAULT);
        Device win = Device.zvol("tank/vms/win11");
        Device deb = Device.zvol("tank/vms/debian-build");
        Device tank = Device.pool("tank");
        Device rpool = Device.pool("rpool");
        Device mirror = Device.vdev("tank", "mirror-0");
        Device nvme = Device.vdev("tank", "nvme-Samsung_SSD_980_1TB");
        Device drive = Device.vmDrive("debian-build", "virtio-disk0");
        Device sda = Device.disk("sda");
        ThroughputViewModel vm = new ThroughputViewModel(monitor,
                d -> d.equals(win) ? Optional.of("win11") : d.equals(deb) ? Optional.of("debian-build") : Optional.empty());
        CountDownLatch done = new CountDownLatch(1);
        Platform.startup(() -> {
            ThroughputView view = new ThroughputView(vm);
            Stage stage = new Stage();
            stage.setTitle("Sluice — Throughput");
            stage.setScene(new Scene(view.root(), 1280, 760));
            stage.show();
            view.shown();
            double[] c = new double[16];
            for (int s = 0; s <= 300; s++) {
                double boot = s > 20 && s < 110 ? 60e6 * Math.exp(-(s - 20) / 30.0) : 2e6;
                double backup = s > 150 && s < 250 ? 180e6 + 25e6 * Math.sin(s / 4.0) : 0;
                double build = 8e6 + 6e6 * Math.abs(Math.sin(s / 13.0)) + (s % 37 < 4 ? 40e6 : 0);
                c[0] += boot;
                c[1] += 3e6 + 1.5e6 * Math.sin(s / 7.0);
                c[2] += build * 0.4;
                c[3] += build;
                c[4] += c[0] > 0 ? boot + build * 0.4 + backup : 0;
                c[5] += 3e6 + build + 1.2e6;
                c[6] += backup * 0.02;
                c[7] += 2e5;
                source.set(win, (long) c[0], (long) c[1], (long) c[0] / 65536, (long) c[1] / 4096)
                        .set(deb, (long) c[2], (long) c[3], (long) c[2] / 32768, (long) c[3] / 16384)
                        .set(tank, (long) c[4], (long) c[5], (long) c[4] / 131072, (long) c[5] / 131072)
                        .set(rpool, (long) c[7], (long) c[6], 5L * s, 3L * s)
                        .set(mirror, (long) c[4], (long) c[5], (long) c[4] / 131072, (long) c[5] / 131072)
                        .set(nvme, (long) c[4] / 2, (long) c[5] / 2, (long) c[4] / 262144, (long) c[5] / 262144)
                        .set(drive, (long) c[2], (long) c[3], (long) c[2] / 32768, (long) c[3] / 16384)
                        .set(sda, (long) c[7], (long) c[6], s, s);
                nanos.addAndGet(1_000_000_000L);
                ticker.tick();
            }
            vm.devices().stream().filter(d -> d.device().equals(tank)).forEach(d -> d.setSelected(false));
            done.countDown();
        });
        done.await();
        Thread.sleep(1500 + stay * 1000);
        CountDownLatch shot = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                Stage stage = (Stage) javafx.stage.Window.getWindows().get(0);
                ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", out.toFile());
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                shot.countDown();
            }
        });
        shot.await();
        Platform.exit();
        System.exit(0);
    }
}
