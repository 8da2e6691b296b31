package dev.sluice.app.tools;

import dev.sluice.app.Services;
import dev.sluice.app.SluiceApp;
import dev.sluice.config.AppDirs;
import dev.sluice.host.Runners;
import java.util.List;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;

/**
 * Starts the real app (real local runner and probe) with a throwaway {@code sluice.home}, waits
 * for the host check, and writes the window's scene to a PNG. For the README screenshots, under Xvfb:
 * <pre>xvfb-run -a -s "-screen 0 1440x900x24" ./mvnw -q test-compile exec:java \
 *   -Dexec.mainClass=dev.sluice.app.tools.ScreenshotTool -Dexec.args="assets/screenshots/main-light.png LIGHT system POOLS"</pre>
 * Arguments: output file, theme (LIGHT/DARK), language (system/en/zh_CN), sidebar entry (POOLS ... ACTIVITY).
 * {@code -Dshot.ssh=root@127.0.0.1:10122 -Dshot.key=<private key>} connects to an SSH host instead (the
 * QEMU testbed guest with real OpenZFS: a throwaway host, so its host key is not checked).
 */
public final class ScreenshotTool extends SluiceApp {
    private static Path out;
    private static String view;

    public static void main(String[] args) {
        try {
            prepare(args);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Application.launch(ScreenshotTool.class, args);
    }

    private static void prepare(String[] args) throws java.io.IOException {
        out = Path.of(args[0]);
        String theme = args.length > 1 ? args[1] : "LIGHT";
        String language = args.length > 2 ? args[2] : "system";
        view = args.length > 3 ? args[3] : "POOLS";
        String[] size = System.getProperty("shot.size", "1440x900").split("x"); // e.g. -Dshot.size=1280x800
        Path home = Files.createTempDirectory("sluice-shot");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/settings.json"), """
                {"theme": "%s", "language": "%s", "lastView": "%s",
                 "window": {"x": 0, "y": 0, "width": %s, "height": %s, "maximized": false}}
                """.formatted(theme, language, view, size[0], size[1]));
        String ssh = System.getProperty("shot.ssh");
        if (ssh != null) {
            String target = ssh.substring(0, ssh.lastIndexOf(':'));
            int port = Integer.parseInt(ssh.substring(ssh.lastIndexOf(':') + 1));
            Files.writeString(home.resolve("config/hosts.json"), """
                    {"version": 1, "localElevation": "NONE",
                     "ssh": [{"target": "%s", "port": %d, "identityFile": "%s", "elevation": "NONE", "displayName": "zfs-testbed"}%s]}
                    """.formatted(target, port, System.getProperty("shot.key"), secondHost()));
            String settings = Files.readString(home.resolve("config/settings.json"));
            Files.writeString(home.resolve("config/settings.json"),
                    settings.replace("\"lastView\"", "\"selectedHostId\": \"ssh:" + ssh + "\", \"lastView\""));
        }
        System.setProperty("sluice.home", home.toString());
        String qemuVm = System.getProperty("shot.qemuVm"); // name=zvol: a Sluice QEMU VM on that zvol, started before the app
        if (qemuVm != null && ssh != null) {
            startQemuVm(home, ssh, qemuVm.substring(0, qemuVm.indexOf('=')), qemuVm.substring(qemuVm.indexOf('=') + 1));
        }
    }

    /** Defines and starts the VM in the store the app keeps for that host; the app then finds it running (re-attach). */
    private static void startQemuVm(Path home, String ssh, String name, String zvol) {
        try {
            String target = ssh.substring(0, ssh.lastIndexOf(':'));
            int port = Integer.parseInt(ssh.substring(ssh.lastIndexOf(':') + 1));
            dev.sluice.host.Host h = dev.sluice.host.Host.ssh(target, port, System.getProperty("shot.key"), dev.sluice.host.Elevation.NONE);
            var runner = Runners.forHost(h, new dev.sluice.host.CommandJournal(),
                    List.of("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"));
            Path store = home.resolve("config/hosts").resolve(h.id().replaceAll("[^A-Za-z0-9._@-]", "_")).resolve("qemu");
            var host = dev.sluice.guest.GuestHost.open(runner, store);
            host.qemu().store().save(new dev.sluice.qemu.QemuVmDefinition(name, 1, 64,
                    List.of(dev.sluice.qemu.QemuDrive.zvol("/dev/zvol/" + zvol)), dev.sluice.qemu.QemuVmDefinition.Nic.NONE,
                    dev.sluice.qemu.QemuVmDefinition.Display.none()));
            host.qemu().start(name);
            // let go of its QMP session, as a Sluice that exits does: QEMU serves one QMP client at a time, and the
            // app's own re-attach must get it (else the app sees the VM but cannot ask its QEMU anything)
            host.qemu().detachAll();
            System.err.println("shot: QEMU VM " + name + " runs on /dev/zvol/" + zvol);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the QEMU VM " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * The one-click move of {@code zvol} to {@code pool}: waits for its confirmation (the plan is made in the
     * background), saves it as {@code <out>-confirm.png}, presses Move, and after {@code shot.runWait} seconds saves
     * the progress window as {@code <out>}.
     */
    private void oneClick(Stage stage, String zvol, String pool) {
        System.err.println("shot: one-click move of " + zvol + " to " + pool);
        window().migrations().moveZvol(zvol, pool);
        PauseTransition poll = new PauseTransition(Duration.seconds(2));
        int[] tries = {0};
        poll.setOnFinished(x -> {
            javafx.stage.Window w = javafx.stage.Window.getWindows().stream().filter(o -> o != stage && o.getScene() != null)
                    .reduce((a, b) -> b).orElse(null);
            if (w != null && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane d && d.getButtonTypes().stream()
                    .anyMatch(b -> b.getText().equals(dev.sluice.ui.common.I18n.t("migrate.oneClick.confirm")))) {
                String name = out.getFileName().toString();
                save(w.getScene(), out.resolveSibling(name.replaceFirst("\\.png$", "") + "-confirm.png"));
                javafx.scene.control.ButtonType move = d.getButtonTypes().stream()
                        .filter(b -> b.getText().equals(dev.sluice.ui.common.I18n.t("migrate.oneClick.confirm"))).findFirst().orElseThrow();
                ((javafx.scene.control.Button) d.lookupButton(move)).fire();
                PauseTransition run = new PauseTransition(Duration.seconds(Double.parseDouble(System.getProperty("shot.runWait", "90"))));
                run.setOnFinished(y -> {
                    javafx.stage.Window top = javafx.stage.Window.getWindows().stream().filter(o -> o != stage && o.getScene() != null)
                            .reduce((a, b) -> b).orElse(stage);
                    save(top.getScene());
                    System.exit(0);
                });
                run.play();
                return;
            }
            if (w != null && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane && tries[0] < 3) {
                System.err.println("shot: closing the dialog on top");
                w.hide();
            }
            if (tries[0]++ > 60) {
                System.err.println("shot: no confirmation came; saving what is on top");
                save((w != null ? w : stage).getScene());
                System.exit(0);
            }
            poll.playFromStart();
        });
        poll.play();
    }

    /** {@code -Dshot.ssh2=root@127.0.0.1:10211 -Dshot.key2=<key>}: a second SSH host in the list ("zfs-testbed-2"). */
    private static String secondHost() {
        String ssh2 = System.getProperty("shot.ssh2");
        if (ssh2 == null) {
            return "";
        }
        return """
                , {"target": "%s", "port": %s, "identityFile": "%s", "elevation": "NONE", "displayName": "zfs-testbed-2"}"""
                .formatted(ssh2.substring(0, ssh2.lastIndexOf(':')), ssh2.substring(ssh2.lastIndexOf(':') + 1), System.getProperty("shot.key2"));
    }

    @Override
    protected Services createServices(AppDirs dirs) {
        Services p = super.createServices(dirs);
        if (System.getProperty("shot.ssh") == null) {
            return p;
        }
        List<String> throwaway = List.of("-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR");
        return new Services(p.dirs(), p.journal(), p.settings(), p.hosts(), (h, j) -> Runners.forHost(h, j, throwaway),
                p.probes(), p.executor(), p.audit());
    }

    @Override
    public void start(Stage stage) {
        super.start(stage);
        PauseTransition wait = new PauseTransition(Duration.seconds(Double.parseDouble(System.getProperty("shot.wait", "5"))));
        wait.setOnFinished(e -> {
            if (System.getProperty("shot.dialog") != null) {
                javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) stage.getScene().getRoot().lookup(".menu-bar");
                Platform.runLater(() -> bar.getMenus().get(0).getItems().get(0).fire());
                PauseTransition typed = new PauseTransition(Duration.seconds(1.5));
                typed.setOnFinished(x -> {
                    for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
                        if (w != stage && w.getScene() != null) {
                            var t = (javafx.scene.control.TextField) w.getScene().getRoot().lookup("#addhost-target");
                            if (t != null) {
                                t.setText(System.getProperty("shot.dialog"));
                            }
                        }
                    }
                    PauseTransition snap = new PauseTransition(Duration.millis(600));
                    snap.setOnFinished(y -> {
                        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
                            if (w != stage && w.getScene() != null) {
                                save(w.getScene());
                            }
                        }
                        System.exit(0);
                    });
                    snap.play();
                });
                typed.play();
                return;
            }
            String oneClick = System.getProperty("shot.move"); // zvol#pool: the one-click move, as "Move to ▸ pool" starts it
            if (oneClick != null) {
                oneClick(stage, oneClick.substring(0, oneClick.indexOf('#')), oneClick.substring(oneClick.indexOf('#') + 1));
                return;
            }
            String wizard = System.getProperty("shot.wizard"); // zvol@hostId: the migration wizard for it, on that target host
            if (wizard != null) {
                System.err.println("shot: opening the wizard for " + wizard);
                int at = wizard.indexOf('@');
                int hash = wizard.indexOf('#');
                if (at > 0) {
                    window().migrations().openWizardTo(List.of(dev.sluice.ui.migration.MigrationSource.zvol(wizard.substring(0, at))),
                            wizard.substring(at + 1));
                } else {
                    // zvol#pool: a move on the same host, the target pool chosen
                    window().migrations().openWizard(List.of(dev.sluice.ui.migration.MigrationSource.zvol(wizard.substring(0, hash))),
                            wizard.substring(hash + 1));
                }
                int pages = Integer.parseInt(System.getProperty("shot.pages", "1"));
                PauseTransition step = new PauseTransition(Duration.seconds(Double.parseDouble(System.getProperty("shot.pageWait", "8"))));
                int[] left = {pages};
                int[] others = {0};
                step.setOnFinished(x -> {
                    javafx.stage.Window w = javafx.stage.Window.getWindows().stream().filter(o -> o != stage && o.getScene() != null)
                            .reduce((a, b) -> b).orElseThrow();
                    System.err.println("shot: wizard window " + w + ", pages left " + left[0]);
                    if (left[0] > 0 && !(w.getScene().getRoot().lookup("#next") instanceof javafx.scene.control.Button)) {
                        // another window on top: the first start's host check is closed (as "Start using Sluice"
                        // does); anything else (a notice, an error) is shown instead of hanging
                        if (w.getScene().getRoot() instanceof javafx.scene.control.DialogPane && others[0]++ < 2) {
                            System.err.println("shot: closing the dialog on top of the wizard");
                            w.hide();
                            step.playFromStart();
                            return;
                        }
                        System.err.println("shot: no wizard on top; saving what is");
                        save(w.getScene());
                        System.exit(0);
                    }
                    if (left[0]-- > 0) {
                        ((javafx.scene.control.Button) w.getScene().getRoot().lookup("#next")).fire();
                        step.playFromStart();
                        return;
                    }
                    if (Boolean.getBoolean("shot.run") && left[0] == -1) {
                        // run the reviewed plan for real, then show its progress page once it is done
                        ((javafx.scene.control.Button) w.getScene().getRoot().lookup("#run")).fire();
                        step.setDuration(Duration.seconds(Double.parseDouble(System.getProperty("shot.runWait", "90"))));
                        step.playFromStart();
                        return;
                    }
                    save(w.getScene());
                    System.exit(0);
                });
                step.play();
                return;
            }
            String choose = System.getProperty("shot.choose"); // e.g. a zvol for the Snapshots view's chooser
            if (choose != null && stage.getScene().getRoot().lookup("#chooser") instanceof javafx.scene.control.ComboBox<?> c) {
                c.getItems().stream().filter(i -> i instanceof dev.sluice.zfs.Dataset d && d.name().equals(choose)).findFirst()
                        .ifPresent(i -> ((javafx.scene.control.ComboBox<Object>) c).getSelectionModel().select(i));
            }
            String click = System.getProperty("shot.click"); // e.g. wholeHostButton: a button of the view, pressed first
            if (click != null && stage.getScene().getRoot().lookup("#" + click) instanceof javafx.scene.control.ButtonBase b) {
                b.fire();
            }
            String then = System.getProperty("shot.then");
            if (then != null) {
                // start on one view (it loads real data), then show another, e.g. Activity with those commands
                javafx.scene.control.MenuBar bar = (javafx.scene.control.MenuBar) stage.getScene().getRoot().lookup(".menu-bar");
                bar.getMenus().get(1).getItems().get(dev.sluice.app.Feature.valueOf(then).ordinal()).fire();
                view = then;
            }
            if ("ACTIVITY".equals(view)) {
                stage.getScene().getRoot().lookupAll(".table-view").stream().findFirst()
                        .ifPresent(t -> ((TableView<?>) t).getSelectionModel().select(1));
            }
            PauseTransition settle = new PauseTransition(Duration.millis(then != null ? 1500 : choose != null || click != null ? 5000 : 600));
            settle.setOnFinished(x -> {
                if ("ACTIVITY".equals(view)) {
                    stage.getScene().getRoot().lookupAll(".table-view").stream()
                            .filter(t -> t.getStyleClass().contains("table-view") && t.getScene() != null && t.isVisible())
                            .reduce((a, b) -> b)
                            .ifPresent(t -> ((TableView<?>) t).getSelectionModel().select(0));
                    stage.getScene().getRoot().applyCss();
                    stage.getScene().getRoot().layout();
                }
                save(stage.getScene());
                Platform.exit();
                System.exit(0);
            });
            settle.play();
        });
        wait.play();
    }

    private static void save(javafx.scene.Scene scene) {
        save(scene, out);
    }

    private static void save(javafx.scene.Scene scene, Path to) {
        try {
            Files.createDirectories(to.toAbsolutePath().getParent());
            File f = to.toFile();
            ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", f);
            System.out.println("wrote " + f.getAbsolutePath());
        } catch (Exception ex) {
            ex.printStackTrace();
        }
    }
}
