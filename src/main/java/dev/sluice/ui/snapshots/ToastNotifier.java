package dev.sluice.ui.snapshots;

import atlantafx.base.controls.Notification;
import atlantafx.base.theme.Styles;
import javafx.animation.PauseTransition;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Outcomes as AtlantaFX notifications in the view's corner: successes fade after a few seconds,
 * errors stay until closed (the user must be able to read the fix).
 */
final class ToastNotifier implements Notifier {
    private static final int MAX_SHOWN = 4;
    private final VBox box;

    ToastNotifier(VBox box) {
        this.box = box;
    }

    @Override
    public void success(String message) {
        Notification n = show(message, Styles.SUCCESS);
        PauseTransition later = new PauseTransition(Duration.seconds(6));
        later.setOnFinished(e -> box.getChildren().remove(n));
        later.play();
    }

    @Override
    public void error(String message) {
        show(message, Styles.DANGER);
    }

    private Notification show(String message, String style) {
        Notification n = new Notification(message);
        n.getStyleClass().addAll(style, Styles.ELEVATED_1);
        n.setPrefWidth(400);
        n.setMaxWidth(400);
        n.setOnClose(e -> box.getChildren().remove(n));
        box.getChildren().add(n);
        while (box.getChildren().size() > MAX_SHOWN) {
            box.getChildren().remove(0);
        }
        return n;
    }
}
