package dev.sluice.host;

import java.util.List;

/**
 * Runs commands on one host. Everything is asynchronous: {@link #start} returns at once; the
 * blocking {@link #run} is for background tasks only, never the FX thread.
 */
public interface CommandRunner {

    Host host();

    default String hostName() {
        return host().displayName();
    }

    /**
     * Starts {@code command}; its stdout and stderr lines reach {@code listener} as they arrive. With
     * a listener other than {@link OutputListener#NONE} the command is a stream: its result keeps
     * only the start of stdout (the lines were the listener's), so a stream that runs for days does
     * not pile its output up in memory.
     */
    RunningCommand start(Command command, OutputListener listener);

    /**
     * Like {@link #start}, but stdin stays open for the caller to write through
     * {@link RunningCommand#stdin()} (long-lived byte streams such as QMP over
     * {@code socat - UNIX-CONNECT:...}); stdout lines reach the listener as they arrive.
     * {@code command.stdin()} must be null.
     */
    default RunningCommand startInteractive(Command command, OutputListener listener) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot keep a command's stdin open");
    }

    /** Runs and waits; non-zero exit throws {@link CommandException.Failed}. */
    default CommandResult run(Command command) throws CommandException {
        return start(command, OutputListener.NONE).await();
    }

    /** Runs and waits; returns the result whatever the exit code (the other failures still throw). */
    default CommandResult runAllowingFailure(Command command) throws CommandException {
        return start(command, OutputListener.NONE).result();
    }

    /**
     * {@code stages[0] | stages[1] | ...}, connected natively on the host (OS pipes locally, one
     * remote {@code sh -c} over SSH): bytes between stages never pass through Sluice. Each stage
     * keeps its own stderr and exit status. {@code listeners} is one per stage (or empty).
     */
    /**
     * The process runner underneath (this one, or the one a wrapper delegates to): streams between hosts join two
     * runners' processes with an OS pipe, which needs their transports. Empty for runners that start no processes.
     */
    default java.util.Optional<ProcessCommandRunner> processes() {
        return java.util.Optional.empty();
    }

    RunningPipeline startPipeline(List<Command> stages, List<OutputListener> listeners);
}
