package dev.sluice.host;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

final class Futures {
    private Futures() {
    }

    static <T> T await(CompletableFuture<T> f, Runnable onInterrupt) throws CommandException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            onInterrupt.run();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a command", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CommandException ce) {
                throw ce;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
