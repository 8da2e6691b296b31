package dev.sluice.host;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One program to run: an argv list (never a shell string), optional stdin bytes, a timeout,
 * and whether it needs root. Stdin marked secret (a passphrase) is never logged or shown.
 */
public record Command(List<String> argv, byte[] stdin, boolean stdinSecret, Duration timeout, boolean needsRoot) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);

    public Command {
        Objects.requireNonNull(argv, "argv");
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least a program name");
        }
        for (String a : argv) {
            if (a.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an argument contains a NUL byte: " + a.replace('\0', '?'));
            }
        }
        Objects.requireNonNull(timeout, "timeout");
    }

    public static Command of(String... argv) {
        return new Command(List.of(argv), null, false, DEFAULT_TIMEOUT, false);
    }

    public static Command of(List<String> argv) {
        return new Command(argv, null, false, DEFAULT_TIMEOUT, false);
    }

    public String program() {
        return argv.get(0);
    }

    public Command withStdin(byte[] bytes) {
        return new Command(argv, bytes, false, timeout, needsRoot);
    }

    /** Stdin that must never reach a log, the Activity view or "copy as shell". */
    public Command withSecretStdin(byte[] bytes) {
        return new Command(argv, bytes, true, timeout, needsRoot);
    }

    public Command withTimeout(Duration t) {
        return new Command(argv, stdin, stdinSecret, t, needsRoot);
    }

    /** No timeout: for long streams (send | receive, iostat samplers) that the user cancels. */
    public Command untimed() {
        return withTimeout(Duration.ZERO);
    }

    public Command asRoot() {
        return new Command(argv, stdin, stdinSecret, timeout, true);
    }

    public boolean hasTimeout() {
        return !timeout.isZero() && !timeout.isNegative();
    }

    /** The argv as a POSIX shell would need it typed; stdin is not part of it. */
    public String toShell() {
        return ShellQuote.join(argv);
    }

    @Override
    public String toString() {
        return "Command[" + toShell() + (stdin == null ? "" : stdinSecret ? " <secret stdin>" : " <stdin " + stdin.length + " B>") + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Command c && c.argv.equals(argv) && c.needsRoot == needsRoot
                && c.timeout.equals(timeout) && java.util.Arrays.equals(c.stdin, stdin) && c.stdinSecret == stdinSecret;
    }

    @Override
    public int hashCode() {
        return Objects.hash(argv, needsRoot, timeout);
    }
}
