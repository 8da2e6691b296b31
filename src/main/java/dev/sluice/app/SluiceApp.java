package dev.sluice.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** The JavaFX application: builds the composition root and shows the main window. */
public class SluiceApp extends Application {

    public static void main(String[] args) {
        launch(SluiceApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Sluice");
        stage.setScene(new Scene(new Label("Sluice"), 800, 600));
        stage.show();
    }
}
