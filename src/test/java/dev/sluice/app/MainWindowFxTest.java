package dev.sluice.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import atlantafx.base.controls.Message;
import dev.sluice.config.AppDirs;
import dev.sluice.config.SettingsStore;
import dev.sluice.host.Command;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Runners;
import dev.sluice.host.testing.ScriptedRunner;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.activity.ActivityRow;
import dev.sluice.ui.activity.ActivityView;
import dev.sluice.ui.common.FeatureView;
import dev.sluice.ui.common.I18n;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real main window, headless (Monocle), on a temp {@code sluice.home}. The local host is the
 * real one (its runner runs real processes) except where a test scripts a host without ZFS.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {
    private static final Path HOME = tempHome();
    private MainWindow window;
    private Services services;
    private Stage stage;

    private static Path tempHome() {
        try {
            return Files.createTempDirectory("sluice-fx");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The real local runner, except that zfs is "not installed" whatever this machine has. */
    static CommandRunner realButNoZfs(dev.sluice.host.Host h, CommandJournal journal) {
        CommandRunner real = Runners.forHost(h, journal);
        ScriptedRunner noZfs = new ScriptedRunner(h, journal).notInstalled("zfs");
        return new CommandRunner() {
            @Override
            public dev.sluice.host.Host host() {
                return h;
            }

            @Override
            public dev.sluice.host.RunningCommand start(Command c, dev.sluice.host.OutputListener l) {
                return c.program().equals("zfs") ? noZfs.start(c, l) : real.start(c, l);
            }

            @Override
            public dev.sluice.host.RunningPipeline startPipeline(java.util.List<Command> s, java.util.List<dev.sluice.host.OutputListener> l) {
                return real.startPipeline(s, l);
            }
        };
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        I18n.setLocale(Locale.ENGLISH);
        // The production wiring (stores, audit log) on a throwaway sluice.home; only the runner is swapped.
        System.setProperty(AppDirs.HOME_PROPERTY, Files.createTempDirectory(HOME, "t").toString());
        Services real = Services.production(AppDirs.current(), TaskExecutor.pooled(Platform::runLater));
        services = new Services(real.dirs(), real.journal(), real.settings(), real.hosts(),
                MainWindowFxTest::realButNoZfs, real.probes(), real.executor(), real.audit());
        window = SluiceApp.mainWindow(services, stage::close);
        new WindowKeeper(services.settings(), window).show(stage);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> stage.hide()).get();
    }

    private Node shown(FxRobot robot) {
        StackPane content = robot.lookup(".feature-content").queryAs(StackPane.class);
        return content.getChildren().get(0);
    }

    @Test
    void eachSidebarEntryOpensItsView(FxRobot robot) {
        for (Feature f : Feature.values()) {
            robot.clickOn("#nav-" + f.key());
            WaitForAsyncUtils.waitForFxEvents();
            FeatureView v = window.viewFor(f);
            assertEquals(v.root(), shown(robot), f + " is shown");
            assertEquals(f, window.viewModel().currentFeatureProperty().get());
            if (f == Feature.ACTIVITY) {
                assertTrue(v instanceof ActivityView);
            } else if (v instanceof dev.sluice.ui.common.EmptyState) {
                // a view the composition root does not provide yet: the honest empty state, never fake data
                String title = "The " + I18n.t("nav." + f.key()) + " view is not in this version yet";
                assertTrue(robot.lookup(".title-3").queryAllAs(Label.class).stream().anyMatch(l -> l.getText().equals(title)), title);
            }
        }
    }

    @Test
    void keyboardShortcutsSwitchViews(FxRobot robot) {
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT3).release(KeyCode.DIGIT3, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Feature.SNAPSHOTS, window.viewModel().currentFeatureProperty().get());
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT7).release(KeyCode.DIGIT7, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(window.viewFor(Feature.ACTIVITY).root(), shown(robot));
    }

    @Test
    void activityShowsACommandThatWasJustRun(FxRobot robot) throws Exception {
        robot.clickOn("#nav-activity");
        CommandRunner runner = window.viewModel().runnerProperty().get();
        runner.run(Command.of("echo", "hello from", "the test"));
        TableView<?> table = robot.lookup(".table-view").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(r -> ((ActivityRow) r).shellLine().equals("echo 'hello from' 'the test'")
                        && ((ActivityRow) r).state() == CommandJournal.State.SUCCEEDED));
        ActivityRow row = (ActivityRow) table.getItems().stream()
                .filter(r -> ((ActivityRow) r).shellLine().startsWith("echo")).findFirst().orElseThrow();
        assertEquals(CommandJournal.State.SUCCEEDED, row.state());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup((Node n) -> n instanceof javafx.scene.control.TableCell<?, ?> c
                && "echo 'hello from' 'the test'".equals(c.getText())).tryQuery().isPresent(), "the row is on screen");
        robot.clickOn((Node n) -> n instanceof javafx.scene.control.TableCell<?, ?> c && "echo 'hello from' 'the test'".equals(c.getText()));
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString()).get();
        assertEquals("echo 'hello from' 'the test'", copied, "Ctrl+C copies the row as a shell line");
        String audit = Files.readString(services.dirs().auditLog());
        assertTrue(audit.contains("\"argv\":[\"echo\",\"hello from\",\"the test\"]"), audit);
        assertTrue(services.dirs().auditLog().startsWith(System.getProperty(AppDirs.HOME_PROPERTY)));
    }

    @Test
    void missingZfsShowsItsFixAndTheStatusBarSaysSo(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup(".notice").tryQuery().isPresent());
        Message m = robot.lookup(".notice").queryAs(Message.class);
        assertEquals("zfs is not installed on Local host", m.getTitle());
        assertTrue(m.getDescription().startsWith("Install OpenZFS: `apt install zfsutils-linux`"), m.getDescription());
        Label zfs = robot.lookup("#status-zfs").queryAs(Label.class);
        assertEquals("zfs not found", zfs.getText());
        assertTrue(zfs.getTooltip().getText().contains("apt install zfsutils-linux"));
    }

    @Test
    void hostSelectorOffersLocalHostAndAddSshHost(FxRobot robot) {
        ComboBox<?> box = robot.lookup("#host-selector").queryAs(ComboBox.class);
        assertEquals("Local host", box.getItems().get(0).toString());
        assertEquals("Add SSH host…", box.getItems().get(box.getItems().size() - 1).toString());
        assertEquals("Local host", box.getSelectionModel().getSelectedItem().toString());
    }

    @Test
    void themeToggleIsRemembered(FxRobot robot) {
        var before = services.settings().get().theme();
        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(services.settings().get().theme() != before);
        assertTrue(javafx.application.Application.getUserAgentStylesheet().contains(
                before == dev.sluice.config.Settings.Theme.LIGHT ? "primer-dark" : "primer-light"));
    }

    @Test
    void windowPlaceIsRememberedWhenItCloses(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            stage.setX(40);
            stage.setY(30);
            stage.setWidth(1000);
            stage.setHeight(700);
        }).get();
        WaitForAsyncUtils.asyncFx(() -> stage.hide()).get();
        var w = services.settings().get().window();
        assertEquals(new dev.sluice.config.Settings.WindowBounds(40, 30, 1000, 700, false), w);
        var again = new SettingsStore(services.dirs()).get();
        assertEquals(w, again.window(), "written to settings.json");
        assertTrue(again.sidebarWidth() > 100, "sidebar width kept: " + again.sidebarWidth());
    }
}
