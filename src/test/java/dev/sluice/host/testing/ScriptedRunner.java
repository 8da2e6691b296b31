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
 * </pre>
 */
public final class ScriptedRunner implements CommandRunner {

    /** What a matched command answers. */
    public record Answer(int exit, String stdout, String stderr, List<String> stderrLines, CommandException thrown) {
    }

    private record Rule(Predicate<List<String>> matches, Function<Command, Answer> answer) {
    }

    public final class RuleBuilder {
        private final Predicate<List<String>> matches;

        RuleBuilder(Predicate<List<String>> matches) {
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

        public ScriptedRunner raise(Function<Command, CommandException> e) {
            return answer(c -> new Answer(-1, "", "", List.of(), e.apply(c)));
        }

        public ScriptedRunner answer(Function<Command, Answer> a) {
            rules.add(0, new Rule(matches, a));
            return ScriptedRunner.this;
        }
    }

    private final Host host;
    private final CommandJournal journal;
    private final List<Rule> rules = Collections.synchronizedList(new ArrayList<>());
    private final List<Command> ran = Collections.synchronizedList(new ArrayList<>());

    public ScriptedRunner() {
        this(Host.local(Elevation.NONE), new CommandJournal());
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
        return new RuleBuilder(want::equals);
    }

    /** Argv starting with these words. */
    public RuleBuilder onPrefix(String... prefix) {
        List<String> want = List.of(prefix);
        return new RuleBuilder(a -> a.size() >= want.size() && a.subList(0, want.size()).equals(want));
    }

    public RuleBuilder when(Predicate<List<String>> p) {
        return new RuleBuilder(p);
    }

    /** Every command whose program is {@code program} fails as "not installed". */
    public ScriptedRunner notInstalled(String program) {
        return new RuleBuilder(a -> a.get(0).equals(program))
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

    @Override
    public Host host() {
        return host;
    }

    @Override
    public RunningCommand start(Command command, OutputListener listener) {
        ran.add(command);
        Instant now = Instant.now();
        CommandJournal.Entry entry = journal.started(host.displayName(), command.argv(), command, now);
        CompletableFuture<CommandResult> f = new CompletableFuture<>();
        Answer a = find(command);
        if (a.thrown() != null) {
            journal.finished(entry, a.thrown() instanceof CommandException.NotInstalled
                    ? CommandJournal.State.NOT_INSTALLED : CommandJournal.State.FAILED, null, Duration.ZERO, a.thrown().getMessage());
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
                if (r.matches().test(c.argv())) {
                    return r.answer().apply(c);
                }
            }
        }
        throw new AssertionError("ScriptedRunner: no answer scripted for: " + c.toShell());
    }
}
