package dev.sluice.bench;

import dev.sluice.app.StartupProbe;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The floor under Sluice's first-window figure: an empty JavaFX window of the same size, measured the same way
 * (process start to the pulse after its first frame, {@link StartupProbe#sinceProcessStart}). Run it like the app:
 * {@code xvfb-run -a java -cp "target/jpackage-input/*:target/test-classes" dev.sluice.bench.EmptyWindowProbe}.
 */
public final class EmptyWindowProbe extends Application {

    public static void main(String[] args) {
        launch(EmptyWindowProbe.class, args);
    }

    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new StackPane(), 1280, 800);
        stage.setScene(scene);
        stage.show();
        Runnable[] second = new Runnable[1];
        Runnable first = new Runnable() {
            @Override
            public void run() {
                scene.removePostLayoutPulseListener(this);
                scene.addPreLayoutPulseListener(second[0]);
                Platform.requestNextPulse();
            }
        };
        second[0] = () -> {
            scene.removePreLayoutPulseListener(second[0]);
            System.out.printf("empty startup: first frame %d ms after process start%n",
                    StartupProbe.sinceProcessStart().orElse(-1));
        };
        scene.addPostLayoutPulseListener(first);
    }
}
