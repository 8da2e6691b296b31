package dev.sluice.migrate;

import dev.sluice.task.Progress;
import dev.sluice.task.TaskContext;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;

/**
 * Runs a migration's steps in order as an explicit state machine, and on failure or cancel undoes the
 * finished steps in reverse, so that the guest is back on its original disk and running if it was.
 * Past the point of no return ({@link MigrationRecord#pastPointOfNoReturn()}: the guest was started on the
 * new disk) nothing is undone, ever: a failure there needs attention, and the only ways on are finishing the
 * remaining steps ({@link #run} again) or dismissing. A stop request ({@link Migration#requestStop()}) ends the
 * run at the next step boundary where the guest is not down, as {@link MigrationState#INTERRUPTED}.
 */
public final class MigrationEngine {
    private final StepActions actions;
    private final BiConsumer<MigrationStep, Progress> progressSink;

    public MigrationEngine(StepActions actions, BiConsumer<MigrationStep, Progress> progressSink) {
        this.actions = actions;
        this.progressSink = progressSink;
    }

    /**
     * Runs a planned or interrupted migration to its end (or to a stop at a checkpoint); returns the final state.
     * Also "finish the remaining steps" of one that needs attention past the point of no return.
     */
    public MigrationState run(Migration m, TaskContext task) {
        if (!m.transition(MigrationState.PLANNED, MigrationState.RUNNING, "")
                && !m.transition(MigrationState.INTERRUPTED, MigrationState.RUNNING, "")
                && !(m.record().pastPointOfNoReturn() && m.transition(MigrationState.NEEDS_ATTENTION, MigrationState.RUNNING, ""))) {
            throw new IllegalStateException(MigrationText.t("migrate.engine.notStartable", m.record().source(), m.state()));
        }
        for (MigrationStep planned : m.record().steps()) {
            MigrationStep step = m.record().steps().get(planned.index());
            if (step.status() == StepStatus.DONE || step.status() == StepStatus.SKIPPED) {
                continue;
            }
            if (task.isCancelled() && !m.record().pastPointOfNoReturn()) {
                return rollBack(m, task, MigrationText.t("migrate.engine.cancelledBefore", step.index() + 1, step.title()));
            }
            if ((m.stopRequested() || task.isCancelled()) && !m.record().guestDown()) {
                m.transition(MigrationState.RUNNING, MigrationState.INTERRUPTED,
                        MigrationText.t("migrate.engine.stoppedAtCheckpoint", step.index() + 1, step.title()));
                return m.state();
            }
            m.step(step.with(StepStatus.RUNNING, step.status() == StepStatus.RUNNING ? MigrationText.t("migrate.engine.resumed") : ""));
            try {
                actions.execute(step, m.record(), context(m, step, task));
                if (task.isCancelled() && !m.record().pastPointOfNoReturn()) {
                    throw new CancellationException();
                }
                MigrationStep now = m.record().steps().get(step.index());
                m.step(now.with(StepStatus.DONE, now.message()));
            } catch (Exception e) {
                boolean cancelled = task.isCancelled() || e instanceof CancellationException;
                String why = cancelled ? MigrationText.t("migrate.engine.cancelledDuring", step.index() + 1, step.title())
                        : MigrationText.t("migrate.engine.stepFailed", step.index() + 1, step.title(), message(e));
                m.step(m.record().steps().get(step.index()).with(StepStatus.FAILED,
                        cancelled ? MigrationText.t("migrate.engine.cancelled") : message(e)));
                if (m.record().pastPointOfNoReturn()) {
                    m.transition(MigrationState.RUNNING, MigrationState.NEEDS_ATTENTION,
                            why + " " + MigrationText.t("migrate.engine.pastNoReturn") + "\n" + m.record().stateReport());
                    return m.state();
                }
                return rollBack(m, task, why);
            }
        }
        m.transition(MigrationState.RUNNING, MigrationState.SUCCEEDED, "");
        return m.state();
    }

    /**
     * Undoes every started step in reverse order. Also the entry point for "roll back" on an interrupted migration.
     * Refused past the point of no return: undoing would destroy what the guest wrote on the new disk.
     */
    public MigrationState rollBack(Migration m, TaskContext task, String why) {
        if (m.record().pastPointOfNoReturn()) {
            throw new IllegalStateException(MigrationText.t("migrate.engine.noRollBack", m.record().source(), m.record().target()));
        }
        if (!m.transition(MigrationState.RUNNING, MigrationState.ROLLING_BACK, why)
                && !m.transition(MigrationState.INTERRUPTED, MigrationState.ROLLING_BACK, why)
                && !m.transition(MigrationState.NEEDS_ATTENTION, MigrationState.ROLLING_BACK, why)) {
            throw new IllegalStateException(MigrationText.t("migrate.engine.cannotRollBack", m.record().source(), m.state()));
        }
        List<MigrationStep> steps = m.record().steps();
        TaskContext undoTask = uncancellable(task);
        for (int i = steps.size() - 1; i >= 0; i--) {
            MigrationStep s = m.record().steps().get(i);
            boolean started = s.status() == StepStatus.DONE || s.status() == StepStatus.FAILED
                    || s.status() == StepStatus.RUNNING || s.status() == StepStatus.UNDO_FAILED || s.status() == StepStatus.UNDOING;
            if (!started) {
                continue;
            }
            m.step(s.with(StepStatus.UNDOING, s.message()));
            try {
                actions.undo(s, m.record(), context(m, s, undoTask));
                MigrationStep now = m.record().steps().get(i);
                m.step(now.with(StepStatus.UNDONE, now.message()));
            } catch (Exception e) {
                m.step(m.record().steps().get(i).with(StepStatus.UNDO_FAILED, message(e)));
                m.transition(MigrationState.ROLLING_BACK, MigrationState.NEEDS_ATTENTION,
                        why + " " + MigrationText.t("migrate.engine.undoFailed", i + 1, s.title(), message(e))
                                + "\n" + m.record().stateReport());
                return m.state();
            }
        }
        m.transition(MigrationState.ROLLING_BACK, MigrationState.ROLLED_BACK, why);
        return m.state();
    }

    private StepContext context(Migration m, MigrationStep step, TaskContext task) {
        return new StepContext() {
            @Override
            public void progress(Progress p) {
                m.heartbeat();
                progressSink.accept(step, p);
                task.progress(p);
            }

            @Override
            public boolean isCancelled() {
                // past the point of no return a cancel means "stop after this step", never "undo"
                return task.isCancelled() && !m.record().pastPointOfNoReturn();
            }

            @Override
            public void onCancel(Runnable action) {
                task.onCancel(() -> {
                    if (!m.record().pastPointOfNoReturn()) {
                        action.run();
                    }
                });
            }

            @Override
            public void note(String message) {
                MigrationStep now = m.record().steps().get(step.index());
                m.step(new MigrationStep(now.index(), now.kind(), now.title(), now.params(), now.commands(), now.status(),
                        message, now.started(), now.finished()));
            }
        };
    }

    /** Undo must run to the end even when the user pressed cancel: that is what cancel asked for. */
    private static TaskContext uncancellable(TaskContext t) {
        return new TaskContext() {
            @Override
            public void progress(Progress p) {
                t.progress(p);
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

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
