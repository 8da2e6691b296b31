package dev.sluice.host;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code a | b} as processes on this machine joined by {@link ProcessBuilder#startPipeline}: OS pipes, full
 * speed, the bytes never pass through the JVM. Each stage runs on its own runner's host: a local stage is
 * the program itself, a stage on an SSH host is that host's ssh client (so {@code ssh A zfs send | ssh B zfs
 * receive} relays a stream between two hosts through this machine). Each stage is journalled on its host.
 */
final class LocalPipeline implements RunningPipeline {
    private final List<ProcessCommandRunner> runners;
    private final List<Command> stages;
    private final List<ProcessCommandRunner.Execution> executions = new ArrayList<>();
    private final CompletableFuture<List<CommandResult>> future = new CompletableFuture<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private LocalPipeline(List<ProcessCommandRunner> runners, List<Command> stages) {
        if (runners.size() != stages.size()) {
            throw new IllegalArgumentException("one runner per stage");
        }
        this.runners = List.copyOf(runners);
        this.stages = List.copyOf(stages);
    }

    /** Every stage on this machine. */
    static RunningPipeline start(ProcessCommandRunner runner, List<Command> stages, List<OutputListener> listeners) {
        return across(java.util.Collections.nCopies(stages.size(), runner), stages, listeners);
    }

    /** Stage {@code i} on {@code runners.get(i)}'s host, the pipes between them on this machine. */
    static RunningPipeline across(List<ProcessCommandRunner> runners, List<Command> stages, List<OutputListener> listeners) {
        if (stages.size() < 2) {
            throw new IllegalArgumentException("a pipeline needs at least two stages");
        }
        LocalPipeline lp = new LocalPipeline(runners, stages);
        lp.launch(listeners);
        return lp;
    }

    private void launch(List<OutputListener> listeners) {
        List<ProcessBuilder> builders = new ArrayList<>();
        List<List<String>> argvs = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            ProcessCommandRunner runner = runners.get(i);
            argvs.add(runner.transport().wrap(runner.hostArgv(stages.get(i)))); // may refuse: before journalling
        }
        Instant started = Instant.now();
        for (int i = 0; i < stages.size(); i++) {
            ProcessCommandRunner runner = runners.get(i);
            Command c = stages.get(i);
            builders.add(ProcessCommandRunner.processBuilder(argvs.get(i)));
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
            ProcessCommandRunner runner = runners.get(i);
            OutputCollector out = last ? new OutputCollector(p.getInputStream(), runner.keptStdout(l),
                    l == OutputListener.NONE ? null : l::stdoutLine) : null;
            OutputCollector err = new OutputCollector(p.getErrorStream(), ProcessCommandRunner.STDERR_CAP,
                    runner.stderrSink(ex, l));
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
