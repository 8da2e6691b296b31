package dev.sluice.ui.common.testing;

import atlantafx.base.theme.PrimerLight;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.ToastNotifications;
import dev.sluice.ui.common.dialogs.CommandConfirmDialog;
import dev.sluice.ui.common.dialogs.ConfirmableAction;
import dev.sluice.ui.pools.PoolsView;
import dev.sluice.ui.pools.PoolsViewModel;
import dev.sluice.ui.volumes.CreateZvolDialog;
import dev.sluice.ui.volumes.CreateZvolForm;
import dev.sluice.ui.volumes.VolumesView;
import dev.sluice.ui.volumes.VolumesViewModel;
import dev.sluice.zfs.ZfsService;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Writes screenshots of the Pools and Volumes views (and the destroy dialog) with {@link DemoHost}
 * data, for the README. Needs a display: {@code xvfb-run -a ./mvnw -q test-compile exec:java
 * -Dexec.mainClass=dev.sluice.ui.common.testing.PoolsVolumesScreenshots -Dexec.args=target/screenshots}.
 */
public final class PoolsVolumesScreenshots {
    private PoolsVolumesScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots");
        Files.createDirectories(out);
        I18n.setLocale(args.length > 1 ? Locale.forLanguageTag(args[1]) : Locale.ROOT);
        String suffix = args.length > 1 ? "-" + args[1] : "";
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            StackPane poolsRoot = new StackPane();
            ToastNotifications toasts = ToastNotifications.overlay(poolsRoot);
            PoolsViewModel pools = new PoolsViewModel(new ZfsService(DemoHost.create()), new ActionRunner(TaskExecutor.direct(), toasts));
            PoolsView pv = new PoolsView(pools);
            poolsRoot.getChildren().add(0, pv.root());
            Stage s1 = show(poolsRoot, 1280, 980);
            pv.shown();
            return s1;
        });
        settle();
        onFx(() -> shot(firstStage(), out.resolve("pools" + suffix + ".png")));

        AtomicReference<VolumesViewModel> vmRef = new AtomicReference<>();
        onFx(() -> {
            firstStage().close();
            StackPane root = new StackPane();
            ToastNotifications toasts = ToastNotifications.overlay(root);
            VolumesViewModel vm = new VolumesViewModel(new ZfsService(DemoHost.create()), new ActionRunner(TaskExecutor.direct(), toasts));
            vmRef.set(vm);
            VolumesView vv = new VolumesView(vm);
            root.getChildren().add(0, vv.root());
            Stage s = show(root, 1600, 820);
            vv.shown();
            vm.selectedProperty().set(vm.find("fast/vm/win11-disk0"));
            toasts.success("Zvol fast/vm/pfsense-disk0 created.");
            return s;
        });
        settle();
        onFx(() -> shot(firstStage(), out.resolve("volumes" + suffix + ".png")));

        onFx(() -> {
            VolumesViewModel vm = vmRef.get();
            AtomicReference<ConfirmableAction> a = new AtomicReference<>();
            DemoHost.scriptDestroy(vm);
            vm.prepareDestroy(vm.find("fast/vm/k8s-node1-disk0"), a::set);
            CommandConfirmDialog d = new CommandConfirmDialog(firstStage(), a.get().plan());
            d.show();
            return null;
        });
        settle();
        onFx(() -> {
            for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
                if (w != firstStage() && w.getScene() != null) {
                    write(w.getScene().snapshot(null), out.resolve("volumes-destroy" + suffix + ".png"));
                }
            }
            return null;
        });
        onFx(() -> {
            for (javafx.stage.Window w : List.copyOf(javafx.stage.Window.getWindows())) {
                if (w != firstStage()) {
                    ((Stage) w).close();
                }
            }
            VolumesViewModel vm = vmRef.get();
            vm.selectedProperty().set(vm.find("fast/vm"));
            CreateZvolForm form = vm.newZvolForm();
            form.nameProperty().set("web01*disk0");
            form.sizeProperty().set("40 GB");
            form.sizeProperty().set("40X");
            new CreateZvolDialog(firstStage(), form).show();
            return null;
        });
        settle();
        onFx(() -> {
            for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
                if (w != firstStage() && w.getScene() != null) {
                    write(w.getScene().snapshot(null), out.resolve("volumes-create" + suffix + ".png"));
                }
            }
            return null;
        });
        Platform.exit();
        System.exit(0);
    }

    private static Stage first;

    private static Stage firstStage() {
        return first;
    }

    private static Stage show(Parent root, double w, double h) {
        Stage stage = new Stage();
        stage.setTitle("Sluice");
        stage.setScene(new Scene(root, w, h));
        stage.show();
        first = stage;
        return stage;
    }

    private static Object shot(Stage stage, Path file) {
        write(stage.getScene().snapshot(null), file);
        return null;
    }

    private static void write(javafx.scene.image.Image img, Path file) {
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(img, null), "png", new File(file.toString()));
            System.out.println("wrote " + file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void settle() throws InterruptedException {
        Thread.sleep(1200);
        onFx(() -> null);
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) {
        AtomicReference<T> r = new AtomicReference<>();
        AtomicReference<Throwable> err = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            try {
                r.set(c.call());
            } catch (Throwable t) {
                err.set(t);
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
