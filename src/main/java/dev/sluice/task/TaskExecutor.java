package dev.sluice.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Where background work runs and where its callbacks land. The app injects one whose
 * {@code ui} is the FX thread; tests use {@link #direct()} so everything runs synchronously.
 */
public interface TaskExecutor {

    void background(Runnable work);

    void ui(Runnable callback);

    /** Runs work and callbacks inline on the calling thread: for tests and for ViewModel tests. */
    static TaskExecutor direct() {
        return new TaskExecutor() {
            @Override
            public void background(Runnable work) {
                work.run();
            }

            @Override
            public void ui(Runnable callback) {
                callback.run();
            }
        };
    }

    /** Background work on a cached pool of daemon threads; callbacks through {@code uiDispatcher}. */
    static TaskExecutor pooled(Consumer<Runnable> uiDispatcher) {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sluice-task");
            t.setDaemon(true);
            return t;
        });
        return new TaskExecutor() {
            @Override
            public void background(Runnable work) {
                pool.execute(work);
            }

            @Override
            public void ui(Runnable callback) {
                uiDispatcher.accept(callback);
            }
        };
    }
}
