package dev.sluice.migrate;

import dev.sluice.task.Progress;
import dev.sluice.task.TaskContext;

/** What a running step sees: report progress (bytes, rate, ETA), learn of and react to cancellation. */
public interface StepContext {

    void progress(Progress p);

    boolean isCancelled();

    /** Runs {@code action} on cancel (kill the send | receive pipeline). */
    void onCancel(Runnable action);

    /** Attach a note to the running step (e.g. "resumed from token"), persisted with it. */
    void note(String message);

    /** This step as a plain task context, for services that take one (send | receive, VM shutdown). */
    default TaskContext asTaskContext() {
        StepContext step = this;
        return new TaskContext() {
            @Override
            public void progress(Progress p) {
                step.progress(p);
            }

            @Override
            public boolean isCancelled() {
                return step.isCancelled();
            }

            @Override
            public void onCancel(Runnable action) {
                step.onCancel(action);
            }
        };
    }
}
