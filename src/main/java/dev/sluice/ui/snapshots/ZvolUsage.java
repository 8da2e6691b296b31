package dev.sluice.ui.snapshots;

import java.util.Optional;

/**
 * Who has a zvol open, so that a rollback never pulls the disk from under a running guest. The VMs
 * feature supplies the real one ("VM web01 (running)") and a way to stop that user; until then
 * {@link #NONE} answers that nobody does.
 */
public interface ZvolUsage {

    ZvolUsage NONE = zvol -> Optional.empty();

    /** A description of the user fit to show ("VM web01 (running)"), or empty when the zvol is free. */
    Optional<String> usedBy(String zvolName) throws Exception;

    /** Whether {@link #stopUser} can stop what {@link #usedBy} named. */
    default boolean canStopUser(String zvolName) {
        return false;
    }

    /** Stops the user of the zvol (shuts the VM down) and returns when the zvol is free. Runs in a background task. */
    default void stopUser(String zvolName) throws Exception {
        throw new UnsupportedOperationException("nothing here can stop the user of " + zvolName);
    }
}
