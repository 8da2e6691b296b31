package dev.sluice.ui.migration;

import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationRecovery;
import dev.sluice.migrate.MigrationRecovery.Offer;
import dev.sluice.migrate.MigrationRecovery.RollBackPreview;
import dev.sluice.task.BackgroundTask;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.UserMessages;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * At start-up: migrations cut short by Sluice stopping or the host rebooting (and those left needing
 * attention), each with its state report. Before the point of no return they are offered for resume or
 * roll back (the roll back shows its {@code zfs destroy -nvp} list first); after it only for finishing the
 * remaining steps or dismissing. Migrations another live Sluice process runs are never listed.
 */
public final class InterruptedMigrationsViewModel {
    private final MigrationTools.Source toolSource;
    private final TaskExecutor executor;
    private final ObservableList<MigrationRecord> unfinished = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private MigrationTools tools;
    /** Tools per target host, for unfinished moves to another host. */
    private final java.util.Map<String, MigrationTools> toolsTo = new java.util.HashMap<>();

    public InterruptedMigrationsViewModel(MigrationTools.Source tools, TaskExecutor executor) {
        this.toolSource = tools;
        this.executor = executor;
    }

    /** Looks for unfinished migrations; {@code then} runs on the UI side when the list is filled. */
    public void check(Runnable then) {
        BackgroundTask.of(I18n.t("migrate.interrupted.checking"), ctx -> {
            MigrationTools t = toolSource.open();
            List<MigrationRecord> mine = t.store().unfinished().stream().filter(m -> m.hostId().equals(t.hostId())).toList();
            java.util.Map<String, MigrationTools> targets = new java.util.HashMap<>();
            for (MigrationRecord m : mine) {
                // a move to another host goes on with tools for that host (the route probed again)
                String there = m.targetHostId().orElse(null);
                if (there != null && !targets.containsKey(there)) {
                    try {
                        targets.put(there, toolSource.openTo(there, java.util.Optional.empty()));
                    } catch (Exception e) {
                        targets.put(there, null); // offered, but refused with the reason when chosen
                        ctx.progress(new dev.sluice.task.Progress(0, 0, 0, java.time.Duration.ZERO, UserMessages.of(e)));
                    }
                }
            }
            return java.util.Map.entry(java.util.Map.entry(t, targets), mine);
        }).onSuccess(r -> {
            tools = r.getKey().getKey();
            toolsTo.clear();
            toolsTo.putAll(r.getKey().getValue());
            unfinished.setAll(r.getValue());
        }).onFailure(e -> error.set(UserMessages.of(e))).onFinally(then).executeWith(executor);
    }

    /** What the dialog offers for {@code r}: resume and roll back, or (past the point of no return) finish and dismiss. */
    public List<Offer> offers(MigrationRecord r) {
        return MigrationRecovery.offers(r);
    }

    public boolean canResume(MigrationRecord r) {
        return offers(r).contains(Offer.RESUME);
    }

    public String describe(MigrationRecord r) {
        String text = I18n.t("migrate.interrupted.item", r.source(), r.target(), I18n.t("migrate.state." + r.state().name()), r.error());
        return r.pastPointOfNoReturn() ? text + "\n" + I18n.t("migrate.interrupted.pastNoReturn", r.target()) : text;
    }

    public MigrationRunViewModel resume(MigrationRecord r) {
        if (!offers(r).contains(Offer.RESUME) && !offers(r).contains(Offer.FINISH)) {
            throw new IllegalStateException(I18n.t("migrate.interrupted.notOffered"));
        }
        MigrationRunViewModel run = take(r);
        run.start();
        return run;
    }

    /** Past the point of no return: run the steps that are left (start the guest, destroy the source, clean up). */
    public MigrationRunViewModel finish(MigrationRecord r) {
        return resume(r);
    }

    /** The dry run of what rolling {@code r} back would destroy; {@code then} gets it on the UI side. */
    public void previewRollBack(MigrationRecord r, Consumer<RollBackPreview> then) {
        if (!offers(r).contains(Offer.ROLL_BACK)) {
            error.set(I18n.t("migrate.interrupted.notOffered"));
            return;
        }
        BackgroundTask.of(I18n.t("migrate.interrupted.previewing"), ctx -> MigrationRecovery.preview(tools.zfs(), toolsFor(r).to().zfs(), r))
                .onSuccess(then::accept)
                .onFailure(e -> error.set(UserMessages.of(e))).executeWith(executor);
    }

    /** Rolls back after the user confirmed {@code confirmed}, the preview of exactly this record. */
    public MigrationRunViewModel rollBack(MigrationRecord r, RollBackPreview confirmed) {
        if (confirmed == null || !offers(r).contains(Offer.ROLL_BACK)) {
            throw new IllegalStateException(I18n.t("migrate.interrupted.notOffered"));
        }
        MigrationRunViewModel run = take(r);
        run.rollBack();
        return run;
    }

    /** Leaves a migration past the point of no return as it is; it is not offered again. */
    public void dismiss(MigrationRecord r, Runnable then) {
        if (!offers(r).contains(Offer.DISMISS)) {
            return;
        }
        unfinished.remove(r);
        BackgroundTask.of(I18n.t("migrate.interrupted.dismissing"), ctx -> MigrationRecovery.dismiss(tools.store(), r))
                .onFailure(e -> error.set(UserMessages.of(e))).onFinally(then).executeWith(executor);
    }

    private MigrationRunViewModel take(MigrationRecord r) {
        unfinished.remove(r);
        return new MigrationRunViewModel(List.of(r), toolsFor(r), executor);
    }

    private MigrationTools toolsFor(MigrationRecord r) {
        Optional<String> there = r.targetHostId();
        if (there.isEmpty()) {
            return tools;
        }
        MigrationTools t = toolsTo.get(there.get());
        if (t == null) {
            throw new IllegalStateException(I18n.t("migrate.interrupted.targetUnreachable", there.get()));
        }
        return t;
    }

    public ObservableList<MigrationRecord> unfinished() {
        return unfinished;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error;
    }
}
