package dev.sluice.ui.snapshots;

/**
 * What the user chose in the rollback safety dialog: roll back (with or without the guard copy), or
 * clone the snapshot to {@code cloneTarget} instead and destroy nothing.
 */
public record RollbackChoice(Action action, boolean guard, String cloneTarget) {

    public enum Action { ROLLBACK, CLONE_INSTEAD }

    public static RollbackChoice rollback(boolean guard) {
        return new RollbackChoice(Action.ROLLBACK, guard, null);
    }

    public static RollbackChoice cloneInstead(String target) {
        return new RollbackChoice(Action.CLONE_INSTEAD, false, target);
    }
}
