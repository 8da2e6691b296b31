package dev.sluice.ui.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.metrics.Device;
import dev.sluice.metrics.FakeSource;
import dev.sluice.metrics.ManualTicker;
import dev.sluice.metrics.ThroughputMonitor;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.I18n;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Headless (Monocle): the view draws a fake source's series and exports them. */
@ExtendWith(ApplicationExtension.class)
class ThroughputViewTest {
    private final AtomicLong nanos = new AtomicLong();
    private final ManualTicker ticker = new ManualTicker();
    private final FakeSource source = new FakeSource(nanos::get, () -> 1_763_719_200_000L + nanos.get() / 1_000_000);
    private final TaskExecutor fx = new TaskExecutor() {
        @Override
        public void background(Runnable work) {
            work.run();
        }

        @Override
        public void ui(Runnable callback) {
            Platform.runLater(callback);
        }
    };
    private final ThroughputMonitor monitor = new ThroughputMonitor(List.of(source), ticker, fx,
            new ThroughputMonitor.Settings(Duration.ofSeconds(1), Duration.ofSeconds(60)));
    private final Device zvol = Device.zvol("tank/vms/win11");
    private ThroughputView view;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        I18n.setLocale(Locale.ROOT);
        view = new ThroughputView(new ThroughputViewModel(monitor, d -> d.equals(zvol) ? Optional.of("win11") : Optional.empty()));
        stage.setScene(new Scene(view.root(), 1000, 600));
        stage.show();
    }

    private long written;

    private void seconds(int n, long writeBytesPerSecond) {
        for (int i = 0; i < n; i++) {
            nanos.addAndGet(1_000_000_000L);
            written += writeBytesPerSecond;
            source.set(zvol, 0, written, 0, nanos.get() / 1_000_000_000L);
            ticker.tick();
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void tick() {
        nanos.addAndGet(1_000_000_000L);
        ticker.tick();
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void showsTheSeriesOfAFakeSourceAndExportsIt(FxRobot robot) throws Exception {
        robot.interact(view::shown);
        assertTrue(monitor.isSampling());
        seconds(6, 5 * 1024 * 1024);

        LineChart<?, ?> chart = robot.lookup(".rate-chart").queryAs(LineChart.class);
        assertEquals(2, chart.getData().size());
        XYChart.Series<?, ?> write = chart.getData().get(1);
        assertEquals("tank/vms/win11 write", write.getName());
        assertEquals(5, write.getData().size(), "6 samples, the first is only a baseline");
        assertEquals(5.0 * 1024 * 1024, ((Number) write.getData().get(4).getYValue()).doubleValue());
        assertFalse(robot.lookup("#emptyLabel").queryAs(Label.class).isVisible());

        Object firstPoint = write.getData().get(0);
        seconds(1, 1024 * 1024);
        assertTrue(firstPoint == write.getData().get(0), "points are updated in place, not rebuilt");
        assertEquals(1024.0 * 1024, ((Number) write.getData().get(5).getYValue()).doubleValue());

        javafx.scene.chart.NumberAxis xAxis = (javafx.scene.chart.NumberAxis) chart.getXAxis();
        javafx.geometry.Point2D newest = xAxis.localToScreen(xAxis.getDisplayPosition(-1.0), 0);
        robot.moveTo(new javafx.geometry.Point2D(newest.getX(), newest.getY() - 60));
        WaitForAsyncUtils.waitForFxEvents();
        Label hover = robot.lookup(".rate-chart-hover").queryAs(Label.class);
        assertTrue(hover.isVisible(), "hovering the chart shows the values there");
        assertTrue(hover.getText().contains("tank/vms/win11 write: 5 MiB/s"), hover.getText());

        Path csv = dir.resolve("t.csv");
        robot.interact(() -> {
            try {
                view.exportCsv(csv);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        List<String> lines = Files.readAllLines(csv);
        assertEquals("timestamp,device,read_Bps,write_Bps,read_iops,write_iops", lines.get(0));
        assertEquals(7, lines.size());
        assertEquals(6, lines.get(1).split(",").length);
        assertTrue(lines.get(6).matches("2025-11-21T10:00:07Z,tank/vms/win11,0\\.0,1048576\\.0,0\\.00,1\\.00"), lines.get(6));

        Path png = dir.resolve("t.png");
        robot.interact(() -> {
            try {
                view.exportPng(png);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        byte[] head = Files.readAllBytes(png);
        assertTrue(head.length > 1000 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G');

        robot.interact(view::hidden);
        assertFalse(monitor.isSampling(), "hidden: sampling stops");
    }

    @Test
    void saysWhyThereIsNothingToShow(FxRobot robot) {
        robot.interact(view::shown);
        seconds(1, 0);
        source.remove(zvol);
        tick();
        Label empty = robot.lookup("#emptyLabel").queryAs(Label.class);
        assertTrue(empty.isVisible());
        assertEquals("No pools, zvols, disks or VM drives were found on this host.", empty.getText());
        robot.interact(view::hidden);
    }
}
