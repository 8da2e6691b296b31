package dev.sluice.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cross-host stream whose stages are more than one process per host ({@code zfs send | zstd | mbuffer} on the
 * source): the stages on one SSH host run as one {@code sh} pipeline in one session, so their bytes stay on that
 * host's pipes; each stage but the last of such a group reports a failure as a {@code SLUICE-WIRE <i> <rc>} line
 * on stderr ({@code { stage || echo SLUICE-WIRE i $? >&2; }}: plain POSIX, no {@code pipefail}, which dash
 * lacks). This wrapper turns one result per process back into one result per stage, so a compressor or buffer
 * that died fails the stream even when the stage after it exited 0.
 *
 * <p>The marker lines are bookkeeping, like the transport's: they are taken out of every stage's stderr and not
 * shown in the route's shell text, which is the stages' pipeline as the admin would type it.
 */
final class WirePipeline implements RunningPipeline {
    static final String MARKER = "SLUICE-WIRE";
    private static final Pattern MARKER_LINE = Pattern.compile("^" + MARKER + " (\\d{1,3}) (-?\\d{1,5})$");

    /** Stages run as one process; {@code process} is what is started for them. */
    record Group(List<Command> stages, Command process) {
        Group {
            stages = List.copyOf(stages);
        }
    }

    private final List<Command> stages;
    private final List<Group> groups;
    private final RunningPipeline processes;
    private final CompletableFuture<List<CommandResult>> future;

    private WirePipeline(List<Group> groups, RunningPipeline processes) {
        this.groups = List.copyOf(groups);
        this.stages = groups.stream().flatMap(g -> g.stages().stream()).toList();
        this.processes = processes;
        this.future = processes.future().thenApply(this::perStage);
    }

    /** Wraps {@code processes}, which runs one process per group, in order. */
    static RunningPipeline of(List<Group> groups, RunningPipeline processes) {
        return groups.stream().allMatch(g -> g.stages().size() == 1) ? processes : new WirePipeline(groups, processes);
    }

    /**
     * How {@code stages} run on {@code runner}'s host: one process each on this machine (OS pipes here), one
     * {@code sh -c} for all of them on an SSH host, elevated stage by stage as the runner elevates.
     */
    static List<Group> on(ProcessCommandRunner runner, List<Command> stages) {
        if (stages.size() == 1 || runner.host().isLocal()) {
            return stages.stream().map(s -> new Group(List.of(s), s)).toList();
        }
        List<List<String>> onHost = stages.stream().map(runner::hostArgv).toList();
        return List.of(new Group(stages, Command.of("sh", "-c", markedLine(onHost)).untimed()));
    }

    /** {@code { a || echo SLUICE-WIRE 0 $? >&2; } | { b || echo SLUICE-WIRE 1 $? >&2; } | c}: a POSIX sh line. */
    static String markedLine(List<List<String>> stages) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < stages.size(); i++) {
            if (i > 0) {
                s.append(" | ");
            }
            String stage = ShellQuote.join(stages.get(i));
            if (i < stages.size() - 1) {
                s.append("{ ").append(stage).append(" || echo ").append(MARKER).append(' ').append(i).append(" $? >&2; }");
            } else {
                s.append(stage);
            }
        }
        return s.toString();
    }

    /** One listener per process: a group's stderr (markers taken out) goes to each of its stages' listeners, stdout to its last's. */
    static List<OutputListener> listeners(List<Group> groups, List<OutputListener> perStage) {
        List<OutputListener> out = new ArrayList<>();
        int i = 0;
        for (Group g : groups) {
            List<OutputListener> mine = new ArrayList<>();
            for (int k = 0; k < g.stages().size(); k++, i++) {
                mine.add(i < perStage.size() && perStage.get(i) != null ? perStage.get(i) : OutputListener.NONE);
            }
            if (mine.size() == 1 || mine.stream().allMatch(l -> l == OutputListener.NONE)) {
                out.add(mine.get(mine.size() - 1));
                continue;
            }
            OutputListener last = mine.get(mine.size() - 1);
            out.add(new OutputListener() {
                @Override
                public void stdoutLine(String line) {
                    last.stdoutLine(line);
                }

                @Override
                public void stderrLine(String line) {
                    if (!MARKER_LINE.matcher(line).matches()) {
                        mine.forEach(l -> l.stderrLine(line));
                    }
                }
            });
        }
        return out;
    }

    private List<CommandResult> perStage(List<CommandResult> perProcess) {
        List<CommandResult> out = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            out.addAll(split(groups.get(g).stages(), perProcess.get(g)));
        }
        return out;
    }

    /**
     * One result per stage from the result of the process that ran them: the last stage's exit code is the
     * process's, an earlier stage's is its marker's (none: 0). The stages share one stderr; the first stage and
     * every failed one get it (the send's errors and progress lines are read from the first).
     */
    static List<CommandResult> split(List<Command> stages, CommandResult process) {
        if (stages.size() == 1) {
            return List.of(process);
        }
        int[] exit = new int[stages.size()];
        StringBuilder err = new StringBuilder();
        for (String line : process.stderr().split("\n", -1)) {
            Matcher m = MARKER_LINE.matcher(line);
            if (m.matches()) {
                int i = Integer.parseInt(m.group(1));
                if (i < stages.size() - 1) {
                    exit[i] = Integer.parseInt(m.group(2));
                }
            } else if (!line.isEmpty()) {
                err.append(line).append('\n');
            }
        }
        int last = stages.size() - 1;
        exit[last] = process.exitCode();
        List<CommandResult> out = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            boolean failed = exit[i] != 0;
            out.add(new CommandResult(stages.get(i), process.hostName(), exit[i], i == last ? process.stdout() : "",
                    i == 0 || failed ? err.toString() : "", process.started(), i == last ? process.duration() : Duration.ZERO,
                    i == last && process.truncated()));
        }
        return out;
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
        processes.cancel();
    }
}
