package dev.sluice.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.OptionalLong;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * With {@code -Dsluice.startupProbe=true}, prints one line: how long from the process's start to the main
 * window's first frame (the first pulse after the stage is shown, and the pulse after it, which starts once
 * that frame has been rendered), split at {@code main} and at {@code stage.show()}. Off by default; costs
 * nothing then.
 */
public final class StartupProbe {
    private static final boolean ON = Boolean.getBoolean("sluice.startupProbe");
    private static long mainAt;
    private static final StringBuilder marks = new StringBuilder();

    private StartupProbe() {
    }

    static void mainStarted() {
        if (ON) {
            mainAt = System.currentTimeMillis();
        }
    }

    /** Notes how far start-up got (ms since main), for the line printed at the first frame. */
    static void mark(String what) {
        if (ON) {
            marks.append(marks.isEmpty() ? "" : ", ").append(what).append(' ').append(System.currentTimeMillis() - mainAt);
        }
    }

    /** Call right after the stage is shown. */
    static void stageShown(Stage stage) {
        Scene scene = stage.getScene();
        if (!ON || scene == null) {
            return;
        }
        long shownAt = System.currentTimeMillis();
        long[] firstLayout = new long[1];
        Runnable[] pre = new Runnable[1];
        Runnable post = new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                firstLayout[0] = System.currentTimeMillis();
                scene.addPreLayoutPulseListener(pre[0]);
                Platform.requestNextPulse();
            }
        };
        pre[0] = () -> {
            scene.removePreLayoutPulseListener(pre[0]);
            long rendered = System.currentTimeMillis();
            OptionalLong since = sinceProcessStart();
            long jvm = since.isPresent() ? rendered - since.getAsLong()
                    : ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(mainAt);
            // CPU of every thread (JIT and GC included) up to here: on a busy machine the wall time also counts waiting for a core
            long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
            System.out.printf("sluice startup: first frame %d ms after process start (process start -> main %d ms, "
                            + "main -> stage shown %d ms, shown -> first frame laid out %d ms; ms after main: %s; process CPU %d ms)%n",
                    rendered - jvm, mainAt - jvm, shownAt - mainAt, firstLayout[0] - shownAt, marks, cpu);
        };
        scene.addPostLayoutPulseListener(post);
    }

    /**
     * Ms since this process started, from the kernel's own clock ticks: {@code /proc/self/stat}'s start time against
     * {@code /proc/uptime}, both since boot. {@code ProcessHandle}'s start instant adds the boot time, which Linux
     * gives in whole seconds ({@code btime}), so it is off by up to a second (half a second on the build machine).
     */
    public static OptionalLong sinceProcessStart() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after the command name, which is in parentheses and may hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            long startTicks = Long.parseLong(f[19]); // field 22 of the whole line
            double uptime = Double.parseDouble(Files.readString(Path.of("/proc/uptime")).split(" ")[0]);
            return OptionalLong.of(Math.round(uptime * 1000 - startTicks * 1000.0 / 100)); // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
