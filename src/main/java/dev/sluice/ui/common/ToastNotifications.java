package dev.sluice.ui.common;

import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Toasts in the bottom-right corner of a window, drawn as a layer of the window's own root
 * {@link StackPane} (not a separate popup window, so they never steal focus and show up in
 * screenshots). Success and info fade after a few seconds; warnings and errors stay until closed,
 * because an admin may need to read or copy them.
 */
public final class ToastNotifications implements Notifications {
    private static final Duration SHORT = Duration.seconds(5);
    private static final int MAX_VISIBLE = 5;

    private final VBox layer = new VBox(8);

    private ToastNotifications(StackPane host) {
        layer.getStyleClass().add("toast-layer");
        layer.setAlignment(Pos.BOTTOM_RIGHT);
        layer.setPadding(new Insets(16));
        layer.setPickOnBounds(false);
        layer.setMaxSize(420, Double.MAX_VALUE);
        StackPane.setAlignment(layer, Pos.BOTTOM_RIGHT);
        host.getChildren().add(layer);
        var css = ToastNotifications.class.getResource("toasts.css");
        if (css != null) {
            host.getStylesheets().add(css.toExternalForm());
        }
    }

    /** Adds the toast layer on top of {@code host}'s other children. */
    public static ToastNotifications overlay(StackPane host) {
        return new ToastNotifications(host);
    }

    @Override
    public void show(Kind kind, String text) {
        if (Platform.isFxApplicationThread()) {
            add(kind, text);
        } else {
            Platform.runLater(() -> add(kind, text));
        }
    }

    private void add(Kind kind, String text) {
        Label message = new Label(text);
        message.setWrapText(true);
        message.getStyleClass().add("toast-text");
        HBox.setHgrow(message, Priority.ALWAYS);
        Button close = new Button("×");
        close.getStyleClass().addAll("flat", "toast-close");
        close.setAccessibleText(I18n.t("common.close"));
        HBox toast = new HBox(8, message, close);
        toast.setAlignment(Pos.TOP_LEFT);
        toast.getStyleClass().addAll("toast", "toast-" + kind.name().toLowerCase(java.util.Locale.ROOT));
        toast.setMaxWidth(400);
        toast.setMinHeight(Label.USE_PREF_SIZE);
        close.setOnAction(e -> layer.getChildren().remove(toast));
        layer.getChildren().add(toast);
        while (layer.getChildren().size() > MAX_VISIBLE) {
            layer.getChildren().remove(0);
        }
        if (kind == Kind.SUCCESS || kind == Kind.INFO) {
            PauseTransition t = new PauseTransition(SHORT);
            t.setOnFinished(e -> layer.getChildren().remove(toast));
            t.play();
        }
    }

    /** The messages currently on screen, oldest first: for tests and screenshots. */
    public java.util.List<String> visibleTexts() {
        return layer.getChildren().stream()
                .map(n -> ((Label) ((HBox) n).getChildren().get(0)).getText())
                .toList();
    }
}
