package dev.sluice.host;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code a | b} on an SSH host as one remote {@code sh} script, so the bytes between the stages
 * flow through a pipe on the host (a {@code zfs send | zfs receive} at full speed) and never
 * through Sluice. Each stage still reports its own stderr, live, and its own exit status:
 * <ul>
 *   <li>stage {@code i}'s stderr goes into a FIFO; a {@code read} loop copies it to the real
 *       stderr as {@code "<i> <line>"} (plain POSIX sh: no {@code sed -u}, no bash);</li>
 *   <li>each stage's {@code $?} lands in a file; when all are done the script prints
 *       {@code SLUICE-STATUS <nonce> <i> <rc>} lines;</li>
 *   <li>the temp directory is removed by an EXIT trap, also after a cancel (TERM), a hang-up (HUP)
 *       or a write to a connection that is gone (PIPE);</li>
 *   <li>a last exit trailer tells a finished script from a dropped connection.</li>
 * </ul>
 * A stage whose stderr is very chatty is slowed by the {@code read} loop (byte-wise reads); the
 * tools piped here write a progress line a second.
 */
final class RemotePipeline implements RunningPipeline {
    static final String STATUS = "SLUICE-STATUS";

    private final ProcessCommandRunner runner;
    private final SshTransport transport;
    private final List<Command> stages;
    private final List<OutputListener> listeners;
    private final List<ProcessCommandRunner.Execution> executions = new ArrayList<>();
    private final List<StringBuilder> stageErr = new ArrayList<>();
    private final StringBuilder otherErr = new StringBuilder();
    private final int[] status;
    private final CompletableFuture<Long> remoteGroup = new CompletableFuture<>();
    private final CompletableFuture<List<CommandResult>> future = new CompletableFuture<>();
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private volatile boolean trailerSeen;
    private volatile Process process;
    private ScheduledFuture<?> timer;

    private RemotePipeline(ProcessCommandRunner runner, List<Command> stages, List<OutputListener> listeners) {
        this.runner = runner;
        this.transport = (SshTransport) runner.transport();
        this.stages = List.copyOf(stages);
        this.listeners = List.copyOf(listeners);
        this.status = new int[stages.size()];
        java.util.Arrays.fill(status, -1);
        for (int i = 0; i < stages.size(); i++) {
            stageErr.add(new StringBuilder());
        }
    }

    static RunningPipeline start(ProcessCommandRunner runner, List<Command> stages, List<OutputListener> listeners) {
        RemotePipeline rp = new RemotePipeline(runner, stages, listeners);
        rp.launch();
        return rp;
    }

    /** The POSIX sh script that runs the stages connected by pipes, reporting as described above. */
    static String script(List<List<String>> stages, String nonce, String exitTrailer) {
        int n = stages.size();
        StringBuilder s = new StringBuilder();
        s.append("d=$(mktemp -d \"${TMPDIR:-/tmp}/sluice.XXXXXX\") || exit 125\n");
        s.append("trap 'rm -rf \"$d\"' EXIT\n");
        // a signal's default action would skip the EXIT trap: a dropped connection is HUP, or PIPE at the next write
        s.append("trap 'exit 143' TERM; trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 141' PIPE\n");
        s.append("mkfifo");
        for (int i = 0; i < n; i++) {
            s.append(" \"$d/e").append(i).append('"');
        }
        s.append(" || exit 125\n");
        for (int i = 0; i < n; i++) {
            s.append("while IFS= read -r l || [ -n \"$l\" ]; do printf '").append(i).append(" %s\\n' \"$l\"; done <\"$d/e")
                    .append(i).append("\" >&2 &\n");
        }
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                s.append(" | ");
            }
            s.append("{ ").append(ShellQuote.join(stages.get(i))).append(" 2>\"$d/e").append(i)
                    .append("\"; echo $? >\"$d/s").append(i).append("\"; }");
        }
        s.append("\nwait\n");
        s.append("for i in");
        for (int i = 0; i < n; i++) {
            s.append(' ').append(i);
        }
        // read, a builtin, not $(cat ...): every fork and exec counts on a slow host (two fewer per transfer)
        s.append("; do { read -r st <\"$d/s$i\"; } 2>/dev/null || st=-1; printf '").append(STATUS).append(' ').append(nonce)
                .append(" %s %s\\n' \"$i\" \"${st:--1}\" >&2; done\n");
        s.append(exitTrailer).append('\n');
        return s.toString();
    }

    private void launch() {
        List<List<String>> onHost = stages.stream().map(runner::hostArgv).toList();
        List<String> local = transport.wrapShell(script(onHost, transport.nonce(), transport.exitTrailer("0"))); // may refuse: before journalling
        Instant started = Instant.now();
        for (int i = 0; i < stages.size(); i++) {
            CommandJournal.Entry entry = runner.journal().started(runner.host().displayName(), onHost.get(i), stages.get(i), started);
            executions.add(runner.new Execution(stages.get(i), entry, started));
        }
        OutputListener last = listener(stages.size() - 1);
        Process p;
        try {
            p = ProcessCommandRunner.processBuilder(local).start();
        } catch (IOException e) {
            executions.forEach(ex -> ex.failToStart(e));
            future.completeExceptionally(executions.get(0).future().exceptionNow());
            return;
        }
        process = p;
        ProcessCommandRunner.feedStdin(p, stages.get(0).stdin());
        OutputCollector out = new OutputCollector(p.getInputStream(), runner.keptStdout(last),
                last == OutputListener.NONE ? null : last::stdoutLine);
        OutputCollector err = new OutputCollector(p.getErrorStream(), 64 * 1024, this::stderrLine, false);
        ProcessCommandRunner.io().execute(out);
        ProcessCommandRunner.io().execute(err);
        scheduleTimeout();
        p.onExit().thenAcceptAsync(done -> complete(done.exitValue(), out, err), ProcessCommandRunner.io());
    }

    private OutputListener listener(int i) {
        return i < listeners.size() && listeners.get(i) != null ? listeners.get(i) : OutputListener.NONE;
    }

    /** The shortest timeout of the stages applies to the whole pipeline (one remote process). */
    private void scheduleTimeout() {
        long ms = stages.stream().filter(Command::hasTimeout).mapToLong(c -> c.timeout().toMillis()).min().orElse(0);
        if (ms > 0) {
            timer = ProcessCommandRunner.timers().schedule(() -> stop("timeout"), ms, TimeUnit.MILLISECONDS);
        }
    }

    /** Demultiplexes one line of the script's stderr (lines end at \n only; \r stays in the payload). */
    private void stderrLine(String line) {
        OptionalLong group = transport.remoteProcessGroup(line);
        if (group.isPresent()) {
            remoteGroup.complete(group.getAsLong());
            return;
        }
        if (transport.isExitTrailer(line)) {
            trailerSeen = true;
            return;
        }
        String statusPrefix = STATUS + " " + transport.nonce() + " ";
        if (line.startsWith(statusPrefix)) {
            String[] f = line.substring(statusPrefix.length()).strip().split(" ");
            try {
                status[Integer.parseInt(f[0])] = Integer.parseInt(f[1]);
            } catch (RuntimeException malformed) {
                // a status we cannot read stays -1
            }
            return;
        }
        int sp = line.indexOf(' ');
        int stage = sp > 0 ? stageIndex(line.substring(0, sp)) : -1;
        if (stage < 0) {
            if (!transport.isBookkeeping(line)) {
                append(otherErr, line);
            }
            return;
        }
        String payload = line.substring(sp + 1);
        append(stageErr.get(stage), payload);
        OutputListener l = listener(stage);
        if (l != OutputListener.NONE) {
            // progress meters redraw with \r: each redraw is a line for the listener
            for (String piece : payload.split("\r")) {
                if (!piece.isEmpty()) {
                    l.stderrLine(piece);
                }
            }
        }
    }

    private int stageIndex(String s) {
        if (s.isEmpty() || s.length() > 3 || !s.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        int i = Integer.parseInt(s);
        return i < stages.size() ? i : -1;
    }

    private static void append(StringBuilder sb, String line) {
        if (sb.length() < ProcessCommandRunner.STDERR_CAP) {
            sb.append(line).append('\n');
        }
    }

    private void complete(int sshExit, OutputCollector out, OutputCollector err) {
        try {
            out.awaitDone(5_000);
            err.awaitDone(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (timer != null) {
            timer.cancel(false);
        }
        String why = stopReason.get();
        String raw = (remoteGroup.isDone() ? SshTransport.MARKER + " " + transport.nonce() + " " + remoteGroup.join() + "\n" : "")
                + (trailerSeen ? SshTransport.EXIT + " " + transport.nonce() + " 0\n" : "") + otherErr;
        String unreachable = why == null && transport.isTransportFailure(sshExit, raw) ? transport.describeTransportFailure(raw) : null;
        for (int i = 0; i < stages.size(); i++) {
            ProcessCommandRunner.Execution ex = executions.get(i);
            if (why != null) {
                ex.markStopped(why);
            }
            boolean lastStage = i == stages.size() - 1;
            String stderr = stageErr.get(i).toString();
            int exit = status[i];
            if (exit < 0 && unreachable == null && why == null) {
                // the script itself failed (no temp dir, no mkfifo): its own message explains
                stderr = stderr + otherErr;
            }
            ex.finish(exit, lastStage ? out.text() : "", stderr, lastStage && out.truncated(), unreachable);
        }
        if ("timeout".equals(why)) {
            Command timed = stages.stream().filter(Command::hasTimeout).min(java.util.Comparator.comparing(Command::timeout)).orElseThrow();
            future.completeExceptionally(new CommandException.TimedOut(timed));
            return;
        }
        List<CommandResult> results = new ArrayList<>();
        for (ProcessCommandRunner.Execution ex : executions) {
            CompletableFuture<CommandResult> f = ex.future();
            if (f.isCompletedExceptionally()) {
                Throwable t = f.exceptionNow();
                if (!(t instanceof CommandException.Failed failed)) {
                    future.completeExceptionally(t);
                    return;
                }
                results.add(failed.result());
            } else {
                results.add(f.join());
            }
        }
        future.complete(results);
    }

    private void stop(String why) {
        if (future.isDone() || !stopReason.compareAndSet(null, why)) {
            return;
        }
        Process p = process;
        if (p == null) {
            return;
        }
        // one kill for the whole group; through sudo if any stage runs under it
        Command rooted = stages.stream().filter(Command::needsRoot).findFirst().orElse(stages.get(0));
        var outcome = ProcessCommandRunner.terminateRemote(transport, rooted, remoteGroup, List.of(p));
        executions.forEach(ex -> ex.remoteStop(outcome));
    }

    /** The local ssh client (tests cut the connection by killing it). */
    Process process() {
        return process;
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
        stop("cancel");
    }
}
