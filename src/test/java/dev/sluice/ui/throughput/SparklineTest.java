package dev.sluice.ui.throughput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.metrics.IoRate;
import dev.sluice.metrics.RateSeries;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The sparkline draws its series' lines and nothing when there is nothing to draw. */
@ExtendWith(ApplicationExtension.class)
class SparklineTest {
    private final Sparkline sparkline = new Sparkline();

    @Start
    void start(Stage stage) {
        StackPane pane = new StackPane(sparkline);
        pane.setStyle("-fx-background-color: white;");
        sparkline.setPrefSize(120, 30);
        sparkline.setMaxSize(120, 30);
        stage.setScene(new Scene(pane, 120, 30));
        stage.show();
    }

    private int coloured(FxRobot robot) {
        int[] count = {0};
        robot.interact(() -> {
            WritableImage shot = sparkline.snapshot(null, null);
            for (int x = 0; x < shot.getWidth(); x++) {
                for (int y = 0; y < shot.getHeight(); y++) {
                    Color c = shot.getPixelReader().getColor(x, y);
                    if (c.getOpacity() > 0.5 && c.getBlue() - c.getRed() > 0.3) {
                        count[0]++;
                    }
                }
            }
        });
        return count[0];
    }

    @Test
    void drawsReadAndWriteOfTheSeries(FxRobot robot) {
        assertEquals(0, coloured(robot), "no series: a blank sparkline");
        RateSeries s = new RateSeries(60);
        for (int i = 0; i < 60; i++) {
            s.append(i, new IoRate(1000 + 800 * Math.sin(i / 5.0), 500, 1, 1));
        }
        robot.interact(() -> sparkline.show(s));
        assertTrue(coloured(robot) > 40, "the read line is drawn in blue");
    }

    @Test
    void followsADeviceWhileSubscribed(FxRobot robot) {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        dev.sluice.metrics.FakeSource source = new dev.sluice.metrics.FakeSource(nanos::get, () -> nanos.get() / 1_000_000);
        dev.sluice.metrics.ManualTicker ticker = new dev.sluice.metrics.ManualTicker();
        dev.sluice.metrics.ThroughputMonitor monitor = new dev.sluice.metrics.ThroughputMonitor(java.util.List.of(source), ticker,
                dev.sluice.task.TaskExecutor.direct(), dev.sluice.metrics.ThroughputMonitor.Settings.DEFAULT);
        dev.sluice.metrics.Device pool = dev.sluice.metrics.Device.pool("tank");
        robot.interact(() -> {
            var sub = sparkline.follow(monitor, pool);
            for (int i = 0; i < 30; i++) {
                source.set(pool, (long) (i * 1e6 + 5e5 * Math.sin(i)), 0, i, 0);
                nanos.addAndGet(1_000_000_000L);
                ticker.tick();
            }
            assertTrue(monitor.isSampling());
            sub.close();
            assertTrue(!monitor.isSampling(), "the last sparkline hidden: sampling stops");
        });
        assertTrue(coloured(robot) > 20);
    }
}
