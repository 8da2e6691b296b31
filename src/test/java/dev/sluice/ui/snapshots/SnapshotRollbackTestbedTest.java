package dev.sluice.ui.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.task.TaskExecutor;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.zfs.ZfsService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * End to end on real OpenZFS (QEMU testbed): write data to a zvol, snapshot it in the UI, overwrite it,
 * roll back in the UI through the safety dialog with the guard copy on; the zvol's checksum is the
 * original again, and the guard copy holds the overwritten data.
 */
@Tag("testbed")
@ExtendWith({TestbedExtension.class, ApplicationExtension.class})
class SnapshotRollbackTestbedTest {

    static final String POOL = "sluicesnap";
    static final String ZVOL = POOL + "/vm/disk0";
    static final String STAMP = "20261121-110000";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T11:00:00Z"), ZoneOffset.UTC);
    static Testbed testbed;
    SnapshotTimelineView view;

    @BeforeAll
    static void zvol(Testbed tb) throws Exception {
        Locale.setDefault(Locale.ENGLISH);
        dev.sluice.ui.common.I18n.setLocale(Locale.ENGLISH);
        testbed = tb;
        tb.freshPool(POOL, 1);
        tb.sh("zfs create -p -V 64M " + ZVOL);
    }

    @Start
    void start(Stage stage) {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        view = new SnapshotTimelineView(new ZfsService(testbed.runner()), TaskExecutor.pooled(Platform::runLater),
                ZvolUsage.NONE, CLOCK);
        stage.setScene(new Scene(view.root(), 1200, 760));
        stage.show();
    }

    private static void waitUntil(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    private static boolean shows(FxRobot robot, String query) {
        // visible, not just present: the dialog's window is shown a pulse after its nodes exist
        return robot.lookup(query).match(org.testfx.util.NodeQueryUtils.isVisible()).tryQuery().isPresent();
    }

    /** The newest notification whose message starts with {@code prefix}: its message and style classes. */
    private static String outcome(FxRobot robot, String prefix) {
        return robot.lookup((Node n) -> n instanceof atlantafx.base.controls.Notification t && t.getMessage() != null
                        && t.getMessage().startsWith(prefix) && !t.getMessage().startsWith("Snapshot "))
                .<atlantafx.base.controls.Notification>tryQuery()
                .map(t -> t.getMessage() + " " + t.getStyleClass()).orElse(null);
    }

    @Test
    void snapshotOverwriteRollBackGivesTheOriginalBytes(FxRobot robot) throws Exception {
        String device = Testbed.zvolDevice(ZVOL);
        String original = testbed.writeRandom(device, 16);
        SnapshotTimelineViewModel vm = view.viewModel();
        waitUntil("the dataset list", () -> vm.datasets().stream().anyMatch(d -> d.name().equals(ZVOL)));

        robot.clickOn(".combo-box");
        robot.clickOn(ZVOL + "  · zvol");
        waitUntil("the snapshot listing", () -> !vm.loadingProperty().get());
        TableView<?> table = robot.lookup(".table-view").queryAs(TableView.class);
        assertEquals(0, table.getItems().size());

        // snapshot in the UI
        robot.clickOn(table).press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S).release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);
        waitUntil("the confirm dialog", () -> shows(robot, "#confirm-run"));
        robot.clickOn("#confirm-run");
        waitUntil("the new snapshot in the list", () -> table.getItems().size() == 1);

        // overwrite
        String overwritten = testbed.writeRandom(device, 16);
        assertNotEquals(original, overwritten);

        // roll back in the UI, guard copy on (the default)
        robot.clickOn(robot.lookup(".table-cell").match(n -> ("sluice-" + STAMP).equals(((Labeled) n).getText())).<Node>query());
        robot.clickOn("Roll back…");
        waitUntil("the rollback dialog", () -> shows(robot, "#rollback-run"));
        robot.clickOn("#rollback-run");
        waitUntil("the rollback's outcome", () -> outcome(robot, "Rolled back") != null || outcome(robot, "") != null
                && outcome(robot, "").contains("danger"));
        assertTrue(outcome(robot, "Rolled back") != null, "outcome: " + outcome(robot, ""));
        waitUntil("the view to settle", () -> !vm.busyProperty().get() && !vm.loadingProperty().get());

        assertEquals(original, testbed.sha256(device, 16), "the zvol holds the snapshot's bytes again");
        String guardCopy = POOL + "/sluice-guards/vm_disk0-" + STAMP;
        assertEquals(overwritten, testbed.sha256(Testbed.zvolDevice(guardCopy), 16),
                "the guard copy holds the state before the rollback");
        assertTrue(testbed.sh("zfs list -H -o name -t snapshot -r " + ZVOL).contains(ZVOL + "@sluice-" + STAMP));
    }
}
