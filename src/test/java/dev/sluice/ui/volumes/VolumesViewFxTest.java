package dev.sluice.ui.volumes;

import static dev.sluice.ui.common.testing.ScriptedZfs.V23;
import static dev.sluice.ui.common.testing.ScriptedZfs.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.testing.RecordingNotifications;
import dev.sluice.ui.common.testing.ScriptedZfs;
import dev.sluice.zfs.ZfsService;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
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
class VolumesViewFxTest {
    private ScriptedRunner host;
    private VolumesViewModel vm;

    @Start
    void start(Stage stage) {
        I18n.setLocale(Locale.ROOT);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        host = ScriptedZfs.host(V23);
        host.on("zfs", "destroy", "-nvp", "tank/backup").fail(1, "cannot destroy 'tank/backup': filesystem has children\n"
                + "use '-r' to destroy the following datasets:\ntank/backup/myvbox\n");
        host.on("zfs", "destroy", "-nvp", "-r", "tank/backup").stdout(fixture(V23, "zfs-destroy-nvp-recursive.txt"));
        vm = new VolumesViewModel(new ZfsService(host), new ActionRunner(TaskExecutor.direct(), new RecordingNotifications()));
        VolumesView view = new VolumesView(vm);
        stage.setScene(new Scene(new StackPane(view.root()), 1280, 760));
        stage.show();
        view.shown();
    }

    private Button button(FxRobot robot, String text) {
        return robot.lookup(".dialog-pane .button").match(n -> text.equals(((Button) n).getText())).queryButton();
    }

    @Test
    void treeShowsDatasetsWithHumanSizesSortableByBytes(FxRobot robot) {
        @SuppressWarnings("unchecked")
        TreeTableView<DatasetRow> tree = robot.lookup(".tree-table-view").queryAs(TreeTableView.class);
        assertEquals(List.of("rpool", "tank"), tree.getRoot().getChildren().stream().map(i -> i.getValue().name()).toList());
        assertTrue(robot.lookup(".tree-table-cell").queryAll().stream()
                .anyMatch(n -> "318.4 MiB".equals(((javafx.scene.control.Labeled) n).getText())), "myvbox used, 1024-based");
        robot.interact(() -> {
            tree.getSortOrder().setAll(List.of(tree.getColumns().get(2)));
            tree.getColumns().get(2).setSortType(javafx.scene.control.TreeTableColumn.SortType.DESCENDING);
            tree.sort();
        });
        TreeItem<DatasetRow> rpool = tree.getRoot().getChildren().stream().filter(i -> i.getValue().name().equals("rpool")).findFirst().orElseThrow();
        // under rpool: vboxzones (326.6 MiB) before secure (6.3 MiB), by bytes
        assertEquals("rpool/vboxzones", rpool.getChildren().get(0).getValue().name());
    }

    @Test
    void createZvolDialogExplainsABadNameAndABadSize(FxRobot robot) {
        robot.clickOn("#createButton");
        robot.clickOn("#nameField").write("vm*disk");
        robot.clickOn("#sizeField").write("10X");
        String nameVerdict = robot.lookup("#nameVerdict").queryAs(Label.class).getText();
        String sizeVerdict = robot.lookup("#sizeVerdict").queryAs(Label.class).getText();
        assertTrue(nameVerdict.contains("contains '*', which ZFS does not allow"), nameVerdict);
        assertTrue(sizeVerdict.contains("unknown unit 'X'"), sizeVerdict);
        assertTrue(robot.lookup("#nameVerdict").queryAs(Label.class).getStyleClass().contains("field-problem"));
        assertTrue(button(robot, "Create").isDisabled());

        robot.doubleClickOn("#nameField").eraseText(7).write("vm1");
        robot.doubleClickOn("#sizeField").eraseText(3).write("10G");
        assertTrue(robot.lookup("#sizeVerdict").queryAs(Label.class).getText().contains("10.0 GiB"));
        assertFalse(button(robot, "Create").isDisabled());
        robot.clickOn(button(robot, "Cancel"));
        assertTrue(host.ranArgv().stream().noneMatch(a -> a.contains("create")));
    }

    @Test
    void destroyShowsThePreviewOfEverythingThatGoes(FxRobot robot) {
        @SuppressWarnings("unchecked")
        TreeTableView<DatasetRow> tree = robot.lookup(".tree-table-view").queryAs(TreeTableView.class);
        robot.interact(() -> vm.selectedProperty().set(vm.find("tank/backup")));
        robot.interact(() -> tree.getSelectionModel().select(find(tree.getRoot(), "tank/backup")));
        // focus without clicking: a click would select whichever row is under the mouse
        robot.interact(tree::requestFocus);
        robot.type(KeyCode.DELETE);

        String details = robot.lookup("#detailsText").queryAs(TextArea.class).getText();
        assertEquals(String.join("\n", "tank/backup/myvbox@first", "tank/backup/myvbox@second",
                "tank/backup/myvbox@local-extra", "tank/backup/myvbox", "tank/backup"), details);
        assertEquals("zfs destroy -r tank/backup", robot.lookup("#commandText").queryAs(TextArea.class).getText());
        Node dialog = robot.lookup(".dialog-pane").query();
        assertTrue(dialog.getStyleClass().contains("danger"));
        Button destroy = button(robot, "Destroy");
        assertTrue(destroy.isDisabled(), "needs the acknowledgement first");
        robot.clickOn("#acknowledge");
        assertTrue(robot.lookup("#acknowledge").queryAs(CheckBox.class).isSelected());
        assertFalse(destroy.isDisabled());
        robot.clickOn(button(robot, "Cancel"));
        assertFalse(host.ranArgv().contains(List.of("zfs", "destroy", "-r", "tank/backup")));
    }

    @Test
    void keyboardCtrlFFiltersF5RefreshesCtrlNOpensTheCreateDialog(FxRobot robot) {
        @SuppressWarnings("unchecked")
        TreeTableView<DatasetRow> tree = robot.lookup(".tree-table-view").queryAs(TreeTableView.class);
        robot.interact(tree::requestFocus);
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        robot.write("secure-raw");
        assertEquals(List.of("tank", "tank/secure-raw"), vm.visibleRows().stream().map(DatasetRow::name).toList());
        robot.type(KeyCode.ESCAPE);
        assertEquals(vm.rows().size(), vm.visibleRows().size());

        int before = host.ran().size();
        robot.type(KeyCode.F5);
        assertTrue(host.ranArgv().subList(before, host.ranArgv().size()).contains(ScriptedZfs.datasetsCommand().argv()));

        robot.press(KeyCode.CONTROL).type(KeyCode.N).release(KeyCode.CONTROL);
        assertTrue(robot.lookup("#nameField").tryQuery().isPresent(), "Ctrl+N opened the New zvol dialog");
        robot.clickOn(button(robot, "Cancel"));
    }

    @Test
    void rowContextMenuOffersTheActionsThatApply(FxRobot robot) {
        robot.rightClickOn(robot.lookup(".tree-table-cell").match(n -> "secure-raw".equals(((javafx.scene.control.Labeled) n).getText()))
                .queryAs(Node.class));
        assertEquals("tank/secure-raw", vm.selectedProperty().get().name(), "right-click selects the row");
        javafx.scene.control.ContextMenu menu = robot.lookup(".tree-table-row-cell")
                .match(n -> n instanceof javafx.scene.control.TreeTableRow<?> r && r.getItem() != null
                        && ((DatasetRow) r.getItem()).name().equals("tank/secure-raw"))
                .queryAs(javafx.scene.control.TreeTableRow.class).getContextMenu();
        java.util.Map<String, Boolean> enabled = new java.util.LinkedHashMap<>();
        menu.getItems().stream().filter(i -> i.getText() != null).forEach(i -> enabled.put(i.getText(), !i.isDisable()));
        assertEquals(java.util.Map.of("New zvol…", true, "Resize…", false, "Load key", true, "Unload key", false,
                "Copy name", true, "Copy as libvirt disk", false, "Copy as MicroVM.nix volume", false, "Destroy…", true), enabled,
                "a filesystem is no disk for libvirt or MicroVM.nix");
        robot.type(KeyCode.ESCAPE);
    }

    private static TreeItem<DatasetRow> find(TreeItem<DatasetRow> item, String name) {
        if (item.getValue() != null && item.getValue().name().equals(name)) {
            return item;
        }
        for (TreeItem<DatasetRow> c : item.getChildren()) {
            TreeItem<DatasetRow> f = find(c, name);
            if (f != null) {
                return f;
            }
        }
        return null;
    }
}
