package dev.sluice.host;

import java.util.List;

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

    /** Recognises a transport failure (ssh could not connect) from a finished command. */
    default boolean isTransportFailure(int exitCode, String stderr) {
        return false;
    }

    /** Removes transport bookkeeping lines (such as a remote process-group marker) from stderr. */
    default String filterStderr(String stderr) {
        return stderr;
    }

    /** Kills what a cancelled command left running on the host; local processes are killed by the runner. */
    default void cancelRemote(ProcessCommandRunner runner, RunningCommand running) {
    }

    @Override
    default void close() {
    }

    static Transport local() {
        return LocalTransport.INSTANCE;
    }
}
