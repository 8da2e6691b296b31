package dev.sluice.host;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs commands as OS processes, on this machine or through a {@link Transport} (ssh). Every
 * command is journalled; stdout/stderr are drained on their own threads and capped; cancel and
 * timeout kill the whole process tree.
 */
public final class ProcessCommandRunner implements CommandRunner, AutoCloseable {

    /** How much stdout a result keeps by default; lines beyond it still reach the listener. */
    public static final int STDOUT_CAP = 64 * 1024 * 1024;
    public static final int STDERR_CAP = 1024 * 1024;
    /**
     * What the result of a stream keeps of its stdout: a command whose stdout lines go to a listener
     * (a diskstats loop, zpool iostat, a QMP bridge, qemu-img's progress) may run for days, and its
     * lines are the listener's, not the result's.
     */
    public static final int STREAM_STDOUT_KEPT = 64 * 1024;
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);
    /** How long a cancel waits for a remote command to announce its process group. */
    private static final Duration MARKER_WAIT = Duration.ofSeconds(2);
    /** How long a cancel waits for the remote kill (TERM, KILL, its confirmation) before it also kills the local ssh client. */
    private static final Duration REMOTE_KILL_WAIT = Duration.ofSeconds(SshTransport.CANCEL_TIMEOUT_SECONDS + 1);

    private static final ExecutorService IO = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sluice-process-io");
        t.setDaemon(true);
        return t;
    });
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-process-timer");
        t.setDaemon(true);
        return t;
    });

    private final Host host;
    private final Transport transport;
    private final CommandJournal journal;
    private final int stdoutCap;
    /** The pkexec that local elevation runs (a test puts a stand-in here: there is no polkit agent in CI). */
    private final String pkexecProgram;

    public ProcessCommandRunner(Host host, Transport transport, CommandJournal journal) {
        this(host, transport, journal, STDOUT_CAP, "pkexec");
    }

    private ProcessCommandRunner(Host host, Transport transport, CommandJournal journal, int stdoutCap, String pkexecProgram) {
        this.host = host;
        this.transport = transport;
        this.journal = journal;
        this.stdoutCap = stdoutCap;
        this.pkexecProgram = pkexecProgram;
    }

    /** The same runner, running {@code program} where it would run pkexec on this machine. */
    ProcessCommandRunner withPkexec(String program) {
        return new ProcessCommandRunner(host, transport, journal, stdoutCap, program);
    }

    /**
     * The same host and connection, keeping at most {@code bytes} of stdout per result (beyond it
     * {@link CommandResult#truncated()} is set; listeners still get every line).
     */
    public ProcessCommandRunner withStdoutCap(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("a negative cap");
        }
        return new ProcessCommandRunner(host, transport, journal, bytes, pkexecProgram);
    }

    int stdoutCap() {
        return stdoutCap;
    }

    public static ProcessCommandRunner local(Host host, CommandJournal journal) {
        return new ProcessCommandRunner(host, Transport.local(), journal);
    }

    @Override
    public Host host() {
        return host;
    }

    public Transport transport() {
        return transport;
    }

    /** The argv as it runs on the host, elevation included, before the transport wraps it. */
    public List<String> hostArgv(Command c) {
        return c.needsRoot() ? host.elevation().wrap(c.argv()) : c.argv();
    }

    @Override
    public RunningCommand start(Command command, OutputListener listener) {
        return start(command, listener, false);
    }

    @Override
    public RunningCommand startInteractive(Command command, OutputListener listener) {
        if (command.stdin() != null) {
            throw new IllegalArgumentException("an interactive command takes its stdin from the caller, not from Command.stdin");
        }
        return start(command, listener, true);
    }

    private RunningCommand start(Command command, OutputListener listener, boolean interactive) {
        List<String> onHost = hostArgv(command);
        PkexecStop pkexec = PkexecStop.forCommand(host, command, transport);
        List<String> local = transport.wrap(pkexec == null ? onHost : pkexec.wrap(pkexecProgram, onHost)); // may refuse: before journalling
        Instant started = Instant.now();
        CommandJournal.Entry entry = journal.started(host.displayName(), onHost, command, started);
        Execution ex = new Execution(command, entry, started);
        ex.pkexec = pkexec;
        try {
            ProcessBuilder pb = processBuilder(local);
            Process p = pb.start();
            ex.attach(List.of(p));
            if (interactive) {
                ex.stdin = p.getOutputStream();
            } else {
                feedStdin(p, command.stdin());
            }
            OutputCollector out = new OutputCollector(p.getInputStream(), keptStdout(listener), lineSink(listener::stdoutLine, listener));
            OutputCollector err = new OutputCollector(p.getErrorStream(), STDERR_CAP, stderrSink(ex, listener));
            IO.execute(out);
            IO.execute(err);
            p.onExit().thenAcceptAsync(done -> ex.completeSingle(done.exitValue(), out, err), IO);
        } catch (IOException e) {
            ex.failToStart(e);
        }
        return ex;
    }

    /**
     * A process whose messages are in English: failures are recognised by their stderr text
     * ("a password is required", "dataset does not exist"), and the user's desktop language must
     * not change that. Only LC_MESSAGES changes; an LC_ALL is moved to LANG so the character set
     * stays what it was. (Over SSH the remote script does the same on the host.)
     */
    static ProcessBuilder processBuilder(List<String> argv) {
        ProcessBuilder pb = new ProcessBuilder(argv);
        Map<String, String> env = pb.environment();
        String all = env.remove("LC_ALL");
        if (all != null && !all.isEmpty()) {
            env.put("LANG", all);
        }
        env.remove("LANGUAGE");
        env.put("LC_MESSAGES", "C");
        return pb;
    }

    /** How much stdout a result keeps: all up to the cap, or for a stream only its start. */
    int keptStdout(OutputListener l) {
        return l == OutputListener.NONE ? stdoutCap : Math.min(stdoutCap, STREAM_STDOUT_KEPT);
    }

    private static Consumer<String> lineSink(Consumer<String> target, OutputListener l) {
        return l == OutputListener.NONE ? null : target;
    }

    /** Stderr lines to the listener, minus the transport's bookkeeping (whose marker it records). */
    Consumer<String> stderrSink(Execution ex, OutputListener l) {
        if (transport.isLocal()) {
            return lineSink(l::stderrLine, l);
        }
        return line -> {
            var group = transport.remoteProcessGroup(line);
            if (group.isPresent()) {
                ex.remoteGroupKnown(group.getAsLong());
            } else if (!transport.isBookkeeping(line)) {
                l.stderrLine(line);
            }
        };
    }

    /** Ends the transport's shared connection, if it keeps one. */
    @Override
    public void close() {
        transport.close();
    }

    @Override
    public java.util.Optional<ProcessCommandRunner> processes() {
        return java.util.Optional.of(this);
    }

    @Override
    public RunningPipeline startPipeline(List<Command> stages, List<OutputListener> listeners) {
        if (stages.size() < 2) {
            throw new IllegalArgumentException("a pipeline needs at least two stages");
        }
        return transport.isLocal() ? LocalPipeline.start(this, stages, listeners) : RemotePipeline.start(this, stages, listeners);
    }

    // ------------------------------------------------------------------ shared plumbing

    CommandJournal journal() {
        return journal;
    }

    static ExecutorService io() {
        return IO;
    }

    static ScheduledExecutorService timers() {
        return TIMERS;
    }

    static void feedStdin(Process p, byte[] stdin) {
        if (stdin == null) {
            try {
                p.getOutputStream().close();
            } catch (IOException ignored) {
                // already gone
            }
            return;
        }
        IO.execute(() -> {
            try (OutputStream os = p.getOutputStream()) {
                os.write(stdin);
            } catch (IOException ignored) {
                // the process exited before reading all of it; its exit status says why
            }
        });
    }

    /** SIGTERM to the tree, SIGKILL to what is left after a grace period. */
    static void killTree(Process p) {
        kill(p, true);
    }

    /**
     * Like {@link #killTree}; without {@code descendants} only the process itself: an ssh client may
     * have just forked the connection master that other commands share, which must live on.
     */
    static void kill(Process p, boolean descendants) {
        List<ProcessHandle> tree = new ArrayList<>();
        if (descendants) {
            p.descendants().forEach(tree::add);
        }
        tree.add(p.toHandle());
        tree.forEach(ProcessHandle::destroy);
        TIMERS.schedule(() -> tree.forEach(h -> {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }), KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How a remote stop ended: the host confirmed the process group is gone, or why that is not known. */
    record RemoteStop(boolean confirmed, long group, String why) {
    }

    /**
     * Stops a command running over SSH: waits briefly for its process-group marker, kills that
     * group on the host through the transport, then kills the local ssh client if it is still there.
     * Completes with whether the host confirmed the group is gone.
     */
    static CompletableFuture<RemoteStop> terminateRemote(Transport transport, Command command, CompletableFuture<Long> remoteGroup,
            List<Process> local) {
        CompletableFuture<RemoteStop> outcome = new CompletableFuture<>();
        remoteGroup.copy()
                .completeOnTimeout(-1L, MARKER_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(group -> group > 0
                        ? transport.cancelRemote(command, group).thenApply(gone -> new RemoteStop(gone, group,
                                gone ? "" : "its process group was still there after SIGKILL, or the host did not answer"))
                        : CompletableFuture.completedFuture(new RemoteStop(false, -1,
                                "it had not yet told Sluice its process group on the host, so only the local ssh client was stopped")))
                .completeOnTimeout(new RemoteStop(false, remoteGroup.getNow(-1L), "the host did not answer the stop request in time"),
                        REMOTE_KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((stop, t) -> {
                    outcome.complete(stop != null ? stop : new RemoteStop(false, remoteGroup.getNow(-1L), String.valueOf(t)));
                    TIMERS.schedule(() -> local.forEach(p -> {
                        if (p.isAlive()) {
                            kill(p, false);
                        }
                    }), 500, TimeUnit.MILLISECONDS);
                });
        return outcome;
    }

    /** One command's lifecycle; also the {@link RunningCommand} handed to the caller. */
    final class Execution implements RunningCommand {
        private final Command command;
        private final CommandJournal.Entry entry;
        private final Instant started;
        private final CompletableFuture<CommandResult> future = new CompletableFuture<>();
        private final AtomicReference<String> stopReason = new AtomicReference<>();
        private volatile List<Process> processes = List.of();
        private final CompletableFuture<Long> remoteGroup = new CompletableFuture<>();
        private volatile OutputStream stdin;
        /** A local pkexec command's own way to stop (its root process ignores our signals), or null. */
        private volatile PkexecStop pkexec;
        /** Set when a remote command was stopped: whether the host confirmed it. */
        private volatile CompletableFuture<RemoteStop> remoteStop;
        private ScheduledFuture<?> timer;

        Execution(Command command, CommandJournal.Entry entry, Instant started) {
            this.command = command;
            this.entry = entry;
            this.started = started;
        }

        void attach(List<Process> ps) {
            this.processes = ps;
            if (command.hasTimeout()) {
                timer = TIMERS.schedule(() -> stop("timeout"), command.timeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            if (stopReason.get() != null) {
                terminate(); // cancelled while starting
            }
        }

        /** The remote command announced its process group (SSH only). */
        void remoteGroupKnown(long group) {
            remoteGroup.complete(group);
        }

        @Override
        public Command command() {
            return command;
        }

        @Override
        public CompletableFuture<CommandResult> future() {
            return future;
        }

        @Override
        public void cancel() {
            stop("cancel");
        }

        @Override
        public OutputStream stdin() {
            OutputStream s = stdin;
            if (s == null) {
                return RunningCommand.super.stdin();
            }
            return s;
        }

        private void stop(String why) {
            if (future.isDone() || !stopReason.compareAndSet(null, why)) {
                return;
            }
            terminate();
        }

        /** Marks the command stopped without killing anything: for pipelines that stop it themselves. */
        void markStopped(String why) {
            stopReason.compareAndSet(null, why);
        }

        /**
         * Locally: kill the process tree. Over SSH: kill the remote process group first (the remote
         * side would otherwise run on), then the local client if it has not exited by itself.
         */
        private void terminate() {
            List<Process> ps = processes;
            if (transport.isLocal()) {
                PkexecStop p = pkexec;
                if (p != null) {
                    p.stop();
                }
                ps.forEach(ProcessCommandRunner::killTree);
                return;
            }
            remoteStop = ProcessCommandRunner.terminateRemote(transport, command, remoteGroup, ps);
        }

        /** A remote pipeline stops all its stages at once: each stage's outcome is that stop's. */
        void remoteStop(CompletableFuture<RemoteStop> stop) {
            remoteStop = stop;
        }

        /** Null when nothing remote was stopped or the host confirmed it; else why it is not known. */
        private RemoteStop unconfirmedStop() {
            CompletableFuture<RemoteStop> f = remoteStop;
            if (f == null) {
                return null;
            }
            RemoteStop s;
            try {
                s = f.get(REMOTE_KILL_WAIT.toMillis() + 2_000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                s = new RemoteStop(false, remoteGroup.getNow(-1L), "the stop request did not complete");
            }
            return s.confirmed() ? null : s;
        }

        String stopReason() {
            return stopReason.get();
        }

        List<Process> processes() {
            return processes;
        }

        void failToStart(IOException e) {
            Duration d = Duration.between(started, Instant.now());
            String msg = e.getMessage() == null ? "" : e.getMessage();
            CommandException ce = msg.contains("error=2") || msg.contains("No such file")
                    ? new CommandException.NotInstalled(command, transport.isLocal() ? command.program() : "ssh", host.displayName())
                    : new CommandException.Failed(new CommandResult(command, host.displayName(), -1, "", msg, started, d, false));
            journal.finished(entry, ce instanceof CommandException.NotInstalled ? CommandJournal.State.NOT_INSTALLED
                    : CommandJournal.State.FAILED, null, d, msg);
            future.completeExceptionally(ce);
        }

        void completeSingle(int exit, OutputCollector out, OutputCollector err) {
            try {
                out.awaitDone(5_000);
                err.awaitDone(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finish(exit, out.text(), err.text(), out.truncated());
        }

        /** Completes with the process's outcome; {@code rawStderr} still holds transport bookkeeping. */
        void finish(int exit, String stdout, String rawStderr, boolean truncated) {
            String unreachable = exit != 0 && transport.isTransportFailure(exit, rawStderr)
                    ? transport.describeTransportFailure(rawStderr) : null;
            finish(exit, stdout, transport.filterStderr(rawStderr), truncated, unreachable);
        }

        /**
         * Completes with an outcome already taken apart (a remote pipeline's stage);
         * {@code unreachable}, when not null, says why the host could not be reached.
         */
        void finish(int exit, String stdout, String stderr, boolean truncated, String unreachable) {
            if (timer != null) {
                timer.cancel(false);
            }
            PkexecStop p = pkexec;
            if (p != null) {
                // a stopped command's root shell may still be looking for its stop file (it polls once a second)
                TIMERS.schedule(p::forget, stopReason.get() == null ? 0 : 5, TimeUnit.SECONDS);
            }
            Duration d = Duration.between(started, Instant.now());
            CommandResult result = new CommandResult(command, host.displayName(), exit, stdout, stderr, started, d, truncated);
            String why = stopReason.get();
            CommandException failure;
            CommandJournal.State state;
            RemoteStop unconfirmed = "cancel".equals(why) ? unconfirmedStop() : null;
            if (unconfirmed != null) {
                failure = new CommandException.StopNotConfirmed(command, host.displayName(), unconfirmed.group(), unconfirmed.why());
                state = CommandJournal.State.FAILED;
            } else if ("cancel".equals(why)) {
                failure = new CommandException.Cancelled(command);
                state = CommandJournal.State.CANCELLED;
            } else if ("timeout".equals(why)) {
                failure = new CommandException.TimedOut(command);
                state = CommandJournal.State.TIMED_OUT;
            } else {
                failure = unreachable != null ? new CommandException.HostUnreachable(command, host.displayName(), unreachable)
                        : exit == 0 ? null : FailureKinds.classify(host, command, exit, stderr);
                state = failure instanceof CommandException.NotInstalled ? CommandJournal.State.NOT_INSTALLED
                        : exit == 0 ? CommandJournal.State.SUCCEEDED : CommandJournal.State.FAILED;
            }
            journal.finished(entry, state, exit, d, stderr);
            if (failure != null) {
                future.completeExceptionally(failure);
            } else {
                future.complete(result);
            }
        }
    }
}
