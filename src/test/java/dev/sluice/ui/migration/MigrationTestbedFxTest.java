package dev.sluice.ui.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.sluice.migrate.GuestControl;
import dev.sluice.migrate.MigrationStore;
import dev.sluice.migrate.ZvolMigrationActions;
import dev.sluice.task.TaskExecutor;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.ui.common.I18n;
import dev.sluice.zfs.ZfsService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * End to end on real OpenZFS: "Move to pool ▸ uito" on a zvol holding known data, one confirmation,
 * the progress window to "Done"; the data on the new zvol has the same checksum.
 */
@Tag("testbed")
@ExtendWith({TestbedExtension.class, ApplicationExtension.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MigrationTestbedFxTest {
    private static final String SRC = "uifrom/vm/disk0";
    private static final int MIB = 16;

    Testbed tb;
    ZfsService zfs;
    Stage main;
    String original;

    @TempDir
    Path state;

    @BeforeAll
    void pools(Testbed testbed) throws Exception {
        tb = testbed;
        tb.freshFilePool("uifrom", "256M");
        tb.freshFilePool("uito", "256M");
        zfs = new ZfsService(tb.runner());
        zfs.createDataset("uifrom/vm", Map.of());
        zfs.createDataset("uito/vm", Map.of());
        zfs.createZvol(SRC, "64M", true, "16K", Map.of());
        original = tb.writeRandom(Testbed.zvolDevice(SRC), MIB);
    }

    @Start
    void start(Stage stage) {
        I18n.setLocale(Locale.ROOT);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        main = stage;
        stage.setScene(new Scene(new StackPane(new Label("main window")), 400, 300));
        stage.show();
    }

    @Test
    void oneClickMovesAZvolWithItsDataIntact(FxRobot robot) throws Exception {
        MigrationTools tools = new MigrationTools("testbed", zfs, r -> GuestControl.NONE,
                new ZvolMigrationActions(zfs, r -> GuestControl.NONE), new MigrationStore(state));
        List<String> errors = new ArrayList<>();
        MigrationLauncher launcher = new MigrationLauncher(() -> tools, TaskExecutor.pooled(Platform::runLater), () -> main, errors::add);

        Platform.runLater(() -> launcher.moveZvol(SRC, "uito"));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane .step-list").tryQuery().isPresent());
        // the list's cells are made on the next layout pulse, which a loaded machine may not have run yet
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".step-commands").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().contains("| zfs receive -v -s uito/vm/disk0")));
        robot.clickOn(robot.lookup(".button").match(n -> "Move".equals(((Button) n).getText())).queryButton());

        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> launcher.lastWindow() != null
                && ((Label) launcher.lastWindow().getScene().getRoot().lookup(".summary")).getText().startsWith("Done"));
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals(original, tb.sha256(Testbed.zvolDevice("uito/vm/disk0"), MIB));
        assertTrue(zfs.dataset(SRC).isPresent(), "safe defaults keep the source");
        robot.interact(() -> launcher.lastWindow().close());
    }
}
