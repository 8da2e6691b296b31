package dev.sluice.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.ui.common.I18n;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** An exception nobody caught on the FX thread: a friendly dialog naming the log file, never the trace. */
@ExtendWith(ApplicationExtension.class)
class CrashDialogFxTest {
    @TempDir
    Path state;

    @Start
    void start(Stage stage) {
        I18n.setLocale(Locale.ENGLISH);
        stage.setScene(new javafx.scene.Scene(new javafx.scene.control.Label("Sluice"), 400, 300));
        stage.show();
    }

    @Test
    void uncaughtExceptionShowsAFriendlyDialog(FxRobot robot) throws Exception {
        CrashReporter reporter = new CrashReporter(state.resolve("crashes"));
        Thread.UncaughtExceptionHandler[] before = new Thread.UncaughtExceptionHandler[1];
        Platform.runLater(() -> {
            before[0] = Thread.currentThread().getUncaughtExceptionHandler();
            Thread.currentThread().setUncaughtExceptionHandler(reporter);
            throw new IllegalStateException("pool list parser met an empty line");
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(CrashDialogFxTest::dialog).get() != null);
        DialogPane pane = WaitForAsyncUtils.asyncFx(CrashDialogFxTest::dialog).get();
        assertEquals("Something went wrong inside Sluice.", pane.getHeaderText());
        String text = pane.getContentText();
        assertTrue(text.startsWith("The last action did not finish: pool list parser met an empty line"), text);
        Path log;
        try (var files = Files.list(state.resolve("crashes"))) {
            log = files.findFirst().orElseThrow();
        }
        assertTrue(text.contains(log.toString()), text);
        assertFalse(text.contains("at dev.sluice"), "no stack trace on screen: " + text);
        assertTrue(Files.readString(log).contains("at dev.sluice.app.CrashDialogFxTest"), "the trace is in the file");
        robot.clickOn(robot.from(pane).lookup(".button").queryButton());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(CrashDialogFxTest::dialog).get() == null);
        WaitForAsyncUtils.asyncFx(() -> Thread.currentThread().setUncaughtExceptionHandler(before[0])).get();
    }

    private static DialogPane dialog() {
        for (Window w : Window.getWindows()) {
            if (w.getScene() != null && w.getScene().getRoot() instanceof DialogPane p) {
                return p;
            }
        }
        return null;
    }
}
