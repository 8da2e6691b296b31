package dev.sluice.task;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one background-work abstraction: {@code BackgroundTask.of(title, ctx -> work)
 * .onSuccess(..).onFailure(..).onProgress(..).executeWith(executor)}. Callbacks run through the
 * executor's {@code ui} side. Cancelling runs the work's cancel hooks and then reports
 * {@code onCancelled}, never {@code onFailure} (unless the stop itself could not be confirmed: {@link StopNotConfirmed}).
 */
public final class BackgroundTask<T> {

    @FunctionalInterface
    public interface Work<T> {
        T call(TaskContext ctx) throws Exception;
    }

    private final String title;
    private final Work<T> work;
    private Consumer<? super T> onSuccess = v -> { };
    private Consumer<? super Throwable> onFailure = e -> { };
    private Consumer<? super Progress> onProgress = p -> { };
    private Runnable onCancelled = () -> { };
    private Runnable onFinally = () -> { };

    private BackgroundTask(String title, Work<T> work) {
        this.title = title;
        this.work = work;
    }

    public static <T> BackgroundTask<T> of(String title, Work<T> work) {
        return new BackgroundTask<>(title, work);
    }

    public String title() {
        return title;
    }

    public BackgroundTask<T> onSuccess(Consumer<? super T> c) {
        this.onSuccess = c;
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<? super Throwable> c) {
        this.onFailure = c;
        return this;
    }

    public BackgroundTask<T> onProgress(Consumer<? super Progress> c) {
        this.onProgress = c;
        return this;
    }

    public BackgroundTask<T> onCancelled(Runnable r) {
        this.onCancelled = r;
        return this;
    }

    /** Runs after success, failure or cancel: clear a busy flag. */
    public BackgroundTask<T> onFinally(Runnable r) {
        this.onFinally = r;
        return this;
    }

    public Handle executeWith(TaskExecutor executor) {
        Handle handle = new Handle();
        executor.background(() -> {
            try {
                T value = work.call(handle.context(executor));
                if (handle.isCancelled()) {
                    executor.ui(() -> { onCancelled.run(); onFinally.run(); });
                } else {
                    executor.ui(() -> { onSuccess.accept(value); onFinally.run(); });
                }
            } catch (Throwable e) {
                Throwable cause = unwrap(e);
                boolean cancelled = handle.isCancelled() || cause instanceof CancellationException || cause instanceof InterruptedException;
                if (cancelled && !(cause instanceof StopNotConfirmed)) {
                    executor.ui(() -> { onCancelled.run(); onFinally.run(); });
                } else {
                    executor.ui(() -> { onFailure.accept(cause); onFinally.run(); });
                }
            }
        });
        return handle;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The caller's grip on a running task. */
    public final class Handle {
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final List<Runnable> cancelHooks = new ArrayList<>();

        public boolean isCancelled() {
            return cancelled.get();
        }

        public void cancel() {
            if (cancelled.compareAndSet(false, true)) {
                List<Runnable> hooks;
                synchronized (cancelHooks) {
                    hooks = new ArrayList<>(cancelHooks);
                }
                hooks.forEach(Runnable::run);
            }
        }

        TaskContext context(TaskExecutor executor) {
            return new TaskContext() {
                @Override
                public void progress(Progress p) {
                    executor.ui(() -> onProgress.accept(p));
                }

                @Override
                public boolean isCancelled() {
                    return cancelled.get();
                }

                @Override
                public void onCancel(Runnable action) {
                    synchronized (cancelHooks) {
                        cancelHooks.add(action);
                    }
                    if (cancelled.get()) {
                        action.run();
                    }
                }
            };
        }
    }
}
