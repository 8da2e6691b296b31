package dev.sluice.it;

import static dev.sluice.it.JourneyRobot.find;
import static dev.sluice.it.JourneyRobot.shows;
import static dev.sluice.it.JourneyRobot.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.app.MainViewModel;
import dev.sluice.app.Services;
import dev.sluice.app.SluiceApp;
import dev.sluice.config.AppDirs;
import dev.sluice.host.Runners;
import dev.sluice.testbed.Testbed;
import dev.sluice.testbed.TestbedExtension;
import dev.sluice.ui.common.I18n;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TreeTableRow;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole journeys of an admin, through the real application: {@link SluiceApp}'s own composition
 * root and services (settings, hosts, runners, probes, every view), started as {@code ./mvnw javafx:run}
 * starts it, with a fresh {@code sluice.home}. The only difference is the host: the OpenZFS 2.3 testbed
 * guest, added over SSH in the app's own dialog; its host key changes at every boot, so the ssh client
 * is told not to check it (the options {@link Testbed#SSH_OPTIONS}). Everything else is clicks and keys;
 * any error or warning the app shows that the journey did not expect fails it.
 * Screenshots of the key screens go to {@code target/journeys/<language>/}.
 * Run in Chinese with {@code -Djourneys.language=zh_CN} (the last journey switches language either way).
 */
@Tag("testbed")
@ExtendWith(TestbedExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JourneysIT {
    static final String TANK = "jtank";
    static final String BACKUP = "jbackup";
    static final String THIRD = "jthird";
    static final String PARENT = TANK + "/vm disks";
    static final String ZVOL = PARENT + "/web 1";
    static final String VM = "web1";
    static final String VM_DISK = PARENT + "/" + VM + "-disk0";
    static final String FOLDER = "/var/tmp/journey-images";

    Testbed tb;
    Path home;
    JourneyApp app;
    Stage stage;
    JourneyRobot ui;
    String language;

    /** The app as users get it; only ssh is told that the throwaway guest's host key is new each boot. */
    public static final class JourneyApp extends SluiceApp {
        Stage stage;

        @Override
        protected Services createServices(AppDirs dirs) {
            Services p = super.createServices(dirs);
            return new Services(p.dirs(), p.journal(), p.settings(), p.hosts(),
                    (h, j) -> h.isLocal() ? p.runners().forHost(h, j) : Runners.forHost(h, j, Testbed.SSH_OPTIONS),
                    p.probes(), p.executor(), p.audit());
        }

        @Override
        public void start(Stage s) {
            this.stage = s;
            super.start(s);
        }
    }

    @BeforeAll
    void world(Testbed testbed) throws Exception {
        tb = testbed;
        tb.freshFilePool(TANK, "512M");
        tb.freshFilePool(BACKUP, "512M");
        tb.freshFilePool(THIRD, "512M");
        tb.sh("rm -rf '" + FOLDER + "' && mkdir -p '" + FOLDER + "'");
        language = System.getProperty("journeys.language", "en");
        home = Files.createTempDirectory("sluice-journeys");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/settings.json"), "{\"language\": \"" + language + "\"}");
        System.setProperty(AppDirs.HOME_PROPERTY, home.toString());
        localeBefore = Locale.getDefault();
        Locale.setDefault(Locale.ENGLISH);
        FxToolkit.registerPrimaryStage();
        ui = new JourneyRobot(new FxRobot(), Path.of("target", "journeys", language));
        startApp();
    }

    private void startApp() {
        ui.fx().interact(() -> {
            app = new JourneyApp();
            app.start(new Stage());
            stage = app.stage;
        });
    }

    private void stopApp() {
        ui.fx().interact(() -> {
            stage.close();
            app.stop();
        });
    }

    private Locale localeBefore = Locale.getDefault();

    @AfterAll
    void end() throws Exception {
        try {
            if (app != null) {
                stopApp();
            }
        } finally {
            // the journeys switch the app to Chinese; later test classes in this JVM read English texts
            Locale.setDefault(localeBefore);
            I18n.setLocale(localeBefore);
            // a journey that failed half way may leave its QEMU VM running; under TCG it would starve the
            // shared guest for every later test class
            if (tb != null) {
                tb.sh("pkill -KILL -f '[q]emu-system-x86_64' || true");
            }
        }
    }

    private MainViewModel main() {
        return app.window().viewModel();
    }

    private String t(String key, Object... args) {
        return I18n.t(key, args);
    }

    private void key(KeyCode... keys) {
        ui.fx().press(keys).release(keys);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void view(int n) {
        ui.focus(stage); // the main window, as a user clicks into it before pressing Ctrl+digit
        key(KeyCode.CONTROL, KeyCode.valueOf("DIGIT" + n));
    }

    private void connected() {
        waitUntil("the testbed to be connected and checked", 180, () -> main().selectedHostProperty().get() != null
                && !main().selectedHostProperty().get().isLocal() && main().reportProperty().get() != null
                && !main().probingProperty().get());
    }

    private static String sha(Testbed tb, String zvol, int mib) throws Exception {
        return tb.sha256(Testbed.zvolDevice(zvol), mib);
    }

    /*
     * The journeys run in this order on one app and one guest; each is its own test so that one that
     * fails does not hide how the later ones do (a step that needs an earlier one's result fails with it).
     */

    @AfterEach
    void tidy() {
        ui.tidy(stage);
        ui.forgetErrors();
    }

    @Test
    @Order(1)
    void addTheTestbedOverSsh() {
        // first run: the welcome checklist of the local host offers "Add SSH host…"
        try {
            waitUntil("the welcome checklist", 150, () -> JourneyRobot.labeled(t("welcome.addHost")).isPresent());
            ui.shot("welcome");
            ui.click(t("welcome.addHost"));
        } catch (AssertionError noWelcome) {
            ui.click(t("app.menu.file")); // the welcome is a convenience; the menu is the way in
            ui.click(t("app.menu.addHost"));
        }
        ui.type("#addhost-target", "root@127.0.0.1");
        ui.type("#addhost-port", Integer.toString(tb.sshPort()));
        ui.type("#addhost-identity", tb.keyFile());
        ui.shot("add-host");
        ui.confirmDialog();
        connected();
        // a TCG guest on a busy build machine can miss the probe's time limit: the admin presses F5, as the notice says
        for (int i = 0; i < 3 && JourneyRobot.errorsOnScreen().stream().anyMatch(e -> e.contains("did not finish within")); i++) {
            Object before = main().reportProperty().get();
            ui.fx().clickOn(find("#status-host").orElseThrow());
            key(KeyCode.F5);
            waitUntil("the re-check", 120, () -> main().reportProperty().get() != before && !main().probingProperty().get());
        }
        ui.watchForErrors();
        view(1);
        waitUntil("the pools", 60, () -> shows(TANK) && shows(BACKUP));
        ui.assertNoErrors("after adding the testbed");
        ui.shot("pools");
    }

    @Test
    @Order(2)
    void datasetZvolSnapshotRollback() throws Exception {
        view(2);
        waitUntil("the volumes tree", 60, () -> volumeRow(TANK) != null);
        ui.fx().clickOn(volumeRow(TANK));
        ui.click("#createDatasetButton");
        ui.type("#nameField", PARENT);
        ui.shot("new-dataset");
        ui.confirmDialog();
        ui.shot("new-dataset-confirm");
        ui.confirmDialog();
        waitUntil(PARENT + " in the tree", 60, () -> volumeRow(PARENT) != null);
        ui.fx().clickOn(volumeRow(PARENT));
        key(KeyCode.CONTROL, KeyCode.N);
        ui.type("#nameField", "web 1");
        ui.type("#sizeField", "64M");
        ui.shot("new-zvol");
        ui.confirmDialog();
        ui.confirmDialog();
        waitUntil(ZVOL + " in the tree", 60, () -> volumeRow(ZVOL) != null);
        ui.fx().clickOn(volumeRow(ZVOL));
        ui.assertNoErrors("creating a dataset and a zvol with spaces");
        ui.shot("volumes");

        String original = tb.writeRandom(Testbed.zvolDevice(ZVOL), 8);
        view(3);
        ComboBox<?> chooser = (ComboBox<?>) find("#chooser").orElseThrow();
        waitUntil("the dataset chooser", 60, () -> chooser.getItems().size() > 3);
        ui.fx().clickOn(chooser);
        ui.click(ZVOL + "  · " + t("snapshots.view.zvol"));
        ui.click("#snapshotButton");
        waitUntil("the snapshot dialog", 30, () -> find("#confirm-run").isPresent());
        ui.click("#confirm-run");
        waitUntil("the snapshot", 60, () -> !tb.sh("zfs list -H -o name -t snapshot -r '" + ZVOL + "'").isBlank());
        String overwritten = tb.writeRandom(Testbed.zvolDevice(ZVOL), 8);
        assertNotEquals(original, overwritten);
        waitUntil("the snapshot in the list", 30, () -> find(".table-row-cell .table-cell").isPresent()
                && JourneyRobot.all(".table-cell").stream().anyMatch(n -> ((Labeled) n).getText() != null
                && ((Labeled) n).getText().startsWith("sluice-")));
        ui.fx().clickOn(JourneyRobot.all(".table-cell").stream().filter(n -> ((Labeled) n).getText() != null
                && ((Labeled) n).getText().startsWith("sluice-")).findFirst().orElseThrow());
        ui.click("#rollbackButton");
        waitUntil("the rollback dialog", 60, () -> find("#rollback-run").isPresent());
        ui.shot("rollback");
        ui.click("#rollback-run");
        waitUntil("the rolled back bytes", 120, () -> original.equals(sha(tb, ZVOL, 8)));
        waitUntil("the dialogs to close", 30, () -> !JourneyRobot.dialogShows());
        ui.assertNoErrors("snapshot and rollback");
        ui.shot("snapshots");
    }

    @Test
    @Order(3)
    void qemuVmOnAZvolStartsAndStops() throws Exception {
        view(5);
        ui.click("#createButton");
        ui.type("#vmName", VM);
        ui.type("#vmMemory", "128M");
        ui.type("#vmDiskSize", "64M");
        ComboBox<String> parent = (ComboBox<String>) find("#vmParent").orElseThrow();
        assertFalse(String.valueOf(parent.getValue()).contains("sluice-guards"), "never Sluice's guard area: " + parent.getValue());
        ui.fx().interact(() -> parent.setValue(PARENT));
        ui.shot("vm-create");
        ui.confirmDialog();
        ui.shot("vm-create-confirm");
        ui.confirmDialog();
        waitUntil("the VM in the list", 120, () -> vmRow(VM) != null);
        String data = tb.writeRandom(Testbed.zvolDevice(VM_DISK), 8);
        vmDiskData = data;

        ui.fx().clickOn(vmRow(VM));
        ui.click("#startButton");
        ui.confirmDialog(); // the plan with qemu-system-x86_64's command line (or the preflight's "Start anyway" first)
        waitUntil("the VM running", 600, () -> {
            if (JourneyRobot.okButton().isPresent()) {
                ui.shot("vm-start-confirm");
                ui.fx().clickOn(JourneyRobot.okButton().get());
            }
            return rowText(vmRow(VM)).contains(t("vms.state.running"));
        });
        assertFalse(tb.sh("pgrep -af qemu-system || true").isBlank(), "a qemu process runs on the testbed");
        ui.assertNoErrors("starting the QEMU VM over SSH");
        ui.shot("vms-running");

        // Power off (quit at once): the VM has no OS to answer Stop's ACPI button, which waits its full minute first;
        // Stop's ACPI-then-quit path is TestbedQemuTest's and LibvirtIT's
        ui.fx().clickOn(vmRow(VM));
        ui.click("#powerOffButton");
        ui.confirmDialog();
        waitUntil("the VM stopped", 600, () -> rowText(vmRow(VM)).contains(t("vms.state.stopped")));
        ui.assertNoErrors("powering off the QEMU VM");
    }

    String vmDiskData;

    @Test
    @Order(4)
    void moveTheVmDiskOneClickAndWizard() throws Exception {
        moveDiskTo(BACKUP);
        ui.shot("move-confirm");
        ui.click(t("migrate.oneClick.confirm"));
        waitUntil("the move to finish", 900, () -> find("#closeMigration").isPresent());
        ui.shot("move-done");
        Stage progress = (Stage) find("#closeMigration").orElseThrow().getScene().getWindow();
        ui.clickOn(progress.getScene().getRoot().lookup(".summary"));
        key(KeyCode.ESCAPE);
        try {
            waitUntil("Escape to close the finished move", 10, () -> !progress.isShowing());
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; focused: " + JourneyRobot.windows().stream().filter(javafx.stage.Window::isFocused)
                    .map(w -> w.getScene().getRoot().getClass().getSimpleName() + " owner " + w.getScene().getFocusOwner()).toList(), e);
        }
        String moved = tb.sh("zfs list -H -o name -t volume -r " + BACKUP).lines().filter(l -> l.endsWith(VM + "-disk0")).findFirst().orElseThrow();
        assertEquals(vmDiskData, sha(tb, moved, 8), "the moved disk holds the VM's bytes");
        ui.assertNoErrors("moving with one click");

        view(5);
        waitUntil("the VM on its new disk", 60, () -> {
            expandVms();
            return diskRow(BACKUP) != null;
        });
        moveDiskTo(THIRD);
        ui.click(t("migrate.oneClick.moreOptions"));
        waitUntil("the wizard", 60, () -> find("#next").isPresent());
        // Next through the pages with the one-click's choices, until Run is offered (the plan is made in the background)
        waitUntil("the wizard's review with Run enabled", 240, () -> {
            if (find("#run").filter(n -> !n.isDisabled()).isPresent()) {
                return true;
            }
            find("#next").filter(n -> !n.isDisabled()).ifPresent(ui::clickOn);
            Thread.sleep(500);
            return false;
        });
        ui.shot("wizard-review");
        ui.click("#run");
        waitUntil("the wizard's move to finish", 900, () -> find("#close").filter(n -> !n.isDisabled()).isPresent()
                && shows(t("migrate.run.succeeded", THIRD + "/" + VM + "-disk0"))); // the whole sentence: "完成" alone is also a step's state
        ui.shot("wizard-done");
        ui.click("#close");
        String third = tb.sh("zfs list -H -o name -t volume -r " + THIRD).lines().filter(l -> l.endsWith(VM + "-disk0")).findFirst().orElseThrow();
        assertEquals(vmDiskData, sha(tb, third, 8), "the disk moved by the wizard holds the VM's bytes");
        ui.assertNoErrors("moving with the wizard");
    }

    private void moveDiskTo(String pool) {
        view(5);
        expandVms();
        waitUntil("the VM's disk, the list read", 60, () -> diskRow(null) != null
                && find("#createButton").filter(n -> !n.isDisabled()).isPresent()); // not busy: no rebuild under the menu
        ui.rightClick(diskRow(null));
        try {
            ui.clickSubmenu(t("vms.menu.moveToPool"), pool);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; menus: " + JourneyRobot.menus(), e);
        }
        waitUntil("the one-click confirmation", 120, () -> find(".dialog-pane .step-list").isPresent());
    }

    @Test
    @Order(5)
    void throughputNamesTheZvol() throws Exception {
        view(6);
        String pid = tb.sh("setsid sh -c 'while :; do dd if=/dev/urandom of=\"" + Testbed.zvolDevice(ZVOL) + "\" bs=1M count=16 oflag=direct"
                + " status=none; sleep 0.2; done' >/dev/null 2>&1 </dev/null & echo $!").strip();
        try {
            waitUntil("the zvol by its dataset name in the chart", 90, () -> shows(ZVOL));
            tickInPicker(ZVOL); // only the first eight zvols are ticked on their own; earlier test classes leave more
            waitUntil("the zvol's bytes in the chart", 120, () -> JourneyRobot.all(".chart").stream()
                    .filter(n -> n instanceof javafx.scene.chart.LineChart<?, ?>)
                    .flatMap(c -> ((javafx.scene.chart.LineChart<?, ?>) c).getData().stream())
                    .anyMatch(x -> x.getName() != null && x.getName().startsWith(ZVOL + " ")
                            && x.getData().stream().anyMatch(d -> ((Number) d.getYValue()).doubleValue() > 0)));
            Thread.sleep(4000);
            ui.shot("throughput");
            assertFalse(shows("stopped"), "no 'stream stopped' warning while the chart updates");
            ui.assertNoErrors("throughput");
        } finally {
            tb.sh("pkill -P " + pid + "; kill " + pid + " || true");
        }
    }

    /** Ticks a device in Throughput's picker, scrolled into view first, as a user ticks its check box. */
    private void tickInPicker(String name) {
        ui.fx().interact(() -> {
            var tree = (javafx.scene.control.TreeView<?>) find("#devicePicker").orElseThrow();
            for (int i = 0; i < tree.getExpandedItemCount(); i++) {
                if (tree.getTreeItem(i).getValue() instanceof dev.sluice.ui.throughput.DeviceChoice c && c.label().startsWith(name)) {
                    tree.scrollTo(Math.max(0, i - 2));
                    break;
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.CheckBox box = JourneyRobot.all("#devicePicker .check-box").stream()
                .map(n -> (javafx.scene.control.CheckBox) n)
                .filter(b -> b.getText() != null && b.getText().startsWith(name) && b.isVisible())
                .findFirst().orElseThrow(() -> new AssertionError(name + " is not in Throughput's device list"));
        if (!box.isSelected()) {
            ui.clickOn(box);
        }
        waitUntil(name + " ticked", 10, box::isSelected);
    }

    @Test
    @Order(6)
    void exportAndImportBack() throws Exception {
        view(4);
        ui.click("#addFolderButton");
        ui.type("#folderPath", FOLDER);
        ui.shot("add-folder");
        ui.confirmDialog();
        ui.click("#exportButton");
        ComboBox<Object> zvols = (ComboBox<Object>) find("#exportZvol").orElseThrow();
        ui.fx().interact(() -> zvols.setValue(zvols.getItems().stream().filter(z -> ((dev.sluice.zfs.Zvol) z).name().equals(ZVOL)).findFirst().orElseThrow()));
        ui.shot("export");
        ui.confirmDialog();
        ui.confirmDialog();
        waitUntil("the exported image", 300, () -> tb.sh("ls '" + FOLDER + "'").contains("web 1.qcow2"));
        waitUntil("the image in the library", 120, () -> JourneyRobot.labeled("web 1.qcow2").isPresent()); // its row, not the toast
        ui.assertNoErrors("export");
        ui.shot("images");

        ui.clickOn(JourneyRobot.labeled("web 1.qcow2").orElseThrow());
        ui.click("#importButton");
        ui.type("#nameField", PARENT + "/web 1 back");
        ui.confirmDialog();
        ui.confirmDialog();
        waitUntil("the imported zvol", 300, () -> tb.sh("zfs list -H -o name").contains(PARENT + "/web 1 back"));
        waitUntil("the copy to finish", 300, () -> sha(tb, ZVOL, 64).equals(sha(tb, PARENT + "/web 1 back", 64)));
        ui.assertNoErrors("import");
    }

    @Test
    @Order(7)
    void chineseDarkRestartKeepsTheWindow() throws Exception {
        String other = language.startsWith("zh") ? t("app.language.english") : t("app.language.chinese_simplified");
        ui.click(t("app.menu.view"));
        ui.click(t("app.menu.language"));
        ui.click(other);
        ui.click("#theme-toggle");
        ui.fx().interact(() -> {
            stage.setWidth(1200); // what a window manager does when the user drags an edge
            stage.setHeight(760);
        });
        Thread.sleep(1500); // the window keeper saves a moment after a resize
        stopApp();
        startApp();
        connected();
        assertEquals(1200, stage.getWidth(), "the saved width");
        assertEquals(760, stage.getHeight(), "the saved height");
        assertEquals(dev.sluice.config.Settings.Theme.DARK, main().themeProperty().get(), "dark theme kept");
        assertTrue(stage.getScene().getRoot().lookup(".dark") != null, "the window is dark");
        String now = I18n.bundle().getLocale().getLanguage();
        assertEquals(language.startsWith("zh") ? "" : "zh", now, "the language picked before the restart");
        ui.fx().interact(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
        });
        ui.watchForErrors();
        JourneyRobot other2 = new JourneyRobot(ui.fx(), Path.of("target", "journeys", (now.isEmpty() ? "en" : now) + "-dark"));
        for (int n = 1; n <= 7; n++) {
            view(n);
            Thread.sleep(n == 6 ? 5000 : 2500);
            other2.shot("view-" + n, stage.getScene());
        }
        ui.assertNoErrors("after the restart");
    }

    // ---- rows -------------------------------------------------------------------------------

    private void expandVms() {
        ui.fx().interact(() -> find(".tree-table-view").map(n -> (javafx.scene.control.TreeTableView<?>) n)
                .ifPresent(t -> t.getRoot().getChildren().forEach(i -> i.setExpanded(true))));
    }

    private static Node volumeRow(String dataset) {
        return JourneyRobot.all(".tree-table-row-cell").stream()
                .filter(n -> n instanceof TreeTableRow<?> r && r.getItem() instanceof dev.sluice.ui.volumes.DatasetRow d
                        && d.name().equals(dataset))
                .findFirst().orElse(null);
    }

    private static String rowText(Node row) {
        if (row == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        JourneyRobot.labeledsIn(row).stream().filter(l -> l != row).forEach(l -> sb.append(l.getText()).append(" | "));
        return sb.toString();
    }

    private static Node vmRow(String name) {
        return JourneyRobot.all(".tree-table-row-cell").stream()
                .filter(n -> n instanceof TreeTableRow<?> r && r.getTreeItem() != null && r.getTreeItem().getParent() != null
                        && r.getTreeItem().getParent().getParent() == null && rowText(n).contains(name + " |"))
                .findFirst().orElse(null);
    }

    /** The VM's disk row; {@code pool} null: wherever it is now. */
    private static Node diskRow(String pool) {
        return JourneyRobot.all(".tree-table-row-cell").stream()
                .filter(n -> n instanceof TreeTableRow<?> r && r.getTreeItem() != null && r.getTreeItem().getParent() != null
                        && r.getTreeItem().getParent().getParent() != null)
                .filter(n -> rowText(n).contains(VM + "-disk0") && (pool == null || rowText(n).contains(pool + "/")))
                .findFirst().orElse(null);
    }
}
