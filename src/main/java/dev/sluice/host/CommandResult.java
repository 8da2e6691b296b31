package dev.sluice.host;

import java.time.Duration;
import java.time.Instant;

/**
 * What a finished command left: exit code, captured output (capped, see {@code truncated}),
 * when it started and how long it ran.
 */
public record CommandResult(Command command, String hostName, int exitCode, String stdout, String stderr,
                            Instant started, Duration duration, boolean truncated) {

    public boolean ok() {
        return exitCode == 0;
    }
}
