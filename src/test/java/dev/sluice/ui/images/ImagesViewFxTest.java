package dev.sluice.ui.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.sluice.guest.GuestHosts;
import dev.sluice.qemu.LibraryImage;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.testing.RecordingNotifications;
import dev.sluice.ui.vms.GuestTestHost;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class ImagesViewFxTest {
    private GuestTestHost t;

    @Start
    void start(Stage stage) throws Exception {
        I18n.setLocale(Locale.ROOT);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        t = new GuestTestHost(Files.createTempDirectory("imagesfx"));
        t.guests.library().addFolder(GuestTestHost.LIBRARY);
        ImagesViewModel vm = new ImagesViewModel(new SimpleObjectProperty<>(t.host), GuestHosts.fixed(t.guests),
                new ActionRunner(TaskExecutor.direct(), new RecordingNotifications()));
        ImagesView view = new ImagesView(vm);
        stage.setScene(new Scene(new StackPane(view.root()), 1280, 700));
        stage.show();
        view.shown();
    }

    private List<String> cells(FxRobot robot) {
        return robot.lookup(".table-cell").queryAllAs(Labeled.class).stream().map(Labeled::getText).filter(s -> s != null).toList();
    }

    private Button button(FxRobot robot, String text) {
        return robot.lookup(".dialog-pane .button").match(n -> text.equals(((Button) n).getText())).queryButton();
    }

    @Test
    void theTableShowsEachImagesInfo(FxRobot robot) {
        @SuppressWarnings("unchecked")
        TableView<LibraryImage> table = robot.lookup(".table-view").queryAs(TableView.class);
        assertEquals(7, table.getItems().size());
        @SuppressWarnings("unchecked")
        ListView<String> folders = robot.lookup("#folderList").queryAs(ListView.class);
        assertEquals(List.of("/srv/images"), folders.getItems());
        List<String> cells = cells(robot);
        assertTrue(cells.contains("k8s-golden.qcow2"));
        assertTrue(cells.contains("32.0 GiB"), "virtual size, 1024-based");
        assertTrue(cells.contains("5.6 GiB"), "actual size");
        assertTrue(cells.contains("→ k8s-golden.qcow2 (qcow2)"), "backing chain");
        assertTrue(cells.contains("2: pre-kubeadm, v1.30-ready"), "qcow2 snapshots");
        assertTrue(cells.contains("dirty: not closed cleanly; run qemu-img check"));
        assertTrue(robot.lookup(".image-bad").tryQuery().isPresent(), "the locked image is flagged");
    }

    @Test
    void createDialogChecksTheSizeAndShowsTheCommand(FxRobot robot) {
        robot.clickOn("#createButton");
        robot.doubleClickOn("#imageSize").eraseText(3).write("2X");
        assertFalse(robot.lookup("#imageSizeVerdict").queryAs(Label.class).getText().isEmpty());
        assertTrue(button(robot, "Create").isDisabled());
        robot.doubleClickOn("#imageSize").eraseText(2).write("8G");
        assertEquals("= 8.0 GiB", robot.lookup("#imageSizeVerdict").queryAs(Label.class).getText());
        assertFalse(button(robot, "Create").isDisabled());
        robot.clickOn(button(robot, "Create"));
        assertTrue(robot.lookup("#commandText").queryAs(TextArea.class).getText()
                .matches("(?s)mkdir -m 0700 -- /srv/images/\\.sluice-new-\\w+\nqemu-img create -f qcow2 /srv/images/\\.sluice-new-\\w+/disk\\.qcow2 8589934592\nln -T .*"));
        robot.clickOn(button(robot, "Cancel"));
        assertFalse(t.host.ranArgv().stream().anyMatch(a -> a.contains("create")));
        robot.type(KeyCode.ESCAPE);
    }
}
