package dev.sluice.migrate;

/** One step's state; persisted after every change so a crash leaves an exact record. */
public enum StepStatus {
    PENDING, RUNNING, DONE, FAILED, UNDOING, UNDONE, UNDO_FAILED, SKIPPED
}
