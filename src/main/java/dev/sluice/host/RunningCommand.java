package dev.sluice.host;

import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;

/** A started command: wait for it, or cancel it (which kills its whole process tree). */
public interface RunningCommand {

    Command command();

    /** Completes with the result whatever the exit code; exceptionally with a {@link CommandException}. */
    CompletableFuture<CommandResult> future();

    void cancel();

    /**
     * The command's stdin while it runs, for commands started with
     * {@link CommandRunner#startInteractive} (a QMP session through {@code socat} on an SSH host).
     * Closing it sends EOF.
     */
    default OutputStream stdin() {
        throw new UnsupportedOperationException(command().program() + " was not started interactively");
    }

    /** Waits; throws for not-installed, privilege, timeout, cancel and transport failures. */
    default CommandResult result() throws CommandException {
        return Futures.await(future(), this::cancel);
    }

    /** Like {@link #result()}, and a non-zero exit throws {@link CommandException.Failed}. */
    default CommandResult await() throws CommandException {
        CommandResult r = result();
        if (!r.ok()) {
            throw new CommandException.Failed(r);
        }
        return r;
    }
}
