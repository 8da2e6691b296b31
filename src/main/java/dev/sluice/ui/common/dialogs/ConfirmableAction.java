package dev.sluice.ui.common.dialogs;

import dev.sluice.task.BackgroundTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An action a ViewModel has prepared but not run: the plan to show the user ({@link CommandConfirmDialog}),
 * the work that runs exactly those commands once confirmed, and what to say when it succeeded.
 * {@link #withCleanup} registers what must happen whether it ran or was declined (wipe a passphrase);
 * {@link dev.sluice.ui.common.ActionRunner} calls it after the work, a view calls {@link #decline()}.
 */
public final class ConfirmableAction {
    private final CommandPlan plan;
    private final BackgroundTask.Work<?> work;
    private final String successMessage;
    private final Runnable cleanup;
    private final AtomicBoolean cleaned = new AtomicBoolean();

    public ConfirmableAction(CommandPlan plan, BackgroundTask.Work<?> work, String successMessage) {
        this(plan, work, successMessage, () -> { });
    }

    private ConfirmableAction(CommandPlan plan, BackgroundTask.Work<?> work, String successMessage, Runnable cleanup) {
        this.plan = plan;
        this.work = work;
        this.successMessage = successMessage;
        this.cleanup = cleanup;
    }

    public ConfirmableAction withCleanup(Runnable r) {
        return new ConfirmableAction(plan, work, successMessage, r);
    }

    public CommandPlan plan() {
        return plan;
    }

    public BackgroundTask.Work<?> work() {
        return work;
    }

    public String successMessage() {
        return successMessage;
    }

    /** Runs the cleanup once, however often it is called. */
    public void cleanup() {
        if (cleaned.compareAndSet(false, true)) {
            cleanup.run();
        }
    }

    /** The user said no: nothing runs, secrets are wiped. */
    public void decline() {
        cleanup();
    }
}
