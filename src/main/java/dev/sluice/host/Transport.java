package dev.sluice.host;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * How argv reaches a host: as it is (local), or wrapped into an {@code ssh} invocation whose
 * remote command line is quoted so that every argument arrives byte-identical.
 */
public interface Transport extends AutoCloseable {

    String hostName();

    /** The local argv that runs {@code argv} on the host. */
    List<String> wrap(List<String> argv);

    /**
     * The local argv that runs {@code script} with {@code sh -c} on the host: used by remote
     * pipelines, so that data flows between the stages on the host and never through Sluice.
     */
    List<String> wrapShell(String script);

    boolean isLocal();

    /** Recognises a transport failure (ssh could not connect) from a finished command's raw stderr. */
    default boolean isTransportFailure(int exitCode, String rawStderr) {
        return false;
    }

    /** For {@link CommandException.HostUnreachable}: what went wrong and what to do, from the raw stderr. */
    default String describeTransportFailure(String rawStderr) {
        return rawStderr.strip();
    }

    /** Removes transport bookkeeping lines (such as a remote process-group marker) from stderr. */
    default String filterStderr(String stderr) {
        return stderr;
    }

    /** Is this stderr line the transport's own (hidden from listeners and results)? */
    default boolean isBookkeeping(String stderrLine) {
        return false;
    }

    /** The remote process group a command announced in this stderr line, if it is that marker. */
    default OptionalLong remoteProcessGroup(String stderrLine) {
        return OptionalLong.empty();
    }

    /**
     * Kills a cancelled command's process group on the host; completes with true when the host
     * confirmed the group is gone. Local processes are killed by the runner itself.
     */
    default CompletableFuture<Boolean> cancelRemote(Command command, long processGroup) {
        return CompletableFuture.completedFuture(true);
    }

    @Override
    default void close() {
    }

    static Transport local() {
        return LocalTransport.INSTANCE;
    }
}
