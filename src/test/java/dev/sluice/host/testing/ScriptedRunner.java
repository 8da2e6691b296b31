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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A test double for {@link CommandRunner}: answers argv with scripted stdout/stderr/exit codes, records
 * every command it was asked to run (in order), and journals like the real runner. Unmatched commands fail
 * the test loudly. Answers are matched newest-first, so a test can override an earlier rule.
 *
 * <pre>
 * ScriptedRunner r = new ScriptedRunner();
 * r.on("zfs", "list", "-Hp").stdout(fixture("zfs-list-Hp-all.txt"));
 * r.onPrefix("zfs", "destroy").fail(1, "cannot destroy 'tank/vm': dataset is busy\n");
 * r.notInstalled("VBoxManage");
 * r.on("zfs", "send", "tank/vm@a").hangs();          // runs until cancelled
 * r.otherwiseNotInstalled();                          // anything unscripted: "not installed"
 * </pre>
 * Rules match the argv the caller gave ({@link Command#argv()}); {@link #whenCommand} also sees
 * {@link Command#needsRoot()}. The journal gets the argv as it would run on the host, elevation
 * included ({@code sudo -n -- zfs ...}), like the real runner; {@link #ranHostArgv()} returns those.
 */
public final class ScriptedRunner implements CommandRunner {

    /** What a matched command answers; {@code hangs}: keeps running until cancelled. */
    public record Answer(int exit, String stdout, String stderr, List<String> stderrLines, CommandException thrown, boolean hangs) {
        public Answer(int exit, String stdout, String stderr, List<String> stderrLines, CommandException thrown) {
            this(exit, stdout, stderr, stderrLines, thrown, false);
        }
    }

    private record Rule(Predicate<Command> matches, Function<Command, Answer> answer) {
    }

    public final class RuleBuilder {
        private final Predicate<Command> matches;

        RuleBuilder(Predicate<Command> matches) {
            this.matches = matches;
        }

        public ScriptedRunner stdout(String out) {
            return answer(c -> new Answer(0, out, "", List.of(), null));
        }

        public ScriptedRunner ok() {
            return stdout("");
        }

        public ScriptedRunner fail(int exit, String stderr) {
            return answer(c -> new Answer(exit, "", stderr, List.of(), null));
        }

        /** Succeeds and streams these stderr lines to the listener first (progress meters). */
        public ScriptedRunner progress(List<String> stderrLines, String stdout) {
            return answer(c -> new Answer(0, stdout, String.join("\n", stderrLines), stderrLines, null));
        }

        /** Any exit code with both streams; {@code run} throws {@link CommandException.Failed} when non-zero. */
        public ScriptedRunner exits(int exit, String stdout, String stderr) {
            return answer(c -> new Answer(exit, stdout, stderr, List.of(), null));
        }

        public ScriptedRunner raise(Function<Command, CommandException> e) {
            return answer(c -> new Answer(-1, "", "", List.of(), e.apply(c)));
        }

        public ScriptedRunner notInstalled() {
            return raise(c -> new CommandException.NotInstalled(c, c.program(), host.displayName()));
        }

        /** What the real runner raises when {@code sudo -n} wants a password or pkexec is dismissed. */
        public ScriptedRunner privilegeDenied(String message) {
            return raise(c -> new CommandException.PrivilegeDenied(c, message));
        }

        /** What the real runner raises when ssh cannot reach the host. */
        public ScriptedRunner unreachable(String detail) {
            return raise(c -> new CommandException.HostUnreachable(c, host.displayName(), detail));
        }

        /** Keeps running until cancelled, then fails with {@link CommandException.Cancelled} (journalled as CANCELLED). */
        public ScriptedRunner hangs() {
            return answer(c -> new Answer(-1, "", "", List.of(), null, true));
        }

        public ScriptedRunner answer(Function<Command, Answer> a) {
            if (matches == null) {
                fallback = a;
            } else {
                rules.add(0, new Rule(matches, a));
            }
            return ScriptedRunner.this;
        }
    }

    private final Host host;
    private final CommandJournal journal;
    private final List<Rule> rules = Collections.synchronizedList(new ArrayList<>());
    private final List<Command> ran = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<Command, Answer> fallback;

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

    public CommandJournal journal() {
        return journal;
    }

    /** Exact argv match. */
    public RuleBuilder on(String... argv) {
        List<String> want = List.of(argv);
        return new RuleBuilder(c -> want.equals(c.argv()));
    }

    /** Argv starting with these words. */
    public RuleBuilder onPrefix(String... prefix) {
        List<String> want = List.of(prefix);
        return new RuleBuilder(c -> c.argv().size() >= want.size() && c.argv().subList(0, want.size()).equals(want));
    }

    public RuleBuilder when(Predicate<List<String>> p) {
        return new RuleBuilder(c -> p.test(c.argv()));
    }

    /** Sees the whole command: e.g. {@code c -> c.needsRoot() && c.program().equals("zfs")}. */
    public RuleBuilder whenCommand(Predicate<Command> p) {
        return new RuleBuilder(p);
    }

    /** What unscripted commands answer (instead of failing the test). */
    public RuleBuilder otherwise() {
        return new RuleBuilder(null);
    }

    /** Every unscripted command fails as "not installed". */
    public ScriptedRunner otherwiseNotInstalled() {
        return otherwise().notInstalled();
    }

    /** Every command whose program is {@code program} fails as "not installed". */
    public ScriptedRunner notInstalled(String program) {
        return new RuleBuilder(c -> c.program().equals(program))
                .raise(c -> new CommandException.NotInstalled(c, program, host.displayName()));
    }

    /** The commands run so far, in order. */
    public List<Command> ran() {
        synchronized (ran) {
            return List.copyOf(ran);
        }
    }

    public List<List<String>> ranArgv() {
        return ran().stream().map(Command::argv).toList();
    }

    /** Whether a command with exactly this argv ran. */
    public boolean ran(String... argv) {
        return ranArgv().contains(List.of(argv));
    }

    /** The argv as each command would run on the host: elevation included for root commands. */
    public List<List<String>> ranHostArgv() {
        return ran().stream().map(this::hostArgv).toList();
    }

    private List<String> hostArgv(Command c) {
        return c.needsRoot() ? host.elevation().wrap(c.argv()) : c.argv();
    }

    @Override
    public Host host() {
        return host;
    }

    @Override
    public RunningCommand start(Command command, OutputListener listener) {
        ran.add(command);
        Instant now = Instant.now();
        Answer a = find(command);
        CommandJournal.Entry entry = journal.started(host.displayName(), hostArgv(command), command, now);
        CompletableFuture<CommandResult> f = new CompletableFuture<>();
        if (a.hangs()) {
            return hanging(command, entry, now, f);
        }
        if (a.thrown() != null) {
            CommandJournal.State state = a.thrown() instanceof CommandException.NotInstalled ? CommandJournal.State.NOT_INSTALLED
                    : a.thrown() instanceof CommandException.Cancelled ? CommandJournal.State.CANCELLED
                    : a.thrown() instanceof CommandException.TimedOut ? CommandJournal.State.TIMED_OUT : CommandJournal.State.FAILED;
            journal.finished(entry, state, null, Duration.ZERO, a.thrown().getMessage());
            f.completeExceptionally(a.thrown());
        } else {
            a.stderrLines().forEach(listener::stderrLine);
            if (!a.stdout().isEmpty()) {
                a.stdout().lines().forEach(listener::stdoutLine);
            }
            journal.finished(entry, a.exit() == 0 ? CommandJournal.State.SUCCEEDED : CommandJournal.State.FAILED,
                    a.exit(), Duration.ZERO, a.stderr());
            f.complete(new CommandResult(command, host.displayName(), a.exit(), a.stdout(), a.stderr(), now, Duration.ZERO, false));
        }
        return new RunningCommand() {
            @Override
            public Command command() {
                return command;
            }

            @Override
            public CompletableFuture<CommandResult> future() {
                return f;
            }

            @Override
            public void cancel() {
            }
        };
    }

    private RunningCommand hanging(Command command, CommandJournal.Entry entry, Instant started, CompletableFuture<CommandResult> f) {
        return new RunningCommand() {
            @Override
            public Command command() {
                return command;
            }

            @Override
            public CompletableFuture<CommandResult> future() {
                return f;
            }

            @Override
            public void cancel() {
                synchronized (f) {
                    if (f.isDone()) {
                        return;
                    }
                    journal.finished(entry, CommandJournal.State.CANCELLED, null, Duration.between(started, Instant.now()), "");
                    f.completeExceptionally(new CommandException.Cancelled(command));
                }
            }
        };
    }

    @Override
    public RunningPipeline startPipeline(List<Command> stages, List<OutputListener> listeners) {
        List<CommandResult> results = new ArrayList<>();
        CompletableFuture<List<CommandResult>> f = new CompletableFuture<>();
        try {
            for (int i = 0; i < stages.size(); i++) {
                OutputListener l = i < listeners.size() ? listeners.get(i) : OutputListener.NONE;
                results.add(start(stages.get(i), l).result());
            }
            f.complete(results);
        } catch (CommandException e) {
            f.completeExceptionally(e);
        }
        return new RunningPipeline() {
            @Override
            public List<Command> stages() {
                return stages;
            }

            @Override
            public CompletableFuture<List<CommandResult>> future() {
                return f;
            }

            @Override
            public void cancel() {
            }
        };
    }

    private Answer find(Command c) {
        synchronized (rules) {
            for (Rule r : rules) {
                if (r.matches().test(c)) {
                    return r.answer().apply(c);
                }
            }
        }
        if (fallback != null) {
            return fallback.apply(c);
        }
        throw new AssertionError("ScriptedRunner: no answer scripted for: " + c.toShell());
    }
}
