package dev.sluice.app;

import dev.sluice.task.TaskExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds the background work asked for while the main window is being built (the host probe, the first view's
 * listing, the check for interrupted migrations) until the window's first frame is on the screen, then starts
 * it in the order it was asked for. On a 2-core machine that work competed with the FX thread for the cores
 * before the window could appear; the data now arrives right after, not before, the first frame. Callbacks
 * are not held. Any thread.
 */
final class StartupGate implements TaskExecutor {
    private final TaskExecutor inner;
    private List<Runnable> held = new ArrayList<>();

    StartupGate(TaskExecutor inner) {
        this.inner = inner;
    }

    @Override
    public void background(Runnable work) {
        synchronized (this) {
            if (held != null) {
                held.add(work);
                return;
            }
        }
        inner.background(work);
    }

    @Override
    public void ui(Runnable callback) {
        inner.ui(callback);
    }

    /** Starts what was held and everything after it at once; later calls do nothing. */
    void open() {
        List<Runnable> start;
        synchronized (this) {
            if (held == null) {
                return;
            }
            start = held;
            held = null;
        }
        start.forEach(inner::background);
    }

    synchronized boolean isOpen() {
        return held == null;
    }
}
