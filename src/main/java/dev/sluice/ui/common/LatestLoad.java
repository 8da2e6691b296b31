package dev.sluice.ui.common;

import dev.sluice.task.BackgroundTask;
import dev.sluice.task.TaskExecutor;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;

/**
 * Loads a view's data in the background where only the newest load may win: a slow answer to an
 * older refresh (another host, a double F5) is dropped instead of overwriting a newer one.
 */
public final class LatestLoad {
    private long generation;

    /** Drops every load still under way (the host went away). */
    public void invalidate() {
        generation++;
    }

    /** Starts a load; {@code show} or {@code fail} run only if no newer load or invalidation came since. */
    public <T> void start(String title, BackgroundTask.Work<T> work, Consumer<T> show, Consumer<Throwable> fail,
                          BooleanProperty busy, TaskExecutor executor) {
        busy.set(true);
        long mine = ++generation;
        BackgroundTask.of(title, work)
                .onSuccess(v -> {
                    if (mine == generation) {
                        show.accept(v);
                    }
                })
                .onFailure(e -> {
                    if (mine == generation) {
                        fail.accept(e);
                    }
                })
                .onFinally(() -> {
                    if (mine == generation) {
                        busy.set(false);
                    }
                })
                .executeWith(executor);
    }
}
