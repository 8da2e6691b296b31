package dev.sluice.task;

/** What running work sees of its task: report progress, learn of cancellation. */
public interface TaskContext {

    void progress(Progress p);

    default void message(String text) {
        progress(Progress.message(text));
    }

    boolean isCancelled();

    /** Runs {@code action} when the task is cancelled (at once if it already is): kill a process, close a socket. */
    void onCancel(Runnable action);
}
