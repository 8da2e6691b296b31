package dev.sluice.migrate;

import dev.sluice.task.Progress;

/** What a running step sees: report progress (bytes, rate, ETA), learn of and react to cancellation. */
public interface StepContext {

    void progress(Progress p);

    boolean isCancelled();

    /** Runs {@code action} on cancel (kill the send | receive pipeline). */
    void onCancel(Runnable action);

    /** Attach a note to the running step (e.g. "resumed from token"), persisted with it. */
    void note(String message);
}
