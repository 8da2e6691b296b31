package dev.sluice.host;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A started pipeline: one result per stage, in order. */
public interface RunningPipeline {

    List<Command> stages();

    CompletableFuture<List<CommandResult>> future();

    void cancel();

    default List<CommandResult> results() throws CommandException {
        return Futures.await(future(), this::cancel);
    }

    /** Waits; the first stage that failed throws {@link CommandException.Failed}. */
    default List<CommandResult> await() throws CommandException {
        List<CommandResult> rs = results();
        for (CommandResult r : rs) {
            if (!r.ok()) {
                throw new CommandException.Failed(r);
            }
        }
        return rs;
    }
}
