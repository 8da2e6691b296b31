package dev.sluice.app;

import dev.sluice.config.AppDirs;
import dev.sluice.config.Settings;
import dev.sluice.guest.GuestHosts;
import dev.sluice.ui.snapshots.SnapshotTimelineView;
import dev.sluice.zfs.ZfsService;
import dev.sluice.host.CommandRunner;
import dev.sluice.migrate.MigrationStore;
import dev.sluice.task.TaskExecutor;
import dev.sluice.metrics.Device;
import dev.sluice.ui.activity.ActivityView;
import dev.sluice.ui.activity.ActivityViewModel;
import dev.sluice.ui.common.FeatureView;
import dev.sluice.ui.common.ActionRunner;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Notifications;
import dev.sluice.ui.migration.MigrationLauncher;
import dev.sluice.ui.migration.MigrationTools;
import dev.sluice.ui.pools.PoolsView;
import dev.sluice.ui.pools.PoolsViewModel;
import dev.sluice.ui.volumes.VolumesView;
import dev.sluice.ui.volumes.VolumesViewModel;
import dev.sluice.ui.throughput.ThroughputView;
import dev.sluice.ui.throughput.ThroughputViewModel;
import java.util.List;
import dev.sluice.ui.images.ImagesView;
import dev.sluice.ui.vms.VmsView;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.image.Image;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * The composition root: builds the services, the main window and every feature view, and
 * nothing else does. A feature plugs in with one line in {@link #featureViews}.
 */
public class SluiceApp extends Application {
    private MainWindow window;

    private static volatile Stage primary;
    private static SingleInstance instance;

    public static void main(String[] args) {
        StartupProbe.mainStarted();
        List<String> jvmArguments = CdsArchive.thisJvmsArguments();
        Optional<Path> archive = CdsArchive.of(jvmArguments);
        if (!becomeTheInstance(AppDirs.current())) {
            System.out.println(I18n.t("app.alreadyRunning"));
            CdsArchive.markPartialArchive(archive);
            return;
        }
        CdsArchive.dropPartialArchive(archive);
        CdsArchive.dropUnusable(CdsArchive.unusable(jvmArguments, System.getProperty("java.vm.info")));
        launch(SluiceApp.class, args);
    }

    /**
     * One Sluice per user and machine: false when another is running (it has been asked to come to the front).
     * The lock is held until this process ends.
     */
    public static synchronized boolean becomeTheInstance(AppDirs dirs) {
        try {
            // held in a field for the life of the process: a lock nobody references is closed (and released) by the GC
            instance = SingleInstance.acquire(dirs.state(), () -> Platform.runLater(SluiceApp::toFront)).orElse(null);
            if (instance != null) {
                // the JVM may spend seconds after the last Java code writing its start-up archive (the first run
                // after an install): a Sluice started meanwhile becomes the instance instead of asking a window
                // that is gone
                SingleInstance held = instance;
                Runtime.getRuntime().addShutdownHook(new Thread(held::closeQuietly, "sluice-release-instance"));
            }
            return instance != null;
        } catch (java.io.IOException e) {
            System.err.println(I18n.t("app.instanceCheckFailed", e.getMessage()));
            return true; // cannot tell: better one window too many than none
        }
    }

    private static void toFront() {
        Stage s = primary;
        if (s != null) {
            s.setIconified(false);
            s.show();
            s.toFront();
            s.requestFocus();
        }
    }

    @Override
    public void start(Stage stage) {
        StartupProbe.mark("toolkit up");
        primary = stage;
        AppDirs dirs = AppDirs.current();
        CrashReporter crashes = CrashReporter.install(dirs.crashDir());
        Thread.currentThread().setUncaughtExceptionHandler(crashes);
        Services made = createServices(dirs);
        // background work asked for while the window is built starts once its first frame is shown
        StartupGate gate = new StartupGate(made.executor());
        Services services = new Services(made.dirs(), made.journal(), made.settings(), made.hosts(), made.runners(),
                made.probes(), gate, made.audit());
        StartupProbe.mark("services");
        // the theme before the first control: Control's class initialiser otherwise loads JavaFX's own Modena
        // stylesheet (about 0.15 s of parsing at a cold start), which the theme then replaces
        Themes.apply(services.settings().get().theme());
        applyLanguage(services.settings().get().language());
        window = mainWindow(services, () -> stage.close());
        StartupProbe.mark("main window built");
        // closing the window is quitting: a running migration is asked about first (MainWindow.quit)
        stage.setOnCloseRequest(e -> {
            e.consume();
            window.quit();
        });
        window.offerWelcomeOnFirstRun(dirs.config().resolve("welcomed"));
        new WindowKeeper(services.settings(), window).show(stage);
        // five PNG sizes for the window manager: decoded off the FX thread once the first frame is up
        gate.background(() -> {
            List<Image> icons = AppIcon.all();
            gate.ui(() -> stage.getIcons().setAll(icons));
        });
        StartupProbe.mark("stage shown");
        StartupProbe.stageShown(stage);
        afterFirstFrame(stage.getScene(), gate::open);
    }

    /**
     * Runs {@code then} once the scene's first frame has been rendered (the pulse after the first layout), or after
     * two seconds whatever happens, so held work never waits on a window that does not paint.
     */
    static void afterFirstFrame(javafx.scene.Scene scene, Runnable then) {
        Runnable once = new Runnable() {
            private boolean done;

            @Override
            public void run() {
                if (!done) {
                    done = true;
                    then.run();
                }
            }
        };
        onFirstFrame(scene, once);
        javafx.animation.PauseTransition fallback = new javafx.animation.PauseTransition(javafx.util.Duration.seconds(2));
        fallback.setOnFinished(e -> once.run());
        fallback.play();
    }

    /**
     * Runs {@code then} at the start of the pulse after the scene's first layout: that pulse begins only once the
     * frame laid out before it has been rendered. No fallback: for measuring ({@code EmptyWindowProbe}).
     */
    public static void onFirstFrame(javafx.scene.Scene scene, Runnable then) {
        Runnable[] next = new Runnable[1];
        Runnable laidOut = new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                scene.addPreLayoutPulseListener(next[0]);
                Platform.requestNextPulse();
            }
        };
        next[0] = () -> {
            scene.removePreLayoutPulseListener(next[0]);
            then.run();
        };
        scene.addPostLayoutPulseListener(laidOut);
    }

    /** The main window this app shows (null before {@link #start}): for the journeys test and the screenshot tool. */
    public MainWindow window() {
        return window;
    }

    /** The production services; a subclass (the screenshot tool) may reach hosts differently. */
    protected Services createServices(AppDirs dirs) {
        return Services.production(dirs, TaskExecutor.pooled(Platform::runLater));
    }

    @Override
    public void stop() {
        if (window != null) {
            window.viewModel().close();
        }
    }

    /** The language for this run; a change in the menu applies at the next start. */
    public static void applyLanguage(Settings.Language language) {
        Locale locale = language.locale(Locale.getDefault());
        Locale.setDefault(locale); // JavaFX's own dialog buttons follow the default locale
        I18n.setLocale(locale);
    }

    /** The whole window from services: the same path the app and the UI tests take. */
    public static MainWindow mainWindow(Services services, Runnable quit) {
        CommandTracker tracker = new CommandTracker(services.journal());
        MainViewModel vm = new MainViewModel(services, tracker);
        WindowNotifications toasts = new WindowNotifications();
        AtomicReference<MainWindow> shown = new AtomicReference<>();
        GuestHosts guests = GuestHosts.caching(services.dirs().config()); // one per host: QEMU keeps its QMP sessions
        MigrationLauncher migrations = migrations(services, vm, guests, toasts,
                () -> shown.get() == null || shown.get().root().getScene() == null ? null : shown.get().root().getScene().getWindow());
        Map<Feature, Supplier<FeatureView>> views = featureViews(services, vm, toasts, guests, migrations);
        // migrations cut short are looked for once, when the first host is selected (not at every host change)
        vm.runnerProperty().addListener((o, was, runner) -> {
            if (runner != null) {
                migrations.checkInterrupted();
            }
        });
        // connect before the first view is built, so that no view starts with "no host selected"
        vm.start();
        MainWindow window = new MainWindow(vm, views, () -> migrations.quitWhenSafe(quit), toasts);
        shown.set(window);
        window.migrations(migrations);
        return window;
    }

    /**
     * Migrations on the selected host, records under $XDG_STATE_HOME/sluice/migrations. Hand
     * {@code migrations.diskMoveHandler()} to the VMs view's {@code moveHandlerProperty()} and
     * {@code migrations::moveZvol} to the Volumes view's zvol menu; share {@code guestHosts} with the
     * VMs view (one QEMU service, and its QMP sessions, per host).
     */
    static MigrationLauncher migrations(Services services, MainViewModel vm, GuestHosts guestHosts, Notifications toasts,
                                        Supplier<Window> owner) {
        MigrationStore store = MigrationStore.under(services.dirs().state());
        MigrationTools.Source tools = new MigrationHosts(() -> vm.runnerProperty().get(), services.hosts(), vm::runnerFor,
                guestHosts, store);
        return new MigrationLauncher(tools, services.executor(), owner, toasts::error);
    }

    /**
     * One line per feature view. Entries not in the map show an honest "not built yet" state.
     * Views are created when first shown; a ViewModel that must see events from the start (Activity)
     * is created here, before the first command runs. Views follow {@code vm.runnerProperty()} (the
     * selected host's runner) and run their work on {@code services.executor()}.
     */
    static Map<Feature, Supplier<FeatureView>> featureViews(Services services, MainViewModel vm, Notifications toasts,
                                                            GuestHosts guests, MigrationLauncher migrations) {
        Map<Feature, Supplier<FeatureView>> views = new EnumMap<>(Feature.class);
        ActionRunner actions = new ActionRunner(services.executor(), toasts);
        LiveSparklines sparklines = new LiveSparklines(vm.runnerProperty(), services.executor(), guests);
        views.put(Feature.POOLS, () -> {
            PoolsView pools = new PoolsView(new PoolsViewModel(vm.runnerProperty(), actions));
            pools.setSparklineFactory(pool -> sparklines.of(Device.pool(pool)));
            return pools;
        });
        views.put(Feature.VOLUMES, () -> {
            VolumesViewModel volumes = new VolumesViewModel(vm.runnerProperty(), actions);
            volumes.moveHandlerProperty().set(migrations::moveZvol);
            volumes.hostMovesProperty().set(migrations.hostMoves());
            volumes.setDiskUsers(new GuestDiskUsers(guests, () -> vm.runnerProperty().getValue()));
            return new VolumesView(volumes);
        });
        views.put(Feature.SNAPSHOTS, () -> new HostBoundView(vm.runnerProperty(), runner ->
                new SnapshotTimelineView(new ZfsService(runner), services.executor(), new GuestZvolUsage(guests, runner))));
        ActivityViewModel activity = new ActivityViewModel(services.journal(), services.executor(), vm.tracker());
        views.put(Feature.ACTIVITY, () -> new ActivityView(activity));
        views.put(Feature.THROUGHPUT, () -> new HostBoundView(vm.runnerProperty(), runner -> new ThroughputView(
                new ThroughputViewModel(sparklines.monitorFor(runner),
                        GuestDeviceLabels.readInBackground(guests, runner, services.executor())))));
        views.put(Feature.IMAGES, () -> ImagesView.forApp(vm.runnerProperty(), guests, services.executor()));
        views.put(Feature.VMS, () -> {
            VmsView vms = VmsView.forApp(vm.runnerProperty(), guests, services.executor(),
                    (guest, disk) -> disk.zvol().map(z -> sparklines.of(Device.zvol(z))).orElse(null), migrations.diskMoveHandler());
            vms.viewModel().hostMovesProperty().set(migrations.hostMoves());
            return vms;
        });
        return views;
    }
}
