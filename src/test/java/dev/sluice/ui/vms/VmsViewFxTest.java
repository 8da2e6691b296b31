package dev.sluice.ui.vms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.sluice.guest.GuestHosts;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.testing.RecordingNotifications;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Labeled;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class VmsViewFxTest {
    private GuestTestHost t;
    private VmsViewModel vm;
    private RecordingNotifications notes;

    @Start
    void start(Stage stage) throws Exception {
        I18n.setLocale(Locale.ROOT);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        t = new GuestTestHost(Files.createTempDirectory("vmsfx"));
        notes = new RecordingNotifications();
        vm = new VmsViewModel(new SimpleObjectProperty<>(t.host), GuestHosts.fixed(t.guests), new ActionRunner(TaskExecutor.direct(), notes));
        VmsView view = new VmsView(vm);
        stage.setScene(new Scene(new StackPane(view.root()), 1280, 760));
        stage.show();
        view.shown();
    }

    @SuppressWarnings("unchecked")
    private TreeTableView<VmRow> tree(FxRobot robot) {
        return robot.lookup(".tree-table-view").queryAs(TreeTableView.class);
    }

    private TreeItem<VmRow> item(FxRobot robot, String guest) {
        return tree(robot).getRoot().getChildren().stream().filter(i -> i.getValue().guest().name().equals(guest)).findFirst().orElseThrow();
    }

    private Button button(FxRobot robot, String text) {
        return robot.lookup(".dialog-pane .button").match(n -> text.equals(((Button) n).getText())).queryButton();
    }

    @Test
    void listsBothHypervisorsAndFlagsTheRawVmdkWhoseDeviceIsGone(FxRobot robot) {
        assertEquals(10, tree(robot).getRoot().getChildren().size());
        List<String> badges = robot.lookup(".hypervisor-badge").queryAllAs(Labeled.class).stream().map(Labeled::getText).distinct().sorted().toList();
        assertEquals(List.of("QEMU", "VirtualBox"), badges);
        assertTrue(robot.lookup(".state-running").tryQuery().isPresent(), "running guests coloured");
        robot.interact(() -> tree(robot).scrollTo(tree(robot).getRow(item(robot, "ledger"))));
        // a zvol whose key is not loaded has no device node on Linux: flagged as waiting for its key, not as gone
        Labeled locked = robot.lookup(".disk-problem").queryAllAs(Labeled.class).stream().filter(l -> l.getText().startsWith("🔒"))
                .findFirst().orElseThrow();
        assertEquals("🔒 /dev/zvol/tank/secure/ledger-disk0 is back once its key is loaded (descriptor /home/admin/VirtualBox VMs/ledger/"
                + "ledger-disk0.vmdk)", locked.getText());
        assertTrue(locked.getTooltip().getText().contains("Fix: load the key of tank/secure"), locked.getTooltip().getText());
        robot.interact(() -> tree(robot).scrollTo(tree(robot).getRow(item(robot, "old-win7"))));
        Labeled flagged = robot.lookup(".disk-problem").queryAllAs(Labeled.class).stream().filter(l -> l.getText().startsWith("✖"))
                .findFirst().orElseThrow();
        assertEquals("✖ /dev/zvol/fast/vm/old-win7-disk0 no longer exists (descriptor /home/admin/VirtualBox VMs/old-win7/old-win7-disk0.vmdk)",
                flagged.getText());
        assertTrue(flagged.getTooltip().getText().contains("Fix: recreate the raw VMDK"), flagged.getTooltip().getText());
        List<String> flaggedRows = robot.lookup(".tree-table-row-cell")
                .match(n -> n.getPseudoClassStates().contains(PseudoClass.getPseudoClass("missing-device"))).queryAll().stream()
                .map(n -> ((TreeTableRow<?>) n).getTreeItem().getParent().getValue() instanceof VmRow r ? r.guest().name() : "").toList();
        assertTrue(flaggedRows.contains("old-win7"), flaggedRows.toString());
        assertTrue(robot.lookup(".tree-table-cell").queryAllAs(Labeled.class).stream()
                .anyMatch(l -> "raw VMDK → device missing".equals(l.getText())));
    }

    @Test
    void startShowsEveryPreflightProblemWithItsFixAndStartsNothing(FxRobot robot) {
        robot.interact(() -> tree(robot).getSelectionModel().select(item(robot, "old-win7")));
        robot.interact(() -> tree(robot).requestFocus());
        robot.type(KeyCode.ENTER); // Enter on a stopped guest starts it (after preflight)
        List<Labeled> titles = robot.lookup(".preflight-title").queryAllAs(Labeled.class).stream().toList();
        assertEquals(1, titles.size());
        assertTrue(titles.get(0).getText().startsWith("✖ SATA Controller 0:0: The raw VMDK"), titles.get(0).getText());
        assertTrue(robot.lookup(".preflight-fix").queryAs(Labeled.class).getText()
                .startsWith("Fix: Recreate the raw VMDK for the zvol's new device path"));
        assertTrue(robot.lookup(".dialog-pane .button").queryAllAs(Button.class).stream().noneMatch(b -> b.getText().equals("Start anyway")),
                "a blocking problem offers no way to start");
        robot.clickOn(button(robot, "Close"));
        String id = vm.find("old-win7").id();
        assertFalse(t.vbox.ranArgv().stream().anyMatch(a -> a.contains("startvm") && a.contains(id)));
    }

    @Test
    void aWarningOffersStartAnyway(FxRobot robot) {
        var store = t.guests.qemu().store();
        var pf = store.find("pfsense").orElseThrow();
        store.save(pf.withDrives(List.of(pf.drives().get(0).withDeclaredSize(20 * GuestTestHost.G))));
        robot.interact(() -> {
            vm.refresh();
            tree(robot).getSelectionModel().select(item(robot, "pfsense"));
            tree(robot).requestFocus();
        });
        robot.type(KeyCode.ENTER);
        assertTrue(robot.lookup(".preflight-problem.warning").tryQuery().isPresent());
        assertTrue(robot.lookup(".preflight-title").queryAs(Labeled.class).getText().startsWith("⚠ disk0: The disk is declared as 20 GiB"));
        assertTrue(robot.lookup(".dialog-pane .button").queryAllAs(Button.class).stream().anyMatch(b -> b.getText().equals("Start anyway")));
        robot.clickOn(button(robot, "Close"));
    }

    @Test
    void stopShowsTheExactCommandsBeforeRunning(FxRobot robot) {
        robot.interact(() -> tree(robot).getSelectionModel().select(item(robot, "gitlab")));
        robot.interact(() -> tree(robot).requestFocus());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.H).release(KeyCode.SHIFT, KeyCode.CONTROL);
        String id = vm.find("gitlab").id();
        assertEquals("VBoxManage controlvm " + id + " acpipowerbutton\nVBoxManage controlvm " + id + " poweroff",
                robot.lookup("#commandText").queryAs(TextArea.class).getText());
        robot.clickOn(button(robot, "Cancel"));
        assertFalse(t.vbox.ranArgv().stream().anyMatch(a -> a.contains("acpipowerbutton")));
    }

    @Test
    void aDiskOffersMoveToEachOtherPool(FxRobot robot) {
        List<dev.sluice.guest.DiskMoveRequest> asked = new java.util.ArrayList<>();
        robot.interact(() -> vm.moveHandlerProperty().set(asked::add)); // what the app's migration launcher receives
        TreeItem<VmRow> disk = item(robot, "win11").getChildren().get(0);
        robot.interact(() -> {
            tree(robot).getSelectionModel().select(disk);
            tree(robot).scrollTo(tree(robot).getRow(disk));
        });
        TreeTableRow<?> row = robot.lookup(".tree-table-row-cell").match(n -> n instanceof TreeTableRow<?> r && r.getTreeItem() == disk)
                .queryAs(TreeTableRow.class);
        ContextMenu menu = row.getContextMenu();
        Menu move = (Menu) menu.getItems().get(0);
        assertEquals("Move to pool", move.getText());
        assertEquals(List.of("backup", "tank"), move.getItems().stream().map(MenuItem::getText).toList());
        robot.interact(() -> move.getItems().get(1).fire());
        assertEquals(List.of("fast/vm/win11-disk0 → tank"), asked.stream().map(r -> r.zvol() + " → " + r.targetPool()).toList());
    }
}
