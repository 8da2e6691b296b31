package dev.sluice.app;

import dev.sluice.ui.common.Notifications;
import dev.sluice.ui.common.ToastNotifications;
import javafx.scene.layout.StackPane;

/**
 * The notifications every view gets. Views are built before the window exists, so this forwards to the
 * window's toast layer once {@link MainWindow} attaches it; anything before that is kept and shown then.
 */
final class WindowNotifications implements Notifications {
    private ToastNotifications toasts;
    private final java.util.List<Runnable> early = new java.util.ArrayList<>();

    void attach(StackPane layer) {
        toasts = ToastNotifications.overlay(layer);
        early.forEach(Runnable::run);
        early.clear();
    }

    @Override
    public void show(Kind kind, String text) {
        if (toasts == null) {
            early.add(() -> toasts.show(kind, text));
        } else {
            toasts.show(kind, text);
        }
    }
}
