package dev.sluice.ui.snapshots;

import static dev.sluice.ui.snapshots.SnapshotHost.DS;
import static dev.sluice.ui.snapshots.SnapshotHost.GUARDS;
import static dev.sluice.ui.snapshots.SnapshotHost.SECOND;
import static dev.sluice.ui.snapshots.SnapshotHost.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.task.TaskExecutor;
import dev.sluice.zfs.ZfsCommands;
import dev.sluice.zfs.ZfsService;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The view under a headless robot against a scripted host (real OpenZFS 2.3 outputs): choose the zvol,
 * take a snapshot with Ctrl+Shift+S through the confirm dialog, select an older snapshot, open the
 * rollback safety dialog, check what it says will be destroyed and run, and roll back with the guard.
 */
@ExtendWith(ApplicationExtension.class)
class SnapshotTimelineViewTest {

    static final String TAKEN = DS + "@sluice-20261121-110000";
    static final String GUARD_SNAP = DS + "@sluice-guard-20261121-110000";
    static final String GUARD_COPY = GUARDS + "/vboxzones_myvbox-20261121-110000";
    ScriptedRunner host;
    SnapshotTimelineView view;
    final AtomicReference<String> listing = new AtomicReference<>("list-snapshots");

    @BeforeAll
    static void english() {
        Locale.setDefault(Locale.ENGLISH);
        dev.sluice.ui.common.I18n.setLocale(Locale.ENGLISH);
    }

    @Start
    void start(Stage stage) throws Exception {
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
        host = SnapshotHost.scenario();
        String takenLine = TAKEN + "\t1\t40\t1795262400\t0\t8495104\t0\t-\t0\n";
        host.on(SnapshotHost.argv(ZfsCommands.snapshots(DS))).answer(c -> new ScriptedRunner.Answer(0,
                listing.get().equals("with-taken") ? fixture("list-snapshots") + takenLine : fixture(listing.get()),
                "", List.of(), null));
        host.on("zfs", "snapshot", TAKEN).answer(c -> {
            listing.set("with-taken");
            return new ScriptedRunner.Answer(0, "", "", List.of(), null);
        });
        host.on("zfs", "create", "-o", "canmount=off", GUARDS).ok();
        host.on("zfs", "snapshot", GUARD_SNAP).ok();
        host.on("zfs", "send", "-vP", "-w", GUARD_SNAP).progress(fixture("guard-send-receive").lines().toList(), "");
        host.on("zfs", "receive", "-v", "-u", GUARD_COPY).ok();
        host.on("zfs", "rollback", "-R", SECOND).answer(c -> {
            listing.set("list-snapshots-after-rollback");
            return new ScriptedRunner.Answer(0, "", "", List.of(), null);
        });
        view = new SnapshotTimelineView(new ZfsService(host), TaskExecutor.direct(), ZvolUsage.NONE,
                SnapshotTimelineViewModelTest.CLOCK);
        stage.setScene(new Scene(view.root(), 1200, 760));
        stage.show();
        view.shown();
    }

    private static boolean hasLabel(FxRobot robot, String text) {
        return robot.lookup((Node n) -> n instanceof Labeled l && text.equals(l.getText())
                || n instanceof atlantafx.base.controls.Notification t && text.equals(t.getMessage())).tryQuery().isPresent();
    }

    private String text(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        return n instanceof TextArea t ? t.getText() : ((Labeled) n).getText();
    }

    @Test
    void snapshotThenRollBackWithTheSafetyDialog(FxRobot robot) {
        // choose the zvol
        robot.clickOn(".combo-box");
        robot.clickOn(DS + "  · zvol");
        TableView<?> table = robot.lookup(".table-view").queryAs(TableView.class);
        assertEquals(4, table.getItems().size());

        // snapshot now with the shortcut: the confirm dialog shows the exact command
        robot.clickOn(table).press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.S).release(KeyCode.S, KeyCode.SHIFT, KeyCode.CONTROL);
        assertEquals("zfs snapshot " + TAKEN, text(robot, "#commands"));
        robot.clickOn("#confirm-run");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(5, table.getItems().size());
        assertEquals(TAKEN, view.viewModel().selectedNameProperty().get());
        assertTrue(hasLabel(robot, "Snapshot sluice-20261121-110000 taken."));

        // pick @second in the list; the details show it
        robot.clickOn(robot.lookup(".table-cell").match(n -> "second".equals(((Labeled) n).getText())).<Node>query());
        assertEquals(SECOND, view.viewModel().selectedNameProperty().get());
        assertTrue(hasLabel(robot, "4307433721892760442"), "guid in the details");

        // roll back: the safety dialog lists what goes and what runs, before anything runs
        robot.clickOn("Roll back…");
        String going = text(robot, "#going-away");
        // the user's snapshots and clones; not the guard snapshot Sluice makes and rolls away itself (its box explains it)
        assertEquals(String.join("\n", DS + "@third", DS + "@fourth", TAKEN, "rpool/vboxzones/myclone"), going);
        CheckBox guard = robot.lookup("#guard").queryAs(CheckBox.class);
        assertTrue(guard.isSelected(), "the guard copy is on by default");
        assertEquals(String.join("\n",
                "zfs create -o canmount=off rpool/sluice-guards",
                "zfs snapshot " + GUARD_SNAP,
                "zfs send -vP -w " + GUARD_SNAP + " | zfs receive -v -u " + GUARD_COPY,
                "zfs rollback -R " + SECOND), text(robot, "#commands"));
        assertTrue(text(robot, "#clone-commands").startsWith("zfs clone " + SECOND + " " + DS + "-restored-"));
        assertTrue(host.ranArgv().stream().noneMatch(a -> a.contains("rollback")), "nothing ran yet");

        robot.clickOn("#rollback-run");
        WaitForAsyncUtils.waitForFxEvents();
        List<String> changes = host.ran().stream().map(c -> c.toShell())
                .filter(s -> !s.startsWith("zfs list") && !s.startsWith("zfs holds") && !s.equals("zfs version")).toList();
        assertEquals(List.of("zfs snapshot " + TAKEN,
                "zfs create -o canmount=off rpool/sluice-guards",
                "zfs snapshot " + GUARD_SNAP,
                "zfs send -vP -w " + GUARD_SNAP,
                "zfs receive -v -u " + GUARD_COPY,
                "zfs rollback -R " + SECOND), changes);
        assertEquals(2, table.getItems().size());
        assertTrue(hasLabel(robot, "Rolled back to " + SECOND + ". The state before it is kept in " + GUARD_COPY + "."));
    }

    @Test
    void cancellingTheRollbackDialogRunsNothing(FxRobot robot) {
        robot.interact(() -> view.viewModel().show(List.of(DS)));
        robot.interact(() -> view.viewModel().selectedNameProperty().set(SECOND));
        robot.clickOn(".table-view").press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.R).release(KeyCode.R, KeyCode.SHIFT, KeyCode.CONTROL);
        assertTrue(robot.lookup("#rollback-dialog").tryQuery().isPresent());
        robot.clickOn("Cancel");
        assertTrue(host.ranArgv().stream().noneMatch(a -> a.contains("rollback") || a.contains("send")));
    }
}
