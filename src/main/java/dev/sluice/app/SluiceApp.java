package dev.sluice.app;

import dev.sluice.config.AppDirs;
import dev.sluice.config.Settings;
import dev.sluice.guest.GuestHosts;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.activity.ActivityView;
import dev.sluice.ui.activity.ActivityViewModel;
import dev.sluice.ui.common.FeatureView;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.images.ImagesView;
import dev.sluice.ui.vms.VmsView;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The composition root: builds the services, the main window and every feature view, and
 * nothing else does. A feature plugs in with one line in {@link #featureViews}.
 */
public class SluiceApp extends Application {

    public static void main(String[] args) {
        launch(SluiceApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        AppDirs dirs = AppDirs.current();
        CrashReporter crashes = CrashReporter.install(dirs.crashDir());
        Thread.currentThread().setUncaughtExceptionHandler(crashes);
        Services services = Services.production(dirs, TaskExecutor.pooled(Platform::runLater));
        applyLanguage(services.settings().get().language());
        MainWindow window = mainWindow(services, () -> stage.close());
        new WindowKeeper(services.settings(), window).show(stage);
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
        MainWindow window = new MainWindow(vm, featureViews(services, vm), quit);
        vm.start();
        return window;
    }

    /**
     * One line per feature view. Entries not in the map show an honest "not built yet" state.
     * Views are created when first shown; a ViewModel that must see events from the start (Activity)
     * is created here, before the first command runs. Views follow {@code vm.runnerProperty()} (the
     * selected host's runner) and run their work on {@code services.executor()}, e.g.:
     * {@code views.put(Feature.POOLS, () -> new PoolsView(new PoolsViewModel(vm.runnerProperty(), services.executor())));}
     */
    static Map<Feature, Supplier<FeatureView>> featureViews(Services services, MainViewModel vm) {
        Map<Feature, Supplier<FeatureView>> views = new EnumMap<>(Feature.class);
        ActivityViewModel activity = new ActivityViewModel(services.journal(), services.executor(), vm.tracker());
        views.put(Feature.ACTIVITY, () -> new ActivityView(activity));
        GuestHosts guests = GuestHosts.caching(services.dirs().config()); // one per host: QEMU keeps its QMP sessions
        views.put(Feature.IMAGES, () -> ImagesView.forApp(vm.runnerProperty(), guests, services.executor()));
        views.put(Feature.VMS, () -> VmsView.forApp(vm.runnerProperty(), guests, services.executor()));
        return views;
    }
}
