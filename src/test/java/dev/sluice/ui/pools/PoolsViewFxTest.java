package dev.sluice.ui.pools;

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
import dev.sluice.zfs.Vdev;
import dev.sluice.zfs.ZfsService;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class PoolsViewFxTest {
    private ScriptedRunner host;

    @Start
    void start(Stage stage) {
        I18n.setLocale(Locale.ROOT);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        host = ScriptedZfs.degradedHost();
        host.on("zpool", "scrub", "rpool").ok();
        PoolsViewModel vm = new PoolsViewModel(new ZfsService(host),
                new ActionRunner(TaskExecutor.direct(), new RecordingNotifications()));
        PoolsView view = new PoolsView(vm);
        stage.setScene(new Scene(new StackPane(view.root()), 1000, 800));
        stage.show();
        view.shown();
    }

    @Test
    void degradedPoolShowsItsBadgeAndVdevTreeWithTheOfflineDisk(FxRobot robot) {
        Label badge = robot.lookup("#health-rpool").queryAs(Label.class);
        assertEquals("DEGRADED", badge.getText());
        assertTrue(badge.getStyleClass().contains("health-warning"));
        assertEquals("ONLINE", robot.lookup("#health-tank").queryAs(Label.class).getText());

        @SuppressWarnings("unchecked")
        TreeTableView<Vdev> vdevs = robot.lookup("#vdevs-rpool").queryAs(TreeTableView.class);
        TreeItem<Vdev> mirror = vdevs.getRoot().getChildren().get(0);
        assertEquals("mirror-0", mirror.getValue().name());
        assertEquals(List.of("virtio-tb-disk1", "virtio-tb-disk2"),
                mirror.getChildren().stream().map(i -> i.getValue().name()).toList());
        assertEquals(4, vdevs.getExpandedItemCount(), "root, mirror and both disks are visible");
        assertTrue(robot.lookup(".vdev-state-warn").queryAll().stream()
                .anyMatch(n -> "OFFLINE".equals(((javafx.scene.control.Labeled) n).getText())), "OFFLINE is highlighted");
        assertTrue(robot.lookup(".pool-problem").queryAs(Label.class).getText().contains("taken offline"));
    }

    @Test
    void startScrubAsksFirstWithTheExactCommand(FxRobot robot) {
        robot.clickOn("#startScrub-rpool");
        assertEquals("zpool scrub rpool", robot.lookup("#commandText").queryAs(TextArea.class).getText());
        robot.clickOn(robot.lookup(".dialog-pane .button").match(n -> "Cancel".equals(((Button) n).getText())).queryButton());
        assertFalse(host.ranArgv().contains(List.of("zpool", "scrub", "rpool")), "cancelled: nothing ran");

        robot.clickOn("#startScrub-rpool");
        robot.clickOn(robot.lookup(".dialog-pane .button").match(n -> "Start scrub".equals(((Button) n).getText())).queryButton());
        assertTrue(host.ranArgv().contains(List.of("zpool", "scrub", "rpool")));
    }
}
