package dev.sluice.ui.common;

import dev.sluice.task.BackgroundTask;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.dialogs.ConfirmableAction;
import javafx.beans.property.BooleanProperty;

/**
 * Runs confirmed actions the same way in every view: as a {@link BackgroundTask} (its commands show in
 * Activity through the journal), a notification with the result or the typed error's message (never a
 * stack trace), the busy flag set while it runs, and the view refreshed afterwards whatever happened,
 * because a failed command may still have changed something.
 */
public final class ActionRunner {
    private final TaskExecutor executor;
    private final Notifications notifications;

    public ActionRunner(TaskExecutor executor, Notifications notifications) {
        this.executor = executor;
        this.notifications = notifications;
    }

    public void run(ConfirmableAction action, BooleanProperty busy, Runnable refresh) {
        busy.set(true);
        BackgroundTask.of(action.plan().title(), action.work())
                .onSuccess(v -> notifications.success(action.successMessage()))
                .onFailure(e -> notifications.error(UserMessages.of(e)))
                .onCancelled(() -> notifications.info(I18n.t("common.action.cancelled", action.plan().title())))
                .onFinally(() -> {
                    action.cleanup();
                    busy.set(false);
                    refresh.run();
                })
                .executeWith(executor);
    }

    public TaskExecutor executor() {
        return executor;
    }

    public Notifications notifications() {
        return notifications;
    }
}
