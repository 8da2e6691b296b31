package dev.sluice.ui.common;

/**
 * Non-modal messages about finished work ("Zvol tank/vm1 created", "Cannot destroy ...: dataset is busy").
 * ViewModels get one by constructor and call it; the app passes a {@link ToastNotifications} bound to
 * the main window, tests pass a recorder. Text is shown as given: pass typed-error messages, never
 * stack traces.
 */
public interface Notifications {

    enum Kind { INFO, SUCCESS, WARNING, ERROR }

    void show(Kind kind, String text);

    default void info(String text) {
        show(Kind.INFO, text);
    }

    default void success(String text) {
        show(Kind.SUCCESS, text);
    }

    default void warning(String text) {
        show(Kind.WARNING, text);
    }

    default void error(String text) {
        show(Kind.ERROR, text);
    }

    /** Drops everything: for code paths where nobody looks (benchmarks, headless tools). */
    Notifications NONE = (kind, text) -> { };
}
