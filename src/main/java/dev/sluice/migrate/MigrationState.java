package dev.sluice.migrate;

/**
 * Where a whole migration stands. Transitions go through {@link Migration#transition} (compare and
 * set), so two threads can never both start, cancel or roll back the same migration.
 */
public enum MigrationState {
    /** Planned and reviewed, nothing has run. */
    PLANNED,
    RUNNING,
    /** Every step done. */
    SUCCEEDED,
    /** A step failed; undoing the finished steps. */
    ROLLING_BACK,
    /** Everything undone: the system is as it was before (the message says what was kept). */
    ROLLED_BACK,
    /** A step failed and an undo failed too: the record says exactly what state each step is in. */
    NEEDS_ATTENTION,
    /** Found unfinished at start-up (Sluice or the host stopped mid-way): offer resume or roll back (or, past the point
     * of no return, finish or dismiss). */
    INTERRUPTED,
    /** The user chose to leave it as it is (past the point of no return): kept for the record, never offered again. */
    DISMISSED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == ROLLED_BACK || this == DISMISSED;
    }

    /** A process is working on it: the record has an owner. */
    public boolean isActive() {
        return this == RUNNING || this == ROLLING_BACK;
    }
}
