package dev.sluice.ui.migration;

import dev.sluice.migrate.Migration;
import dev.sluice.migrate.MigrationRecord;
import dev.sluice.migrate.MigrationState;
import dev.sluice.migrate.MigrationStep;
import dev.sluice.migrate.StepKind;
import dev.sluice.migrate.StepStatus;
import dev.sluice.task.BackgroundTask;
import dev.sluice.task.Progress;
import dev.sluice.task.TaskExecutor;
import dev.sluice.ui.common.I18n;
import dev.sluice.ui.common.Sizes;
import dev.sluice.ui.common.UserMessages;
import dev.sluice.zfs.DestroyFlags;
import dev.sluice.zfs.DestroyPreview;
import java.util.function.Consumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The progress page: runs one or more planned migrations in sequence (a VM's disks one after the
 * other), or resumes / rolls back one found interrupted, and shows each step's state live, bytes, rate
 * and ETA of the transfer, and the guest's downtime. Cancel asks the engine to roll back. At the end it
 * shows the exact state report of a migration that did not succeed.
 */
public final class MigrationRunViewModel {
    private final MigrationTools tools;
    private final TaskExecutor executor;
    private final List<MigrationRecord> records = new ArrayList<>();
    private final ObservableList<StepRow> steps = FXCollections.observableArrayList();
    private final ObjectProperty<MigrationState> state = new SimpleObjectProperty<>(this, "state", MigrationState.PLANNED);
    private final StringProperty current = new SimpleStringProperty(this, "current", "");
    private final DoubleProperty fraction = new SimpleDoubleProperty(this, "fraction", 0);
    private final StringProperty bytes = new SimpleStringProperty(this, "bytes", "");
    private final StringProperty rate = new SimpleStringProperty(this, "rate", "");
    private final StringProperty eta = new SimpleStringProperty(this, "eta", "");
    private final StringProperty downtime = new SimpleStringProperty(this, "downtime", "");
    private final StringProperty summary = new SimpleStringProperty(this, "summary", "");
    private final StringProperty report = new SimpleStringProperty(this, "report", "");
    private final StringProperty kept = new SimpleStringProperty(this, "kept", "");
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    private final BooleanProperty finished = new SimpleBooleanProperty(this, "finished");
    private final BooleanProperty keepPartialTarget = new SimpleBooleanProperty(this, "keepPartialTarget");
    private final BooleanProperty canCleanUp = new SimpleBooleanProperty(this, "canCleanUp");
    private volatile Migration live;
    private final CancelSwitch cancelSwitch = new CancelSwitch();
    private volatile boolean stopRequested;

    public MigrationRunViewModel(List<MigrationRecord> plans, MigrationTools tools, TaskExecutor executor) {
        this.tools = tools;
        this.executor = executor;
        this.records.addAll(plans);
        boolean many = plans.size() > 1;
        for (int p = 0; p < plans.size(); p++) {
            String prefix = many ? plans.get(p).source() + " · " : "";
            for (MigrationStep s : plans.get(p).steps()) {
                steps.add(new StepRow(p, prefix, s));
            }
        }
        if (!plans.isEmpty()) {
            state.set(plans.get(0).state());
            keepPartialTarget.set(plans.get(0).options().keepPartialTarget());
        }
        keepPartialTarget.addListener((o, was, keep) -> {
            Migration m = live;
            if (m != null) {
                m.keepPartialTarget(keep);
            }
        });
        refreshDowntime();
    }

    /** Runs every plan in order; stops at the first that does not succeed (it has rolled back by then). */
    public void start() {
        launch(false);
    }

    /** For a migration found {@link MigrationState#INTERRUPTED}: undo what it did. */
    public void rollBack() {
        launch(true);
    }

    private void launch(boolean rollBack) {
        if (running.get() || finished.get()) {
            return;
        }
        running.set(true);
        RunningMigrations.started(this);
        summary.set(I18n.t(rollBack ? "migrate.run.rollingBack" : "migrate.run.running", records.get(0).source(), records.get(0).target()));
        BackgroundTask.of(I18n.t("migrate.run.task"), task -> {
            var ctx = cancelSwitch.around(task);
            for (int p = 0; p < records.size(); p++) {
                int plan = p;
                MigrationRecord start = records.get(p);
                if (start.state() != MigrationState.PLANNED) {
                    // found unfinished: take it over, unless another live Sluice process runs it
                    start = tools.store().claim(start.id());
                }
                if (start.options().keepPartialTarget() != keepPartialTarget.get()) {
                    start = start.withOptions(start.options().withKeepPartialTarget(keepPartialTarget.get()));
                }
                Migration m = new Migration(start, tools.store());
                m.addListener(r -> executor.ui(() -> apply(plan, r)));
                live = m;
                if (stopRequested) {
                    m.requestStop();
                }
                MigrationState end = rollBack
                        ? tools.engine((s, pr) -> { }).rollBack(m, ctx, I18n.t("migrate.run.userRollBack"))
                        : tools.engine((s, pr) -> executor.ui(() -> progress(pr))).run(m, ctx);
                if (end != MigrationState.SUCCEEDED || ctx.isCancelled() || stopRequested) {
                    break;
                }
            }
            return null;
        }).onFailure(e -> {
            summary.set(UserMessages.of(e));
            state.set(MigrationState.NEEDS_ATTENTION);
        }).onFinally(this::finish).executeWith(executor);
    }

    /**
     * Quitting or closing the window: finish the current step and stop at a resumable checkpoint (never while
     * the guest is down). The migration ends {@link MigrationState#INTERRUPTED} and is offered at the next start.
     */
    public void stopAtCheckpoint() {
        if (running.get() && !stopRequested) {
            stopRequested = true;
            summary.set(I18n.t("migrate.run.stopping"));
            Migration m = live;
            if (m != null) {
                m.requestStop();
            }
        }
    }

    /** Asks the engine to stop; it rolls back what it did. */
    public void cancel() {
        if (running.get() && !cancelSwitch.isCancelled()) {
            summary.set(I18n.t("migrate.run.cancelling"));
            cancelSwitch.cancel();
        }
    }

    /** Keeps the downtime figure moving while the guest is down; the view calls it once a second. */
    public void tick() {
        refreshDowntime();
    }

    /**
     * The dry run of cleaning up a partial target kept after a failure or cancel ({@code zfs destroy -nvp -r}):
     * shown for confirmation; {@code then} gets it on the UI side (or null, with the summary saying why).
     */
    public void previewCleanUp(Consumer<DestroyPreview> then) {
        MigrationRecord r = lastRecord();
        if (!canCleanUp.get()) {
            return;
        }
        BackgroundTask.of(I18n.t("migrate.run.cleanUp"), ctx -> tools.to().zfs().dataset(r.target()).isPresent()
                        ? tools.to().zfs().destroyPreview(r.target(), DestroyFlags.RECURSIVE) : null)
                .onSuccess(then::accept)
                .onFailure(e -> summary.set(UserMessages.of(e))).executeWith(executor);
    }

    /** Destroys exactly what {@code confirmed} listed ({@code receive -A} first when the receive is resumable). */
    public void cleanUpPartialTarget(DestroyPreview confirmed) {
        MigrationRecord r = lastRecord();
        if (!canCleanUp.get() || confirmed == null || !confirmed.target().equals(r.target())) {
            return;
        }
        canCleanUp.set(false);
        BackgroundTask.of(I18n.t("migrate.run.cleanUp"), ctx -> {
            if (tools.to().zfs().resumeToken(r.target()).isPresent()) {
                tools.to().zfs().abortPartialReceive(r.target());
            }
            if (tools.to().zfs().dataset(r.target()).isPresent()) {
                tools.to().zfs().destroy(confirmed);
            }
            return null;
        }).onSuccess(v -> summary.set(I18n.t("migrate.run.cleanedUp", r.target())))
                .onFailure(e -> {
                    summary.set(UserMessages.of(e));
                    canCleanUp.set(true);
                }).executeWith(executor);
    }

    private void apply(int plan, MigrationRecord r) {
        records.set(plan, r);
        state.set(r.state());
        for (MigrationStep s : r.steps()) {
            row(plan, s.index()).ifPresent(row -> row.update(s));
        }
        r.current().ifPresent(s -> {
            current.set(I18n.t(s.status() == StepStatus.UNDOING ? "migrate.run.undoing" : "migrate.run.step",
                    s.index() + 1, r.steps().size(), s.title()));
            // the last transfer's figures stay up until the next transfer starts
            if (s.status() == StepStatus.RUNNING && (s.kind() == StepKind.PRESEED_SEND || s.kind() == StepKind.FINAL_SEND)) {
                clearTransfer();
            }
        });
        refreshDowntime();
    }

    private void progress(Progress p) {
        fraction.set(p.fraction());
        bytes.set(p.total() > 0 ? I18n.t("migrate.run.bytesOf", Sizes.human(p.done()), Sizes.human(p.total()))
                : p.done() > 0 ? Sizes.human(p.done()) : p.message());
        rate.set(Formats.rate(p.perSecond()));
        eta.set(p.eta() == null ? "" : I18n.t("migrate.run.eta", Formats.clock(p.eta())));
    }

    private void clearTransfer() {
        fraction.set(-1);
        bytes.set("");
        rate.set("");
        eta.set("");
    }

    private void finish() {
        RunningMigrations.finished(this);
        running.set(false);
        finished.set(true);
        live = null;
        refreshDowntime();
        MigrationRecord last = lastRecord();
        MigrationState s = last.state();
        state.set(s);
        current.set("");
        switch (s) {
            case SUCCEEDED -> {
                fraction.set(1);
                eta.set("");
                summary.set(I18n.t(records.size() > 1 ? "migrate.run.succeededMany" : "migrate.run.succeeded",
                        last.target(), records.size()));
                kept.set(keptSnapshots());
            }
            case ROLLED_BACK -> {
                summary.set(I18n.t("migrate.run.rolledBack", last.error()));
                report.set(last.stateReport());
                canCleanUp.set(last.options().keepPartialTarget());
            }
            case PLANNED -> { }
            case INTERRUPTED -> {
                summary.set(I18n.t("migrate.run.stoppedAtCheckpoint", last.error()));
                report.set(last.stateReport());
            }
            case DISMISSED -> summary.set(I18n.t("migrate.run.dismissed"));
            default -> {
                summary.set(I18n.t("migrate.run.needsAttention", last.error()));
                report.set(last.stateReport());
            }
        }
    }

    /**
     * What a finished migration leaves on purpose: the final snapshot on each side, the base of a later incremental
     * send. A live move keeps none: the guest wrote on after its seed, so the seed is no common base and is removed.
     */
    private String keptSnapshots() {
        List<String> kept = new ArrayList<>();
        for (MigrationRecord r : records) {
            String fin = r.steps().isEmpty() ? null : r.steps().get(0).params().get("final");
            if (fin == null || r.live()) {
                continue;
            }
            if (!r.options().destroySource()) {
                kept.add(fin);
            }
            kept.add(r.target() + fin.substring(fin.indexOf('@')));
        }
        return kept.isEmpty() ? "" : I18n.t("migrate.run.keptSnapshots", String.join(", ", kept));
    }

    /** The migration that ran last: the one whose outcome is the outcome of the whole run. */
    private MigrationRecord lastRecord() {
        for (int i = records.size() - 1; i >= 0; i--) {
            if (records.get(i).state() != MigrationState.PLANNED) {
                return records.get(i);
            }
        }
        return records.get(0);
    }

    private void refreshDowntime() {
        Duration total = Duration.ZERO;
        boolean any = false;
        boolean down = false;
        for (MigrationRecord r : records) {
            Optional<Duration> d = r.downtime();
            if (d.isPresent()) {
                any = true;
                total = total.plus(d.get());
                down |= r.downtimeEnded() == null;
            }
        }
        boolean guest = records.stream().anyMatch(r -> r.guest().present() && r.guest().wasRunning());
        Optional<String> stoppedVm = records.stream().filter(r -> r.guest().present()).map(r -> r.guest().vmName()).findFirst();
        if (!guest && stoppedVm.isPresent()) {
            downtime.set(I18n.t("migrate.run.vmStopped", stoppedVm.get())); // its disk is re-pointed, but nothing runs on it
        } else if (!guest) {
            downtime.set(I18n.t("migrate.run.noDowntime"));
        } else if (!any) {
            // a live move never stops the guest: its mirror step's note says how long it paused
            downtime.set(records.stream().flatMap(r -> r.steps().stream())
                    .filter(st -> st.kind() == StepKind.LIVE_MIRROR && st.status() == StepStatus.DONE && !st.message().isEmpty())
                    .map(MigrationStep::message).findFirst().orElse(I18n.t("migrate.run.guestUp")));
        } else if (down && running.get()) {
            downtime.set(I18n.t("migrate.run.downNow", Formats.seconds(total)));
        } else {
            downtime.set(I18n.t("migrate.run.downtime", Formats.seconds(total)));
        }
    }

    private Optional<StepRow> row(int plan, int index) {
        return steps.stream().filter(r -> r.plan() == plan && r.index() == index).findFirst();
    }

    public List<MigrationRecord> records() {
        return List.copyOf(records);
    }

    public ObservableList<StepRow> steps() {
        return FXCollections.unmodifiableObservableList(steps);
    }

    public ReadOnlyObjectProperty<MigrationState> stateProperty() {
        return state;
    }

    public ReadOnlyStringProperty currentProperty() {
        return current;
    }

    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction;
    }

    public ReadOnlyStringProperty bytesProperty() {
        return bytes;
    }

    public ReadOnlyStringProperty rateProperty() {
        return rate;
    }

    public ReadOnlyStringProperty etaProperty() {
        return eta;
    }

    public ReadOnlyStringProperty downtimeProperty() {
        return downtime;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    /** After success: what the migration leaves on purpose (its final snapshots) and how to remove it; else empty. */
    public ReadOnlyStringProperty keptProperty() {
        return kept;
    }

    public ReadOnlyStringProperty reportProperty() {
        return report;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    public ReadOnlyBooleanProperty finishedProperty() {
        return finished;
    }

    /** Keep a partial target resumable on failure or cancel (otherwise it is cleaned up); changeable while running. */
    public BooleanProperty keepPartialTargetProperty() {
        return keepPartialTarget;
    }

    public ReadOnlyBooleanProperty canCleanUpProperty() {
        return canCleanUp;
    }
}
