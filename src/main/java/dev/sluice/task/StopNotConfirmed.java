package dev.sluice.task;

/**
 * A failure met while cancelling that the user must see rather than a calm "cancelled": the work
 * was asked to stop but may still be running (a command on a host that never confirmed it ended).
 * {@link BackgroundTask} reports it through {@code onFailure} even when the task was cancelled.
 */
public interface StopNotConfirmed {
}
