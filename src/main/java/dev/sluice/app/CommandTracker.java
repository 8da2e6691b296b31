package dev.sluice.app;

import dev.sluice.host.Command;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Host;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningCommand;
import dev.sluice.host.RunningPipeline;
import dev.sluice.ui.activity.CommandCanceller;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Links journal entries to the commands that can still be cancelled, for the Activity view's
 * Cancel button. Runners journal a command synchronously inside {@code start()}, on the caller's
 * thread, so a thread-local catches the entry id that belongs to the command being started;
 * that keeps the host layer free of any UI bookkeeping.
 */
public final class CommandTracker implements CommandCanceller {
    private final Map<Long, RunningCommand> running = new ConcurrentHashMap<>();
    private final ThreadLocal<long[]> starting = new ThreadLocal<>();

    public CommandTracker(CommandJournal journal) {
        journal.addListener(e -> {
            long[] slot = starting.get();
            if (slot != null && e.state() == CommandJournal.State.RUNNING && slot[0] == 0) {
                slot[0] = e.id();
            }
        });
    }

    /** A runner that behaves like {@code r} and registers what it starts. */
    public CommandRunner track(CommandRunner r) {
        return new CommandRunner() {
            @Override
            public Host host() {
                return r.host();
            }

            @Override
            public java.util.Optional<dev.sluice.host.ProcessCommandRunner> processes() {
                return r.processes();
            }

            @Override
            public RunningCommand start(Command command, OutputListener listener) {
                return register(() -> r.start(command, listener));
            }

            // QMP over SSH (socat's stdin) needs this: the wrapper must not fall back to the refusing default
            @Override
            public RunningCommand startInteractive(Command command, OutputListener listener) {
                return register(() -> r.startInteractive(command, listener));
            }

            @Override
            public RunningPipeline startPipeline(List<Command> stages, List<OutputListener> listeners) {
                return r.startPipeline(stages, listeners);
            }

            @Override
            public String toString() {
                return "tracked " + r;
            }
        };
    }

    private RunningCommand register(java.util.function.Supplier<RunningCommand> starter) {
        long[] slot = {0};
        starting.set(slot);
        RunningCommand rc;
        try {
            rc = starter.get();
        } finally {
            starting.remove();
        }
        if (slot[0] != 0 && !rc.future().isDone()) {
            long id = slot[0];
            running.put(id, rc);
            rc.future().whenComplete((v, e) -> running.remove(id));
        }
        return rc;
    }

    @Override
    public boolean canCancel(long entryId) {
        RunningCommand rc = running.get(entryId);
        return rc != null && !rc.future().isDone();
    }

    @Override
    public void cancel(long entryId) {
        RunningCommand rc = running.get(entryId);
        if (rc != null) {
            rc.cancel();
        }
    }
}
