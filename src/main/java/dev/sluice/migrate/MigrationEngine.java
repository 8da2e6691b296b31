package dev.sluice.migrate;

import dev.sluice.task.Progress;
import dev.sluice.task.TaskContext;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;

/**
 * Runs a migration's steps in order as an explicit state machine, and on failure or cancel undoes the
 * finished steps in reverse, so that the guest is back on its original disk and running if it was.
 * Steps past the point of no return (after the guest started on the new disk) are not undone: a failure
 * there is reported as needing attention, with the exact state of every step.
 */
public final class MigrationEngine {
    private final StepActions actions;
    private final BiConsumer<MigrationStep, Progress> progressSink;

    public MigrationEngine(StepActions actions, BiConsumer<MigrationStep, Progress> progressSink) {
        this.actions = actions;
        this.progressSink = progressSink;
    }

    /** Runs a planned or interrupted migration to its end; returns the final state. */
    public MigrationState run(Migration m, TaskContext task) {
        if (!m.transition(MigrationState.PLANNED, MigrationState.RUNNING, "")
                && !m.transition(MigrationState.INTERRUPTED, MigrationState.RUNNING, "")) {
            throw new IllegalStateException("migration " + m.record().id() + " is " + m.state() + ", not startable");
        }
        for (MigrationStep planned : m.record().steps()) {
            MigrationStep step = m.record().steps().get(planned.index());
            if (step.status() == StepStatus.DONE || step.status() == StepStatus.SKIPPED) {
                continue;
            }
            if (task.isCancelled()) {
                return rollBack(m, task, "Cancelled before step " + (step.index() + 1) + " (" + step.title() + ").");
            }
            m.step(step.with(StepStatus.RUNNING, step.status() == StepStatus.RUNNING ? "resumed" : ""));
            try {
                actions.execute(step, m.record(), context(m, step, task));
                if (task.isCancelled()) {
                    throw new CancellationException();
                }
                MigrationStep now = m.record().steps().get(step.index());
                m.step(now.with(StepStatus.DONE, now.message()));
            } catch (Exception e) {
                boolean cancelled = task.isCancelled() || e instanceof CancellationException;
                String why = cancelled ? "Cancelled during step " + (step.index() + 1) + " (" + step.title() + ")."
                        : "Step " + (step.index() + 1) + " (" + step.title() + ") failed: " + message(e);
                m.step(m.record().steps().get(step.index()).with(StepStatus.FAILED, cancelled ? "cancelled" : message(e)));
                if (pastPointOfNoReturn(m.record())) {
                    m.transition(MigrationState.RUNNING, MigrationState.NEEDS_ATTENTION,
                            why + " The guest already runs on the new disk; nothing was undone. " + m.record().stateReport());
                    return m.state();
                }
                return rollBack(m, task, why);
            }
        }
        m.transition(MigrationState.RUNNING, MigrationState.SUCCEEDED, "");
        return m.state();
    }

    /** Undoes every started step in reverse order. Also the entry point for "roll back" on an interrupted migration. */
    public MigrationState rollBack(Migration m, TaskContext task, String why) {
        if (!m.transition(MigrationState.RUNNING, MigrationState.ROLLING_BACK, why)
                && !m.transition(MigrationState.INTERRUPTED, MigrationState.ROLLING_BACK, why)
                && !m.transition(MigrationState.NEEDS_ATTENTION, MigrationState.ROLLING_BACK, why)) {
            throw new IllegalStateException("migration " + m.record().id() + " is " + m.state() + ", cannot roll back");
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
                        why + " Undoing step " + (i + 1) + " (" + s.title() + ") failed too: " + message(e)
                                + ". Nothing further was undone. State of every step:\n" + m.record().stateReport());
                return m.state();
            }
        }
        m.transition(MigrationState.ROLLING_BACK, MigrationState.ROLLED_BACK, why);
        return m.state();
    }

    private static boolean pastPointOfNoReturn(MigrationRecord r) {
        return r.steps().stream().anyMatch(s -> s.kind() == StepKind.START_GUEST && s.status() == StepStatus.DONE)
                || r.steps().stream().anyMatch(s -> s.kind() == StepKind.DESTROY_SOURCE
                && (s.status() == StepStatus.DONE || s.status() == StepStatus.FAILED));
    }

    private StepContext context(Migration m, MigrationStep step, TaskContext task) {
        return new StepContext() {
            @Override
            public void progress(Progress p) {
                progressSink.accept(step, p);
                task.progress(p);
            }

            @Override
            public boolean isCancelled() {
                return task.isCancelled();
            }

            @Override
            public void onCancel(Runnable action) {
                task.onCancel(action);
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
