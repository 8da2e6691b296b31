package dev.sluice.ui.migration;

import dev.sluice.task.Progress;
import dev.sluice.task.TaskContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The Cancel button's grip on a running migration. It exists before the work starts, so that a cancel
 * pressed at any moment (also while the task is still being handed to the executor) reaches the
 * engine and the pipeline it runs.
 */
final class CancelSwitch {
    private final List<Runnable> hooks = new ArrayList<>();
    private boolean cancelled;

    void cancel() {
        List<Runnable> run;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            run = new ArrayList<>(hooks);
        }
        run.forEach(Runnable::run);
    }

    synchronized boolean isCancelled() {
        return cancelled;
    }

    TaskContext around(TaskContext task) {
        return new TaskContext() {
            @Override
            public void progress(Progress p) {
                task.progress(p);
            }

            @Override
            public boolean isCancelled() {
                return CancelSwitch.this.isCancelled() || task.isCancelled();
            }

            @Override
            public void onCancel(Runnable action) {
                boolean now;
                synchronized (CancelSwitch.this) {
                    hooks.add(action);
                    now = cancelled;
                }
                task.onCancel(action);
                if (now) {
                    action.run();
                }
            }
        };
    }
}
