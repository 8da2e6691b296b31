package dev.sluice.host;

import java.util.concurrent.CompletableFuture;

/** A started command: wait for it, or cancel it (which kills its whole process tree). */
public interface RunningCommand {

    Command command();

    /** Completes with the result whatever the exit code; exceptionally with a {@link CommandException}. */
    CompletableFuture<CommandResult> future();

    void cancel();

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
