package dev.sluice.bench;

import dev.sluice.ui.snapshots.timeline.SnapshotTimeline;
import dev.sluice.ui.snapshots.timeline.TimelineData;
import dev.sluice.ui.snapshots.timeline.TimelineLane;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;

/**
 * The snapshot timeline with 100,000 snapshots, headless (Monocle, software rendering): time to first
 * display (model build + control + first layout + first rendered frame) and frames per second while
 * scrolling, each step a full redraw rendered into an image with {@code Scene.snapshot}. Run with
 * {@code ./mvnw -q test-compile exec:java -Dexec.mainClass=dev.sluice.bench.TimelineBenchmark}
 * (optional args: snapshot count, lanes).
 */
public final class TimelineBenchmark {

    private static final int STEPS = 300;

    private TimelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        headless();
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int lanes = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.setImplicitExit(false); // the warm-up closes its window; keep the toolkit for the measured run
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        // warm-up: class loading and JIT of the drawing path, on a small data set
        onFx(() -> run(20_000, lanes, 100, false));
        onFx(() -> run(count, lanes, STEPS, true));
        Platform.exit();
        System.exit(0);
    }

    private static void headless() {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
    }

    private static void onFx(Runnable r) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        done.get(10, TimeUnit.MINUTES);
    }

    /** Snapshots every ten minutes on average, with jitter, ending now: ~2 years for 100,000. */
    static TimelineLane generate(String dataset, int n, long seed) {
        Random random = new Random(seed);
        long[] times = new long[n];
        String[] keys = new String[n];
        long t = System.currentTimeMillis() / 1000 - n * 600L;
        for (int i = 0; i < n; i++) {
            t += 300 + random.nextInt(600);
            times[i] = t;
            keys[i] = dataset + "@auto-" + i;
        }
        List<TimelineLane.Mark> marks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            marks.add(new TimelineLane.Mark(keys[i], times[i]));
        }
        java.util.Collections.shuffle(marks, random); // the model sorts; make it do the work
        return TimelineLane.of(dataset, marks);
    }

    private static void run(int count, int laneCount, int steps, boolean report) {
        long t0 = System.nanoTime();
        List<TimelineLane> lanes = new ArrayList<>();
        for (int l = 0; l < laneCount; l++) {
            lanes.add(generate("tank/vm/disk" + l, count / laneCount, 42 + l));
        }
        TimelineData data = new TimelineData(lanes);
        long tModel = System.nanoTime();
        SnapshotTimeline timeline = new SnapshotTimeline();
        timeline.setData(data);
        Scene scene = new Scene(timeline, 1400, 320);
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
        WritableImage image = scene.snapshot(null);
        long tFirst = System.nanoTime();

        double fitFps = scroll(scene, timeline, image, steps, 40);
        timeline.showRange(data.last() - 86400, data.last()); // one day across the screen
        scene.snapshot(image);
        double dayFps = scroll(scene, timeline, image, steps, -40);
        double paintOnlyFps = paintOnly(timeline, steps);
        stage.close();
        if (report) {
            System.out.printf(Locale.ROOT, "snapshots=%d lanes=%d canvas=1400x320 rendering=Monocle headless, prism sw%n", count, laneCount);
            System.out.printf(Locale.ROOT, "model build (sort + index): %.1f ms%n", (tModel - t0) / 1e6);
            System.out.printf(Locale.ROOT, "time to first display (model + layout + first rendered frame): %.1f ms%n", (tFirst - t0) / 1e6);
            System.out.printf(Locale.ROOT, "scrolling, all %d in view (clustered): %.0f frames/s over %d steps%n", count, fitFps, steps);
            System.out.printf(Locale.ROOT, "scrolling, one day in view: %.0f frames/s over %d steps%n", dayFps, steps);
            System.out.printf(Locale.ROOT, "paint only (canvas commands, no rasterising): %.0f frames/s%n", paintOnlyFps);
        }
    }

    /** Each step: scroll, which redraws the canvas, then render the scene into an image (a full frame). */
    private static double scroll(Scene scene, SnapshotTimeline timeline, WritableImage image, int steps, double px) {
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            timeline.scrollBy(i % 100 < 50 ? px : -px);
            scene.snapshot(image);
        }
        return steps / ((System.nanoTime() - start) / 1e9);
    }

    private static double paintOnly(SnapshotTimeline timeline, int steps) {
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            timeline.redraw();
        }
        return steps / ((System.nanoTime() - start) / 1e9);
    }
}
