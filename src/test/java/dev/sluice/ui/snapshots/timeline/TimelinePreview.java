package dev.sluice.ui.snapshots.timeline;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/** Renders the timeline alone (headless) into a PNG, to look at while working on the drawing. */
public final class TimelinePreview {

    private TimelinePreview() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        String out = args.length > 0 ? args[0] : "target/timeline-preview.png";
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.startup(() -> {
            try {
                Random r = new Random(7);
                long now = System.currentTimeMillis() / 1000;
                List<TimelineLane> lanes = new ArrayList<>();
                for (String ds : List.of("rpool/vboxzones/web01-disk0", "rpool/vboxzones/web01-disk1", "tank/vm/db")) {
                    List<TimelineLane.Mark> marks = new ArrayList<>();
                    long t = now - 200L * 86400;
                    int i = 0;
                    while (t < now) {
                        t += r.nextInt(3) == 0 ? 3600 + r.nextInt(600) : 86400 + r.nextInt(7200);
                        marks.add(new TimelineLane.Mark(ds + "@auto-" + i++, t));
                    }
                    lanes.add(TimelineLane.of(ds, marks));
                }
                SnapshotTimeline timeline = new SnapshotTimeline();
                timeline.setData(new TimelineData(lanes));
                Stage stage = new Stage();
                stage.setScene(new Scene(timeline, 1200, 220));
                stage.show();
                timeline.selectedKeyProperty().set(lanes.get(0).key(lanes.get(0).size() - 3));
                if (args.length > 1) {
                    timeline.showRange(now - Long.parseLong(args[1]), now);
                }
                ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", new File(out));
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get(60, TimeUnit.SECONDS);
        Platform.exit();
        System.exit(0);
    }
}
