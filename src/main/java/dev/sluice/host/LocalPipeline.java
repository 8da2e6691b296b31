package dev.sluice.host;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code a | b} on this machine through {@link ProcessBuilder#startPipeline}: OS pipes, full speed. */
final class LocalPipeline implements RunningPipeline {
    private final ProcessCommandRunner runner;
    private final List<Command> stages;
    private final List<ProcessCommandRunner.Execution> executions = new ArrayList<>();
    private final CompletableFuture<List<CommandResult>> future = new CompletableFuture<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private LocalPipeline(ProcessCommandRunner runner, List<Command> stages) {
        this.runner = runner;
        this.stages = List.copyOf(stages);
    }

    static RunningPipeline start(ProcessCommandRunner runner, List<Command> stages, List<OutputListener> listeners) {
        LocalPipeline lp = new LocalPipeline(runner, stages);
        lp.launch(listeners);
        return lp;
    }

    private void launch(List<OutputListener> listeners) {
        List<ProcessBuilder> builders = new ArrayList<>();
        Instant started = Instant.now();
        for (Command c : stages) {
            builders.add(ProcessCommandRunner.processBuilder(runner.hostArgv(c)));
            CommandJournal.Entry entry = runner.journal().started(runner.host().displayName(), runner.hostArgv(c), c, started);
            executions.add(runner.new Execution(c, entry, started));
        }
        List<Process> ps;
        try {
            ps = ProcessBuilder.startPipeline(builders);
        } catch (IOException e) {
            executions.forEach(ex -> ex.failToStart(e));
            future.completeExceptionally(executions.get(0).future().exceptionNow());
            return;
        }
        List<CompletableFuture<CommandResult>> each = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            Process p = ps.get(i);
            ProcessCommandRunner.Execution ex = executions.get(i);
            ex.attach(List.of(p));
            OutputListener l = i < listeners.size() ? listeners.get(i) : OutputListener.NONE;
            boolean last = i == ps.size() - 1;
            if (i == 0) {
                ProcessCommandRunner.feedStdin(p, stages.get(0).stdin());
            }
            OutputCollector out = last ? new OutputCollector(p.getInputStream(), runner.keptStdout(l),
                    l == OutputListener.NONE ? null : l::stdoutLine) : null;
            OutputCollector err = new OutputCollector(p.getErrorStream(), ProcessCommandRunner.STDERR_CAP,
                    l == OutputListener.NONE ? null : l::stderrLine);
            if (out != null) {
                ProcessCommandRunner.io().execute(out);
            }
            ProcessCommandRunner.io().execute(err);
            p.onExit().thenAcceptAsync(done -> {
                if (out != null) {
                    ex.completeSingle(done.exitValue(), out, err);
                } else {
                    try {
                        err.awaitDone(5_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ex.finish(done.exitValue(), "", err.text(), false);
                }
            }, ProcessCommandRunner.io());
            each.add(ex.future().handle((r, t) -> r != null ? r : stageResultOf(ex, t)));
        }
        CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenRun(() -> {
            if (cancelled.get()) {
                future.completeExceptionally(new CommandException.Cancelled(stages.get(0)));
                return;
            }
            List<CommandResult> rs = new ArrayList<>();
            for (int i = 0; i < each.size(); i++) {
                CompletableFuture<CommandResult> f = executions.get(i).future();
                if (f.isCompletedExceptionally()) {
                    Throwable t = f.exceptionNow();
                    if (!(t instanceof CommandException.Failed)) {
                        future.completeExceptionally(t);
                        return;
                    }
                }
                rs.add(each.get(i).join());
            }
            future.complete(rs);
        });
    }

    private static CommandResult stageResultOf(ProcessCommandRunner.Execution ex, Throwable t) {
        if (t instanceof CommandException.Failed f) {
            return f.result();
        }
        return new CommandResult(ex.command(), "", -1, "", String.valueOf(t.getMessage()), Instant.now(), Duration.ZERO, false);
    }

    @Override
    public List<Command> stages() {
        return stages;
    }

    @Override
    public CompletableFuture<List<CommandResult>> future() {
        return future;
    }

    @Override
    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            executions.forEach(ProcessCommandRunner.Execution::cancel);
        }
    }
}
