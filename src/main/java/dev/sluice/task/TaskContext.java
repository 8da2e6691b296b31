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

    /** For work run outside any task: progress goes nowhere and nothing cancels it. */
    TaskContext NONE = new TaskContext() {
        @Override
        public void progress(Progress p) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void onCancel(Runnable action) {
        }
    };
}
