package dev.sluice.app;

import dev.sluice.host.PrivateFiles;
import dev.sluice.ui.common.I18n;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;

/**
 * The last line of defence: an exception nobody caught is written with its stack trace to
 * {@code <state>/crashes/crash-<time>.log} and the user sees a short, friendly dialog that says
 * where that file is. Never a raw trace on screen.
 */
final class CrashReporter implements Thread.UncaughtExceptionHandler {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final BooleanSupplier shuttingDown;
    private final AtomicBoolean showing = new AtomicBoolean();

    CrashReporter(Path dir) {
        this(dir, CrashReporter::jvmShuttingDown);
    }

    CrashReporter(Path dir, BooleanSupplier shuttingDown) {
        this.dir = dir;
        this.shuttingDown = shuttingDown;
    }

    /**
     * Whether the JVM is ending (a SIGTERM at logout, say): JavaFX's own shutdown hook takes its renderer and
     * graphics pipeline away while events are still being delivered, and the toolkit then throws from inside
     * itself (a null pipeline while picking under the mouse). Those are not Sluice's crashes.
     */
    static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException ending) {
            return true;
        }
    }

    static CrashReporter install(Path dir) {
        CrashReporter r = new CrashReporter(dir);
        Thread.setDefaultUncaughtExceptionHandler(r);
        return r;
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
        if (shuttingDown.getAsBoolean()) {
            System.err.println("Sluice: while the process was ending, " + t.getName() + " threw " + e);
            return;
        }
        Path log = write(t, e);
        if (Platform.isFxApplicationThread()) {
            tell(e, log);
        } else {
            try {
                Platform.runLater(() -> tell(e, log));
            } catch (IllegalStateException notRunning) {
                System.err.println("Sluice: unexpected error, details in " + log);
            }
        }
    }

    /** Writes the report; returns its path, or null if even that failed (then it goes to stderr). */
    Path write(Thread t, Throwable e) {
        StringWriter sw = new StringWriter();
        try (PrintWriter pw = new PrintWriter(sw)) {
            pw.println("Sluice " + AboutDialog.version() + " on Java " + System.getProperty("java.version")
                    + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version"));
            pw.println("Thread: " + t.getName() + " at " + Instant.now());
            e.printStackTrace(pw);
        }
        try {
            // 0600 in a 0700 directory: a stack trace can name hosts, users and disks; never over an existing file
            String stamp = STAMP.format(Instant.now());
            byte[] bytes = sw.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            for (int n = 1; ; n++) {
                Path file = dir.resolve("crash-" + stamp + (n == 1 ? "" : "-" + n) + ".log");
                try {
                    PrivateFiles.createNew(file, bytes);
                    return file;
                } catch (java.nio.file.FileAlreadyExistsException taken) {
                    if (n >= 100) {
                        throw taken;
                    }
                }
            }
        } catch (IOException io) {
            System.err.print(sw);
            return null;
        }
    }

    private void tell(Throwable e, Path log) {
        if (!showing.compareAndSet(false, true)) {
            return; // one dialog at a time; a burst of the same failure must not bury the window
        }
        try {
            Alert a = new Alert(Alert.AlertType.ERROR, "", ButtonType.OK);
            a.setTitle(I18n.t("app.crash.title"));
            a.setHeaderText(I18n.t("app.crash.header"));
            String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            a.setContentText(I18n.t("app.crash.text", what, log == null ? I18n.t("app.crash.noLog") : log.toString()));
            a.getDialogPane().setMinWidth(520);
            a.showAndWait();
        } catch (RuntimeException ignored) {
            // showing the dialog failed too; the log file already has the details
        } finally {
            showing.set(false);
        }
    }
}
