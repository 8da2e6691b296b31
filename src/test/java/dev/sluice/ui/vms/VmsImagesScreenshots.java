package dev.sluice.ui.vms;

import atlantafx.base.theme.PrimerLight;
import dev.sluice.guest.GuestHost;
import dev.sluice.guest.GuestHosts;
import dev.sluice.guest.ZfsZvolLookup;
import dev.sluice.host.Command;
import dev.sluice.host.CommandResult;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Host;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningCommand;
import dev.sluice.host.RunningPipeline;
import dev.sluice.qemu.preflight.PathProbe;
import dev.sluice.qemu.preflight.Preflight;
import dev.sluice.task.Progress;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.ToastNotifications;
import dev.sluice.ui.images.ImagesView;
import dev.sluice.ui.images.ImagesViewModel;
import dev.sluice.vbox.VBoxService;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.SimpleObjectProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * Writes screenshots of the VMs view (and its preflight dialog) and the Images view with
 * {@link GuestTestHost} data, for the README. Needs a display: {@code xvfb-run -a ./mvnw -q
 * test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.sluice.ui.vms.VmsImagesScreenshots
 * -Dexec.args=assets/screenshots}.
 */
public final class VmsImagesScreenshots {
    private static Stage stage;

    private VmsImagesScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots");
        Files.createDirectories(out);
        I18n.setLocale(args.length > 1 ? Locale.forLanguageTag(args[1]) : Locale.ROOT);
        String suffix = args.length > 1 ? "-" + args[1] : "";
        GuestTestHost t = new GuestTestHost(Files.createTempDirectory("shots"));
        t.guests.library().addFolder(GuestTestHost.LIBRARY);
        t.vbox.run(Command.of("VBoxManage", "startvm", "nextcloud", "--type", "headless"));
        GuestHost h = withRealisticSizes(t);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Platform.setImplicitExit(false); // closing the VMs window must not end the toolkit before the Images shot

        AtomicReference<VmsViewModel> vmsRef = new AtomicReference<>();
        onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            StackPane root = new StackPane();
            ToastNotifications toasts = ToastNotifications.overlay(root);
            VmsViewModel vm = new VmsViewModel(new SimpleObjectProperty<>(t.host), GuestHosts.fixed(h),
                    new ActionRunner(TaskExecutor.direct(), toasts));
            vmsRef.set(vm);
            VmsView v = new VmsView(vm);
            root.getChildren().add(0, v.root());
            show(root, 1440, 900);
            v.shown();
            @SuppressWarnings("unchecked")
            TreeTableView<Object> tree = (TreeTableView<Object>) root.lookup(".tree-table-view");
            TreeItem<Object> old = tree.getRoot().getChildren().stream()
                    .filter(i -> i.getValue().toString().contains("old-win7")).findFirst().orElseThrow();
            tree.getSelectionModel().select(old.getChildren().get(0));
            toasts.success("gitlab shut down.");
            return null;
        });
        settle();
        onFx(() -> shot(stage.getScene(), out.resolve("vms" + suffix + ".png")));

        onFx(() -> {
            VmsViewModel vm = vmsRef.get();
            vm.prepareStart(vm.find("ledger"), check -> Platform.runLater(() -> new PreflightDialog(stage, check).show()));
            return null;
        });
        settle();
        onFx(() -> {
            for (Window w : Window.getWindows()) {
                if (w != stage && w.getScene() != null) {
                    shot(w.getScene(), out.resolve("vms-preflight" + suffix + ".png"));
                }
            }
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != stage) {
                    ((Stage) w).close();
                }
            }
            CreateQemuVmForm form = vmsRef.get().newVmForm();
            form.nameProperty().set("web 01");
            form.memoryProperty().set("4G");
            form.diskSizeProperty().set("40G");
            new CreateQemuVmDialog(stage, form).show();
            return null;
        });
        settle();
        onFx(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w != stage && w.getScene() != null) {
                    shot(w.getScene(), out.resolve("vms-create" + suffix + ".png"));
                    ((Stage) w).close();
                }
            }
            stage.close();
            return null;
        });

        onFx(() -> {
            StackPane root = new StackPane();
            ToastNotifications toasts = ToastNotifications.overlay(root);
            ImagesViewModel vm = new ImagesViewModel(new SimpleObjectProperty<>(t.host), GuestHosts.fixed(h),
                    new ActionRunner(TaskExecutor.direct(), toasts));
            ImagesView v = new ImagesView(vm);
            root.getChildren().add(0, v.root());
            show(root, 1440, 640);
            v.shown();
            vm.selectedProperty().set(vm.find(GuestTestHost.LIBRARY + "/k8s-node4-overlay.qcow2"));
            vm.copyingProperty().set(true);
            vm.showProgress("Convert legacy-appliance.vmdk", new Progress(42L * 20 * GuestTestHost.G / 100, 20 * GuestTestHost.G,
                    187.4 * GuestTestHost.M, Duration.ofSeconds(63), ""));
            toasts.success("/srv/images/pfsense-2.7.2.img imported into fast/vm/pfsense-disk0.");
            return null;
        });
        settle();
        onFx(() -> shot(stage.getScene(), out.resolve("images" + suffix + ".png")));
        Platform.exit();
        System.exit(0);
    }

    /** VirtualBox guests of different sizes (the fake reports 2 CPUs and 1 GiB for every VM). */
    private static GuestHost withRealisticSizes(GuestTestHost t) {
        Map<String, int[]> sizes = Map.of("win11", new int[] {8, 16384}, "gitlab", new int[] {6, 12288},
                "old-win7", new int[] {2, 4096}, "ledger", new int[] {2, 2048}, "nextcloud", new int[] {4, 8192});
        CommandRunner fake = t.vbox;
        CommandRunner sized = new CommandRunner() {
            @Override
            public Host host() {
                return fake.host();
            }

            @Override
            public RunningCommand start(Command c, OutputListener l) {
                RunningCommand rc = fake.start(c, l);
                if (!c.argv().contains("showvminfo")) {
                    return rc;
                }
                CommandResult r = rc.future().join();
                String out = r.stdout();
                for (var e : sizes.entrySet()) {
                    if (out.contains("name=\"" + e.getKey() + "\"")) {
                        out = out.replace("memory=1024\n", "memory=" + e.getValue()[1] + "\n").replace("cpus=2\n", "cpus=" + e.getValue()[0] + "\n");
                    }
                }
                CommandResult changed = new CommandResult(c, r.hostName(), r.exitCode(), out, r.stderr(), r.started(), r.duration(), false);
                return new RunningCommand() {
                    @Override
                    public Command command() {
                        return c;
                    }

                    @Override
                    public CompletableFuture<CommandResult> future() {
                        return CompletableFuture.completedFuture(changed);
                    }

                    @Override
                    public void cancel() {
                    }
                };
            }

            @Override
            public RunningPipeline startPipeline(List<Command> stages, List<OutputListener> listeners) {
                return fake.startPipeline(stages, listeners);
            }
        };
        Preflight p = new Preflight(new PathProbe(sized), new ZfsZvolLookup(t.guests.zfs()), x -> 0);
        GuestHost g = t.guests;
        return new GuestHost(g.zfs(), new VBoxService(sized, p, d -> { }), new PathProbe(sized), g.qemu(), g.qemuRunner(), g.qemuImg(),
                g.library());
    }

    private static void show(Parent root, double w, double h) {
        stage = new Stage();
        stage.setTitle("Sluice");
        stage.setScene(new Scene(root, w, h));
        stage.show();
    }

    private static Object shot(Scene scene, Path file) {
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", new File(file.toString()));
            System.out.println("wrote " + file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return null;
    }

    private static void settle() throws InterruptedException {
        Thread.sleep(1500);
        onFx(() -> null);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) {
        AtomicReference<T> r = new AtomicReference<>();
        AtomicReference<Throwable> err = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.set(c.call());
            } catch (Throwable e) {
                err.set(e);
            } finally {
                done.countDown();
            }
        });
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (err.get() != null) {
            throw new IllegalStateException(err.get());
        }
        return r.get();
    }
}
