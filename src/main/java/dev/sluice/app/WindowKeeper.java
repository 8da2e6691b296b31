package dev.sluice.app;

import dev.sluice.config.Settings;
import dev.sluice.config.SettingsStore;
import dev.sluice.ui.common.I18n;
import java.util.List;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Puts the main window on a stage where it was last time (clamped to the screens there are now)
 * and remembers size, position, maximized state and sidebar width when it closes.
 */
final class WindowKeeper {
    private final SettingsStore settings;
    private final MainWindow window;
    // Also save a moment after every move or resize, so a killed process still remembers its window.
    private final PauseTransition saveSoon = new PauseTransition(Duration.seconds(1));
    private double normalX;
    private double normalY;
    private double normalW;
    private double normalH;
    private boolean settled;

    WindowKeeper(SettingsStore settings, MainWindow window) {
        this.settings = settings;
        this.window = window;
    }

    static Scene scene(MainWindow window) {
        Scene scene = new Scene(window.root());
        var common = WindowKeeper.class.getResource("/dev/sluice/ui/common/common.css");
        if (common != null) {
            scene.getStylesheets().add(common.toExternalForm());
        }
        return scene;
    }

    void show(Stage stage) {
        Settings s = settings.get();
        List<WindowPlacement.Area> screens = Screen.getScreens().stream().map(Screen::getVisualBounds)
                .map(r -> new WindowPlacement.Area(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight())).toList();
        WindowPlacement.Area at = WindowPlacement.place(s.window(), screens);
        stage.setTitle(I18n.t("app.title"));
        stage.setScene(scene(window));
        stage.setMinWidth(Math.min(WindowPlacement.MIN_WIDTH, at.width()));
        stage.setMinHeight(Math.min(WindowPlacement.MIN_HEIGHT, at.height()));
        stage.setX(at.x());
        stage.setY(at.y());
        stage.setWidth(at.width());
        stage.setHeight(at.height());
        remember(at.x(), at.y(), at.width(), at.height());
        window.setSidebarWidth(s.sidebarWidth());
        stage.xProperty().addListener((o, a, v) -> track(stage));
        stage.yProperty().addListener((o, a, v) -> track(stage));
        stage.widthProperty().addListener((o, a, v) -> track(stage));
        stage.heightProperty().addListener((o, a, v) -> track(stage));
        saveSoon.setOnFinished(e -> save(stage));
        stage.maximizedProperty().addListener((o, a, v) -> saveSoon.playFromStart());
        stage.setOnHiding(e -> {
            saveSoon.stop();
            save(stage);
        });
        stage.show();
        if (s.window() != null && s.window().maximized()) {
            stage.setMaximized(true);
        }
        // Some window managers map the window at its minimum size first and resize it later: ask again
        // once it shows, and only then start remembering, so that a passing size never overwrites the saved one.
        Platform.runLater(() -> {
            if (!stage.isMaximized() && (Math.abs(stage.getWidth() - at.width()) > 1 || Math.abs(stage.getHeight() - at.height()) > 1)) {
                stage.setWidth(at.width());
                stage.setHeight(at.height());
            }
            remember(stage.isMaximized() ? at.x() : stage.getX(), stage.isMaximized() ? at.y() : stage.getY(),
                    stage.isMaximized() ? at.width() : stage.getWidth(), stage.isMaximized() ? at.height() : stage.getHeight());
            settled = true;
        });
    }

    // Only normal (not maximized) bounds are worth keeping: un-maximizing next time returns there.
    private void track(Stage stage) {
        if (!settled) {
            return;
        }
        if (!stage.isMaximized() && !stage.isIconified()) {
            remember(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        }
        if (stage.isShowing()) {
            saveSoon.playFromStart();
        }
    }

    private void remember(double x, double y, double w, double h) {
        normalX = x;
        normalY = y;
        normalW = w;
        normalH = h;
    }

    private void save(Stage stage) {
        double sidebar = window.sidebarWidth();
        try {
            settings.update(x -> x.withWindow(new Settings.WindowBounds(normalX, normalY, normalW, normalH, stage.isMaximized()))
                    .withSidebarWidth(sidebar > 0 ? sidebar : x.sidebarWidth()));
        } catch (RuntimeException e) {
            System.err.println("Sluice: " + e.getMessage());
        }
    }

}
