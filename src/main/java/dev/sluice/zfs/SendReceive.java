package dev.sluice.zfs;

import dev.sluice.host.Command;
import dev.sluice.host.CommandException;
import dev.sluice.host.CommandResult;
import dev.sluice.host.OutputListener;
import dev.sluice.host.RunningPipeline;
import dev.sluice.host.StreamRoute;
import dev.sluice.task.Progress;
import dev.sluice.task.ProgressMeter;
import dev.sluice.task.TaskContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * One {@code zfs send -vP ... | zfs receive ...}, on one host or from one host to another, connected natively
 * by a {@link StreamRoute} (the data never passes through Sluice). Progress comes from
 * the send's stderr ({@link SendProgressParser}). Build it with {@link ZfsService#sendReceive} or
 * {@link ZfsService#resumeReceive}; {@link #commands()} shows what will run before {@link #run}.
 *
 * <p>On failure the receive side's error usually says most (target modified, source mismatch,
 * interrupted with a resume token), so it wins; the send's error is used when the receive's is
 * not recognised (e.g. the key is not loaded for a non-raw send). A stage between them (a compressor or buffer of a
 * route between hosts) shares its host's stderr with the zfs stage there, so its complaint reaches that error; when
 * both zfs ends succeed but such a stage failed, the transfer fails with that stage's error.
 */
public final class SendReceive {

    /**
     * What a finished transfer did. {@code received} are the snapshots written on the target
     * ("receiving ... into X"); {@code skipped} those the target already had, which zfs ignores
     * without failing ("snap X already exists; ignoring"): a repeated incremental receives nothing.
     */
    public record Result(long bytes, Duration elapsed, List<CommandResult> stages, List<String> received,
                         List<String> skipped) {

        public Result {
            received = List.copyOf(received);
            skipped = List.copyOf(skipped);
        }

        /** True when zfs succeeded but every snapshot in the stream was already on the target. */
        public boolean nothingNew() {
            return received.isEmpty() && !skipped.isEmpty();
        }
    }

    private final StreamRoute route;
    private final Command send;
    private final Command receive;
    private final String description;

    SendReceive(StreamRoute route, Command send, Command receive, String description) {
        this.route = route;
        this.send = send;
        this.receive = receive;
        this.description = description;
    }

    /** [send, receive], exactly as they will run. */
    public List<Command> commands() {
        return List.of(send, receive);
    }

    /** For "copy as shell": {@code zfs send -vP a@b | zfs receive -s x}, with the ssh hops of another route. */
    public String toShell() {
        return route.shell(send, receive);
    }

    /** How the stream travels (one host, relayed, direct). */
    public StreamRoute route() {
        return route;
    }

    public String description() {
        return description;
    }

    /** Runs in a background task: reports progress, cancels the pipeline when the task is cancelled. */
    public Result run(TaskContext ctx) throws ZfsException, CommandException {
        return run(ctx::progress, ctx);
    }

    /** Runs and blocks; {@code progress} receives updates on the reader thread. */
    public Result run(Consumer<Progress> progress) throws ZfsException, CommandException {
        return run(progress, null);
    }

    private Result run(Consumer<Progress> progress, TaskContext ctx) throws ZfsException, CommandException {
        SendProgressParser parser = new SendProgressParser();
        ProgressMeter meter = new ProgressMeter();
        OutputListener sendListener = new OutputListener() {
            @Override
            public void stderrLine(String line) {
                if (parser.accept(line)) {
                    String snap = parser.currentSnapshot();
                    progress.accept(meter.update(parser.done(), parser.total(),
                            snap == null ? description : "Sending " + snap));
                }
            }
        };
        Instant started = Instant.now();
        RunningPipeline p = route.start(send, receive, List.of(sendListener, OutputListener.NONE));
        if (ctx != null) {
            ctx.onCancel(p::cancel);
        }
        List<CommandResult> rs = p.results();
        CommandResult s = rs.get(0);
        CommandResult r = rs.get(rs.size() - 1);
        // between them, on a route between hosts: a compressor, buffers (see StreamRoute#wire)
        CommandResult wire = rs.subList(1, rs.size() - 1).stream().filter(w -> !w.ok()).findFirst().orElse(null);
        if (!r.ok() || !s.ok()) {
            ZfsCommandException recvErr = r.ok() ? null : ZfsErrors.classify(r.command(), r.exitCode(), r.stderr(), null);
            ZfsCommandException sendErr = s.ok() ? null : ZfsErrors.classify(s.command(), s.exitCode(), sendErrorText(s.stderr()), null);
            if (recvErr != null && (recvErr.kind() != ZfsException.Kind.UNKNOWN || sendErr == null
                    || sendErr.kind() == ZfsException.Kind.UNKNOWN)) {
                throw recvErr;
            }
            throw sendErr;
        }
        if (wire != null) {
            // both zfs ends say yes, but a stage between them failed: that is not a stream to trust
            throw new CommandException.Failed(wire);
        }
        long bytes = Math.max(parser.done(), parser.total());
        progress.accept(new Progress(bytes, bytes, 0, Duration.ZERO, "Done: " + description));
        List<String> received = new java.util.ArrayList<>();
        List<String> skipped = new java.util.ArrayList<>();
        readReceiveLog(r.stdout(), received, skipped);
        return new Result(bytes, Duration.between(started, Instant.now()), rs, received, skipped);
    }

    /** {@code zfs receive -v} stdout: "receiving full stream of A into B", "snap B already exists; ignoring". */
    static void readReceiveLog(String stdout, List<String> received, List<String> skipped) {
        for (String line : stdout.split("\n")) {
            if (line.startsWith("snap ") && line.endsWith(" already exists; ignoring")) {
                String snap = line.substring(5, line.length() - " already exists; ignoring".length());
                skipped.add(snap);
                received.remove(snap);
            } else if (line.startsWith("receiving ") && line.contains(" into ")) {
                received.add(line.substring(line.lastIndexOf(" into ") + 6));
            }
        }
    }

    /** The send's stderr without its once-a-second progress lines, which would bury the error. */
    static String sendErrorText(String stderr) {
        StringBuilder b = new StringBuilder();
        SendProgressParser probe = new SendProgressParser();
        for (String line : stderr.split("\n")) {
            String[] f = line.split("\t", -1);
            if (probe.accept(line) || f[0].equals("full") || f[0].equals("incremental")) {
                continue;
            }
            b.append(line).append('\n');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return "SendReceive[" + toShell() + "]";
    }
}
