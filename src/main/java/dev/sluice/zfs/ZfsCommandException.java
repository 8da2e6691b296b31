package dev.sluice.zfs;

import dev.sluice.host.Command;
import java.util.List;
import java.util.Optional;

/**
 * A zfs/zpool command that failed, classified by its stderr (see {@link ZfsErrors}). Keeps the
 * command, exit code and ZFS's own text for the Activity view; {@link #names()} holds datasets the
 * text listed (newer snapshots for rollback, dependent clones for destroy).
 */
public final class ZfsCommandException extends ZfsException {
    private final Command command;
    private final int exitCode;
    private final String stderr;
    private final List<String> names;
    private final String resumeToken;

    public ZfsCommandException(Kind kind, String message, Command command, int exitCode, String stderr,
                               List<String> names, String resumeToken, Throwable cause) {
        super(kind, message, cause);
        this.command = command;
        this.exitCode = exitCode;
        this.stderr = stderr == null ? "" : stderr;
        this.names = List.copyOf(names);
        this.resumeToken = resumeToken;
    }

    /** The command that failed (null when the error came from a check Sluice made itself). */
    public Command command() {
        return command;
    }

    public int exitCode() {
        return exitCode;
    }

    /** ZFS's own words, verbatim. */
    public String stderr() {
        return stderr;
    }

    /**
     * What the error named (may be empty): newer snapshots/bookmarks for WOULD_DESTROY_NEWER, clones
     * for HAS_DEPENDENT_CLONES, children for HAS_CHILDREN, the target for RECEIVE_INTERRUPTED and
     * RESUME_TOKEN_INVALID, the hold tags for HELD.
     */
    public List<String> names() {
        return names;
    }

    /** For {@link Kind#RECEIVE_INTERRUPTED} with {@code receive -s}: the token printed by zfs. */
    public Optional<String> resumeToken() {
        return Optional.ofNullable(resumeToken);
    }
}
