package dev.sluice.bench;

import dev.sluice.app.SluiceApp;
import dev.sluice.app.StartupProbe;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The floor under Sluice's first-window figure: an empty JavaFX window of the same size, measured the same way
 * (process start to the pulse after its first frame: {@link SluiceApp#onFirstFrame}, {@link StartupProbe#sinceProcessStart}). Run it like the app:
 * {@code xvfb-run -a java -cp "target/jpackage-input/*:probe.jar" dev.sluice.bench.EmptyWindowProbe}, with
 * {@code probe.jar} holding this class (a class-path directory rules out the AppCDS archive the app is measured with).
 */
public final class EmptyWindowProbe {

    private EmptyWindowProbe() {
    }

    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    /** The window (a main class that is an Application needs JavaFX on the module path). */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            show(stage);
        }
    }

    private static void show(Stage stage) {
        Scene scene = new Scene(new StackPane(), 1280, 800);
        stage.setScene(scene);
        stage.show();
        SluiceApp.onFirstFrame(scene, () -> System.out.printf("empty startup: first frame %d ms after process start%n",
                StartupProbe.sinceProcessStart().orElse(-1)));
    }
}
