package dev.sluice.ui.common.dialogs;

import javafx.scene.control.DialogPane;

/** Small helpers the shared dialogs have in common. */
final class Dialogs {
    private Dialogs() {
    }

    static void addStylesheet(DialogPane pane) {
        var css = Dialogs.class.getResource("dialogs.css");
        if (css != null) {
            pane.getStylesheets().add(css.toExternalForm());
        }
    }
}
