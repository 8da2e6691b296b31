package dev.sluice.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Loads a feature's FXML (next to its view class: {@code dev/sluice/ui/snapshots/SnapshotTimelineView.fxml})
 * with the message bundle and the view object as controller, and adds the feature's CSS when there is one.
 */
public final class ViewLoader {
    private ViewLoader() {
    }

    public static Parent load(Object view, String fxmlName) {
        Class<?> anchor = view.getClass();
        URL url = anchor.getResource(fxmlName);
        if (url == null) {
            throw new IllegalStateException("missing FXML " + fxmlName + " beside " + anchor.getName());
        }
        FXMLLoader loader = new FXMLLoader(url, I18n.bundle());
        loader.setController(view);
        try {
            Parent root = loader.load();
            URL css = anchor.getResource(fxmlName.replace(".fxml", ".css"));
            if (css != null) {
                root.getStylesheets().add(css.toExternalForm());
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + url, e);
        }
    }
}
