package dev.sluice.ui.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.theme.PrimerLight;
import dev.sluice.migrate.MigrationState;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.I18n;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The one-click path and the wizard path on screen, against a scripted host (work runs inline). */
@ExtendWith(ApplicationExtension.class)
class MigrationViewsFxTest {
    @TempDir
    Path dir;
    MigrationTestHost host;
    MigrationLauncher launcher;
    Stage main;
    final List<String> errors = new ArrayList<>();

    @Start
    void start(Stage stage) {
        I18n.setLocale(Locale.ROOT);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        main = stage;
        stage.setScene(new Scene(new StackPane(new Label("main window")), 400, 300));
        stage.show();
    }

    private void launcher() {
        host = new MigrationTestHost(dir);
        launcher = new MigrationLauncher(host.source(), TaskExecutor.direct(), () -> main, errors::add);
    }

    private static Button button(FxRobot robot, String text) {
        return robot.lookup(".button").match(n -> text.equals(((Button) n).getText()) && n.isVisible()).queryButton();
    }

    private static String label(Window w, String id) {
        return ((Label) w.getScene().getRoot().lookup(id)).getText();
    }

    @Test
    void oneClickConfirmsOnceThenShowsTheProgressToSuccess(FxRobot robot) {
        launcher();
        Platform.runLater(() -> launcher.moveZvol("rpool/vboxzones/myvbox", "tank"));
        WaitForAsyncUtils.waitForFxEvents();
        // the one confirmation lists every step and its commands
        ListView<?> steps = robot.lookup(".dialog-pane .step-list").queryAs(ListView.class);
        assertEquals(3, steps.getItems().size());
        assertTrue(robot.lookup(".step-commands").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().contains("zfs send -vP -c -I rpool/vboxzones/myvbox@first rpool/vboxzones/myvbox@sluice-mig-")));
        assertTrue(host.steps.log.isEmpty(), "nothing ran before the confirmation");
        robot.clickOn(button(robot, "Move"));
        WaitForAsyncUtils.waitForFxEvents();

        assertEquals(List.of("do FINAL_SNAPSHOT", "do FINAL_SEND", "do VERIFY"), host.steps.log);
        Stage progress = launcher.lastWindow();
        assertTrue(progress.isShowing());
        assertEquals("Migration · Move rpool/vboxzones/myvbox to tank", progress.getTitle());
        Label summary = (Label) progress.getScene().getRoot().lookup(".summary");
        assertEquals("Done: the zvol is now tank/myvbox, verified.", summary.getText());
        assertTrue(summary.getStyleClass().contains("succeeded"));
        assertEquals(3, robot.from(progress.getScene().getRoot()).lookup(".status-done").queryAll().size());
        assertTrue(errors.isEmpty(), errors.toString());
        robot.interact(progress::close);
    }

    @Test
    void aRefusedOneClickMoveShowsTheReasonsAndRunsNothing(FxRobot robot) {
        launcher();
        Platform.runLater(() -> launcher.moveZvol("rpool/vboxzones/myvbox", "rpool"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup(".dialog-pane .label").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().contains("Source and target are in the same pool 'rpool'")));
        robot.clickOn(button(robot, "OK"));
        assertTrue(host.steps.log.isEmpty());
    }

    @Test
    void moreOptionsOpensTheWizardAndItsReviewShowsTheCommandsBeforeRun(FxRobot robot) {
        launcher();
        Platform.runLater(() -> launcher.moveZvol("rpool/vboxzones/myvbox", "tank"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(button(robot, "More options…"));
        WaitForAsyncUtils.waitForFxEvents();
        Stage wizard = launcher.lastWindow();
        assertEquals("Move a zvol to another pool", wizard.getTitle());
        Node root = wizard.getScene().getRoot();

        robot.clickOn(button(robot, "Next"));                       // source → target
        @SuppressWarnings("unchecked")
        ComboBox<String> parent = (ComboBox<String>) root.lookup("#parent");
        assertEquals("tank", parent.getValue());
        assertEquals("354.8 MiB free on the target; the copy needs about 262.0 MiB.", label(wizard, "#space"));
        robot.clickOn(button(robot, "Next"));                       // target → options
        robot.clickOn(button(robot, "Next"));                       // options → review
        ListView<?> review = (ListView<?>) root.lookup("#reviewSteps");
        assertEquals(3, review.getItems().size());
        assertTrue(robot.from(root).lookup(".step-commands").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().contains("| zfs receive -v -s tank/myvbox")));
        assertTrue(host.steps.log.isEmpty());

        robot.clickOn(button(robot, "Run migration"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("do FINAL_SNAPSHOT", "do FINAL_SEND", "do VERIFY"), host.steps.log);
        Label summary = (Label) root.lookup(".summary");
        assertEquals("Done: the zvol is now tank/myvbox, verified.", summary.getText());
        assertEquals(MigrationState.SUCCEEDED, host.store.all().get(0).state());
        robot.interact(wizard::close);
    }

    @Test
    void theWizardPathWithoutAPresetZvolRefusesATakenName(FxRobot robot) {
        launcher();
        robot.interact(() -> launcher.openWizard(List.of(), null));
        Stage wizard = launcher.lastWindow();
        Node root = wizard.getScene().getRoot();
        @SuppressWarnings("unchecked")
        ComboBox<String> zvol = (ComboBox<String>) root.lookup("#zvol");
        robot.interact(() -> zvol.setValue("rpool/vboxzones/myvbox"));
        robot.clickOn(button(robot, "Next"));
        @SuppressWarnings("unchecked")
        ComboBox<String> pool = (ComboBox<String>) root.lookup("#pool");
        @SuppressWarnings("unchecked")
        ComboBox<String> parent = (ComboBox<String>) root.lookup("#parent");
        robot.interact(() -> {
            pool.setValue("tank");
            parent.setValue("tank/replica");
        });
        robot.clickOn(button(robot, "Next"));
        robot.clickOn(button(robot, "Next"));
        assertTrue(robot.from(root).lookup(".refusal").queryAll().stream()
                .anyMatch(n -> ((Label) n).getText().contains("The target name 'tank/replica/myvbox' is taken.")));
        assertTrue(button(robot, "Run migration").isDisabled());
        robot.interact(wizard::close);
    }
}
