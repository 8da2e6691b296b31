package dev.sluice.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;

/**
 * Frames on the FX thread, for the scale benchmarks: an {@link AnimationTimer} keeps a pulse coming every
 * 1/60 s and records the gap between consecutive pulses. A gap much longer than 16.7 ms is a stall: the FX
 * thread was busy (our work, layout, CSS, or a GC pause) and no frame could be drawn. {@link #painted}
 * waits for the first frame that shows something: the pulse whose layout pass sees the condition true,
 * then the next pulse (which starts only when that frame has been rendered).
 */
final class FrameMeter {
    private final List<Long> gaps = new ArrayList<>();
    private long last;
    private final FxWork work = new FxWork();
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            long t = System.nanoTime();
            if (last != 0) {
                gaps.add(t - last);
            }
            last = t;
        }
    };

    /** On the FX thread. */
    void start() {
        last = 0;
        timer.start();
        work.start(Thread.currentThread());
    }

    /** Starts a fresh window of gaps (FX thread). */
    void reset() {
        gaps.clear();
        last = 0;
        work.reset();
    }

    /**
     * The FX thread's longest stretch of its own work since {@link #reset}, in ms of its CPU: a runLater task, or a
     * pulse's CSS, layout and scene-graph sync, up to the point where the thread stops (waits for the renderer,
     * idles, or is stopped by a GC pause). A frame gap is this plus painting (software rendering here, on the
     * renderer thread) and GC pauses; this part is Sluice's own.
     */
    double longestWorkMs() {
        return work.longestMs();
    }

    /** The longest stop-the-world GC pause since {@link #reset}, in ms. */
    double longestGcPauseMs() {
        return work.longestGcPauseMs();
    }

    /**
     * With {@code -Dsluice.bench.fxProfile=true}: prints where the FX thread was in its stretches over 16 ms since
     * the last call (the top 8 stacks), and starts afresh.
     */
    void printProfile() {
        String profile = work.profile(8);
        if (!profile.isEmpty()) {
            System.out.println("    FX thread in its stretches over 16 ms (1 ms samples):");
            System.out.println(profile);
        }
    }

    /** One line for a benchmark report: the worst frame gap and what it was made of. */
    String summary() {
        return String.format(java.util.Locale.ROOT, "worst frame gap %.0f ms (%d of %d frames over 17 ms); "
                        + "longest FX-thread work %.1f ms; longest GC pause %.0f ms",
                worstMs(), over(17), frames(), longestWorkMs(), longestGcPauseMs());
    }

    /** Longest gap since {@link #reset}, in ms (FX thread). */
    double worstMs() {
        return gaps.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6;
    }

    /** How many gaps exceeded {@code ms} since {@link #reset} (FX thread). */
    long over(double ms) {
        return gaps.stream().filter(g -> g / 1e6 > ms).count();
    }

    int frames() {
        return gaps.size();
    }

    /**
     * Runs {@code action} on the FX thread and returns the ms from its start to the first rendered frame
     * in which {@code shown} holds. {@code shown} is checked after each layout pass.
     */
    /**
     * The benchmarks' screen: Monocle headless with software rendering, on a 1440x960 screen (bigger than Monocle's
     * default 1280x800, which it cannot paint past), English texts. Call before the toolkit starts.
     */
    static void headlessEnglish() {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("headless.geometry", System.getProperty("headless.geometry", "1440x960-32"));
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        System.setProperty("java.awt.headless", "true");
        java.util.Locale.setDefault(java.util.Locale.ENGLISH);
        dev.sluice.ui.common.I18n.setLocale(java.util.Locale.ENGLISH);
    }

    /** The index of the table's first visible row (-1: none): where its scroll position is. */
    static int firstVisible(javafx.scene.control.TableView<?> table) {
        javafx.scene.control.skin.VirtualFlow<?> flow = (javafx.scene.control.skin.VirtualFlow<?>) table.lookup(".virtual-flow");
        javafx.scene.control.IndexedCell<?> cell = flow == null ? null : flow.getFirstVisibleCell();
        return cell == null ? -1 : cell.getIndex();
    }

    static double painted(Scene scene, Runnable action, BooleanSupplier shown) throws Exception {
        return painted(scene, action, shown, java.time.Duration.ofSeconds(90));
    }

    /** Like {@link #painted(Scene, Runnable, BooleanSupplier)}, waiting up to {@code limit} (a slow remote host). */
    static double painted(Scene scene, Runnable action, BooleanSupplier shown, java.time.Duration limit) throws Exception {
        CompletableFuture<Double> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            long t0 = System.nanoTime();
            boolean[] seen = new boolean[1];
            Runnable[] post = new Runnable[1];
            Runnable pre = new Runnable() {
                @Override
                public void run() {
                    if (seen[0]) {
                        scene.removePreLayoutPulseListener(this);
                        scene.removePostLayoutPulseListener(post[0]);
                        done.complete((System.nanoTime() - t0) / 1e6);
                    }
                }
            };
            post[0] = () -> {
                if (!seen[0] && shown.getAsBoolean()) {
                    seen[0] = true;
                }
            };
            scene.addPreLayoutPulseListener(pre);
            scene.addPostLayoutPulseListener(post[0]);
            try {
                action.run();
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs on the FX thread and waits. */
    static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                done.complete(c.call());
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(5, TimeUnit.MINUTES);
    }

    static void onFx(Runnable r) throws Exception {
        onFx(() -> {
            r.run();
            return null;
        });
    }
}
