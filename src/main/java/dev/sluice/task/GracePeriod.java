package dev.sluice.task;

import java.time.Duration;

/**
 * Waiting for something to happen within a grace period, polling: a guest to power off after the ACPI
 * button (VirtualBox, libvirt) before it is forced off. Cancelling the task ends the wait early.
 */
public final class GracePeriod {

    /** Waits between polls; tests pass a no-op. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;

        Sleeper REAL = d -> Thread.sleep(d.toMillis());
    }

    /** A check that asks the host. */
    @FunctionalInterface
    public interface Check {
        boolean done() throws Exception;
    }

    private GracePeriod() {
    }

    /** Polls {@code check} every {@code poll} until it says done or {@code timeout} passed; true when it did. */
    public static boolean await(Check check, Duration timeout, Duration poll, TaskContext ctx, Sleeper sleeper) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !ctx.isCancelled()) {
            if (check.done()) {
                return true;
            }
            sleeper.sleep(poll);
        }
        return check.done();
    }
}
