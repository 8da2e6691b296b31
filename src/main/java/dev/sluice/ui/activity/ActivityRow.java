package dev.sluice.ui.activity;

import dev.sluice.host.CommandJournal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One command in the Activity table, as the journal last reported it. Holds the argv only:
 * stdin, and therefore any passphrase, never reaches a row; {@code stdinSecret} just says it was there.
 */
public record ActivityRow(long id, CommandJournal.State state, List<String> argv, String shellLine, String host,
                          Instant started, Duration duration, Integer exitCode, String stderr,
                          boolean stdinGiven, boolean stdinSecret) {

    static ActivityRow of(CommandJournal.Entry e) {
        return new ActivityRow(e.id(), e.state(), e.argv(), e.shellLine(), e.hostName(), e.started(), e.duration(),
                e.exitCode(), e.stderr() == null ? "" : e.stderr(), e.stdinGiven(), e.stdinSecret());
    }

    public boolean running() {
        return state == CommandJournal.State.RUNNING;
    }

    /** The last non-blank stderr line: what usually says why a command failed. */
    public String stderrSummary() {
        String[] lines = stderr.strip().split("\\R");
        return lines.length == 0 ? "" : lines[lines.length - 1].strip();
    }

    /** Duration so far for running rows, measured against {@code now}. */
    public Duration elapsed(Instant now) {
        return duration != null ? duration : Duration.between(started, now);
    }
}
