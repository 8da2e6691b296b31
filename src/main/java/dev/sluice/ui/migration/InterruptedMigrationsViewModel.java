package dev.sluice.ui.migration;

import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationState;
import dev.sluice.task.BackgroundTask;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.UserMessages;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * At start-up: migrations cut short by Sluice stopping or the host rebooting (and those left needing
 * attention), each with its state report, offered for resume or roll back.
 */
public final class InterruptedMigrationsViewModel {
    private final MigrationTools.Source toolSource;
    private final TaskExecutor executor;
    private final ObservableList<MigrationRecord> unfinished = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private MigrationTools tools;

    public InterruptedMigrationsViewModel(MigrationTools.Source tools, TaskExecutor executor) {
        this.toolSource = tools;
        this.executor = executor;
    }

    /** Looks for unfinished migrations; {@code then} runs on the UI side when the list is filled. */
    public void check(Runnable then) {
        BackgroundTask.of(I18n.t("migrate.interrupted.checking"), ctx -> {
            MigrationTools t = toolSource.open();
            return java.util.Map.entry(t, t.store().unfinished());
        }).onSuccess(r -> {
            tools = r.getKey();
            unfinished.setAll(r.getValue().stream().filter(m -> m.hostId().equals(tools.hostId())).toList());
        }).onFailure(e -> error.set(UserMessages.of(e))).onFinally(then).executeWith(executor);
    }

    /** A migration found INTERRUPTED picks up where it stopped (a send resumes from its token). */
    public boolean canResume(MigrationRecord r) {
        return r.state() == MigrationState.INTERRUPTED;
    }

    public String describe(MigrationRecord r) {
        return I18n.t("migrate.interrupted.item", r.source(), r.target(), r.state(), r.error());
    }

    public MigrationRunViewModel resume(MigrationRecord r) {
        MigrationRunViewModel run = take(r);
        run.start();
        return run;
    }

    public MigrationRunViewModel rollBack(MigrationRecord r) {
        MigrationRunViewModel run = take(r);
        run.rollBack();
        return run;
    }

    private MigrationRunViewModel take(MigrationRecord r) {
        unfinished.remove(r);
        return new MigrationRunViewModel(List.of(r), tools, executor);
    }

    public ObservableList<MigrationRecord> unfinished() {
        return unfinished;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }
}
