package dev.sluice.host;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
public final class ProcessCommandRunner implements CommandRunner {

    /** How much stdout a result keeps; lines beyond it still reach the listener. */
    public static final int STDOUT_CAP = 64 * 1024 * 1024;
    public static final int STDERR_CAP = 1024 * 1024;
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);

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

    public ProcessCommandRunner(Host host, Transport transport, CommandJournal journal) {
        this.host = host;
        this.transport = transport;
        this.journal = journal;
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
        Instant started = Instant.now();
        CommandJournal.Entry entry = journal.started(host.displayName(), onHost, command, started);
        Execution ex = new Execution(command, entry, started);
        try {
            ProcessBuilder pb = new ProcessBuilder(transport.wrap(onHost));
            Process p = pb.start();
            ex.attach(List.of(p));
            if (interactive) {
                ex.stdin = p.getOutputStream();
            } else {
                feedStdin(p, command.stdin());
            }
            OutputCollector out = new OutputCollector(p.getInputStream(), STDOUT_CAP, lineSink(listener::stdoutLine, listener));
            OutputCollector err = new OutputCollector(p.getErrorStream(), STDERR_CAP, lineSink(listener::stderrLine, listener));
            IO.execute(out);
            IO.execute(err);
            p.onExit().thenAcceptAsync(done -> ex.completeSingle(done.exitValue(), out, err), IO);
        } catch (IOException e) {
            ex.failToStart(e);
        }
        return ex;
    }

    private static Consumer<String> lineSink(Consumer<String> target, OutputListener l) {
        return l == OutputListener.NONE ? null : target;
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
        List<ProcessHandle> tree = new ArrayList<>();
        p.descendants().forEach(tree::add);
        tree.add(p.toHandle());
        tree.forEach(ProcessHandle::destroy);
        TIMERS.schedule(() -> tree.forEach(h -> {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }), KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Turns a finished process into a result or the right typed failure. */
    CommandException classify(Command c, int exit, String stderr) {
        if (transport.isTransportFailure(exit, stderr)) {
            return new CommandException.HostUnreachable(c, host.displayName(), lastLine(stderr));
        }
        String err = stderr.toLowerCase(java.util.Locale.ROOT);
        if (c.needsRoot() && host.elevation() == Elevation.SUDO
                && (err.contains("a password is required") || err.contains("is not in the sudoers")
                || err.contains("not allowed to execute") || err.contains("may not run sudo"))) {
            return new CommandException.PrivilegeDenied(c, "sudo refused to run " + c.program() + " without a password on "
                    + host.displayName() + ". Allow it with a NOPASSWD rule, e.g. in /etc/sudoers.d/sluice: "
                    + "`youruser ALL=(root) NOPASSWD: /usr/sbin/zfs, /usr/sbin/zpool` — or delegate with `zfs allow`, "
                    + "or pick another privilege mode in the host settings.");
        }
        if (c.needsRoot() && host.elevation() == Elevation.PKEXEC && (exit == 126 || exit == 127)
                && (err.contains("not authorized") || err.contains("dismissed") || err.isBlank())) {
            return new CommandException.PrivilegeDenied(c, "pkexec did not authorize " + c.program() + " on "
                    + host.displayName() + " (the prompt was dismissed or polkit refused). Run Sluice in a desktop session "
                    + "with a polkit agent, or choose `sudo -n` for this host.");
        }
        if (exit == 127 && (err.contains("not found") || err.contains("no such file"))) {
            return new CommandException.NotInstalled(c, c.program(), host.displayName());
        }
        if (c.needsRoot() && host.elevation() == Elevation.SUDO && err.contains("sudo:") && err.contains("command not found")) {
            return new CommandException.NotInstalled(c, c.program(), host.displayName());
        }
        if (exit == 127 && c.needsRoot() && host.elevation() != Elevation.NONE && err.contains("sudo")) {
            return new CommandException.NotInstalled(c, "sudo", host.displayName());
        }
        return null;
    }

    private static String lastLine(String s) {
        String[] lines = s.strip().split("\n");
        return lines.length == 0 ? "no answer" : lines[lines.length - 1].strip();
    }

    /** One command's lifecycle; also the {@link RunningCommand} handed to the caller. */
    final class Execution implements RunningCommand {
        private final Command command;
        private final CommandJournal.Entry entry;
        private final Instant started;
        private final CompletableFuture<CommandResult> future = new CompletableFuture<>();
        private final AtomicReference<String> stopReason = new AtomicReference<>();
        private volatile List<Process> processes = List.of();
        private volatile OutputStream stdin;
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
            transport.cancelRemote(ProcessCommandRunner.this, this);
            processes.forEach(ProcessCommandRunner::killTree);
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
            String stderr = transport.filterStderr(err.text());
            finish(exit, out.text(), stderr, out.truncated());
        }

        void finish(int exit, String stdout, String stderr, boolean truncated) {
            if (timer != null) {
                timer.cancel(false);
            }
            Duration d = Duration.between(started, Instant.now());
            CommandResult result = new CommandResult(command, host.displayName(), exit, stdout, stderr, started, d, truncated);
            String why = stopReason.get();
            CommandException failure;
            CommandJournal.State state;
            if ("cancel".equals(why)) {
                failure = new CommandException.Cancelled(command);
                state = CommandJournal.State.CANCELLED;
            } else if ("timeout".equals(why)) {
                failure = new CommandException.TimedOut(command);
                state = CommandJournal.State.TIMED_OUT;
            } else {
                failure = exit == 0 ? null : classify(command, exit, stderr);
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
