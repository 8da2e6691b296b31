package dev.sluice.ui.migration;

import atlantafx.base.theme.PrimerLight;
import dev.sluice.migrate.GuestRef;
import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationStep;
import dev.sluice.migrate.StepActions;
import dev.sluice.migrate.StepContext;
import dev.sluice.migrate.StepKind;
import dev.sluice.migrate.VBoxGuest;
import dev.sluice.qemu.preflight.PathProbe;
import dev.sluice.qemu.preflight.Preflight;
import dev.sluice.task.Progress;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.I18n;
import dev.sluice.vbox.VBoxService;
import dev.sluice.vbox.VBoxVersion;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Screenshots of the wizard's review page and of a migration in progress (a running VirtualBox guest's
 * disk moving from rpool to tank; ZFS answers from the real 2.3 captures, the steps paced by hand).
 * {@code xvfb-run -a ./mvnw -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.sluice.ui.migration.MigrationScreenshots -Dexec.args=target/screenshots}
 */
public final class MigrationScreenshots {
    private static final String UUID = "6f1c8c1e-3b7a-4d8e-9a51-2f0f6a7c9b12";
    private static final String VMDK = "/vms/web/web-disk0.vmdk";

    private MigrationScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/screenshots");
        Files.createDirectories(out);
        I18n.setLocale(args.length > 1 ? Locale.forLanguageTag(args[1]) : Locale.ROOT);
        String suffix = args.length > 1 ? "-" + args[1] : "";
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Path state = Files.createTempDirectory("sluice-shots");
        MigrationTestHost host = new MigrationTestHost(state);
        VBoxService vbox = new VBoxService(host.runner, new Preflight(new PathProbe(host.runner), d -> Optional.empty(), p -> 0));
        VBoxGuest web = new VBoxGuest(vbox, VBoxVersion.parse("7.0.14r161095"), UUID, "web", "SATA", 0, 0, VMDK, Duration.ofSeconds(90));
        CountDownLatch release = new CountDownLatch(1);
        MigrationTools tools = new MigrationTools("local", host.zfs, ref -> web, new PacedSteps(release), host.store);
        MigrationSource disk = new MigrationSource("rpool/vboxzones/myvbox",
                new GuestRef(GuestRef.Hypervisor.VIRTUALBOX, UUID, "web", VBoxGuest.slot("SATA", 0, 0), VMDK, true), List.of());

        Stage review = onFx(() -> {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            MigrationWizardViewModel vm = new MigrationWizardViewModel(() -> tools, TaskExecutor.direct(), List.of(disk), "tank");
            vm.load();
            vm.next();
            vm.next();
            vm.next();
            Stage s = new Stage();
            s.setTitle(I18n.t("migrate.wizard.title"));
            s.setScene(new Scene(new MigrationWizardView(vm).root(), 1040, 760));
            s.show();
            return s;
        });
        settle(800);
        onFx(() -> shot(review, out.resolve("migration-review" + suffix + ".png")));

        TaskExecutor pooled = TaskExecutor.pooled(Platform::runLater);
        Stage progress = onFx(() -> {
            Plans p = Plans.make(tools, List.of(disk), "tank", dev.sluice.migrate.MigrationOptions.safeDefaults());
            MigrationRunViewModel run = new MigrationRunViewModel(p.plans(), tools, pooled);
            Stage s = new Stage();
            s.setTitle(I18n.t("migrate.window.progress") + " · web");
            s.setScene(new Scene(new MigrationProgressView(run).root(), 1040, 760));
            s.show();
            run.start();
            return s;
        });
        settle(4300);
        onFx(() -> shot(progress, out.resolve("migration-progress" + suffix + ".png")));
        release.countDown();
        settle(1500);
        onFx(() -> shot(progress, out.resolve("migration-done" + suffix + ".png")));
        System.exit(0);
    }

    /** Steps paced like a real run of a small zvol; the final send waits so the picture catches it mid-way. */
    private record PacedSteps(CountDownLatch release) implements StepActions {
        @Override
        public void execute(MigrationStep step, MigrationRecord r, StepContext ctx) throws Exception {
            switch (step.kind()) {
                case PRESEED_SEND -> {
                    ctx.progress(new Progress(247L << 20, 262L << 20, 212.0 * (1 << 20), Duration.ofMillis(70), ""));
                    Thread.sleep(300);
                }
                case STOP_GUEST -> {
                    Thread.sleep(2000);
                    ctx.note("the guest shut down on the ACPI power button");
                }
                case FINAL_SEND -> {
                    ctx.progress(new Progress(19_300_000, 32_505_856, 96.4 * (1 << 20), Duration.ofMillis(1400), ""));
                    release.await();
                    ctx.progress(new Progress(32_505_856, 32_505_856, 97.0 * (1 << 20), Duration.ZERO, ""));
                }
                case VERIFY -> ctx.note("guid 4136210944864693022 and volsize 268435456 match");
                default -> Thread.sleep(150);
            }
        }

        @Override
        public void undo(MigrationStep step, MigrationRecord r, StepContext ctx) {
        }
    }

    private static Object shot(Stage stage, Path file) throws Exception {
        ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", new File(file.toString()));
        System.out.println("wrote " + file);
        return null;
    }

    private static void settle(long ms) throws Exception {
        Thread.sleep(ms);
        onFx(() -> null);
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
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
        done.await();
        if (err.get() != null) {
            throw new IllegalStateException(err.get());
        }
        return r.get();
    }
}
