package dev.sluice.host.testing;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandJournal;
import dev.sluice.host.CommandResult;
import dev.sluice.host.CommandRunner;
import dev.sluice.host.Elevation;
import dev.sluice.host.Host;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningCommand;
import dev.sluice.host.RunningPipeline;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A {@link CommandRunner} test double that answers from a script instead of running anything:
 * <pre>{@code
 * ScriptedRunner r = new ScriptedRunner()
 *         .on("zfs", "version").replies("zfs-2.3.2-1\nzfs-kmod-2.3.2-1\n")
 *         .on("qemu-img", "--version").notInstalled()
 *         .on(argv -> argv.get(0).equals("zpool")).fails(1, "cannot open 'x': no such pool");
 * ... code under test ...
 * assertEquals(List.of("zfs", "version"), r.ranArgv().get(0));
 * }</pre>
 * Rules match the argv as it would run on the host, elevation included ({@code sudo -n -- zfs ...}
 * for a root command on a {@code sudo -n} host). The newest matching rule wins, so a test can
 * re-script an answer. An argv with no rule throws {@link AssertionError} unless
 * {@link #otherwiseNotInstalled()} or {@link #otherwise()} says what to do. Every command is
 * recorded, and journalled when a {@link CommandJournal} is given, like the real runner does.
 */
public final class ScriptedRunner implements CommandRunner {

    /** One scripted answer: output and exit code, a typed failure, or "keeps running until cancelled". */
    public record Reply(String stdout, String stderr, int exitCode, Function<Command, CommandException> failure, boolean hangs) {

        public static Reply of(String stdout, String stderr, int exitCode) {
            return new Reply(stdout, stderr, exitCode, null, false);
        }

        public static Reply raising(Function<Command, CommandException> failure) {
            return new Reply("", "", -1, failure, false);
        }
    }

    private record Rule(Predicate<List<String>> matches, Reply reply) {
    }

    private final Host host;
    private final CommandJournal journal;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Command> ran = new CopyOnWriteArrayList<>();
    private final List<List<String>> ranArgv = new CopyOnWriteArrayList<>();
    private Reply fallback;

    public ScriptedRunner() {
        this(Host.local(Elevation.NONE), new CommandJournal());
    }

    public ScriptedRunner(Host host) {
        this(host, new CommandJournal());
    }

    public ScriptedRunner(Host host, CommandJournal journal) {
        this.host = host;
        this.journal = journal;
    }

    // ------------------------------------------------------------------ scripting

    /** Answers for exactly this argv (as run on the host). */
    public Answer on(String... argv) {
        List<String> exact = List.of(argv);
        return new Answer(exact::equals);
    }

    /** Answers for every argv that starts with these words. */
    public Answer onPrefix(String... prefix) {
        List<String> p = List.of(prefix);
        return new Answer(a -> a.size() >= p.size() && a.subList(0, p.size()).equals(p));
    }

    public Answer on(Predicate<List<String>> matches) {
        return new Answer(matches);
    }

    /** What to do with argv no rule matches. */
    public Answer otherwise() {
        return new Answer(null);
    }

    /** Unscripted programs behave as not installed. */
    public ScriptedRunner otherwiseNotInstalled() {
        return otherwise().notInstalled();
    }

    public final class Answer {
        private final Predicate<List<String>> matches;

        private Answer(Predicate<List<String>> matches) {
            this.matches = matches;
        }

        /** Exit 0 with this stdout. */
        public ScriptedRunner replies(String stdout) {
            return answer(Reply.of(stdout, "", 0));
        }

        public ScriptedRunner replies(String stdout, String stderr, int exitCode) {
            return answer(Reply.of(stdout, stderr, exitCode));
        }

        /** Non-zero exit with this stderr; {@code run} throws {@link CommandException.Failed}. */
        public ScriptedRunner fails(int exitCode, String stderr) {
            return answer(Reply.of("", stderr, exitCode));
        }

        public ScriptedRunner notInstalled() {
            return answer(Reply.raising(c -> new CommandException.NotInstalled(c, c.program(), host.displayName())));
        }

        public ScriptedRunner privilegeDenied(String message) {
            return answer(Reply.raising(c -> new CommandException.PrivilegeDenied(c, message)));
        }

        public ScriptedRunner unreachable(String detail) {
            return answer(Reply.raising(c -> new CommandException.HostUnreachable(c, host.displayName(), detail)));
        }

        public ScriptedRunner raises(Function<Command, CommandException> failure) {
            return answer(Reply.raising(failure));
        }

        /** Keeps running until cancelled, then fails with {@link CommandException.Cancelled}. */
        public ScriptedRunner hangs() {
            return answer(new Reply("", "", -1, null, true));
        }

        public ScriptedRunner answer(Reply reply) {
            if (matches == null) {
                fallback = reply;
            } else {
                rules.add(new Rule(matches, reply));
            }
            return ScriptedRunner.this;
        }
    }

    // ------------------------------------------------------------------ what ran

    /** The commands as the caller gave them, in order. */
    public List<Command> ran() {
        return List.copyOf(ran);
    }

    /** The argv of each command as it ran on the host (elevation included), in order. */
    public List<List<String>> ranArgv() {
        return List.copyOf(ranArgv);
    }

    public boolean ran(String... argv) {
        return ranArgv.contains(List.of(argv));
    }

    public CommandJournal journal() {
        return journal;
    }

    // ------------------------------------------------------------------ CommandRunner

    @Override
    public Host host() {
        return host;
    }

    private List<String> onHost(Command c) {
        return c.needsRoot() ? host.elevation().wrap(c.argv()) : c.argv();
    }

    @Override
    public RunningCommand start(Command command, OutputListener listener) {
        List<String> argv = onHost(command);
        ran.add(command);
        ranArgv.add(argv);
        Reply reply = replyFor(argv);
        Instant started = Instant.now();
        CommandJournal.Entry entry = journal.started(host.displayName(), argv, command, started);
        Scripted running = new Scripted(command);
        if (reply.hangs()) {
            running.onCancel = () -> {
                journal.finished(entry, CommandJournal.State.CANCELLED, null, Duration.between(started, Instant.now()), "");
                running.future.completeExceptionally(new CommandException.Cancelled(command));
            };
            return running;
        }
        Duration took = Duration.between(started, Instant.now());
        if (reply.failure() != null) {
            CommandException e = reply.failure().apply(command);
            CommandJournal.State state = e instanceof CommandException.NotInstalled ? CommandJournal.State.NOT_INSTALLED
                    : e instanceof CommandException.Cancelled ? CommandJournal.State.CANCELLED
                    : e instanceof CommandException.TimedOut ? CommandJournal.State.TIMED_OUT : CommandJournal.State.FAILED;
            journal.finished(entry, state, null, took, e.getMessage());
            running.future.completeExceptionally(e);
            return running;
        }
        reply.stdout().lines().forEach(listener::stdoutLine);
        reply.stderr().lines().forEach(listener::stderrLine);
        journal.finished(entry, reply.exitCode() == 0 ? CommandJournal.State.SUCCEEDED : CommandJournal.State.FAILED,
                reply.exitCode(), took, reply.stderr());
        running.future.complete(new CommandResult(command, host.displayName(), reply.exitCode(), reply.stdout(), reply.stderr(),
                started, took, false));
        return running;
    }

    private Reply replyFor(List<String> argv) {
        for (int i = rules.size() - 1; i >= 0; i--) {
            if (rules.get(i).matches().test(argv)) {
                return rules.get(i).reply();
            }
        }
        if (fallback != null) {
            return fallback;
        }
        throw new AssertionError("ScriptedRunner: nothing scripted for " + argv + "; add .on(" + quoteAll(argv) + ")");
    }

    private static String quoteAll(List<String> argv) {
        return String.join(", ", argv.stream().map(a -> '"' + a + '"').toList());
    }

    /** Each stage answers from the script on its own; nothing flows between them. */
    @Override
    public RunningPipeline startPipeline(List<Command> stages, List<OutputListener> listeners) {
        List<RunningCommand> started = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            started.add(start(stages.get(i), listeners.isEmpty() ? OutputListener.NONE : listeners.get(i)));
        }
        CompletableFuture<List<CommandResult>> all = CompletableFuture
                .allOf(started.stream().map(RunningCommand::future).toArray(CompletableFuture[]::new))
                .thenApply(v -> started.stream().map(r -> r.future().join()).toList());
        return new RunningPipeline() {
            @Override
            public List<Command> stages() {
                return List.copyOf(stages);
            }

            @Override
            public CompletableFuture<List<CommandResult>> future() {
                return all;
            }

            @Override
            public void cancel() {
                started.forEach(RunningCommand::cancel);
            }
        };
    }

    private static final class Scripted implements RunningCommand {
        private final Command command;
        private final CompletableFuture<CommandResult> future = new CompletableFuture<>();
        private volatile Runnable onCancel = () -> { };

        Scripted(Command command) {
            this.command = command;
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
            if (!future.isDone()) {
                onCancel.run();
            }
        }
    }

    @Override
    public String toString() {
        return "ScriptedRunner[" + host.displayName() + ", ran " + Arrays.toString(ranArgv.toArray()) + "]";
    }
}
