package dev.sluice.ui.snapshots;

/**
 * Where an action's outcome is told to the user: a short success line, or an error's message as it
 * is (the typed exceptions' messages already name the problem and the fix; never a stack trace).
 */
public interface Notifier {

    void success(String message);

    void error(String message);
}
